import frappe
from frappe import _
from frappe.model.document import Document

from springoffer.controllers.checks import check_body_role, check_region_scope


class BargainingInstructor(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from springoffer.springoffer.doctype.instructor_assignment.instructor_assignment import (
			InstructorAssignment,
		)

		active: DF.Check
		assignments: DF.Table[InstructorAssignment]
		full_name: DF.Data
		instructor_kind: DF.Literal["\u4e13\u804c", "\u517c\u804c"]
		organisation: DF.Data | None
		phone: DF.Data | None
		region: DF.Link
		reporting_body: DF.Literal["\u4eba\u529b\u8d44\u6e90\u548c\u793e\u4f1a\u4fdd\u969c\u90e8\u95e8", "\u603b\u5de5\u4f1a", "\u4f01\u4e1a\u548c\u5de5\u4e1a\u7ecf\u6d4e\u8054\u5408\u4f1a", "\u5de5\u5546\u4e1a\u8054\u5408\u4f1a"]
		user: DF.Link | None
	# end: auto-generated types
	def validate(self):
		check_body_role(self.reporting_body)
		names = [row.enterprise for row in self.assignments or [] if row.enterprise]
		regions = dict(frappe.get_all("Enterprise", filters={"name": ("in", names)}, fields=["name", "region"], as_list=True)) if names else {}
		check_region_scope(self, regions)
		for row in self.assignments or []:
			if not row.enterprise and not row.offer:
				frappe.throw(_("Assignment row {0}: choose the enterprise or the offer the instructor guides").format(row.idx))
			if row.enterprise and row.offer and not frappe.db.exists(
				"Offer Coverage", {"parent": row.offer, "parenttype": "Offer", "enterprise": row.enterprise}
			):
				frappe.throw(
					_("Assignment row {0}: offer {1} does not cover enterprise {2}; choose the offer that covers it").format(
						row.idx, row.offer, row.enterprise
					)
				)
