"""The 附件 from the site's records: grouped SQL over the annex ledger (springoffer.annex.ledger) that
applies the core's counting rules (springoffer.core.counting) in the database — one query for the
figures, two more for the refusal sheet.

The desk report, the Unit Report's fill button, the bench command and the REST methods all come
through here; tests prove these figures equal counting.count_annex on the same records.
"""

import dataclasses

import frappe
from frappe import _
from frappe.utils import getdate

from springoffer.annex import cache
from springoffer.annex import ledger as annex_ledger
from springoffer.core import categories
from springoffer.core.counting import Annex, Figures, Refusal, RefusalSummary, joined_texts

# Where a Unit Report Row keeps each of the seven figures.
ROW_FIELDS = dict(
	zip(
		Figures.FIELDS,
		(
			"offered_enterprises",
			"offered_workers",
			"responded_enterprises",
			"responded_workers",
			"signed_enterprises",
			"signed_workers",
			"refused_enterprises",
		),
	)
)

SEPARATOR = "\x1f"  # splits GROUP_CONCAT lists; cannot occur in typed text

# What each ledger row means as of the as-of date (an offer row is one enterprise of one offer). The
# ledger dates each row's part in the form (annex_ledger), so every test here compares dates.
_OFFERED = "offered_on <= %(as_of)s"
_AGREED = "agreed_on <= %(as_of)s"
_REFUSED = "refused_on <= %(as_of)s"
_OVERDUE = "response_due_date < %(as_of)s AND COALESCE(agreed_on, refused_on, DATE'9999-12-31') > %(as_of)s"
_SIGNED = "signed_on <= %(as_of)s"

# One row per enterprise in scope: its largest offered / agreed / signed figure as of the date;
# refused_bits: the BIT_OR of its refusals' bits (annex_ledger.refusal_bits), NULL when it did not
# refuse; overdue: 1 when an offer ran out unanswered, 2 when HRSS handled one too. The scan is the
# cost: five date comparisons a row, read from one covering index in enterprise order.
# {scope} narrows to a region subtree.
PER_ENTERPRISE_SQL = f"""
	SELECT enterprise, MAX(category_no) AS category_no,
		MAX(CASE WHEN {_OFFERED} THEN covered_workers END) AS offer_workers,
		MAX(CASE WHEN {_AGREED} THEN covered_workers END) AS agreed_workers,
		NULLIF(BIT_OR(CASE WHEN {_REFUSED} THEN refusal_bits END), 0) AS refused_bits,
		MAX(CASE WHEN {_OVERDUE} THEN 1 + handled END) AS overdue,
		MAX(CASE WHEN {_SIGNED} THEN covered_workers END) AS signed_workers
	FROM `tabAnnex Ledger Entry`
	WHERE campaign = %(campaign)s {{scope}}
	GROUP BY enterprise
"""

_NOT_AGREED = "agreed_workers IS NULL"
# Which enterprises each count of the form counts (the drill-down uses the same conditions).
COLUMN_CONDITIONS = {
	"offered": "offer_workers IS NOT NULL",
	"responded": "agreed_workers IS NOT NULL",
	"signed": "signed_workers IS NOT NULL",
	"refused": f"{_NOT_AGREED} AND (refused_bits IS NOT NULL OR overdue IS NOT NULL)",
}

# The figures per category and per kind of refusal: a few hundred groups, which tally() adds up
# into the seven figures and the reason cell of each row (cheaper than nineteen sums over every
# enterprise in the database).
FIGURES_SQL = f"""
SELECT category_no, refused_bits, overdue, {_NOT_AGREED} AS not_agreed, COUNT(*),
	COUNT(offer_workers), COALESCE(SUM(offer_workers), 0),
	COUNT(agreed_workers), COALESCE(SUM(agreed_workers), 0),
	COUNT(signed_workers), COALESCE(SUM(signed_workers), 0)
FROM ({PER_ENTERPRISE_SQL}) per_enterprise
GROUP BY category_no, refused_bits, overdue, not_agreed
"""

ENTERPRISES_SQL = f"""
SELECT p.enterprise, e.enterprise_name, e.region, e.report_category AS category,
	p.offer_workers, p.agreed_workers, p.signed_workers,
	CASE WHEN p.agreed_workers IS NOT NULL THEN NULL WHEN p.refused_bits IS NOT NULL THEN %(refused)s WHEN p.overdue IS NOT NULL THEN %(overdue)s END AS refusal_kind
FROM ({PER_ENTERPRISE_SQL}) p
JOIN `tabEnterprise` e ON e.name = p.enterprise
WHERE {{condition}} AND (%(category_no)s = 0 OR p.category_no = %(category_no)s)
ORDER BY e.region, p.enterprise
"""

REFUSALS_SQL = f"""
SELECT e.name, e.enterprise_name, e.report_category, e.region,
	x.refused_workers, x.overdue_workers, x.reasons, x.refused_handling, x.overdue_handling, x.reason_bits
FROM (
	SELECT enterprise,
		MAX(CASE WHEN {_REFUSED} THEN covered_workers END) AS refused_workers,
		MAX(CASE WHEN {_OVERDUE} THEN covered_workers END) AS overdue_workers,
		GROUP_CONCAT(CASE WHEN {_REFUSED} THEN reason_text END SEPARATOR %(sep)s) AS reasons,
		GROUP_CONCAT(CASE WHEN {_REFUSED} THEN handling_text END SEPARATOR %(sep)s) AS refused_handling,
		GROUP_CONCAT(CASE WHEN {_OVERDUE} THEN handling_text END SEPARATOR %(sep)s) AS overdue_handling,
		BIT_OR(CASE WHEN {_REFUSED} THEN refusal_bits END) AS reason_bits
	FROM `tabAnnex Ledger Entry`
	WHERE campaign = %(campaign)s AND voucher_type = 'Offer' {{scope}}
	GROUP BY enterprise
) x
JOIN `tabEnterprise` e ON e.name = x.enterprise
"""


def tally(groups):
	"""The rows and reason summaries of the form from FIGURES_SQL's groups."""
	rows = {category: Figures() for category in categories.REPORT_CATEGORIES}
	summaries = {category: RefusalSummary() for category in categories.REPORT_CATEGORIES}
	for category_no, refused_bits, overdue, not_agreed, enterprises, *figures in groups:
		if not 0 < category_no <= len(categories.REPORT_CATEGORIES):
			continue
		category = categories.REPORT_CATEGORIES[category_no - 1]
		row, summary = rows[category], summaries[category]
		for name, value in zip(Figures.FIELDS, figures):
			setattr(row, name, getattr(row, name) + int(value))
		if not not_agreed or not (refused_bits or overdue):
			continue
		row.refused += enterprises
		if refused_bits:
			summary.refused += enterprises
			summary.handled += enterprises if refused_bits & annex_ledger.HANDLED else 0
			for i, reason in enumerate(categories.REFUSAL_REASONS):
				if refused_bits & (1 << i):
					summary.reasons[reason] = summary.reasons.get(reason, 0) + enterprises
		else:
			summary.overdue += enterprises
			summary.handled += enterprises if overdue == 2 else 0
	return rows, summaries


def _values(campaign, unit, as_of):
	"""Query values, and the region condition: none for a root region, the subtree otherwise."""
	bounds = frappe.db.get_value("Region", unit, ["lft", "rgt", "parent_region"], as_dict=True)
	if not bounds:
		frappe.throw(_("Region {0} does not exist").format(unit), frappe.DoesNotExistError)
	values = {
		"campaign": campaign,
		"as_of": getdate(as_of),
		"agreed": categories.AGREED,
		"refused": categories.REFUSED,
		"overdue": categories.OVERDUE,
		"pending": categories.PENDING,
		"sep": SEPARATOR,
	}
	scope = ""
	if bounds.parent_region:
		values["regions"] = tuple(
			frappe.get_all("Region", filters={"lft": (">=", bounds.lft), "rgt": ("<=", bounds.rgt)}, pluck="name")
		)
		scope = "AND region IN %(regions)s"
	return values, scope


def enterprises(campaign, unit, as_of, column, category=""):
	"""The enterprises behind one count of the form (column: offered, responded, signed, refused)."""
	if column not in COLUMN_CONDITIONS:
		frappe.throw(_("Unknown column {0}").format(column))
	values, scope = _values(campaign, unit, as_of)
	values["category_no"] = (annex_ledger.category_no(category) or -1) if category else 0  # -1: none
	sql = ENTERPRISES_SQL.format(condition=COLUMN_CONDITIONS[column], scope=scope)
	return frappe.db.sql(sql, values, as_dict=True)


def _split(text):
	return joined_texts((text or "").split(SEPARATOR))


def count(campaign, unit, as_of, with_refusals=True):
	"""The 附件 of `unit` (a Region and its subtree) for `campaign` as of `as_of`, from the database.
	Each region's own enterprises are counted once per version of that region (springoffer.annex.cache);
	a unit's 附件 is the sum of its own and its children's (an enterprise lies in one region, so the
	figures add up), itself cached until a region below changes. Without the refusal list (the desk
	report shows only its summary) a region's count is one scan of its ledger rows. Callers do not
	change what it returns."""
	if not cache.subtree(unit):
		frappe.throw(_("Region {0} does not exist").format(unit), frappe.DoesNotExistError)
	return _unit_count(campaign, unit, getdate(as_of), with_refusals)


def _unit_count(campaign, unit, as_of, with_refusals):
	if cache.everywhere_pending():  # nothing below is cached (a rebuild in this transaction): one scan
		return _count(campaign, unit, as_of, with_refusals)
	children = cache.children(unit)
	if not children:
		return _own_count(campaign, unit, as_of, with_refusals)

	def combined():
		parts = [_own_count(campaign, unit, as_of, with_refusals)]
		parts += [_unit_count(campaign, child, as_of, with_refusals) for child in children]
		return _combined(unit, as_of, campaign, parts, with_refusals)

	return cache.cached("count", (campaign, unit, as_of, int(with_refusals)), combined, scope=unit)


def unit_figures(campaign, unit, as_of):
	"""The 合计 row of `unit`'s 附件 (its subtree), without the refusal list."""
	return count(campaign, unit, as_of, with_refusals=False).total


def own_figures(campaign, region, as_of):
	"""The 合计 row of the enterprises placed on `region` itself (a city's 本级), without refusals."""
	return _own_count(campaign, region, getdate(as_of), False).total


def own_refusals(campaign, region, as_of):
	"""The refusal sheet's rows of the enterprises placed on `region` itself, in the sheet's order
	(cached per version of the region, with its figures)."""
	return _own_count(campaign, region, getdate(as_of), True).refusals


def _own_count(campaign, region, as_of, with_refusals):
	"""The region's own enterprises (not those of the regions below it): one count per version of the
	region, or for a large region the sum of its buckets, each counted once per version of its own —
	so a write recounts the bucket of the enterprises it touched, not the whole region."""
	if region not in large_regions(campaign):
		return _scoped_count(campaign, region, as_of, with_refusals, cache.scope_of(region))

	def combined():
		parts = [
			_scoped_count(campaign, region, as_of, with_refusals, cache.bucket_scope(region, bucket), bucket)
			for bucket in range(annex_ledger.BUCKETS)
		]
		return _combined(region, as_of, campaign, parts, with_refusals)

	parts = (campaign, region, as_of, int(with_refusals))
	return cache.cached("own_of_buckets", parts, combined, scope=cache.scope_of(region), below=False)


def own_bucket_refusals(campaign, region, bucket, as_of):
	"""The refusal sheet's rows of one bucket of a large region (cached with its figures)."""
	return _scoped_count(campaign, region, getdate(as_of), True, cache.bucket_scope(region, bucket), bucket).refusals


def _scoped_count(campaign, region, as_of, with_refusals, scope, bucket=None):
	"""The count of the region's own enterprises (of one bucket, when given), once per version of
	`scope`. The figures alone are also what the full count holds, so each serves the other: one
	computation per version, whichever is asked first."""
	kind = "own" if bucket is None else "bucket"
	parts = (campaign, region, as_of) if bucket is None else (campaign, region, bucket, as_of)
	if not with_refusals:
		brief = cache.peek(kind, (*parts, 0), scope=scope, below=False)
		if brief is not None:
			return brief
		full = cache.peek(kind, (*parts, 1), scope=scope, below=False)
		if full is not None:
			return dataclasses.replace(full, refusals=[])
		return cache.cached(kind, (*parts, 0), lambda: _count(campaign, region, as_of, False, own=True, bucket=bucket), scope=scope, below=False)

	def full_count():
		annex = _count(campaign, region, as_of, True, own=True, bucket=bucket)
		cache.store(kind, (*parts, 0), dataclasses.replace(annex, refusals=[]), scope=scope, below=False)
		return annex

	return cache.cached(kind, (*parts, 1), full_count, scope=scope, below=False)


# A region with at least this many ledger rows of its own in a campaign is counted bucket by bucket
# (a city whose ledger names only the city: 25,000 enterprises on one region). Smaller ones in one
# query: sixteen would cost more than they save.
LARGE_REGION_ROWS = 4000
LARGE_REGIONS_SECONDS = 600


def large_regions(campaign):
	"""The regions counted by buckets, from the ledger's row counts read at most every ten minutes (the
	figures are exact either way; only the cost of a write depends on it)."""
	memo = getattr(frappe.local, "springoffer_large_regions", None)
	if memo is None:
		memo = frappe.local.springoffer_large_regions = {}
	if campaign not in memo:
		found = cache.remembered(
			f"springoffer:annex:large_regions:{campaign}",
			lambda: [
				region
				for region, rows in frappe.db.sql(
					f"SELECT region, COUNT(*) FROM `tab{annex_ledger.LEDGER}` WHERE campaign = %s GROUP BY region", campaign
				)
				if rows >= LARGE_REGION_ROWS
			],
			LARGE_REGIONS_SECONDS,
		)
		memo[campaign] = frozenset(found)
	return memo[campaign]


def _combined(unit, as_of, campaign, parts, with_refusals):
	rows = {category: Figures() for category in categories.REPORT_CATEGORIES}
	summaries = {category: RefusalSummary() for category in categories.REPORT_CATEGORIES}
	refusals = []
	for part in parts:
		for category in categories.REPORT_CATEGORIES:
			rows[category].add(part.rows[category])
			if part.summaries is not None:
				summaries[category].add(part.summaries[category])
		refusals += part.refusals
	annex = Annex(unit=unit, as_of=as_of, rows=rows, campaign=campaign, summaries=summaries)
	if with_refusals:
		annex.refusals = sorted(refusals, key=lambda r: (categories.REPORT_CATEGORIES.index(r.category), r.region, r.credit_code))
	return annex


def _count(campaign, unit, as_of, with_refusals, own=False, bucket=None):
	values, scope = _values(campaign, unit, as_of)
	if own:  # the enterprises placed on the unit itself, not in any region below it
		values["own"] = unit
		scope = "AND region = %(own)s"
	if bucket is not None:  # one bucket of them (annex_per_bucket's range)
		values["bucket"] = bucket
		scope += " AND bucket = %(bucket)s"
	rows, summaries = tally(frappe.db.sql(FIGURES_SQL.format(scope=scope), values))
	annex = Annex(unit=unit, as_of=getdate(as_of), rows=rows, campaign=campaign, summaries=summaries)
	if with_refusals:
		annex.refusals = refusals(values, scope)
	return annex


def refusals(values, scope):
	"""The refusal sheet: every enterprise counted as 不予回应, with its reasons and HRSS handling."""
	# Two steps: the refusing enterprises from the covering index alone, then the reason and handling
	# texts (not in the index) of those enterprises only — a third of the time of one pass over all.
	keys = frappe.db.sql(
		f"SELECT enterprise FROM ({PER_ENTERPRISE_SQL.format(scope=scope)}) p WHERE {COLUMN_CONDITIONS['refused']}", values
	)
	if not keys:
		return []
	frappe.db.sql("SET SESSION group_concat_max_len = 1048576")
	found = []
	for name, enterprise_name, category, region, refused_w, overdue_w, reasons, refused_h, overdue_h, reason_bits in frappe.db.sql(
		REFUSALS_SQL.format(scope=f"{scope} AND enterprise IN %(keys)s"), dict(values, keys=tuple(k[0] for k in keys))
	):
		refused = refused_w is not None
		found.append(
			Refusal(
				enterprise=enterprise_name,
				credit_code=name,
				category=category,
				region=region,
				workers=int(refused_w if refused else overdue_w),
				kind=categories.REFUSED if refused else categories.OVERDUE,
				reason=_split(reasons) if refused else "",
				hrss_handling=_split(refused_h if refused else overdue_h),
				reason_categories=tuple(
					sorted(r for i, r in enumerate(categories.REFUSAL_REASONS) if int(reason_bits or 0) & (1 << i))
				)
				if refused
				else (),
			)
		)
	found.sort(key=lambda r: (categories.REPORT_CATEGORIES.index(r.category), r.region, r.credit_code))
	return found
