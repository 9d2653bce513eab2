from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class InstructorAssignment(RowOfParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assigned_on: DF.Date
		enterprise: DF.Link | None
		note: DF.SmallText | None
		offer: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
