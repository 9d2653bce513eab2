"""Install, migrate and uninstall: migrating twice changes nothing, the site's own edits to regions,
minimum wages and notifications survive a migrate, uninstall removes what the app put outside its
own tables, and the 等保 baseline is applied and reported."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.devtools.commits import no_commit
from springoffer.security import baseline
from springoffer.setup import install, notifications

SHIPPED = "要约应约期限提醒"


def snapshot():
	"""What install and migrate write, as comparable data."""
	regions = frappe.get_all("Region", fields=["name", "region_code", "region_level", "parent_region", "lft", "rgt"], order_by="name")
	return {
		"regions": [tuple(r.values()) for r in regions],
		"campaigns": frappe.get_all("Campaign", fields=["name", "start_date", "end_date"], order_by="name", as_list=True),
		"wages": frappe.get_all("Minimum Wage Standard", fields=["region", "effective_from", "monthly_wage"], order_by="name", as_list=True),
		"notifications": frappe.get_all(
			"Notification", filters={"name": ("in", [n["name"] for n in notifications.shipped_notifications()])},
			fields=["name", "subject", "enabled", "modified"], order_by="name", as_list=True,
		),
		"settings": baseline.current_settings(),
	}


def migrate():
	with no_commit():
		install.after_migrate()


class TestInstallMigrate(FrappeTestCase):
	def setUp(self):
		frappe.db.savepoint("install_migrate")  # each test starts from the installed site

	def tearDown(self):
		frappe.db.rollback(save_point="install_migrate")
		frappe.clear_cache()

	def test_migrating_twice_changes_nothing(self):
		migrate()
		first = snapshot()
		migrate()
		self.assertEqual(snapshot(), first)

	def test_the_sites_own_edits_survive_migrate(self):
		frappe.db.set_value("Region", "天元区", "region_code", "430299")  # a corrected code
		wage = frappe.get_all("Minimum Wage Standard", filters={"region": "湖南省"}, pluck="name")[0]
		frappe.db.set_value("Minimum Wage Standard", wage, "monthly_wage", 1700)
		notification = frappe.get_doc("Notification", SHIPPED)
		notification.subject = "本地改写的提醒 {{ doc.name }}"
		notification.save()
		migrate()
		self.assertEqual(frappe.db.get_value("Region", "天元区", "region_code"), "430299")
		self.assertEqual(frappe.db.get_value("Minimum Wage Standard", wage, "monthly_wage"), 1700)
		self.assertEqual(frappe.db.get_value("Notification", SHIPPED, "subject"), "本地改写的提醒 {{ doc.name }}")

	def test_a_notification_deleted_on_the_site_stays_deleted(self):
		frappe.delete_doc("Notification", SHIPPED, force=True)
		migrate()
		self.assertFalse(frappe.db.exists("Notification", SHIPPED))

	def test_an_untouched_notification_follows_the_shipped_version(self):
		newer = []
		for data in notifications.shipped_notifications():
			if data["name"] == SHIPPED:
				data = dict(data, subject="新版提醒 {{ doc.name }}", modified="2099-01-01 00:00:00")
			newer.append(data)
		original = notifications.shipped_notifications
		notifications.shipped_notifications = lambda: newer
		try:
			migrate()
		finally:
			notifications.shipped_notifications = original
		self.assertEqual(frappe.db.get_value("Notification", SHIPPED, "subject"), "新版提醒 {{ doc.name }}")

	def test_uninstall_removes_what_lies_outside_the_apps_tables(self):
		from springoffer import hooks
		from springoffer.core.categories import ROLES

		frappe.get_doc({"doctype": "User Permission", "user": "Administrator", "allow": "Region", "for_value": "长沙市"}).insert()
		with no_commit():
			install.before_uninstall()
		self.assertEqual(frappe.get_all("Notification", filters={"name": ("in", [n["name"] for n in notifications.shipped_notifications()])}), [])
		workflows = next(e for e in hooks.fixtures if e["dt"] == "Workflow")["filters"][0][2]
		self.assertEqual(frappe.get_all("Workflow", filters={"name": ("in", workflows)}), [])
		self.assertEqual(frappe.get_all("Role", filters={"name": ("in", list(ROLES))}), [])
		self.assertEqual(frappe.get_all("User Permission", filters={"allow": "Region"}), [])
		self.assertEqual(frappe.get_all("Scheduled Job Type", filters={"method": ("like", "springoffer.%")}), [])
		self.assertFalse(frappe.db.get_default("springoffer_security_baseline_applied"))


class TestSecurityBaseline(FrappeTestCase):
	def test_install_applied_the_baseline_and_the_check_reports_a_gap(self):
		self.assertEqual(baseline.unmet(), [])
		frappe.db.set_single_value("System Settings", "session_expiry", "170:00")
		frappe.db.set_single_value("System Settings", "allow_consecutive_login_attempts", 10)
		titles = [title for title, _current, _fix in baseline.unmet()]
		self.assertEqual(len(titles), 2)
		self.assertIn("会话", titles[1] if "会话" in titles[1] else titles[0])
		self.assertEqual(baseline.apply_baseline(), [])  # once per site: an administrator's choice stands
		self.assertEqual(sorted(baseline.apply_baseline(force=True)), ["allow_consecutive_login_attempts", "session_expiry"])
		self.assertEqual(baseline.unmet(), [])

	def test_two_factor_is_available_not_demanded_of_everyone(self):
		"""Every login would need mail (the OTP app's set-up link) if the All role demanded two-factor."""
		frappe.db.set_single_value("System Settings", "enable_two_factor_auth", 0)
		frappe.db.set_value("Role", "All", "two_factor_auth", 1)
		self.assertIn("enable_two_factor_auth", baseline.apply_baseline(force=True))
		self.assertEqual(frappe.db.get_single_value("System Settings", "enable_two_factor_auth"), 1)
		self.assertEqual(frappe.db.get_value("Role", "All", "two_factor_auth"), 0)
		self.assertEqual(baseline.unmet(), [])


class TestTestDependencies(FrappeTestCase):
	def test_run_tests_says_in_one_line_when_frappes_test_dependencies_are_missing(self):
		import contextlib
		import io
		from unittest.mock import patch

		from springoffer.devtools import testing

		self.assertIn("springoffer.devtools.testing.check_test_dependencies", frappe.get_hooks("before_tests", app_name="springoffer"))
		testing.check_test_dependencies()  # this bench has them
		err = io.StringIO()
		with patch("importlib.util.find_spec", return_value=None), contextlib.redirect_stderr(err):
			with self.assertRaises(SystemExit) as caught:
				testing.check_test_dependencies()
		self.assertEqual(caught.exception.code, 1)
		self.assertEqual(len(err.getvalue().strip().splitlines()), 1)
		self.assertIn("bench setup requirements --dev", err.getvalue())
		self.assertIn("freezegun", err.getvalue())
