"""The 附件 from the site's records: two grouped SQL queries over the annex ledger (springoffer.annex_ledger)
that apply the core's counting rules (springoffer.core.counting) in the database, and the Region
permission every entry point checks.

The desk report, the Unit Report's fill button, the bench command and the REST methods all come
through here; tests prove these figures equal counting.count_annex on the same records.
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from springoffer.core import categories, clocks
from springoffer.core.counting import Annex, Figures, Refusal, RefusalSummary, joined_texts

SEPARATOR = "\x1f"  # splits GROUP_CONCAT lists; cannot occur in typed text

# What each ledger row means as of the as-of date (an offer row is one enterprise of one offer).
_OFFER = "voucher_type = 'Offer' AND entry_date <= %(as_of)s"
_ANSWERED = "(response_date IS NULL OR response_date <= %(as_of)s)"
_AGREED = f"{_OFFER} AND response = %(agreed)s AND {_ANSWERED}"
_REFUSED = f"{_OFFER} AND response = %(refused)s AND {_ANSWERED}"
_OVERDUE = f"{_OFFER} AND (response = %(pending)s OR response_date > %(as_of)s) AND response_due_date < %(as_of)s"
_SIGNED = "voucher_type = 'Contract' AND entry_date <= %(as_of)s"

# One row per enterprise in scope: its largest offered / agreed / signed figure as of the date;
# refused_bits: the bits of its refusal reasons (annex_ledger.refusal_bit), REFUSED, and HANDLED
# when HRSS handled a refusal; NULL when it did not refuse; overdue: 1 when an offer ran out unanswered,
# 2 when HRSS handled one too. Five expressions a row: the scan is the cost. {scope} narrows to a
# region subtree.
HANDLED = 1 << 8
REFUSED = 1 << 9  # set on every refused row: BIT_OR over no rows gives 0, not NULL
PER_ENTERPRISE_SQL = f"""
	SELECT enterprise, MAX(report_category) AS category,
		MAX(CASE WHEN {_OFFER} THEN offer_workers END) AS offer_workers,
		MAX(CASE WHEN {_AGREED} THEN offer_workers END) AS agreed_workers,
		NULLIF(BIT_OR(CASE WHEN {_REFUSED} THEN refusal_bit | (handled << 8) | {REFUSED} END), 0) AS refused_bits,
		MAX(CASE WHEN {_OVERDUE} THEN 1 + handled END) AS overdue,
		MAX(CASE WHEN {_SIGNED} THEN signed_workers END) AS signed_workers
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

# The seven figures of each row and what its reason cell summarises, in one scan of the ledger.
_REASON_COUNTS = "".join(
	f",\n\tCOALESCE(SUM({_NOT_AGREED} AND refused_bits & {1 << i} > 0), 0)" for i in range(len(categories.REFUSAL_REASONS))
)
FIGURES_SQL = f"""
SELECT category,
	COUNT(offer_workers), COALESCE(SUM(offer_workers), 0),
	COUNT(agreed_workers), COALESCE(SUM(agreed_workers), 0),
	COUNT(signed_workers), COALESCE(SUM(signed_workers), 0),
	COALESCE(SUM({COLUMN_CONDITIONS["refused"]}), 0),
	COALESCE(SUM({_NOT_AGREED} AND refused_bits IS NOT NULL), 0),
	COALESCE(SUM({_NOT_AGREED} AND refused_bits IS NULL AND overdue IS NOT NULL), 0),
	COALESCE(SUM({_NOT_AGREED} AND (refused_bits & {HANDLED} > 0 OR (refused_bits IS NULL AND overdue = 2))), 0){_REASON_COUNTS}
FROM ({PER_ENTERPRISE_SQL}) per_enterprise
GROUP BY category
"""

ENTERPRISES_SQL = f"""
SELECT p.enterprise, e.enterprise_name, e.region, p.category,
	p.offer_workers, p.agreed_workers, p.signed_workers,
	CASE WHEN p.agreed_workers IS NOT NULL THEN NULL WHEN p.refused_bits IS NOT NULL THEN %(refused)s WHEN p.overdue IS NOT NULL THEN %(overdue)s END AS refusal_kind
FROM ({PER_ENTERPRISE_SQL}) p
JOIN `tabEnterprise` e ON e.name = p.enterprise
WHERE {{condition}} AND (%(category)s = '' OR p.category = %(category)s)
ORDER BY e.region, p.enterprise
"""

REFUSALS_SQL = f"""
SELECT e.name, e.enterprise_name, x.category, e.region,
	x.refused_workers, x.overdue_workers, x.reasons, x.refused_handling, x.overdue_handling, x.reason_bits
FROM (
	SELECT enterprise, MAX(report_category) AS category,
		MAX(CASE WHEN {_AGREED} THEN 1 END) AS agreed,
		MAX(CASE WHEN {_REFUSED} THEN offer_workers END) AS refused_workers,
		MAX(CASE WHEN {_OVERDUE} THEN offer_workers END) AS overdue_workers,
		GROUP_CONCAT(CASE WHEN {_REFUSED} THEN reason_text END SEPARATOR %(sep)s) AS reasons,
		GROUP_CONCAT(CASE WHEN {_REFUSED} THEN handling_text END SEPARATOR %(sep)s) AS refused_handling,
		GROUP_CONCAT(CASE WHEN {_OVERDUE} THEN handling_text END SEPARATOR %(sep)s) AS overdue_handling,
		BIT_OR(CASE WHEN {_REFUSED} THEN refusal_bit END) AS reason_bits
	FROM `tabAnnex Ledger Entry`
	WHERE campaign = %(campaign)s AND voucher_type = 'Offer' {{scope}}
	GROUP BY enterprise
	HAVING agreed IS NULL AND (refused_workers IS NOT NULL OR overdue_workers IS NOT NULL)
) x
JOIN `tabEnterprise` e ON e.name = x.enterprise
"""


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
	values["category"] = category or ""
	sql = ENTERPRISES_SQL.format(condition=COLUMN_CONDITIONS[column], scope=scope)
	return frappe.db.sql(sql, values, as_dict=True)


def _split(text):
	return joined_texts((text or "").split(SEPARATOR))


def count(campaign, unit, as_of, with_refusals=True):
	"""The 附件 of `unit` (a Region and its subtree) for `campaign` as of `as_of`, from the database.
	Without the refusal list (the desk report shows only its summary) it is one scan of the ledger."""
	values, scope = _values(campaign, unit, as_of)
	rows = {category: Figures() for category in categories.REPORT_CATEGORIES}
	summaries = {category: RefusalSummary() for category in categories.REPORT_CATEGORIES}
	for category, *numbers in frappe.db.sql(FIGURES_SQL.format(scope=scope), values):
		if category not in rows:
			continue
		numbers = [int(v or 0) for v in numbers]
		rows[category] = Figures(*numbers[:7])
		refused, overdue, handled, *reasons = numbers[7:]
		summaries[category] = RefusalSummary(refused, overdue, handled, dict(zip(categories.REFUSAL_REASONS, reasons)))
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


def permitted_regions(user=None):
	"""Regions the user is confined to by User Permissions (descendants included); None = all."""
	allowed = frappe.permissions.get_user_permissions(user or frappe.session.user).get("Region") or []
	return {entry.get("doc") for entry in allowed} or None


def check_unit_permission(unit, user=None):
	"""A city user may report on its own subtree only: anything else is a PermissionError (HTTP 403)."""
	allowed = permitted_regions(user)
	if allowed is not None and unit not in allowed:
		frappe.throw(
			_("You may only report on your own region ({0}); {1} is outside it").format(
				"、".join(sorted(_top_regions(allowed))), unit
			),
			frappe.PermissionError,
		)


def _top_regions(allowed):
	parents = dict(frappe.get_all("Region", filters={"name": ("in", list(allowed))}, fields=["name", "parent_region"], as_list=True))
	return {name for name in allowed if parents.get(name) not in allowed}


def default_unit(user=None):
	allowed = permitted_regions(user)
	if allowed is None:
		return frappe.db.get_value("Region", {"parent_region": ("is", "not set")}, "name", order_by="lft asc")
	return sorted(_top_regions(allowed))[0]


def latest_campaign():
	return frappe.db.get_value("Campaign", {}, "name", order_by="start_date desc")


def default_as_of(campaign):
	end = frappe.db.get_value("Campaign", campaign, "end_date")
	return clocks.default_as_of(getdate(today()), getdate(end)) if end else getdate(today())


def campaign_due_date(campaign):
	return getdate(frappe.db.get_value("Campaign", campaign, "report_due_date"))
