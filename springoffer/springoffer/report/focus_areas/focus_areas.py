"""重点领域集体协商情况: the notice's focus areas by region — enterprises offered, agreed and
covered by a contract — each count a link to its enterprises (Focus Area Enterprises)."""

import frappe
from frappe import _

from springoffer.annex import by_region, campaigns, focus_areas
from springoffer.core import categories as c


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	campaign = filters.get("campaign") or campaigns.latest_campaign()
	unit, rows = focus_areas.count(campaign, filters.get("reporting_unit"))
	data = []
	for area in c.FOCUS_AREAS:
		key = focus_areas.KEYS[area]
		parent = {"label": area, "area": area, "region": unit, "indent": 0, "bold": 1}
		parent.update({column: sum(row[f"{key}_{column}"] for row in rows) for column in focus_areas.COLUMNS})
		data.append(parent)
		for row in rows:
			child = {"label": by_region.label(row["region"], unit), "area": area, "region": row["region"], "indent": 1}
			child.update({column: row[f"{key}_{column}"] for column in focus_areas.COLUMNS})
			data.append(child)
	columns = [
		{"fieldname": "label", "label": _("Focus Area / Region"), "fieldtype": "Data", "width": 320},
		{"fieldname": "offered", "label": _("Enterprises Offered"), "fieldtype": "Int", "width": 150},
		{"fieldname": "agreed", "label": _("Enterprises Agreeing to Bargain"), "fieldtype": "Int", "width": 170},
		{"fieldname": "signed", "label": _("Enterprises with a Contract"), "fieldtype": "Int", "width": 170},
		{"fieldname": "area", "label": _("Focus Area"), "fieldtype": "Data", "hidden": 1},
		{"fieldname": "region", "label": _("Region"), "fieldtype": "Link", "options": "Region", "hidden": 1},
	]
	return columns, data
