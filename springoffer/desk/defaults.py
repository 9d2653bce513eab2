"""What a new Offer, Contract, Enterprise or Unit Report starts with in the desk.

The same rule as the reports, exports and REST methods (springoffer.annex.figures): the campaign running
today, else the latest that has started, never one set up for a later year; the user's own region
when User Permissions confine them to exactly one (a province user chooses); dates = today, kept
inside the campaign once it has ended (an offer dated after its campaign would be refused).
"""

import frappe
from frappe.utils import getdate, today

from springoffer.annex import campaigns
from springoffer.security import regions

# Date fields each form starts with: today within the campaign.
DATE_FIELDS = {
	"Offer": ("date_sent",),
	"Contract": ("signing_date", "term_start"),
	"Unit Report": ("as_of_date",),
	"Contract Performance Check": ("check_date",),
}
REGION_FIELDS = {"Unit Report": "reporting_unit"}


def own_region(user=None):
	"""The one region User Permissions confine the user to (its subtree included); None for a
	province user or one confined to several."""
	allowed = regions.permitted_regions(user)
	if allowed is None:
		return None
	tops = regions._top_regions(allowed)
	return next(iter(tops)) if len(tops) == 1 else None


def campaign_day(campaign, day=None):
	"""`day` (today) kept inside the campaign: its last day once it has ended, its first before it starts."""
	day = getdate(day or today())
	bounds = frappe.db.get_value("Campaign", campaign, ["start_date", "end_date"], as_dict=True) if campaign else None
	if not bounds:
		return day
	return min(max(day, getdate(bounds.start_date)), getdate(bounds.end_date))


@frappe.whitelist()
def form_defaults(doctype: str) -> dict:
	"""Field → value for a new document of `doctype` (only fields it has)."""
	from springoffer.security.regions import user_body

	meta = frappe.get_meta(doctype)
	campaign = campaigns.latest_campaign()
	values = {"campaign": campaign}
	region = own_region()
	values[REGION_FIELDS.get(doctype, "region")] = region
	values["reporting_body"] = user_body()  # a unit report's or a group robot's body: the user's own
	if doctype == "Unit Report":
		values["reporting_unit"] = regions.default_unit()
		values["as_of_date"] = campaigns.default_as_of(campaign) if campaign else getdate(today())
	for fieldname in DATE_FIELDS.get(doctype, ()):
		values.setdefault(fieldname, campaign_day(campaign))
	return {field: str(value) if hasattr(value, "isoformat") else value for field, value in values.items() if value and meta.has_field(field)}


def boot_session(bootinfo):
	"""hooks.boot_session: the defaults the desk's report filters start with (springoffer_desk.js)."""
	if frappe.session.user == "Guest" or not frappe.db.table_exists("Campaign"):
		return
	try:
		campaign = campaigns.latest_campaign()
		bootinfo.springoffer_defaults = {
			"campaign": campaign,
			"unit": regions.default_unit(),
			"region": own_region(),
			"as_of": str(campaigns.default_as_of(campaign)) if campaign else today(),
		}
	except Exception:
		frappe.log_error(title="springoffer: report defaults for the desk")
