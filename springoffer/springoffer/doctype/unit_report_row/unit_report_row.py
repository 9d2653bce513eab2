from frappe.model.document import Document


class UnitReportRow(Document):
	pass
