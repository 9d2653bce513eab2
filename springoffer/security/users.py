"""Offboarding on a site the app set up (hooks override_doctype_class["User"]).

Frappe refuses to disable or delete any user while no enabled System Manager other than Administrator
remains (User.a_system_manager_should_exist). The app keeps campaign officers out of System Manager
(springoffer/desk/setup.py takes back the role Frappe gives the first user), so on such a site
Administrator is the only System Manager and nobody could be offboarded. Frappe's rule exists so that
a site never loses its last administrator: here it applies exactly when the change removes an enabled
System Manager — disabling or deleting one — and no longer when a campaign officer leaves.
"""

import frappe
from frappe.core.doctype.user.user import User

SYSTEM_MANAGER = "System Manager"


class CampaignSiteUser(User):
	def a_system_manager_should_exist(self):
		if self.removes_a_system_manager():
			super().a_system_manager_should_exist()

	def removes_a_system_manager(self):
		"""True when this save or deletion takes away an enabled System Manager the site has now."""
		stored = frappe.db.get_value("User", self.name, "enabled") if self.name else None
		if not stored:  # a new user, or one already disabled: no administrator is lost
			return False
		roles = {row.role for row in self.get("roles") or []}
		roles |= set(frappe.get_all("Has Role", filters={"parent": self.name, "parenttype": "User"}, pluck="role"))
		return SYSTEM_MANAGER in roles
