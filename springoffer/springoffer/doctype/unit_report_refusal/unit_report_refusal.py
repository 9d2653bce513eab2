"""One enterprise on a Unit Report's refusal sheet (附件备注 2「另附纸说明」), a record of its own: a
city's sheet lists a thousand, a province's seventeen thousand, which as rows of the report would be
loaded, validated and rewritten by every save and approval of the report. It is changed only with
its report: by the report's body, while the report is a draft or returned."""

import frappe
from frappe import _
from frappe.model.document import Document

from springoffer.controllers.checks import check_body_role
from springoffer.core import categories

EDITABLE_STATES = (None, "", categories.REPORT_DRAFT, categories.REPORT_RETURNED)


class UnitReportRefusal(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		covered_workers: DF.Int
		credit_code: DF.Data | None
		enterprise: DF.Link | None
		enterprise_name: DF.Data
		hrss_handling: DF.SmallText | None
		reason: DF.SmallText | None
		refusal_kind: DF.Literal["\u62d2\u7edd\u534f\u5546", "\u903e\u671f\u672a\u56de\u5e94"]
		region: DF.Data | None
		report_category: DF.Literal["\u56fd\u6709\u53ca\u56fd\u6709\u63a7\u80a1\u4f01\u4e1a\u6216\u96c6\u4f53\u4f01\u4e1a", "\u79c1\u8425\u4f01\u4e1a\uff08\u6c11\u8425\u4f01\u4e1a\uff09", "\u5916\u5546\u6295\u8d44\u4f01\u4e1a\uff08\u4e2d\u5916\u5408\u8d44\uff09", "\u5176\u4ed6\u4f01\u4e1a"]
		reporting_unit: DF.Link | None
		unit_report: DF.Link
	# end: auto-generated types

	def validate(self):
		check_report_open(self.unit_report)
		if self.is_new() and not self.idx:
			last = frappe.db.sql("SELECT MAX(idx) FROM `tabUnit Report Refusal` WHERE unit_report = %s", self.unit_report)
			self.idx = (last[0][0] or 0) + 1

	def on_trash(self):
		check_report_open(self.unit_report)


def check_report_open(name):
	"""The sheet changes with its report: by those who may change the report, while it may change."""
	report = frappe.db.get_value("Unit Report", name, ["name", "reporting_body", "workflow_state", "docstatus"], as_dict=True)
	if not report:
		frappe.throw(_("Unit Report {0} does not exist").format(name), frappe.DoesNotExistError)
	if report.docstatus != 0 or report.workflow_state not in EDITABLE_STATES:
		frappe.throw(
			_("Unit Report {0} is {1}: its refusal sheet changes only while it is a draft or returned").format(
				report.name, report.workflow_state
			),
			frappe.PermissionError,
		)
	check_body_role(report.reporting_body)
	if not frappe.has_permission("Unit Report", "write", doc=report.name):
		frappe.throw(_("No permission to change the refusal sheet of {0}").format(report.name), frappe.PermissionError)
