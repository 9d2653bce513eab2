from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class HolidayScheduleDay(RowOfParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		day: DF.Date
		holiday: DF.Data | None
		kind: DF.Literal["\u653e\u5047", "\u8c03\u4f11\u4e0a\u73ed"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types

	pass
