from frappe.model.document import Document


class UnitReportRefusal(Document):
	pass
