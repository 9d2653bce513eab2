"""The province board (春季要约行动看板): each 市州's offers, answers, contracts, refusals, overdue
offers and unit-report state, and the days left to the report due date — for the user's region only.

The board page asks for these figures when it opens and again when the server announces a change
(`ANNOUNCEMENT`, a realtime event with no content, sent once per transaction that changed the annex
ledger or a unit report); the figures come from the 附件's cache (springoffer.annex.cache), so a
hundred open boards cost one computation per change.
"""

import frappe
from frappe.utils import date_diff, getdate, today

from springoffer.annex import campaigns
from springoffer.annex import figures as annex_db
from springoffer.annex.cache import ANNOUNCEMENT
from springoffer.core import categories as c
from springoffer.security import regions

COLUMNS = ("offered", "responded", "signed", "refused")

_OVERDUE_SQL = """
	SELECT unit.name, COUNT(*)
	FROM `tabOffer` o
	JOIN `tabRegion` r ON r.name = o.region
	JOIN `tabRegion` unit ON unit.lft <= r.lft AND r.rgt <= unit.rgt
	WHERE unit.name IN %(units)s AND o.campaign = %(campaign)s AND o.docstatus < 2
		AND o.response = %(pending)s AND o.response_due_date < %(today)s
	GROUP BY unit.name
"""
# A city's own offers (registered on the city itself, not in a county below it).
_OWN_OVERDUE_SQL = """
	SELECT COUNT(*) FROM `tabOffer` o
	WHERE o.region = %(region)s AND o.campaign = %(campaign)s AND o.docstatus < 2
		AND o.response = %(pending)s AND o.response_due_date < %(today)s
"""


def units():
	"""The rows of the board as (label, region, own): the 市州 for a province user; a city user's
	县市区, then the city's own enterprises as 本级 (its row carries the city's unit reports); a county
	user's county."""
	allowed = regions.permitted_regions()
	if allowed is None:
		root = regions.province()
		return [(city, city, False) for city in frappe.get_all("Region", filters={"parent_region": root}, pluck="name", order_by="lft asc")]
	unit = regions.default_unit()
	children = frappe.get_all("Region", filters={"parent_region": unit}, pluck="name", order_by="lft asc")
	if not children:
		return [(unit, unit, False)]
	return [(child, child, False) for child in children] + [(f"{unit}（本级）", unit, True)]


def figures(campaign=None):
	frappe.has_permission("Offer", "read", throw=True)
	campaign = campaign or campaigns.latest_campaign()
	if not campaign:
		return {"campaign": None, "rows": []}
	if not frappe.db.exists("Campaign", campaign):
		frappe.throw(frappe._("Campaign {0} does not exist").format(campaign))
	rows_of = units()
	as_of = campaigns.default_as_of(campaign)
	due = campaigns.campaign_due_date(campaign)
	values = {"campaign": campaign, "pending": c.PENDING, "today": today()}
	overdue = dict(frappe.db.sql(_OVERDUE_SQL, {**values, "units": tuple(region for _label, region, own in rows_of if not own)}))
	for label, region, own in rows_of:
		if own:
			overdue[label] = frappe.db.sql(_OWN_OVERDUE_SQL, {**values, "region": region})[0][0]
	reports = {}
	for report in frappe.get_all(
		"Unit Report",
		filters={"campaign": campaign, "reporting_unit": ("in", [region for _label, region, _own in rows_of]), "docstatus": ("<", 2)},
		fields=["reporting_unit", "reporting_body", "workflow_state"],
	):
		reports.setdefault(report.reporting_unit, {})[report.reporting_body] = report.workflow_state
	rows = []
	for label, region, own in rows_of:
		total = (annex_db.own_figures if own else annex_db.unit_figures)(campaign, region, as_of)
		rows.append(
			{
				"unit": label,
				**{column: getattr(total, column) for column in COLUMNS},
				"offered_workers": total.offered_workers,
				"signed_workers": total.signed_workers,
				"overdue": int(overdue.get(label, 0)),
				"reports": {body: reports.get(region, {}).get(body, "") for body in c.REPORTING_BODIES},
			}
		)
	return {
		"campaign": campaign,
		"as_of": str(as_of),
		"report_due_date": str(due),
		# negative once the due date has passed (the page then says by how many days)
		"days_left": date_diff(due, getdate(today())),
		"bodies": list(c.REPORTING_BODIES),
		"province": regions.permitted_regions() is None,
		"rows": rows,
		"event": ANNOUNCEMENT,
	}

