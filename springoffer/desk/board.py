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


def units():
	"""The rows of the board: the 市州 for a province user, the user's own region otherwise."""
	allowed = regions.permitted_regions()
	if allowed is not None:
		return [regions.default_unit()]
	root = regions.province()
	return frappe.get_all("Region", filters={"parent_region": root}, pluck="name", order_by="lft asc")


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
	overdue = dict(
		frappe.db.sql(_OVERDUE_SQL, {"units": tuple(rows_of), "campaign": campaign, "pending": c.PENDING, "today": today()})
	)
	reports = {}
	for report in frappe.get_all(
		"Unit Report",
		filters={"campaign": campaign, "reporting_unit": ("in", rows_of), "docstatus": ("<", 2)},
		fields=["reporting_unit", "reporting_body", "workflow_state"],
	):
		reports.setdefault(report.reporting_unit, {})[report.reporting_body] = report.workflow_state
	rows = []
	for unit in rows_of:
		total = annex_db.count(campaign, unit, as_of, with_refusals=False).total
		rows.append(
			{
				"unit": unit,
				**{column: getattr(total, column) for column in COLUMNS},
				"offered_workers": total.offered_workers,
				"signed_workers": total.signed_workers,
				"overdue": int(overdue.get(unit, 0)),
				"reports": {body: reports.get(unit, {}).get(body, "") for body in c.REPORTING_BODIES},
			}
		)
	return {
		"campaign": campaign,
		"as_of": str(as_of),
		"report_due_date": str(due),
		"days_left": max(date_diff(due, getdate(today())), 0),
		"bodies": list(c.REPORTING_BODIES),
		"province": regions.permitted_regions() is None,
		"rows": rows,
		"event": ANNOUNCEMENT,
	}

