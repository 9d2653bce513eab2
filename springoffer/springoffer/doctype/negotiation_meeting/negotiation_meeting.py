from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class NegotiationMeeting(RowOfParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		chair: DF.Data
		held_on: DF.Date
		next_meeting_on: DF.Date | None
		outcome: DF.Literal["\u7ee7\u7eed\u534f\u5546", "\u4e2d\u6b62\u534f\u5546", "\u8fbe\u6210\u4e00\u81f4"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		place: DF.Data | None
		record_scan: DF.Attach | None
		record_text: DF.Text | None
		recorded_by: DF.Data | None
		suspension_reason: DF.SmallText | None
		topics: DF.SmallText | None
	# end: auto-generated types
	pass
