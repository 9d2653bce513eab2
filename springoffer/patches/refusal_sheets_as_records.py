import frappe


def execute():
	"""A Unit Report's refusal sheet was a table of the report; its rows are now records naming the
	report (migrate keeps the old parent columns): point each at its report and its report's unit."""
	if not frappe.db.has_column("Unit Report Refusal", "parent"):
		return  # a site installed with the records: nothing to move
	frappe.db.sql(
		"""UPDATE `tabUnit Report Refusal` r JOIN `tabUnit Report` u ON u.name = r.parent
		SET r.unit_report = u.name, r.reporting_unit = u.reporting_unit, r.docstatus = 0
		WHERE r.parenttype = 'Unit Report' AND (r.unit_report IS NULL OR r.unit_report = '')"""
	)
	frappe.db.delete("Unit Report Refusal", {"unit_report": ("is", "not set")})  # rows whose report is gone
