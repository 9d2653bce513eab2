"""The 附件's ledger (DESIGN §6): one narrow row per enterprise covered by an offer or a signed,
uncancelled contract, posted whenever those documents are saved, so the report reads one table
through one covering index instead of joining five.

Each row says when it starts to count for each column of the form — offered_on, agreed_on,
refused_on, signed_on (NULL: never) — so "as of a date" is a date comparison, with no text
compared per row; the category is its number in the form.

Derived data only: post() keeps it current from each document; rebuild() recreates it from the
documents with one INSERT … SELECT; tests hold the two to the same rows.
"""

import zlib

import frappe
from frappe.utils import getdate, now

from springoffer.annex import cache
from springoffer.core import categories as c
from springoffer.core.counting import describe

LEDGER = "Annex Ledger Entry"
# what the 附件 query reads of each row (after campaign, enterprise and region): its covering index
FIGURE_COLUMNS = (
	"category_no",
	"offered_on",
	"agreed_on",
	"refused_on",
	"response_due_date",
	"signed_on",
	"covered_workers",
	"refusal_bits",
	"handled",
)
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
	"bucket",
	"report_category",
	*FIGURE_COLUMNS,
	"reason_text",
	"handling_text",
)
# what the ledger compares on (everything but bookkeeping columns)
CONTENT = COLUMNS[7:]


# A region's enterprises fall into this many fixed shares by credit code (the same in Python and in
# MariaDB: CRC32 of the code's bytes); a write marks the shares it touched, and a large region's
# figures are the sum of its shares, each counted once per version of its own.
BUCKETS = 16


def bucket_of(enterprise):
	return zlib.crc32(enterprise.encode()) % BUCKETS


def _stamp():
	moment = now()
	return (moment, moment, "Administrator", "Administrator", 0, 0)


def post(doc):
	"""Replace the rows of one Offer or Contract with what it says now."""
	touched = _posted_places(doc)
	frappe.db.delete(LEDGER, {"voucher_no": doc.name, "voucher_type": doc.doctype})
	rows = doc.get("covered_enterprises") or []
	names = [row.enterprise for row in rows if row.enterprise]
	if not names or (doc.doctype == "Contract" and doc.is_cancelled):
		cache.bump(touched)
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
		where = (e.name, e.region, bucket_of(e.name), e.report_category, category_no(e.report_category))
		if doc.doctype == "Offer":
			refused = doc.response == c.REFUSED
			answered_on = answer_counts_from(doc.date_sent, doc.response_date) if doc.response != c.PENDING else None
			handling = describe(doc.hrss_handling, doc.hrss_handling_detail) or None
			values.append(
				(
					"O" + row.name, *stamp, doc.campaign, "Offer", doc.name, *where,
					doc.date_sent, answered_on if doc.response == c.AGREED else None, answered_on if refused else None,
					doc.response_due_date, None, row.covered_workers,
					refusal_bits(doc.refusal_reason, bool(handling)) if refused else 0, int(bool(handling)),
					describe(doc.refusal_reason, doc.refusal_detail) if refused else None, handling,
				)
			)
		else:
			values.append(
				(
					"C" + row.name, *stamp, doc.campaign, "Contract", doc.name, *where,
					None, None, None, None, doc.signing_date, row.covered_workers, 0, 0, None, None,
				)
			)
	frappe.db.bulk_insert(LEDGER, COLUMNS, values)
	cache.bump(touched | {(e.region, bucket_of(e.name)) for e in enterprises.values()})


def _posted_places(doc):
	"""{(region, bucket)} of the rows the document has posted."""
	return {
		(row.region, row.bucket)
		for row in frappe.get_all(
			LEDGER, filters={"voucher_no": doc.name, "voucher_type": doc.doctype}, fields=["region", "bucket"], distinct=True
		)
	}


def unpost(doc):
	cache.bump(_posted_places(doc))
	frappe.db.delete(LEDGER, {"voucher_no": doc.name, "voucher_type": doc.doctype})


def enterprise_changed(doc):
	"""A re-categorised or moved enterprise carries its ledger rows with it."""
	before = doc.get_doc_before_save()
	if before and (before.report_category, before.region) != (doc.report_category, doc.region):
		cache.bump({(before.region, bucket_of(doc.name)), (doc.region, bucket_of(doc.name))})
		frappe.db.sql(
			f"UPDATE `tab{LEDGER}` SET report_category = %s, category_no = %s, region = %s WHERE enterprise = %s",
			(doc.report_category, category_no(doc.report_category), doc.region, doc.name),
		)


HANDLED = 1 << 8
REFUSED = 1 << 9  # set on every refusal, so a BIT_OR over refusals is never 0


def refusal_bits(reason, handled):
	"""A refusal as bits — its reason's, HANDLED when HRSS recorded its handling, and REFUSED — so a
	single BIT_OR per enterprise collects all it needs to know of its refusals."""
	reason_bit = 1 << c.REFUSAL_REASONS.index(reason) if reason in c.REFUSAL_REASONS else 0
	return reason_bit | (HANDLED if handled else 0) | REFUSED


def category_no(category):
	return c.REPORT_CATEGORIES.index(category) + 1 if category in c.REPORT_CATEGORIES else 0


def answer_counts_from(date_sent, response_date):
	"""An answer counts from its date, and never before the offer was sent; one recorded without a
	date counts from the offer's date."""
	if not response_date or (date_sent and getdate(response_date) < getdate(date_sent)):
		return date_sent
	return response_date


_REFUSAL_BITS_SQL = (
	"(CASE o.refusal_reason "
	+ " ".join(f"WHEN '{reason}' THEN {1 << i}" for i, reason in enumerate(c.REFUSAL_REASONS))
	+ f" ELSE 0 END | {REFUSED})"
)
_CATEGORY_NO_SQL = "FIELD(e.report_category, " + ", ".join(f"'{category}'" for category in c.REPORT_CATEGORIES) + ")"
_ANSWER_COUNTS_FROM_SQL = "GREATEST(o.date_sent, IFNULL(o.response_date, o.date_sent))"
_BUCKET_SQL = f"MOD(CRC32(e.name), {BUCKETS})"  # bucket_of


def _detail_sql(category, detail):
	"""SQL for counting.describe(category, detail), NULL where it gives ''."""
	return (
		f"CASE WHEN IFNULL({category}, '') = '' THEN NULL WHEN IFNULL({detail}, '') = '' THEN {category} "
		f"ELSE CONCAT({category}, '：', {detail}) END"
	)


_HANDLING_SQL = _detail_sql("o.hrss_handling", "o.hrss_handling_detail")
REBUILD_SQL = f"""
INSERT INTO `tab{LEDGER}` ({", ".join(f"`{column}`" for column in COLUMNS)})
SELECT CONCAT('O', cov.name), %(now)s, %(now)s, 'Administrator', 'Administrator', 0, 0,
	o.campaign, 'Offer', o.name, e.name, e.region, {_BUCKET_SQL}, e.report_category, {_CATEGORY_NO_SQL},
	o.date_sent,
	CASE WHEN o.response = %(agreed)s THEN {_ANSWER_COUNTS_FROM_SQL} END,
	CASE WHEN o.response = %(refused)s THEN {_ANSWER_COUNTS_FROM_SQL} END,
	o.response_due_date, NULL, cov.covered_workers,
	CASE WHEN o.response = %(refused)s THEN {_REFUSAL_BITS_SQL} | IF({_HANDLING_SQL} IS NULL, 0, {HANDLED}) ELSE 0 END,
	{_HANDLING_SQL} IS NOT NULL,
	CASE WHEN o.response = %(refused)s THEN {_detail_sql("o.refusal_reason", "o.refusal_detail")} END,
	{_HANDLING_SQL}
FROM `tabOffer` o
JOIN `tabOffer Coverage` cov ON cov.parent = o.name AND cov.parenttype = 'Offer'
JOIN `tabEnterprise` e ON e.name = cov.enterprise
WHERE {{offer_filter}}
UNION ALL
SELECT CONCAT('C', cov.name), %(now)s, %(now)s, 'Administrator', 'Administrator', 0, 0,
	k.campaign, 'Contract', k.name, e.name, e.region, {_BUCKET_SQL}, e.report_category, {_CATEGORY_NO_SQL},
	NULL, NULL, NULL, NULL, k.signing_date, cov.covered_workers, 0, 0, NULL, NULL
FROM `tabContract` k
JOIN `tabContract Coverage` cov ON cov.parent = k.name AND cov.parenttype = 'Contract'
JOIN `tabEnterprise` e ON e.name = cov.enterprise
WHERE k.is_cancelled = 0 AND {{contract_filter}}
"""


def rebuild(campaign=None):
	"""Recreate the ledger (of one campaign, or all) from the documents. Returns the row count."""
	values = {"now": now(), "agreed": c.AGREED, "refused": c.REFUSED, "campaign": campaign}
	cache.bump()
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
