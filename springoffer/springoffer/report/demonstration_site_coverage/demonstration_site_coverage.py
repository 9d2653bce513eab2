"""示范点选树情况: every 市州 and 县市区 with the demonstration sites named in its area for the
campaign (a city counts the sites of its counties too), their activities and attendance; regions
with none are flagged — the notice asks each region to name at least one."""

import frappe
from frappe import _

from springoffer.annex import campaigns
from springoffer.security import regions

SQL = """
SELECT t.name AS region, t.region_level, t.lft, t.rgt,
	COUNT(DISTINCT s.name) AS sites,
	COUNT(a.name) AS activities,
	COALESCE(SUM(a.attendance), 0) AS attendance
FROM `tabRegion` t
LEFT JOIN `tabRegion` sr ON sr.lft BETWEEN t.lft AND t.rgt
LEFT JOIN `tabDemonstration Site` s ON s.region = sr.name AND s.campaign = %(campaign)s {body}
LEFT JOIN `tabDemonstration Site Activity` a ON a.parent = s.name AND a.parenttype = 'Demonstration Site'
WHERE t.lft BETWEEN %(lft)s AND %(rgt)s
GROUP BY t.name, t.region_level, t.lft, t.rgt
ORDER BY t.lft
"""


def coverage(campaign, unit, body=None):
	"""[{region, level, indent, sites, activities, attendance}] for `unit` and its subtree, tree order."""
	bounds = frappe.db.get_value("Region", unit, ["lft", "rgt"], as_dict=True)
	if not bounds:
		frappe.throw(_("Region {0} does not exist").format(unit), frappe.DoesNotExistError)
	regions.check_unit_permission(unit)
	values = {"campaign": campaign, "lft": bounds.lft, "rgt": bounds.rgt, "body": body}
	rows = frappe.db.sql(SQL.format(body="AND s.reporting_body = %(body)s" if body else ""), values, as_dict=True)
	stack = []
	for row in rows:
		while stack and stack[-1] < row.lft:
			stack.pop()
		row.indent = len(stack)
		stack.append(row.rgt)
	return rows


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	campaign = filters.get("campaign") or campaigns.latest_campaign()
	unit = filters.get("reporting_unit") or regions.default_unit()
	rows = coverage(campaign, unit, filters.get("reporting_body"))
	data = [
		{
			"region": row.region,
			"region_level": row.region_level,
			"indent": row.indent,
			"sites": row.sites,
			"activities": row.activities,
			"attendance": row.attendance,
			"status": _("Named") if row.sites else _("None yet"),
		}
		for row in rows
	]
	without = {}
	for row in rows:
		if not row.sites and row.region != unit:
			without[row.region_level] = without.get(row.region_level, 0) + 1
	columns = [
		{"fieldname": "region", "label": _("Region"), "fieldtype": "Link", "options": "Region", "width": 220},
		{"fieldname": "region_level", "label": _("Level"), "fieldtype": "Data", "width": 80},
		{"fieldname": "sites", "label": _("Demonstration Sites"), "fieldtype": "Int", "width": 110},
		{"fieldname": "activities", "label": _("Activities Held"), "fieldtype": "Int", "width": 130},
		{"fieldname": "attendance", "label": _("Attendance"), "fieldtype": "Int", "width": 110},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 110},
	]
	summary = [
		{"label": _("{0} without a Site").format(level), "value": n, "datatype": "Int", "indicator": "red" if n else "green"}
		for level, n in sorted(without.items())
	] or [{"label": _("Regions without a Site"), "value": 0, "datatype": "Int", "indicator": "green"}]
	return columns, data, None, None, summary
