"""Offboarding on a site configured the way install leaves it (Administrator the only System Manager):
Administrator disables and deletes a city officer, a reviewer and a demo user; a real System Manager
still cannot be the last one removed; Frappe's own disabled-user case still saves."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.devtools.testing import make_user

REFUSAL = "There should remain at least one System Manager"


def only_administrator_manages():
	"""As install leaves the site: no enabled user but Administrator holds System Manager."""
	frappe.db.delete("Has Role", {"role": "System Manager", "parenttype": "User", "parent": ("!=", "Administrator")})
	frappe.clear_cache()


class TestOffboarding(FrappeTestCase):
	def setUp(self):
		frappe.db.savepoint("offboarding_test")
		frappe.set_user("Administrator")
		only_administrator_manages()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="offboarding_test")
		frappe.clear_cache()

	def test_administrator_disables_and_deletes_campaign_users(self):
		officer = make_user("offboard.city.officer@example.com", ["Trade Union Officer"], region="株洲市")
		reviewer = make_user("offboard.reviewer@example.com", ["HRSS Reviewer"])
		demo = make_user("offboard.demo@example.com", ["HRSS Officer", "Enterprise Confederation Officer"], region="长沙市")
		for email in (officer, reviewer, demo):
			self.assertNotIn("System Manager", frappe.get_roles(email))
		user = frappe.get_doc("User", officer)
		user.enabled = 0
		user.save()
		self.assertEqual(frappe.db.get_value("User", officer, "enabled"), 0)
		frappe.delete_doc("User", reviewer)
		frappe.delete_doc("User", demo)
		self.assertFalse(frappe.db.exists("User", reviewer))
		self.assertFalse(frappe.db.exists("User", demo))
		frappe.delete_doc("User", officer)  # disabled first, then deleted
		self.assertFalse(frappe.db.exists("User", officer))

	def test_an_officer_with_a_history_is_deleted_and_the_history_kept(self):
		officer = make_user("offboard.busy.officer@example.com", ["HRSS Officer"], region="株洲市")
		frappe.get_doc(
			{"doctype": "Workflow Action", "status": "Completed", "reference_doctype": "Region", "reference_name": "株洲市",
			 "user": officer, "completed_by": officer, "workflow_state": "已受理"}
		).db_insert()
		report = frappe.get_all("Unit Report", filters={"reporting_unit": "株洲市"}, pluck="name", limit=1)
		if report:
			frappe.db.set_value("Unit Report", report[0], "submitted_by", officer)
		frappe.delete_doc("User", officer)
		self.assertFalse(frappe.db.exists("User", officer))
		if report:  # who submitted stays on the report, as text
			self.assertEqual(frappe.db.get_value("Unit Report", report[0], "submitted_by"), officer)

	def test_the_last_real_system_manager_is_still_protected(self):
		admin = make_user("offboard.site.admin@example.com", ["System Manager"])
		user = frappe.get_doc("User", admin)
		user.enabled = 0
		with self.assertRaises(frappe.ValidationError) as caught:
			user.save()
		self.assertIn(REFUSAL, str(caught.exception))
		with self.assertRaises(frappe.ValidationError):
			frappe.delete_doc("User", admin)
		self.assertEqual(frappe.db.get_value("User", admin, "enabled"), 1)
		second = make_user("offboard.second.admin@example.com", ["System Manager"])
		frappe.delete_doc("User", admin)  # another System Manager remains
		self.assertFalse(frappe.db.exists("User", admin))
		self.assertTrue(frappe.db.get_value("User", second, "enabled"))

	def test_a_new_disabled_user_with_system_manager_saves(self):
		"""Frappe's own test_only_enabled_in_mention makes such a user; no administrator is lost by it."""
		user = frappe.new_doc("User")
		user.update({"email": "offboard.disabled.manager@example.com", "first_name": "offboard", "enabled": 0})
		user.add_roles("System Manager")
		self.assertTrue(frappe.db.exists("User", "offboard.disabled.manager@example.com"))
		frappe.delete_doc("User", user.name)
