from frappe.model.document import Document


class OfferFollowUp(Document):
	pass
