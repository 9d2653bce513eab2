"""The region tree as the database holds it, and who is confined to which part of it: a city or
county user's User Permissions on Region (descendants included) decide what every door of the app
answers — reports, exports, whitelisted methods and the checks of the controllers."""

import frappe
from frappe import _

from springoffer.core import categories


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


def permitted_regions(user=None):
	"""Regions the user is confined to by User Permissions (descendants included); None = all."""
	allowed = frappe.permissions.get_user_permissions(user or frappe.session.user).get("Region") or []
	return {entry.get("doc") for entry in allowed} or None


def check_unit_permission(unit, user=None):
	"""A city user may report on its own subtree only: anything else is a PermissionError (HTTP 403)."""
	allowed = permitted_regions(user)
	if allowed is not None and unit not in allowed:
		frappe.throw(
			_("You may only report on your own region ({0}); {1} is outside it").format(
				"、".join(sorted(_top_regions(allowed))), unit
			),
			frappe.PermissionError,
		)


def _top_regions(allowed):
	parents = dict(frappe.get_all("Region", filters={"name": ("in", list(allowed))}, fields=["name", "parent_region"], as_list=True))
	return {name for name in allowed if parents.get(name) not in allowed}


def province():
	"""The root of the region tree."""
	return frappe.db.get_value("Region", {"parent_region": ("is", "not set")}, "name", order_by="lft asc")


def default_unit(user=None):
	allowed = permitted_regions(user)
	if allowed is None:
		return province()
	return sorted(_top_regions(allowed))[0]


def user_body(user=None):
	"""The body whose officer or reviewer role the user holds, when there is exactly one."""
	roles = set(frappe.get_roles(user))
	bodies = [body for body, pair in categories.BODY_ROLES.items() if roles & set(pair)]
	return bodies[0] if len(bodies) == 1 else None
