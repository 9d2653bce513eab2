from frappe.model.document import Document


class OfferCoverage(Document):
	pass
