"""集体协商指导员工作情况: each instructor of the unit's region — body, full or part time — with the
enterprises assigned, the offers they guided (and of them answered 同意协商) and the contracts
they guided to signing in the campaign. Three grouped queries."""

import frappe
from frappe import _

from springoffer.annex import campaigns
from springoffer.core import categories as c
from springoffer.security import regions
from springoffer.security.regions import region_subtree

OFFERS_SQL = f"""
SELECT instructor, COUNT(*) AS offers, SUM(response = '{c.AGREED}') AS agreed
FROM `tabOffer` WHERE campaign = %(campaign)s AND instructor IN %(names)s GROUP BY instructor
"""
CONTRACTS_SQL = """
SELECT instructor, COUNT(*) AS contracts
FROM `tabContract` WHERE campaign = %(campaign)s AND is_cancelled = 0 AND instructor IN %(names)s GROUP BY instructor
"""
ASSIGNED_SQL = """
SELECT a.parent AS instructor, COUNT(DISTINCT a.enterprise) AS enterprises
FROM `tabInstructor Assignment` a WHERE a.parenttype = 'Bargaining Instructor' AND a.parent IN %(names)s GROUP BY a.parent
"""


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	campaign = filters.get("campaign") or campaigns.latest_campaign()
	unit = filters.get("reporting_unit") or regions.default_unit()
	regions.check_unit_permission(unit)
	conditions = {"region": ("in", region_subtree(unit))}
	if filters.get("reporting_body"):
		conditions["reporting_body"] = filters.reporting_body
	instructors = frappe.get_all(
		"Bargaining Instructor",
		filters=conditions,
		fields=["name", "full_name", "reporting_body", "instructor_kind", "region", "active"],
		order_by="region asc, full_name asc",
	)
	values = {"campaign": campaign, "names": tuple(i.name for i in instructors) or ("",)}
	counts = {}
	for sql in (OFFERS_SQL, CONTRACTS_SQL, ASSIGNED_SQL):
		for row in frappe.db.sql(sql, values, as_dict=True):
			counts.setdefault(row.pop("instructor"), {}).update(row)
	data = []
	for i in instructors:
		found = counts.get(i.name, {})
		data.append(
			{
				**i,
				"enterprises": int(found.get("enterprises") or 0),
				"offers": int(found.get("offers") or 0),
				"agreed": int(found.get("agreed") or 0),
				"contracts": int(found.get("contracts") or 0),
			}
		)
	columns = [
		{"fieldname": "name", "label": _("Bargaining Instructor"), "fieldtype": "Link", "options": "Bargaining Instructor", "width": 120},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 110},
		{"fieldname": "reporting_body", "label": _("Body"), "fieldtype": "Data", "width": 170},
		{"fieldname": "instructor_kind", "label": _("Full or Part Time"), "fieldtype": "Data", "width": 90},
		{"fieldname": "region", "label": _("Region"), "fieldtype": "Link", "options": "Region", "width": 110},
		{"fieldname": "enterprises", "label": _("Enterprises Assigned"), "fieldtype": "Int", "width": 110},
		{"fieldname": "offers", "label": _("Offers Guided"), "fieldtype": "Int", "width": 100},
		{"fieldname": "agreed", "label": _("Of Them Agreed"), "fieldtype": "Int", "width": 100},
		{"fieldname": "contracts", "label": _("Contracts Guided"), "fieldtype": "Int", "width": 100},
	]
	return columns, data
