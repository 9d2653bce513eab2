"""The 附件's ledger (DESIGN §6): one narrow row per enterprise covered by an offer or a signed,
uncancelled contract, posted whenever those documents are saved, so the report reads one table
through one covering index instead of joining five.

Derived data only: post() keeps it current from each document; rebuild() recreates it from the
documents with one INSERT … SELECT; tests hold the two to the same rows.
"""

import frappe
from frappe.utils import now

from springoffer.core import categories as c
from springoffer.core.counting import describe

LEDGER = "Annex Ledger Entry"
COLUMNS = (
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"idx",
	"campaign",
	"voucher_type",
	"voucher_no",
	"enterprise",
	"region",
	"report_category",
	"entry_date",
	"offer_workers",
	"response",
	"response_date",
	"response_due_date",
	"signed_workers",
	"refusal_bit",
	"handled",
	"reason_text",
	"handling_text",
)
# what the ledger compares on (everything but bookkeeping columns)
CONTENT = COLUMNS[7:]


def _stamp():
	moment = now()
	return (moment, moment, "Administrator", "Administrator", 0, 0)


def post(doc):
	"""Replace the rows of one Offer or Contract with what it says now."""
	frappe.db.delete(LEDGER, {"voucher_no": doc.name, "voucher_type": doc.doctype})
	rows = doc.get("covered_enterprises") or []
	names = [row.enterprise for row in rows if row.enterprise]
	if not names or (doc.doctype == "Contract" and doc.is_cancelled):
		return
	enterprises = {
		e.name: e
		for e in frappe.get_all("Enterprise", filters={"name": ("in", names)}, fields=["name", "region", "report_category"])
	}
	stamp = _stamp()
	values = []
	for row in rows:
		e = enterprises.get(row.enterprise)
		if not e:
			continue
		if doc.doctype == "Offer":
			refused = doc.response == c.REFUSED
			handling = describe(doc.hrss_handling, doc.hrss_handling_detail) or None
			values.append(
				(
					"O" + row.name, *stamp, doc.campaign, "Offer", doc.name, e.name, e.region, e.report_category,
					doc.date_sent, row.covered_workers, doc.response, doc.response_date or None, doc.response_due_date,
					0, refusal_bit(doc.refusal_reason) if refused else 0, int(bool(handling)),
					describe(doc.refusal_reason, doc.refusal_detail) if refused else None, handling,
				)
			)
		else:
			values.append(
				(
					"C" + row.name, *stamp, doc.campaign, "Contract", doc.name, e.name, e.region, e.report_category,
					doc.signing_date, 0, None, None, None, row.covered_workers, 0, 0, None, None,
				)
			)
	frappe.db.bulk_insert(LEDGER, COLUMNS, values)


def unpost(doc):
	frappe.db.delete(LEDGER, {"voucher_no": doc.name, "voucher_type": doc.doctype})


def enterprise_changed(doc):
	"""A re-categorised or moved enterprise carries its ledger rows with it."""
	before = doc.get_doc_before_save()
	if before and (before.report_category, before.region) != (doc.report_category, doc.region):
		frappe.db.sql(
			f"UPDATE `tab{LEDGER}` SET report_category = %s, region = %s WHERE enterprise = %s",
			(doc.report_category, doc.region, doc.name),
		)


def refusal_bit(reason):
	"""A refusal reason as one bit, so a single BIT_OR per enterprise collects all its reasons."""
	return 1 << c.REFUSAL_REASONS.index(reason) if reason in c.REFUSAL_REASONS else 0


_REFUSAL_BIT_SQL = (
	"CASE o.refusal_reason "
	+ " ".join(f"WHEN '{reason}' THEN {1 << i}" for i, reason in enumerate(c.REFUSAL_REASONS))
	+ " ELSE 0 END"
)


def _detail_sql(category, detail):
	"""SQL for counting.describe(category, detail), NULL where it gives ''."""
	return (
		f"CASE WHEN IFNULL({category}, '') = '' THEN NULL WHEN IFNULL({detail}, '') = '' THEN {category} "
		f"ELSE CONCAT({category}, '：', {detail}) END"
	)


REBUILD_SQL = f"""
INSERT INTO `tab{LEDGER}` ({", ".join(f"`{column}`" for column in COLUMNS)})
SELECT CONCAT('O', cov.name), %(now)s, %(now)s, 'Administrator', 'Administrator', 0, 0,
	o.campaign, 'Offer', o.name, e.name, e.region, e.report_category,
	o.date_sent, cov.covered_workers, o.response, o.response_date, o.response_due_date, 0,
	CASE WHEN o.response = %(refused)s THEN {_REFUSAL_BIT_SQL} ELSE 0 END,
	{_detail_sql("o.hrss_handling", "o.hrss_handling_detail")} IS NOT NULL,
	CASE WHEN o.response = %(refused)s THEN {_detail_sql("o.refusal_reason", "o.refusal_detail")} END,
	{_detail_sql("o.hrss_handling", "o.hrss_handling_detail")}
FROM `tabOffer` o
JOIN `tabOffer Coverage` cov ON cov.parent = o.name AND cov.parenttype = 'Offer'
JOIN `tabEnterprise` e ON e.name = cov.enterprise
WHERE {{offer_filter}}
UNION ALL
SELECT CONCAT('C', cov.name), %(now)s, %(now)s, 'Administrator', 'Administrator', 0, 0,
	k.campaign, 'Contract', k.name, e.name, e.region, e.report_category,
	k.signing_date, 0, NULL, NULL, NULL, cov.covered_workers, 0, 0, NULL, NULL
FROM `tabContract` k
JOIN `tabContract Coverage` cov ON cov.parent = k.name AND cov.parenttype = 'Contract'
JOIN `tabEnterprise` e ON e.name = cov.enterprise
WHERE k.is_cancelled = 0 AND {{contract_filter}}
"""


def rebuild(campaign=None):
	"""Recreate the ledger (of one campaign, or all) from the documents. Returns the row count."""
	values = {"now": now(), "refused": c.REFUSED, "campaign": campaign}
	if campaign:
		frappe.db.delete(LEDGER, {"campaign": campaign})
		sql = REBUILD_SQL.format(offer_filter="o.campaign = %(campaign)s", contract_filter="k.campaign = %(campaign)s")
	else:
		frappe.db.sql(f"DELETE FROM `tab{LEDGER}`")
		sql = REBUILD_SQL.format(offer_filter="1 = 1", contract_filter="1 = 1")
	frappe.db.sql(sql, values)
	return frappe.db.count(LEDGER, {"campaign": campaign} if campaign else None)


def snapshot(campaign=None):
	"""The ledger's content as a sorted list of tuples (for comparing the two ways of building it)."""
	return sorted(
		frappe.get_all(LEDGER, filters={"campaign": campaign} if campaign else None, fields=["name", *CONTENT], as_list=True)
	)
