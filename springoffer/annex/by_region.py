"""Reports that count by region: one row per child of the chosen unit (市州 under the province,
县市区 under a city), plus the unit itself for records placed on it directly.

REGION_JOIN joins a table's region column to its row region in SQL, so every count stays one
grouped query; scope() checks the caller may see the unit (city users only their own subtree).
"""

import frappe
from frappe import _

from springoffer.security import regions

# {region} is the column holding the record's region, e.g. e.region.
REGION_JOIN = """
	JOIN `tabRegion` r ON r.name = {region} AND r.lft BETWEEN %(lft)s AND %(rgt)s
	LEFT JOIN `tabRegion` grp ON grp.parent_region = %(unit)s AND r.lft BETWEEN grp.lft AND grp.rgt
"""
GROUP = "COALESCE(grp.name, %(unit)s)"


def scope(unit=None):
	"""(unit, values for REGION_JOIN, row regions in tree order), after the permission check."""
	unit = unit or regions.default_unit()
	bounds = frappe.db.get_value("Region", unit, ["lft", "rgt"], as_dict=True)
	if not bounds:
		frappe.throw(_("Region {0} does not exist").format(unit), frappe.DoesNotExistError)
	regions.check_unit_permission(unit)
	children = frappe.get_all("Region", filters={"parent_region": unit}, order_by="lft asc", pluck="name")
	return unit, {"unit": unit, "lft": bounds.lft, "rgt": bounds.rgt}, [*children, unit]


def join(region_column):
	return REGION_JOIN.format(region=region_column)


def total_row(rows, label_field, label, fields):
	"""The 合计 row: the column sums of `fields`."""
	total = {label_field: label, "bold": 1}
	for field in fields:
		total[field] = sum(row.get(field) or 0 for row in rows)
	return total


def label(region, unit):
	"""A row's label: the unit's own row says it holds the records placed on the unit itself."""
	return _("{0} (directly)").format(region) if region == unit else region
