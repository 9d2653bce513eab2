"""A fresh site's desk: China's settings, officers landing on the campaign with only its module in
the sidebar, and the defaults new forms start with."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.desk import defaults
from springoffer.desk import setup as desk_setup
from springoffer.devtools.testing import make_user


class TestDeskSetup(FrappeTestCase):
	def test_install_sets_what_the_wizard_would_for_china(self):
		frappe.db.set_single_value("System Settings", "enable_two_factor_auth", 1)  # as the 等保 baseline leaves it
		frappe.db.set_value("Role", "All", "two_factor_auth", 0)
		desk_setup.set_system_settings()
		self.assertEqual(frappe.db.get_value("Role", "All", "two_factor_auth"), 0)  # logins without OTP stay so
		settings = frappe.get_single("System Settings")
		self.assertEqual(
			(settings.language, settings.time_zone, settings.date_format, settings.number_format, settings.country),
			("zh", "Asia/Shanghai", "yyyy-mm-dd", "#,###.##", "China"),
		)
		self.assertEqual(frappe.db.get_single_value("System Settings", "setup_complete"), 1)
		self.assertEqual(frappe.db.get_default("date_format"), "yyyy-mm-dd")
		self.assertEqual(frappe.db.get_value("Currency", "CNY", "symbol"), "¥")

	def test_an_officer_lands_on_the_campaign_with_only_its_module(self):
		desk_setup.ensure_navigation()
		user = make_user("desk.officer@example.com", ["Trade Union Officer"], region="株洲市")
		doc = frappe.get_doc("User", user)
		self.assertEqual(doc.module_profile, desk_setup.MODULE_PROFILE)
		self.assertEqual(doc.default_workspace, desk_setup.WORKSPACE)
		blocked = {row.module for row in doc.block_modules}
		self.assertNotIn("Springoffer", blocked)
		self.assertTrue({"Core", "Website", "Integrations", "Automation"} <= blocked)
		self.assertNotIn("System Manager", frappe.get_roles(user))
		with self.set_user(user):
			from frappe.desk.desktop import get_workspace_sidebar_items

			pages = [page.name for page in get_workspace_sidebar_items()["pages"]]
		self.assertEqual(pages, [desk_setup.WORKSPACE])

	def test_a_system_manager_keeps_the_whole_desk(self):
		user = make_user("desk.admin@example.com", ["System Manager", "HRSS Reviewer"])
		doc = frappe.get_doc("User", user)
		self.assertFalse(doc.module_profile)

	def test_frappe_does_not_make_the_first_officer_a_system_manager(self):
		"""Frappe gives System Manager to a system user when no one but Administrator has it (the
		setup wizard's user normally does); on a site set up by the app the first officer must not."""
		others = frappe.get_all(
			"Has Role", filters={"role": "System Manager", "parenttype": "User", "parent": ("not in", ("Administrator",))}, pluck="parent"
		)
		frappe.db.delete("Has Role", {"role": "System Manager", "parent": ("in", others or [""])})
		try:
			user = make_user("desk.first@example.com", ["HRSS Officer"], region="长沙市")
			self.assertNotIn("System Manager", frappe.get_roles(user))
		finally:
			frappe.db.rollback()

	def test_new_forms_start_with_the_running_campaign_the_own_region_and_today(self):
		from springoffer.annex.campaigns import latest_campaign

		user = make_user("desk.cs@example.com", ["Trade Union Officer"], region="长沙市")
		with self.set_user(user):
			offer = defaults.form_defaults("Offer")
			self.assertEqual(offer["campaign"], latest_campaign())
			self.assertEqual(offer["region"], "长沙市")
			self.assertEqual(offer["date_sent"], str(defaults.campaign_day(latest_campaign())))
			self.assertEqual(defaults.form_defaults("Unit Report")["reporting_unit"], "长沙市")
			self.assertEqual(defaults.form_defaults("Unit Report")["reporting_body"], "总工会")
		with self.set_user("Administrator"):
			self.assertNotIn("region", defaults.form_defaults("Offer"))  # a province user chooses
		start, end = frappe.db.get_value("Campaign", latest_campaign(), ["start_date", "end_date"])
		self.assertTrue(start <= defaults.campaign_day(latest_campaign()) <= end)
