"""Backups the administrator can trust (issue 29): install turns on a daily backup with files and a
week kept, unless the site has its own setting; the scheduled job takes one a day, with files and the
site config (its encryption_key) beside the database, and none while the site turned them off."""

import os
import shutil
import tempfile
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.security import backups


class TestScheduledBackups(FrappeTestCase):
	def turn_on(self, site_config, offsite=None):
		"""What turn_on_scheduled_backups writes on a site whose own config is `site_config`."""
		written = {}
		conf = {k: v for k, v in frappe.local.conf.items() if k not in (backups.SETTING, backups.KEEP_HOURS)}
		with (
			patch.dict(frappe.local.conf, {**conf, **site_config}, clear=True),
			patch.object(backups, "own_site_config", return_value=dict(site_config)),
			patch.object(backups, "offsite_backup_on", return_value=offsite),
			patch("frappe.installer.update_site_config", side_effect=written.__setitem__),
		):
			returned = backups.turn_on_scheduled_backups()
		self.assertEqual(returned, written)
		return written

	def test_install_turned_them_on_and_the_scheduler_runs_the_job(self):
		self.assertEqual(frappe.conf.get(backups.SETTING), backups.DAILY)  # this site was installed with the app
		self.assertIn("springoffer.security.backups.daily_backup", frappe.get_hooks("scheduler_events")["daily_long"])

	def test_daily_with_a_week_kept_unless_the_site_has_its_own_setting(self):
		self.assertEqual(self.turn_on({}), {backups.SETTING: backups.DAILY, backups.KEEP_HOURS: backups.WEEK_OF_BACKUPS})
		self.assertEqual(self.turn_on({backups.SETTING: backups.OFF}), {})
		self.assertEqual(self.turn_on({backups.KEEP_HOURS: 48}), {backups.SETTING: backups.DAILY})  # its own retention stands
		self.assertEqual(self.turn_on({}, offsite="S3 Backup Settings"), {})

	def test_an_offsite_backup_turned_on_is_the_sites_own_setting(self):
		self.assertIsNone(backups.offsite_backup_on())
		frappe.db.set_single_value("S3 Backup Settings", "enabled", 1)
		self.assertEqual(backups.offsite_backup_on(), "S3 Backup Settings")

	def test_the_job_takes_one_backup_a_day_with_files_and_the_key(self):
		from frappe.utils.password import get_encryption_key

		key = get_encryption_key()  # made on first use (an answer link, a password field)
		folder = tempfile.mkdtemp(prefix="springoffer-backup-")
		try:
			with patch.dict(frappe.local.conf, {"backup_path": folder, backups.SETTING: backups.DAILY}):
				backups.daily_backup()
				first = backups.latest_backup()
				self.assertEqual(set(first), {"database", "public", "private", "config"})
				self.assertTrue(all(os.path.getsize(path) > 0 for path in first.values()))
				backups.daily_backup()  # the day's backup is there: no second one
				self.assertEqual(len(os.listdir(folder)), 4)
				with open(first["config"], encoding="utf-8") as f:
					self.assertIn(key, f.read())
			with patch.dict(frappe.local.conf, {"backup_path": folder, backups.SETTING: backups.OFF}):
				shutil.rmtree(folder)
				os.makedirs(folder)
				self.assertIsNone(backups.daily_backup())
				self.assertEqual(os.listdir(folder), [])
		finally:
			shutil.rmtree(folder, ignore_errors=True)

	def test_latest_backup_is_the_newest_complete_set(self):
		folder = tempfile.mkdtemp(prefix="springoffer-backup-")
		try:
			names = [
				"20260601_010000-site-database.sql.gz", "20260601_010000-site-files.tar", "20260601_010000-site-private-files.tar",
				"20260601_010000-site-site_config_backup.json",
				"20260602_010000-site-database.sql.gz", "20260602_010000-site-site_config_backup.json",  # without files
				"20260603_010000-site-partial-database.sql.gz",
			]
			for name in names:
				open(os.path.join(folder, name), "w").close()
			with patch.dict(frappe.local.conf, {"backup_path": folder}):
				found = backups.latest_backup()
			self.assertEqual(os.path.basename(found["database"]), "20260601_010000-site-database.sql.gz")
			self.assertEqual(os.path.basename(found["private"]), "20260601_010000-site-private-files.tar")
		finally:
			shutil.rmtree(folder, ignore_errors=True)
