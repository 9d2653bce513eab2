"""Which campaign the 附件, the other reports, exports and new forms start with: the one running
today, its as-of day, and its report due date (the 附件's 备注 1)."""

import frappe
from frappe.utils import getdate, today

from springoffer.core import categories as c
from springoffer.core import clocks


def latest_campaign():
	"""The campaign running today, else the latest that has started; a campaign set up for a later
	year is never the default (only when none has started yet, the latest there is)."""
	started = frappe.db.get_value("Campaign", {"start_date": ("<=", today())}, "name", order_by="start_date desc")
	return started or frappe.db.get_value("Campaign", {}, "name", order_by="start_date desc")


def default_as_of(campaign):
	end = frappe.db.get_value("Campaign", campaign, "end_date")
	return clocks.default_as_of(getdate(today()), getdate(end)) if end else getdate(today())


def campaign_due_date(campaign):
	return getdate(frappe.db.get_value("Campaign", campaign, "report_due_date"))


def undelivered_since(campaign):
	"""Offers sent on or before this day (out for the campaign's set days, 7 by default) with no delivery
	on record are flagged on the workspace; their senders are reminded on the day they reach it."""
	days = frappe.db.get_value("Campaign", campaign, "undelivered_after_days") if campaign else None
	return frappe.utils.add_days(frappe.utils.today(), -(c.UNDELIVERED_AFTER_DAYS if days is None else int(days)))
