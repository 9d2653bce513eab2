import frappe

from springoffer.annex import ledger as annex_ledger

OBSOLETE = ("entry_date", "offer_workers", "response", "response_date", "signed_workers", "refusal_bit", "refusal_category")


def execute():
	"""The ledger now dates each row's part in the form instead of keeping the response as text:
	drop the columns it no longer has (migrate leaves them) and rebuild it from the documents."""
	table = f"tab{annex_ledger.LEDGER}"
	for column in OBSOLETE:
		if frappe.db.has_column(annex_ledger.LEDGER, column):
			frappe.db.sql_ddl(f"ALTER TABLE `{table}` DROP COLUMN `{column}`")
	annex_ledger.rebuild()
