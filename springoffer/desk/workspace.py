"""What the 春季要约行动 workspace shows a user: their open work and the 附件's figures, for their
region and the default campaign (the Number Cards of type Custom call these).

Counts go through frappe.get_list, so User Permissions (a city user's region) and the app's permission
hooks apply; the 附件 figures come from springoffer.annex.figures, the same count as the report and exports.
"""

from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import getdate, today

from springoffer.annex import campaigns
from springoffer.annex import figures as annex_db
from springoffer.annex.printed import previous_annex
from springoffer.core import categories as c
from springoffer.core import negotiation
from springoffer.core.counting import WORSE_WHEN_HIGHER
from springoffer.security import regions
from springoffer.security.permissions import permitted_count

# item → (doctype, filters, what it is for)
OPEN_WORK = {
	"offers_pending": ("Offer", {"response": c.PENDING, "is_overdue": 0}),
	"offers_overdue": ("Offer", {"response": c.PENDING, "is_overdue": 1}),
	# 已发出、未确认送达: out for the campaign's undelivered_after_days or more (dated when asked)
	"offers_undelivered": ("Offer", {"response": c.PENDING, "delivered_on": ("is", "not set")}),
	"refusals_unhandled": ("Offer", {"response": c.REFUSED, "hrss_handling": ("is", "not set")}),
	"contracts_in_review": ("Contract", {"workflow_state": ("in", [c.CONTRACT_SUBMITTED, *c.CONTRACT_IN_REVIEW])}),
	"contracts_returned": ("Contract", {"workflow_state": ("in", [c.CONTRACT_NEEDS_CORRECTION, c.CONTRACT_OBJECTED])}),
	"reports_to_submit": ("Unit Report", {"workflow_state": ("in", [c.REPORT_DRAFT, c.REPORT_RETURNED])}),
	"reports_to_approve": ("Unit Report", {"workflow_state": c.REPORT_SUBMITTED}),
	# 协商停滞: open talks with no meeting for 30 days (from the agreement while none; dated when asked)
	"negotiations_stalled": ("Negotiation", {"state": ("in", list(negotiation.OPEN_STATES))}),
	# 中止逾期未复谈: suspended, and the agreed next meeting has passed (dated when asked)
	"suspensions_overdue": ("Negotiation", {"state": negotiation.SUSPENDED}),
	# 协调即将到期 / 协调逾期: open coordinations by their last day (dated when asked)
	"coordinations_due_soon": ("Negotiation Coordination", {"status": ("!=", negotiation.COORDINATION_CLOSED)}),
	"coordinations_overdue": ("Negotiation Coordination", {"status": ("!=", negotiation.COORDINATION_CLOSED)}),
}
COORDINATION_DUE_SOON_DAYS = 5
# HRSS runs the coordination clock (集体合同规定 Chapter 7): its cards are on HRSS's view only.
HRSS_CARDS = frozenset({"Coordinations Ending Soon", "Overdue Coordinations"})
ANNEX_COLUMNS = ("offered", "responded", "signed", "refused")


def _filters(filters):
	filters = frappe.parse_json(filters) if filters else {}
	return frappe._dict(filters if isinstance(filters, dict) else {})


def open_work_filters(item, campaign=None, user=None):
	"""(doctype, filters) of one open-work item for the user: the default campaign; a body's unit
	reports for an officer or reviewer of that body."""
	from springoffer.security.regions import user_body

	if item not in OPEN_WORK:
		frappe.throw(_("Unknown item {0}").format(item))
	doctype, filters = OPEN_WORK[item]
	filters = dict(filters)
	filters["campaign"] = campaign or campaigns.latest_campaign()
	if item == "offers_undelivered":
		filters["date_sent"] = ("<=", campaigns.undelivered_since(filters["campaign"]))
	filters.update(dated_filters(item, getdate(today())))
	body = user_body(user) if doctype == "Unit Report" else None
	if body:
		filters["reporting_body"] = body
	return doctype, filters


def dated_filters(item, now):
	"""The filters of an item that depend on the day (as strings: the list's route options carry them)."""
	if item == "negotiations_stalled":
		return {"quiet_since": ("<", str(now - timedelta(days=negotiation.STALLED_AFTER_DAYS)))}
	if item == "suspensions_overdue":
		return {"next_meeting_on": ("<", str(now))}
	if item == "coordinations_due_soon":
		return {"due_date": ("between", [str(now), str(now + timedelta(days=COORDINATION_DUE_SOON_DAYS))])}
	if item == "coordinations_overdue":
		return {"due_date": ("<", str(now))}
	return {}


def _route_options(filters):
	"""List filters as a list view takes them from route_options."""
	options = {}
	for field, value in filters.items():
		if isinstance(value, tuple):
			options[field] = [value[0], value[1]]
		else:
			options[field] = value
	return options


def card_permission(doc, ptype=None, user=None):
	"""has_permission of Number Card (the workspace shows a card only when it passes): HRSS's cards for
	HRSS staff, on top of Frappe's own rule, which this hook replaces (it is asked first)."""
	from frappe.desk.doctype.number_card.number_card import has_permission

	if doc.name in HRSS_CARDS and not set(frappe.get_roles(user)) & {*c.BODY_ROLES[c.BODY_HRSS], "System Manager"}:
		return False
	return bool(has_permission(doc, ptype, user))


def count(doctype, filters):
	return int(permitted_count(doctype, filters))


@frappe.whitelist()
def open_work(filters: str | dict | None = None) -> dict:
	"""Number Card (Custom): how many documents of one kind wait for someone, in the user's region."""
	filters = _filters(filters)
	doctype, list_filters = open_work_filters(filters.get("item"), filters.get("campaign"))
	frappe.has_permission(doctype, "read", throw=True)
	return {
		"value": count(doctype, list_filters),
		"fieldtype": "Int",
		"route": ["List", doctype, "List"],
		"route_options": _route_options(list_filters),
	}


def annex_defaults():
	campaign = campaigns.latest_campaign()
	return campaign, regions.default_unit(), campaigns.default_as_of(campaign) if campaign else None


@frappe.whitelist()
def annex_figure(filters: str | dict | None = None) -> dict:
	"""Number Card (Custom): one 合计 figure of the 附件 (enterprises) for the user's unit, the default
	campaign and as-of date — the figure the report shows for the same filters."""
	filters = _filters(filters)
	column = filters.get("column")
	if column not in ANNEX_COLUMNS:
		frappe.throw(_("Unknown column {0}").format(column))
	frappe.has_permission("Offer", "read", throw=True)
	campaign = filters.get("campaign") or campaigns.latest_campaign()
	if not campaign:
		return {"value": 0, "fieldtype": "Int"}
	unit = filters.get("reporting_unit") or regions.default_unit()
	regions.check_unit_permission(unit)
	as_of = frappe.utils.getdate(filters.get("as_of_date") or campaigns.default_as_of(campaign))
	annex = annex_db.count(campaign, unit, as_of, with_refusals=False)
	found = {
		"value": getattr(annex.total, column),
		"fieldtype": "Int",
		"route": ["query-report", "Spring Offer Annex"],
		"route_options": {"campaign": campaign, "reporting_unit": unit, "as_of_date": str(as_of), "compare_previous": 1},
	}
	# 同比: the previous campaign on the same day of its own (springoffer_desk.js shows it under the number).
	previous, label = previous_annex(campaign, unit, as_of)
	if previous is not None:
		found.update(previous=getattr(previous.total, column), previous_label=label, rise_is_bad=column in WORSE_WHEN_HIGHER)
	return found
