"""重点领域企业明细: the enterprises behind one count of the focus-area report."""

import frappe
from frappe import _

from springoffer.annex import campaigns, focus_areas
from springoffer.security import regions


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	campaign = filters.get("campaign") or campaigns.latest_campaign()
	unit = filters.get("reporting_unit") or regions.default_unit()
	if not filters.get("area") or not filters.get("column"):
		return _columns(), []
	rows = focus_areas.enterprises(campaign, unit, filters.area, filters.column)
	return _columns(), rows


def _columns():
	return [
		{"fieldname": "enterprise", "label": _("Unified Social Credit Code"), "fieldtype": "Link", "options": "Enterprise", "width": 190},
		{"fieldname": "enterprise_name", "label": _("Enterprise Name"), "fieldtype": "Data", "width": 240},
		{"fieldname": "region", "label": _("Region"), "fieldtype": "Link", "options": "Region", "width": 120},
		{"fieldname": "report_category", "label": _("Report Category"), "fieldtype": "Data", "width": 200},
		{"fieldname": "records", "label": _("Offers or Contracts"), "fieldtype": "Data", "width": 260},
	]
