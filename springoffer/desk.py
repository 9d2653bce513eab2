"""What the controllers share: turning core Violations into one clear frappe.ValidationError,
and the region tree as the database holds it."""

import frappe
from frappe import _


def throw_violations(doc, violations):
	"""Refuse the save with every violation at once, each prefixed by the label of its field."""
	if not violations:
		return
	meta = frappe.get_meta(doc.doctype)
	lines = []
	for violation in violations:
		label = meta.get_label(violation.field) if meta.has_field(violation.field) else ""
		text = _(violation.message).format(*violation.args)
		lines.append(f"{_(label)}：{text}" if label else text)
	frappe.throw("<br>".join(lines), frappe.ValidationError, title=_("Please correct the following"))


def region_chain(region):
	"""The region and its ancestors, nearest first."""
	bounds = frappe.db.get_value("Region", region, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return [region] if region else []
	return frappe.get_all(
		"Region",
		filters={"lft": ("<=", bounds.lft), "rgt": (">=", bounds.rgt)},
		order_by="lft desc",
		pluck="name",
	)


def region_subtree(region):
	bounds = frappe.db.get_value("Region", region, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return []
	return frappe.get_all("Region", filters={"lft": (">=", bounds.lft), "rgt": ("<=", bounds.rgt)}, pluck="name")


def coverage_lines(rows):
	"""Core CoverageLines for a coverage child table, with each enterprise's headcount in one query."""
	from springoffer.core.rules import CoverageLine

	names = [row.enterprise for row in rows if row.enterprise]
	employees = dict(
		frappe.get_all("Enterprise", filters={"name": ("in", names)}, fields=["name", "employees"], as_list=True)
	) if names else {}
	return [CoverageLine(row.enterprise, row.covered_workers, employees.get(row.enterprise)) for row in rows]
