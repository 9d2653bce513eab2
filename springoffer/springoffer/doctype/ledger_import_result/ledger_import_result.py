from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class LedgerImportResult(RowOfParent, Document):
	"""A row of a Ledger Import: readable exactly when its import is."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		created: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		record_type: DF.Literal["Region", "Campaign", "Enterprise", "Offer", "Contract", "Negotiation Meeting"]
		unchanged: DF.Int
		updated: DF.Int
	# end: auto-generated types
