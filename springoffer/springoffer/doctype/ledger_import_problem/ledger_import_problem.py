from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class LedgerImportProblem(RowOfParent, Document):
	"""A row of a Ledger Import: readable exactly when its import is."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		column: DF.Data | None
		fix: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.SmallText | None
		row: DF.Int
		sheet: DF.Data | None
	# end: auto-generated types
