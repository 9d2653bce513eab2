"""抽查情况汇总: the campaign's spot checks by 市州 — contracts sampled, checked, found with
problems, rectified and still being rectified — one grouped query over the sampled contracts."""

import frappe
from frappe import _

from springoffer.annex import campaigns
from springoffer.core import categories as c
from springoffer.core.regions import CITIES

SQL = f"""
SELECT i.city, COUNT(*) AS sampled,
	SUM(i.result IS NOT NULL AND i.result != '') AS checked,
	SUM(i.result = '{c.SPOT_CHECK_RESULTS[1]}') AS problems,
	SUM(i.result = '{c.SPOT_CHECK_RESULTS[1]}' AND i.rectification = '{c.RECTIFICATION_STATES[2]}') AS rectified,
	SUM(i.result = '{c.SPOT_CHECK_RESULTS[1]}' AND IFNULL(i.rectification, '') != '{c.RECTIFICATION_STATES[2]}') AS rectifying
FROM `tabSpot Check Item` i
JOIN `tabSpot Check` s ON s.name = i.parent AND i.parenttype = 'Spot Check'
WHERE s.campaign = %(campaign)s {{body}}
GROUP BY i.city
"""
FIELDS = ("sampled", "checked", "problems", "rectified", "rectifying")


def summary(campaign, body=None):
	rows = {
		row.city: row
		for row in frappe.db.sql(SQL.format(body="AND s.checking_body = %(body)s" if body else ""), {"campaign": campaign, "body": body}, as_dict=True)
	}
	order = [city for city in CITIES if city in rows] + sorted(city for city in rows if city not in CITIES)
	return [{"city": city, **{f: int(rows[city][f] or 0) for f in FIELDS}} for city in order]


def execute(filters: dict | None = None):
	from springoffer.security.permissions import confined

	if confined():  # 抽查 is the province's: its sample spans every city
		frappe.throw(_("Spot checks are the province's; ask a province reviewer for their results"), frappe.PermissionError)
	filters = frappe._dict(filters or {})
	campaign = filters.get("campaign") or campaigns.latest_campaign()
	data = summary(campaign, filters.get("checking_body"))
	if data:
		data.append({"city": _("Total"), "bold": 1, **{f: sum(row[f] for row in data) for f in FIELDS}})
	columns = [
		{"fieldname": "city", "label": _("City"), "fieldtype": "Data", "width": 180},
		{"fieldname": "sampled", "label": _("Contracts Sampled"), "fieldtype": "Int", "width": 120},
		{"fieldname": "checked", "label": _("Checked"), "fieldtype": "Int", "width": 100},
		{"fieldname": "problems", "label": _("Problems Found"), "fieldtype": "Int", "width": 110},
		{"fieldname": "rectified", "label": _("Rectified"), "fieldtype": "Int", "width": 100},
		{"fieldname": "rectifying", "label": _("Being Rectified"), "fieldtype": "Int", "width": 110},
	]
	return columns, data
