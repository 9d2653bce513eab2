from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class OfferFollowUp(RowOfParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		follow_up_date: DF.Date
		followed_up_by: DF.Link | None
		method: DF.Literal["\u7535\u8bdd\u63d0\u9192", "\u4e0a\u95e8\u7763\u4fc3", "\u4e66\u9762\u63d0\u9192", "\u5176\u4ed6"]
		note: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
