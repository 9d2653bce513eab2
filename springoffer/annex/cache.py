"""The 附件's figures computed once per change of the annex ledger.

Every write to the ledger (a document posted or unposted, an enterprise moved, a rebuild, a region
moved in the tree) stamps a new random version in one row of `springoffer_annex_version`, in the same
transaction as the write. Figures are cached in Frappe's Redis cache under that version, so a read
sees its own transaction's writes, another worker sees them once they are committed, and a write that
is rolled back leaves the stamp — and so the figures — as they were. The version is random, never a
counter, so an entry made inside a transaction that rolled back can never be served later.
"""

import frappe

TABLE = "springoffer_annex_version"  # not `tab…`: no DocType, and `bench trim-database` leaves it alone
EXPIRY = 6 * 3600  # entries of versions gone by expire on their own


def create_table():
	"""At install and migrate (DDL commits, so never inside a request)."""
	frappe.db.sql_ddl(f"CREATE TABLE IF NOT EXISTS `{TABLE}` (id TINYINT PRIMARY KEY, version VARCHAR(32) NOT NULL) ENGINE=InnoDB")


def drop_table():
	frappe.db.sql_ddl(f"DROP TABLE IF EXISTS `{TABLE}`")


def bump():
	"""A new version, written in the current transaction (call it with every ledger write)."""
	try:
		frappe.db.sql(
			f"INSERT INTO `{TABLE}` (id, version) VALUES (1, %(v)s) ON DUPLICATE KEY UPDATE version = %(v)s",
			{"v": frappe.generate_hash(length=20)},
		)
	except Exception as error:
		if not frappe.db.is_table_missing(error):  # before the first migrate with this version: nothing cached yet
			raise


def version():
	"""The ledger's current version as this transaction sees it; None where the table is missing."""
	try:
		found = frappe.db.sql(f"SELECT version FROM `{TABLE}` WHERE id = 1")
	except Exception as error:
		if frappe.db.is_table_missing(error):
			return None
		raise
	return found[0][0] if found else "0"


def cached(kind, parts, compute):
	"""compute() once per ledger version for `kind` and its key `parts` (campaign, scope, as-of …)."""
	stamp = version()
	if stamp is None:
		return compute()
	key = f"springoffer:annex:{kind}:{stamp}:" + ":".join(str(part) for part in parts)
	value = frappe.cache.get_value(key)
	if value is None:
		value = compute()
		frappe.cache.set_value(key, value, expires_in_sec=EXPIRY)
	return value
