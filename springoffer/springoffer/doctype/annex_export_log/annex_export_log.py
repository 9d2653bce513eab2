import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, get_datetime, now_datetime

# 网络安全等级保护 2.0: audit records are kept at least six months.
KEEP_DAYS = 180


class AnnexExportLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		as_of_date: DF.Date | None
		campaign: DF.Link | None
		channel: DF.Literal["\u684c\u9762", "REST \u63a5\u53e3", "\u547d\u4ee4\u884c"]
		details: DF.SmallText | None
		export_kind: DF.Literal["\u9644\u4ef6 Excel", "\u9644\u4ef6\u6570\u636e", "\u62a5\u9001\u5355\u4f4d\u7edf\u8ba1\u8868 Excel", "\u62a5\u9001\u5305", "\u53f0\u5e10\u5bfc\u51fa", "\u62a5\u8868\u5bfc\u51fa"]
		exported_at: DF.Datetime
		exported_by: DF.Data | None
		file_name: DF.Data | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		reporting_body: DF.Data | None
		reporting_unit: DF.Link
	# end: auto-generated types

	def validate(self):
		if not self.is_new():
			frappe.throw(_("An export record cannot be changed"), frappe.PermissionError)

	def on_trash(self):
		if get_datetime(self.exported_at) > add_days(now_datetime(), -KEEP_DAYS):
			frappe.throw(
				_("Export records are kept for {0} days; this one was made on {1}").format(KEEP_DAYS, self.exported_at),
				frappe.PermissionError,
			)
