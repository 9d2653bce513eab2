"""The 附件 from the site's records: two grouped SQL queries that apply the core's counting rules
(springoffer.core.counting) in the database, and the Region permission every entry point checks.

The desk report, the Unit Report's fill button, the bench command and the REST methods all come
through here; tests prove these figures equal counting.count_annex on the same records.
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from springoffer.core import categories, clocks
from springoffer.core.counting import Annex, Figures, Refusal, joined_texts

SEPARATOR = "\x1f"  # splits GROUP_CONCAT lists; cannot occur in typed text

# One row per offer line in scope, with the line's meaning as of the as-of date.
_ANSWERED = "(o.response_date IS NULL OR o.response_date <= %(as_of)s)"
_AGREED = f"o.response = %(agreed)s AND {_ANSWERED}"
_REFUSED = f"o.response = %(refused)s AND {_ANSWERED}"
_OVERDUE = "(o.response = %(pending)s OR o.response_date > %(as_of)s) AND o.response_due_date < %(as_of)s"
_OFFER_SCOPE = """
	FROM `tabOffer` o
	JOIN `tabOffer Coverage` cov ON cov.parent = o.name AND cov.parenttype = 'Offer'
	JOIN `tabEnterprise` e ON e.name = cov.enterprise
	JOIN `tabRegion` r ON r.name = e.region
	WHERE o.campaign = %(campaign)s AND o.date_sent <= %(as_of)s
		AND r.lft >= %(lft)s AND r.rgt <= %(rgt)s
"""

# One row per enterprise in scope: its largest offered / agreed / signed figure as of the date,
# and whether it refused or let an offer run out unanswered.
PER_ENTERPRISE_SQL = f"""
	SELECT enterprise, category,
		MAX(offer_workers) AS offer_workers, MAX(agreed_workers) AS agreed_workers,
		MAX(refused) AS refused, MAX(overdue) AS overdue, MAX(signed_workers) AS signed_workers
	FROM (
		SELECT cov.enterprise, e.report_category AS category,
			cov.covered_workers AS offer_workers,
			CASE WHEN {_AGREED} THEN cov.covered_workers END AS agreed_workers,
			CASE WHEN {_REFUSED} THEN 1 END AS refused,
			CASE WHEN {_OVERDUE} THEN 1 END AS overdue,
			NULL AS signed_workers
		{_OFFER_SCOPE}
		UNION ALL
		SELECT cov.enterprise, e.report_category,
			NULL, NULL, NULL, NULL, cov.covered_workers
		FROM `tabContract` k
		JOIN `tabContract Coverage` cov ON cov.parent = k.name AND cov.parenttype = 'Contract'
		JOIN `tabEnterprise` e ON e.name = cov.enterprise
		JOIN `tabRegion` r ON r.name = e.region
		WHERE k.campaign = %(campaign)s AND k.is_cancelled = 0 AND k.signing_date <= %(as_of)s
			AND r.lft >= %(lft)s AND r.rgt <= %(rgt)s
	) line
	GROUP BY enterprise, category
"""

# Which enterprises each count of the form counts (the drill-down uses the same conditions).
COLUMN_CONDITIONS = {
	"offered": "offer_workers IS NOT NULL",
	"responded": "agreed_workers IS NOT NULL",
	"signed": "signed_workers IS NOT NULL",
	"refused": "agreed_workers IS NULL AND (refused = 1 OR overdue = 1)",
}

FIGURES_SQL = f"""
SELECT category,
	COUNT(offer_workers), COALESCE(SUM(offer_workers), 0),
	COUNT(agreed_workers), COALESCE(SUM(agreed_workers), 0),
	COUNT(signed_workers), COALESCE(SUM(signed_workers), 0),
	COALESCE(SUM({COLUMN_CONDITIONS["refused"]}), 0)
FROM ({PER_ENTERPRISE_SQL}) per_enterprise
GROUP BY category
"""

ENTERPRISES_SQL = f"""
SELECT p.enterprise, e.enterprise_name, e.region, p.category,
	p.offer_workers, p.agreed_workers, p.signed_workers,
	CASE WHEN p.agreed_workers IS NOT NULL THEN NULL WHEN p.refused = 1 THEN %(refused)s WHEN p.overdue = 1 THEN %(overdue)s END AS refusal_kind
FROM ({PER_ENTERPRISE_SQL}) p
JOIN `tabEnterprise` e ON e.name = p.enterprise
WHERE {{condition}} AND (%(category)s = '' OR p.category = %(category)s)
ORDER BY e.region, p.enterprise
"""


_REASON_TEXT = (
	"CASE WHEN IFNULL(o.refusal_detail, '') = '' THEN o.refusal_reason "
	"ELSE CONCAT_WS('：', o.refusal_reason, o.refusal_detail) END"
)
_HANDLING_TEXT = (
	"CASE WHEN IFNULL(o.hrss_handling_detail, '') = '' THEN o.hrss_handling "
	"ELSE CONCAT_WS('：', o.hrss_handling, o.hrss_handling_detail) END"
)

REFUSALS_SQL = f"""
SELECT e.name, e.enterprise_name, e.report_category, e.region,
	x.refused_workers, x.overdue_workers, x.reasons, x.refused_handling, x.overdue_handling
FROM (
	SELECT cov.enterprise,
		MAX(CASE WHEN {_AGREED} THEN 1 END) AS agreed,
		MAX(CASE WHEN {_REFUSED} THEN cov.covered_workers END) AS refused_workers,
		MAX(CASE WHEN {_OVERDUE} THEN cov.covered_workers END) AS overdue_workers,
		GROUP_CONCAT(CASE WHEN {_REFUSED} THEN {_REASON_TEXT} END SEPARATOR %(sep)s) AS reasons,
		GROUP_CONCAT(CASE WHEN {_REFUSED} THEN {_HANDLING_TEXT} END SEPARATOR %(sep)s) AS refused_handling,
		GROUP_CONCAT(CASE WHEN {_OVERDUE} THEN {_HANDLING_TEXT} END SEPARATOR %(sep)s) AS overdue_handling
	{_OFFER_SCOPE}
	GROUP BY cov.enterprise
	HAVING agreed IS NULL AND (refused_workers IS NOT NULL OR overdue_workers IS NOT NULL)
) x
JOIN `tabEnterprise` e ON e.name = x.enterprise
"""


def _values(campaign, unit, as_of):
	bounds = frappe.db.get_value("Region", unit, ["lft", "rgt"], as_dict=True)
	if not bounds:
		frappe.throw(_("Region {0} does not exist").format(unit), frappe.DoesNotExistError)
	return {
		"campaign": campaign,
		"as_of": getdate(as_of),
		"lft": bounds.lft,
		"rgt": bounds.rgt,
		"agreed": categories.AGREED,
		"refused": categories.REFUSED,
		"overdue": categories.OVERDUE,
		"pending": categories.PENDING,
		"sep": SEPARATOR,
	}


def enterprises(campaign, unit, as_of, column, category=""):
	"""The enterprises behind one count of the form (column: offered, responded, signed, refused)."""
	if column not in COLUMN_CONDITIONS:
		frappe.throw(_("Unknown column {0}").format(column))
	values = dict(_values(campaign, unit, as_of), category=category or "")
	return frappe.db.sql(ENTERPRISES_SQL.format(condition=COLUMN_CONDITIONS[column]), values, as_dict=True)


def _split(text):
	return joined_texts((text or "").split(SEPARATOR))


def count(campaign, unit, as_of):
	"""The 附件 of `unit` (a Region and its subtree) for `campaign` as of `as_of`, from the database."""
	values = _values(campaign, unit, as_of)
	rows = {category: Figures() for category in categories.REPORT_CATEGORIES}
	for category, *figures in frappe.db.sql(FIGURES_SQL, values):
		if category in rows:
			rows[category] = Figures(*(int(v or 0) for v in figures))

	frappe.db.sql("SET SESSION group_concat_max_len = 1048576")
	refusals = []
	for name, enterprise_name, category, region, refused_w, overdue_w, reasons, refused_h, overdue_h in frappe.db.sql(
		REFUSALS_SQL, values
	):
		refused = refused_w is not None
		refusals.append(
			Refusal(
				enterprise=enterprise_name,
				credit_code=name,
				category=category,
				region=region,
				workers=int(refused_w if refused else overdue_w),
				kind=categories.REFUSED if refused else categories.OVERDUE,
				reason=_split(reasons) if refused else "",
				hrss_handling=_split(refused_h if refused else overdue_h),
			)
		)
	refusals.sort(key=lambda r: (categories.REPORT_CATEGORIES.index(r.category), r.region, r.credit_code))
	return Annex(unit=unit, as_of=getdate(as_of), rows=rows, refusals=refusals, campaign=campaign)


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
