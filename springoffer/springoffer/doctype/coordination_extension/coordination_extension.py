from frappe.model.document import Document

from springoffer.security.permissions import RowOfParent


class CoordinationExtension(RowOfParent, Document):
	# begin: auto-generated types
	# end: auto-generated types
	pass
