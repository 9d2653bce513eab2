"""Helpers for tests that must commit (HTTP requests run on their own connection; the daily jobs and
Frappe's daily alerts commit): remove what they made, or keep them from committing at all, so the
framework suite leaves the site as it found it."""

from contextlib import contextmanager
from unittest.mock import patch

import frappe


def delete_records(doctype, names):
	"""Delete documents with their child rows, the annex ledger rows they posted and Frappe's
	records about them (versions, comments, notification logs, ToDos). No controllers run."""
	names = [name for name in names or () if name]
	if not names:
		return
	meta = frappe.get_meta(doctype)
	for table in meta.get_table_fields():
		frappe.db.delete(table.options, {"parent": ("in", names), "parenttype": doctype})
	if frappe.db.table_exists("Annex Ledger Entry"):
		from springoffer.annex import cache

		cache.bump()
		frappe.db.delete("Annex Ledger Entry", {"voucher_type": doctype, "voucher_no": ("in", names)})
	for log, field, name_field in (
		("Version", "ref_doctype", "docname"),
		("Comment", "reference_doctype", "reference_name"),
		("Notification Log", "document_type", "document_name"),
		("ToDo", "reference_type", "reference_name"),
	):
		frappe.db.delete(log, {field: doctype, name_field: ("in", names)})
	frappe.db.delete(doctype, {"name": ("in", names)})


@contextmanager
def no_commit():
	"""Run code that commits (trigger_daily_alerts, the daily jobs) inside the test's transaction:
	its commits become no-ops, so the class's rollback removes what it did."""
	with patch.object(frappe.db, "commit", lambda *args, **kwargs: None):
		yield
