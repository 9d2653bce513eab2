from frappe.model.document import Document


class AnswerLog(Document):
	"""Who opened or answered an offer's answer link, or was refused: when, from which address and browser."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		event: DF.Literal["\u6253\u5f00", "\u56de\u590d", "\u62a5\u9001\u5408\u540c", "\u62d2\u7edd\u8bbf\u95ee"]
		ip_address: DF.Data | None
		logged_at: DF.Datetime | None
		offer: DF.Link | None
		outcome: DF.SmallText | None
		region: DF.Link
		user_agent: DF.SmallText | None
	# end: auto-generated types

	pass
