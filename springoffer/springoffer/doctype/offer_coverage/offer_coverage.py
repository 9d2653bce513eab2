from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class OfferCoverage(RowOfParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		covered_workers: DF.Int
		enterprise: DF.Link
		enterprise_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		region: DF.Link | None
		report_category: DF.Data | None
	# end: auto-generated types
	pass
