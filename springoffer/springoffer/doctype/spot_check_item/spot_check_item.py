from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class SpotCheckItem(RowOfParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		check_date: DF.Date | None
		checked_by: DF.Data | None
		city: DF.Link | None
		contract: DF.Link
		contract_kind: DF.Data | None
		enterprise_names: DF.SmallText | None
		findings: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rectification: DF.Literal["", "\u65e0\u9700\u6574\u6539", "\u6574\u6539\u4e2d", "\u5df2\u6574\u6539"]
		rectification_note: DF.SmallText | None
		result: DF.Literal["", "\u672a\u53d1\u73b0\u95ee\u9898", "\u53d1\u73b0\u95ee\u9898"]
	# end: auto-generated types
	pass
