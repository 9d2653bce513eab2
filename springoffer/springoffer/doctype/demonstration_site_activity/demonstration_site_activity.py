from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class DemonstrationSiteActivity(RowOfParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		activity_kind: DF.Literal["\u7ecf\u9a8c\u4ea4\u6d41\u4f1a", "\u73b0\u573a\u89c2\u6469\u4f1a", "\u57f9\u8bad\u6307\u5bfc", "\u5176\u4ed6"]
		attendance: DF.Int
		held_on: DF.Date
		note: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
