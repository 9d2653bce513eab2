from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class UnitReportCase(RowOfParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		case_state: DF.Data | None
		case_title: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		topic: DF.Data | None
		typical_case: DF.Link
	# end: auto-generated types
	pass
