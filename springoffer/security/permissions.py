"""Row-level permission for the doors Frappe leaves open (FRAPPE-NOTES §3, §12).

Frappe confines a city or county user through User Permissions on Region, but only where it applies
them: `frappe.get_list` on a DocType that links Region, and `doc.has_permission`. These doors do not:

- a child table listed with `parent=` (`frappe.client.get_list/get_value`, reportview): Frappe checks
  only that the user may read the parent DocType, then returns the child rows of every parent →
  `child_conditions`, a `permission_query_conditions` hook on each of our child tables, keeps the rows
  whose parent the user may list;
- `frappe.client.get_count` is `frappe.db.count`, with no permission at all → `get_count`;
- the list sidebar's "assigned to" counts build their own query → `get_group_by_count`;
- link search honours the client's `ignore_user_permissions` flag → `search_link` / `search_widget`;
- `frappe.client.validate_link` answers whether a name exists → `validate_link`;
- 抽查 (Spot Check) has no region of its own: it is the province's, so confined users see none.

Each override handles our DocTypes and hands every other DocType to Frappe's own method unchanged.
"""

import frappe
from frappe import _

MODULE = "Springoffer"

# Reference data every campaign user may read whatever their region: the region tree, campaigns,
# minimum wages, wage guidelines and holiday schedules are public.
PUBLIC_DOCTYPES = frozenset({"Region", "Campaign", "Minimum Wage Standard", "Wage Guideline", "Holiday Schedule"})

# Parents whose rows belong to no region: only users not confined to a region see them.
PROVINCE_ONLY = frozenset({"Spot Check"})


def is_ours(doctype):
	try:
		return frappe.get_meta(doctype).module == MODULE
	except frappe.DoesNotExistError:
		return False


def is_regional(doctype):
	"""Our DocTypes whose rows belong to a region (the ones the overrides confine)."""
	return bool(doctype) and doctype not in PUBLIC_DOCTYPES and is_ours(doctype)


def confined(user=None):
	"""True when User Permissions limit what the user sees (a city or county user)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return False
	return bool(frappe.permissions.get_user_permissions(user))


def parents_of(child_doctype):
	"""The DocTypes that hold `child_doctype` as a table, from the metadata (cached for the request)."""
	cache = getattr(frappe.local, "springoffer_parents_of", None)
	if cache is None:
		cache = frappe.local.springoffer_parents_of = {}
	if child_doctype not in cache:
		cache[child_doctype] = sorted(
			set(
				frappe.get_all(
					"DocField",
					filters={"fieldtype": ("in", ["Table", "Table MultiSelect"]), "options": child_doctype, "parenttype": "DocType"},
					pluck="parent",
				)
			)
		)
	return cache[child_doctype]


def _listable_parents_sql(parent, user):
	"""SQL selecting the names of `parent` the user may list, with every permission Frappe applies."""
	from frappe.model.db_query import DatabaseQuery

	return DatabaseQuery(parent).execute(fields=[f"`tab{parent}`.`name`"], user=user, run=0, limit_page_length=None)


def child_conditions(user=None, doctype=None):
	"""permission_query_conditions for our child tables: a row is listed when the user may list its
	parent. Rows of a parent DocType the user cannot read are never listed; for a confined user the
	parent's own list (User Permissions, hooks) decides."""
	user = user or frappe.session.user
	if user == "Administrator" or not doctype:
		return ""
	table = f"`tab{doctype}`"
	readable = [parent for parent in parents_of(doctype) if frappe.has_permission(parent, "read", user=user)]
	if not readable:
		return "1=0"
	if not confined(user):
		return f"{table}.`parenttype` in ({', '.join(frappe.db.escape(p) for p in readable)})"
	parts = [
		f"({table}.`parenttype` = {frappe.db.escape(parent)} and {table}.`parent` in ({_listable_parents_sql(parent, user)}))"
		for parent in readable
	]
	return "(" + " or ".join(parts) + ")"


def province_only_conditions(user=None, doctype=None):
	"""permission_query_conditions for DocTypes without a region (Spot Check): none for confined users."""
	return "1=0" if confined(user) else ""


def query_conditions(user=None, doctype=None):
	"""The permission_query_conditions hook ("*"): our child tables and province-only DocTypes;
	every other DocType, Frappe's or ours, is left to Frappe."""
	if not doctype or not is_ours(doctype):
		return ""
	if doctype in PROVINCE_ONLY:
		return province_only_conditions(user, doctype)
	if frappe.get_meta(doctype).istable:
		return child_conditions(user, doctype)
	return ""


def province_only_permission(doc, ptype=None, user=None):
	"""has_permission for the same DocTypes: deny confined users (a hook can only deny)."""
	return not confined(user)


class RowOfParent:
	"""Mixin for our child-table controllers. A row loaded on its own (`frappe.client.get`,
	`/api/resource/<Child>/<name>`) is checked by Frappe against the parent DocType only: it hands
	`row.parent_doc`, None for a row loaded alone, to has_permission. The row is readable exactly
	when its parent document is."""

	def has_permission(self, permtype="read", *, debug=False, user=None):
		if self.flags.ignore_permissions:
			return True
		parent = self.parent_doc
		if parent is None and self.parenttype and self.parent and frappe.db.exists(self.parenttype, self.parent):
			parent = frappe.get_doc(self.parenttype, self.parent)
		if parent is not None and not parent.has_permission(permtype, debug=debug, user=user):
			return False
		return super().has_permission(permtype, debug=debug, user=user)


# ---- whitelisted methods that bypass row-level permission, overridden for our DocTypes -----------


def count_field(doctype, distinct=True):
	"""A count for get_list's `fields` in the form the running Frappe takes: v16 builds get_list with
	the query builder and takes an aggregate as a dict (SQL text is refused there); v15 takes SQL text.
	The one place the app writes an aggregate into `fields` (tests/test_next_frappe.py)."""
	if int(frappe.__version__.split(".")[0]) >= 16:
		return {"COUNT": {"DISTINCT": "name"} if distinct else "name", "as": "total_count"}
	return f"count({'distinct ' if distinct else ''}`tab{doctype}`.`name`) as total_count"


def permitted_count(doctype, filters=None, distinct=True):
	"""How many rows of `doctype` the user may list, through frappe.get_list (its permissions and hooks)."""
	filters = frappe.utils.get_safe_filters(filters)
	meta = frappe.get_meta(doctype)
	field = count_field(doctype, distinct)
	if meta.istable:
		parents = [p for p in parents_of(doctype) if frappe.has_permission(p, "read")]
		if not parents:
			raise frappe.PermissionError(_("No permission to read {0}").format(_(doctype)))
		rows = frappe.get_list(doctype, filters=filters, fields=[field], parent_doctype=parents[0], order_by=None)
	else:
		rows = frappe.get_list(doctype, filters=filters, fields=[field], order_by=None)
	return rows[0].total_count if rows else 0


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	"""frappe.client.get_count, which is frappe.db.count: for our DocTypes only rows the user may list."""
	if is_ours(doctype) and frappe.session.user != "Administrator":
		return permitted_count(doctype, filters)
	from frappe import client

	return client.get_count(doctype, filters, debug, cache)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The list sidebar's counts: its "assigned to" branch builds a query without any permission."""
	from frappe.desk import listview

	if field != "assigned_to" or not is_ours(doctype) or frappe.session.user == "Administrator":
		return listview.get_group_by_count(doctype, current_filters, field)
	listed = frappe.get_list(
		doctype, filters=frappe.parse_json(current_filters), fields=[f"`tab{doctype}`.`name`"], run=0, limit_page_length=None
	)
	return frappe.db.sql(
		f"""SELECT todo.allocated_to AS name, COUNT(*) AS count
		FROM `tabToDo` todo JOIN `tabUser` u ON u.name = todo.allocated_to
		WHERE todo.status != 'Cancelled' AND u.user_type = 'System User'
			AND todo.reference_type = %(doctype)s AND todo.reference_name IN ({listed})
		GROUP BY todo.allocated_to ORDER BY count DESC LIMIT 50""",
		{"doctype": doctype},
		as_dict=True,
	)


def _link_search_confined(doctype, ignore_user_permissions):
	"""A confined user never searches past their region, whatever the client asks."""
	return bool(ignore_user_permissions) and is_regional(doctype) and confined()


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	from frappe.desk import search

	if _link_search_confined(doctype, ignore_user_permissions):
		ignore_user_permissions = False
	return search.search_link(
		doctype, txt, query, filters, page_length, searchfield, reference_doctype, ignore_user_permissions
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	from frappe.desk import search

	if _link_search_confined(doctype, ignore_user_permissions):
		ignore_user_permissions = False
	return search.search_widget(
		doctype, txt, query, searchfield, start, page_length, filters, filter_fields, as_dict, reference_doctype,
		ignore_user_permissions,
	)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""frappe.client.validate_link tells whether any name exists; for our regional DocTypes a name
	outside the user's region is answered as if it did not exist."""
	from frappe import client

	if (
		isinstance(doctype, str)
		and isinstance(docname, str)
		and is_regional(doctype)
		and not frappe.get_meta(doctype).istable
		and confined()
		and frappe.db.exists(doctype, docname)
		and not frappe.has_permission(doctype, "read", doc=docname)
	):
		return frappe._dict()
	return client.validate_link(doctype, docname, fields)
