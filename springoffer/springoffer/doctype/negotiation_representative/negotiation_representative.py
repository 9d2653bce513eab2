from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class NegotiationRepresentative(RowOfParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		appointed_by: DF.Literal["", "\u5de5\u4f1a\u9009\u6d3e", "\u804c\u5de5\u6c11\u4e3b\u63a8\u8350", "\u6cd5\u5b9a\u4ee3\u8868\u4eba\u62c5\u4efb", "\u6cd5\u5b9a\u4ee3\u8868\u4eba\u6307\u6d3e"]
		is_chief: DF.Check
		outside_expert: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		position: DF.Data | None
		representative_name: DF.Data
		side: DF.Literal["\u804c\u5de5\u65b9", "\u4f01\u4e1a\u65b9"]
	# end: auto-generated types
	pass
