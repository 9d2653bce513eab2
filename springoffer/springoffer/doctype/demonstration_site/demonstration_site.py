import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from springoffer.controllers.checks import check_body_role, check_related_enterprises


class DemonstrationSite(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from springoffer.springoffer.doctype.demonstration_site_activity.demonstration_site_activity import (
			DemonstrationSiteActivity,
		)
		from springoffer.springoffer.doctype.related_enterprise.related_enterprise import RelatedEnterprise

		activities: DF.Table[DemonstrationSiteActivity]
		campaign: DF.Link
		carried_from: DF.Link | None
		covers: DF.Data
		enterprises: DF.Table[RelatedEnterprise]
		industry: DF.Literal["", "A \u519c\u3001\u6797\u3001\u7267\u3001\u6e14\u4e1a", "B \u91c7\u77ff\u4e1a", "C \u5236\u9020\u4e1a", "D \u7535\u529b\u3001\u70ed\u529b\u3001\u71c3\u6c14\u53ca\u6c34\u751f\u4ea7\u548c\u4f9b\u5e94\u4e1a", "E \u5efa\u7b51\u4e1a", "F \u6279\u53d1\u548c\u96f6\u552e\u4e1a", "G \u4ea4\u901a\u8fd0\u8f93\u3001\u4ed3\u50a8\u548c\u90ae\u653f\u4e1a", "H \u4f4f\u5bbf\u548c\u9910\u996e\u4e1a", "I \u4fe1\u606f\u4f20\u8f93\u3001\u8f6f\u4ef6\u548c\u4fe1\u606f\u6280\u672f\u670d\u52a1\u4e1a", "J \u91d1\u878d\u4e1a", "K \u623f\u5730\u4ea7\u4e1a", "L \u79df\u8d41\u548c\u5546\u52a1\u670d\u52a1\u4e1a", "M \u79d1\u5b66\u7814\u7a76\u548c\u6280\u672f\u670d\u52a1\u4e1a", "N \u6c34\u5229\u3001\u73af\u5883\u548c\u516c\u5171\u8bbe\u65bd\u7ba1\u7406\u4e1a", "O \u5c45\u6c11\u670d\u52a1\u3001\u4fee\u7406\u548c\u5176\u4ed6\u670d\u52a1\u4e1a", "P \u6559\u80b2", "Q \u536b\u751f\u548c\u793e\u4f1a\u5de5\u4f5c", "R \u6587\u5316\u3001\u4f53\u80b2\u548c\u5a31\u4e50\u4e1a", "S \u516c\u5171\u7ba1\u7406\u3001\u793e\u4f1a\u4fdd\u969c\u548c\u793e\u4f1a\u7ec4\u7ec7", "T \u56fd\u9645\u7ec4\u7ec7"]
		reason: DF.TextEditor
		region: DF.Link
		reporting_body: DF.Literal["\u4eba\u529b\u8d44\u6e90\u548c\u793e\u4f1a\u4fdd\u969c\u90e8\u95e8", "\u603b\u5de5\u4f1a", "\u4f01\u4e1a\u548c\u5de5\u4e1a\u7ecf\u6d4e\u8054\u5408\u4f1a", "\u5de5\u5546\u4e1a\u8054\u5408\u4f1a"]
		site_kind: DF.Literal["\u884c\u4e1a\u6027", "\u533a\u57df\u6027\uff08\u4ea7\u4e1a\u96c6\u805a\u4e61\u9547\u3001\u56ed\u533a\uff09"]
		site_name: DF.Data
	# end: auto-generated types
	def validate(self):
		check_body_role(self.reporting_body)
		check_related_enterprises(self)
		self.check_activities()

	def check_activities(self):
		now = getdate(today())
		for row in self.activities or []:
			if row.held_on and getdate(row.held_on) > now:
				frappe.throw(
					_("Activity row {0}: {1} is in the future; record an activity once it has been held").format(row.idx, row.held_on)
				)
			if not row.attendance or row.attendance < 1:
				frappe.throw(_("Activity row {0}: enter how many people attended (at least 1)").format(row.idx))
