from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class UnitReportSite(RowOfParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		demonstration_site: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		region: DF.Link | None
		site_name: DF.Data | None
	# end: auto-generated types
	pass
