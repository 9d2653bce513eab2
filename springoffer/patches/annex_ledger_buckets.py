"""The annex ledger's rows get the bucket of their enterprise (springoffer.annex.ledger.bucket_of), by
which a large region's figures are counted in shares."""

import frappe

from springoffer.annex import ledger


def execute():
	frappe.db.sql(f"UPDATE `tab{ledger.LEDGER}` SET bucket = MOD(CRC32(enterprise), {ledger.BUCKETS})")
