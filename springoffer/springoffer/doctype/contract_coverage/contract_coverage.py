from frappe.model.document import Document


class ContractCoverage(Document):
	pass
