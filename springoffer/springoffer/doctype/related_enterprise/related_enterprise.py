from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class RelatedEnterprise(RowOfParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		contract: DF.Link | None
		enterprise: DF.Link
		enterprise_name: DF.Data | None
		offer: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
