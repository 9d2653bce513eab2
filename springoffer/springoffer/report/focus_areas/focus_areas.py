"""重点领域集体协商情况: the notice's focus areas by region — enterprises offered, agreed and
covered by a contract — each count a link to its enterprises (Focus Area Enterprises); on demand
beside the previous campaign's figures on the same day of its own (同比)."""

import frappe
from frappe import _

from springoffer.annex import by_region, campaigns, focus_areas
from springoffer.annex.printed import previous_campaign, same_day_of
from springoffer.core import categories as c


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	campaign = filters.get("campaign") or campaigns.latest_campaign()
	unit, rows = focus_areas.count(campaign, filters.get("reporting_unit"))
	before = _previous(campaign, unit) if filters.get("compare_previous") else None
	data = []
	for area in c.FOCUS_AREAS:
		key = focus_areas.KEYS[area]
		parent = {"label": area, "area": area, "region": unit, "indent": 0, "bold": 1}
		parent.update({column: sum(row[f"{key}_{column}"] for row in rows) for column in focus_areas.COLUMNS})
		data.append(_compared(parent, before, key, None))
		for row in rows:
			child = {"label": by_region.label(row["region"], unit), "area": area, "region": row["region"], "indent": 1}
			child.update({column: row[f"{key}_{column}"] for column in focus_areas.COLUMNS})
			data.append(_compared(child, before, key, row["region"]))
	return columns(before is not None), data


def _previous(campaign, unit):
	"""{region: row} of the previous campaign on the same day, or None when there is none."""
	previous = previous_campaign(campaign)
	if not previous:
		return None
	_unit, rows = focus_areas.count(previous, unit, same_day_of(campaign, previous))
	return {row["region"]: row for row in rows}


def _compared(row, before, key, region):
	if before is None:
		return row
	for column in focus_areas.COLUMNS:
		if region is None:
			then = sum(r[f"{key}_{column}"] for r in before.values())
		else:
			then = (before.get(region) or {}).get(f"{key}_{column}", 0)
		row[f"previous_{column}"] = then
		row[f"change_{column}"] = row[column] - then
	return row


def columns(with_previous=False):
	labels = (
		("offered", _("Enterprises Offered"), 150),
		("agreed", _("Enterprises Agreeing to Bargain"), 170),
		("signed", _("Enterprises with a Contract"), 170),
	)
	cols = [{"fieldname": "label", "label": _("Focus Area / Region"), "fieldtype": "Data", "width": 320}]
	for fieldname, label, width in labels:
		cols.append({"fieldname": fieldname, "label": label, "fieldtype": "Int", "width": width})
		if with_previous:
			cols.append({"fieldname": f"previous_{fieldname}", "label": _("Same Day Last Campaign"), "fieldtype": "Int", "width": 120})
			cols.append({"fieldname": f"change_{fieldname}", "label": _("Change"), "fieldtype": "Int", "width": 90})
	cols += [
		{"fieldname": "area", "label": _("Focus Area"), "fieldtype": "Data", "hidden": 1},
		{"fieldname": "region", "label": _("Region"), "fieldtype": "Link", "options": "Region", "hidden": 1},
	]
	return cols
