"""The workspace's first cards and charts counted documents (offers sent, offers by response,
contracts by status); they are replaced by cards and a chart with the 附件's own figures. Migrate
does not delete standard records whose files are gone: delete them here."""

import frappe


def execute():
	for doctype, name in (
		("Number Card", "Offers Sent"),
		("Dashboard Chart", "Offers by Response"),
		("Dashboard Chart", "Contracts by Status"),
	):
		if frappe.db.exists(doctype, name):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
