from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class UnitReportRefusal(RowOfParent, Document):
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
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.SmallText | None
		refusal_kind: DF.Literal["\u62d2\u7edd\u534f\u5546", "\u903e\u671f\u672a\u56de\u5e94"]
		region: DF.Data | None
		report_category: DF.Literal["\u56fd\u6709\u53ca\u56fd\u6709\u63a7\u80a1\u4f01\u4e1a\u6216\u96c6\u4f53\u4f01\u4e1a", "\u79c1\u8425\u4f01\u4e1a\uff08\u6c11\u8425\u4f01\u4e1a\uff09", "\u5916\u5546\u6295\u8d44\u4f01\u4e1a\uff08\u4e2d\u5916\u5408\u8d44\uff09", "\u5176\u4ed6\u4f01\u4e1a"]
	# end: auto-generated types
	pass
