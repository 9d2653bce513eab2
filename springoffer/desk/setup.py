"""The desk a campaign officer opens: Chinese, dates as YYYY-MM-DD, the 春季要约行动 workspace as home,
and a sidebar with only the campaign in it.

- `after_install`: System Settings as the setup wizard would set them for China (language zh,
  Asia/Shanghai, yyyy-mm-dd, #,###.##) and the wizard marked done, so a fresh site opens the desk;
  an existing site keeps its own settings (README: how to set them).
- install and migrate: the module profile that hides every other module's workspace, given to the
  campaign's users who are not system managers, and the workspace as their default.
- `user_validate` (doc_events): a user given one of the campaign's roles gets the same, when created
  or when the roles are added later.
"""

import frappe

from springoffer.core.categories import ROLES

MODULE = "Springoffer"
MODULE_PROFILE = "春季要约行动"
WORKSPACE = "Spring Offer Action"

SYSTEM_SETTINGS = {
	"language": "zh",
	"country": "China",
	"time_zone": "Asia/Shanghai",
	"date_format": "yyyy-mm-dd",
	"time_format": "HH:mm:ss",
	"number_format": "#,###.##",
	"currency_precision": "2",
	"float_precision": "3",
	"first_day_of_the_week": "Monday",
}


def after_install():
	set_system_settings()
	ensure_navigation()
	name_the_administrator()


def after_migrate():
	ensure_navigation()
	name_the_administrator()


def name_the_administrator():
	"""Timelines and lists name the records the app made at install after their owner: 系统管理员, not
	Frappe's English "Administrator" (only while the site has not renamed it)."""
	if frappe.db.get_value("User", "Administrator", "first_name") == "Administrator":
		frappe.db.set_value("User", "Administrator", {"first_name": "系统管理员", "full_name": "系统管理员"}, update_modified=False)


def set_system_settings(values=None):
	"""What the setup wizard sets for a Chinese site, and the wizard marked complete (a fresh site's
	desk otherwise opens the wizard, in English)."""
	from frappe.translate import set_default_language

	values = dict(SYSTEM_SETTINGS, **(values or {}))
	settings = frappe.get_doc("System Settings")
	settings.update(values)
	settings.flags.ignore_mandatory = True
	# Saving System Settings with two-factor on demands it of the All role (Frappe's validate), which
	# stops every login on a site without outgoing mail; which roles use it stays the site's choice.
	all_roles_two_factor = frappe.db.get_value("Role", "All", "two_factor_auth")
	settings.save(ignore_permissions=True)
	frappe.db.set_value("Role", "All", "two_factor_auth", all_roles_two_factor or 0, update_modified=False)
	for field, value in values.items():  # what the desk boots with (on_update copies only changed fields)
		frappe.db.set_default(field, value)
	set_default_language(values["language"])
	frappe.db.set_default("currency", "CNY")
	if frappe.db.exists("Currency", "CNY") and not frappe.db.get_value("Currency", "CNY", "symbol"):
		frappe.db.set_value("Currency", "CNY", {"symbol": "¥", "enabled": 1}, update_modified=False)  # not "CNY 2,000.00"
	frappe.db.set_default("country", values["country"])
	frappe.db.set_default("time_zone", values["time_zone"])
	for user in ("Administrator", "Guest"):
		frappe.db.set_value("User", user, {"time_zone": values["time_zone"], "language": values["language"]}, update_modified=False)
	if not frappe.db.get_single_value("System Settings", "setup_complete"):
		frappe.db.set_default("desktop:home_page", "workspace")
		frappe.db.set_single_value("System Settings", "setup_complete", 1)
	frappe.db.set_default("setup_complete", "1")
	frappe.clear_cache()


def blocked_modules():
	"""Every module of the site but ours: the profile shows only the campaign's workspace."""
	return sorted(set(frappe.get_all("Module Def", pluck="name")) - {MODULE})


def ensure_module_profile():
	"""The module profile, blocking every other module; new modules (another app installed later)
	are added on the next migrate, and users holding the profile follow it."""
	wanted = blocked_modules()
	if frappe.db.exists("Module Profile", MODULE_PROFILE):
		profile = frappe.get_doc("Module Profile", MODULE_PROFILE)
		if sorted(row.module for row in profile.block_modules) == wanted:
			return profile.name
		profile.set("block_modules", [{"module": module} for module in wanted])
		profile.save(ignore_permissions=True)
	else:
		profile = frappe.get_doc(
			{
				"doctype": "Module Profile",
				"module_profile_name": MODULE_PROFILE,
				"block_modules": [{"module": module} for module in wanted],
			}
		).insert(ignore_permissions=True)
	for user in frappe.get_all("User", filters={"module_profile": profile.name}, pluck="name"):
		frappe.db.delete("Block Module", {"parent": user, "parenttype": "User"})
		for idx, module in enumerate(wanted, 1):
			frappe.get_doc(
				{"doctype": "Block Module", "parent": user, "parenttype": "User", "parentfield": "block_modules", "idx": idx, "module": module}
			).db_insert()
		frappe.clear_cache(user=user)
	return profile.name


def is_campaign_user(roles):
	"""An officer or reviewer of the campaign who does not administer the site."""
	roles = set(roles)
	return bool(roles & set(ROLES)) and "System Manager" not in roles


def ensure_navigation():
	"""The module profile, and every campaign user without a profile or default workspace given both."""
	ensure_module_profile()
	users = frappe.get_all(
		"Has Role",
		filters={"role": ("in", ROLES), "parenttype": "User", "parent": ("not in", ("Administrator", "Guest"))},
		pluck="parent",
		distinct=True,
	)
	for user in users:
		values = frappe.db.get_value("User", user, ["module_profile", "default_workspace"], as_dict=True)
		if values and not (values.module_profile and values.default_workspace) and is_campaign_user(frappe.get_roles(user)):
			doc = frappe.get_doc("User", user)
			doc.flags.ignore_permissions = True
			doc.save()


def drop_automatic_system_manager(doc):
	"""Frappe makes a system user a System Manager whenever no one but Administrator is one
	(User.add_system_manager_role; the setup wizard's own user normally is). A site set up by this app
	skips the wizard, so the first city officer created would administer the site. Take back the role
	Frappe adds on its own (it says so in a message); a System Manager role ticked by whoever creates
	the user has no such message and stays. Administrator remains the site's administrator."""
	before = doc.get_doc_before_save()
	if before and any(row.role == "System Manager" for row in before.roles):
		return
	added = [row for row in doc.roles if row.role == "System Manager" and not row.name]
	notice = frappe._("Adding System Manager to this User as there must be atleast one System Manager")
	said = [entry for entry in frappe.local.message_log or [] if notice in str(entry)]
	if not added or not said:
		return
	doc.set("roles", [row for row in doc.roles if row not in added])
	frappe.local.message_log = [entry for entry in frappe.local.message_log if entry not in said]


def user_validate(doc, method=None):
	"""doc_events User.validate: a campaign officer or reviewer lands on the campaign's workspace and
	sees only its module in the sidebar. A profile or workspace chosen by hand is kept."""
	if doc.name in ("Administrator", "Guest"):
		return
	drop_automatic_system_manager(doc)
	if not is_campaign_user(row.role for row in doc.roles):
		return
	if not doc.default_workspace and frappe.db.exists("Workspace", WORKSPACE):
		doc.default_workspace = WORKSPACE
	if not doc.module_profile and frappe.db.exists("Module Profile", MODULE_PROFILE):
		doc.module_profile = MODULE_PROFILE
		doc.set("block_modules", [])
		for row in frappe.get_doc("Module Profile", MODULE_PROFILE).block_modules:
			doc.append("block_modules", {"module": row.module})


def before_uninstall():
	"""Take back what install set up outside the app's tables: the module profile, and with it the
	blocked modules and default workspace of the users who had it. System Settings stay as they are."""
	users = frappe.get_all("User", filters={"module_profile": MODULE_PROFILE}, pluck="name")
	for user in users:
		frappe.db.delete("Block Module", {"parent": user, "parenttype": "User"})
	frappe.db.set_value("User", {"module_profile": MODULE_PROFILE}, "module_profile", None, update_modified=False)
	frappe.db.set_value("User", {"default_workspace": WORKSPACE}, "default_workspace", None, update_modified=False)
	if frappe.db.exists("Module Profile", MODULE_PROFILE):
		frappe.delete_doc("Module Profile", MODULE_PROFILE, force=True, ignore_permissions=True)
	for user in users:
		frappe.clear_cache(user=user)
