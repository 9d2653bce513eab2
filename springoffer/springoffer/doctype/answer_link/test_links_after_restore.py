"""Printed answer links after the site is restored onto a new server (issue 29): the secret on the
要约书 is derived from the site's encryption_key, which travels in the backup's copy of
site_config.json; a new site given that key (README, 运维; restore-drill does the same) opens every
printed link, whatever its host name. A new site without the key opens none: the key must travel.

A second site cannot be created inside the test's transaction, so the restore is taken at its
level: a real backup of this site (database, files, site config), its key set as the new site's,
another host name; `bench --site S springoffer restore-drill` does the real restore."""

import json
import shutil
import tempfile
from unittest.mock import patch
from urllib.parse import parse_qs, urlparse

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer import api
from springoffer.core import categories as c
from springoffer.devtools.testing import make_campaign, make_enterprise, make_region, make_user, offer_doc
from springoffer.portal import links
from springoffer.security import backups

CAMPAIGN = "2023年恢复后链接测试活动"
COUNTY = "恢复后链接测试县"
OFFICER = "restore.links.union@example.com"


def token_of(url):
	return parse_qs(urlparse(url).query)["t"][0]


class TestLinksAfterRestore(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, "岳阳市")
		make_campaign(CAMPAIGN)
		make_user(OFFICER, ["Trade Union Officer"], region="岳阳市")

	def setUp(self):
		frappe.set_user("Administrator")

	def sent_offer(self):
		with self.set_user(OFFICER):
			enterprise = make_enterprise(region=COUNTY)
			offer = offer_doc(enterprise, workers=80, date_sent="2023-03-10", campaign=CAMPAIGN).insert()
			url = api.answer_link(offer.name)["url"]
		return offer, enterprise, url

	def on_new_site(self, key, host):
		"""The restored database served by a site with `key` as its encryption_key and `host` as its name."""
		return patch.dict(frappe.local.conf, {"encryption_key": key, "host_name": host})

	def open_as_guest(self, token, code):
		frappe.set_user("Guest")
		try:
			with self.freeze_time("2023-03-20"):
				return api.answer_view(token=token, credit_code=code)
		finally:
			frappe.set_user("Administrator")

	def test_the_backup_carries_the_key_every_printed_link_needs(self):
		printed = [self.sent_offer() for _n in range(3)]
		folder = tempfile.mkdtemp(prefix="springoffer-backup-")
		try:
			with patch.dict(frappe.local.conf, {"backup_path": folder}):
				from frappe.utils.backups import new_backup

				new_backup(ignore_files=False, force=True)
				taken = backups.latest_backup()
			self.assertTrue(taken and all(taken[kind].startswith(folder) for kind in ("database", "public", "private", "config")))
			with open(taken["config"], encoding="utf-8") as f:
				carried = json.load(f)["encryption_key"]
		finally:
			shutil.rmtree(folder, ignore_errors=True)
		self.assertEqual(carried, frappe.local.conf.encryption_key)

		with self.on_new_site(carried, "https://springoffer-new.example.cn"):
			for offer, enterprise, url in printed:
				token = token_of(url)
				self.assertEqual(links.offer_of(token), offer.name)
				view = self.open_as_guest(token, enterprise.name)
				self.assertEqual((view["response"], view["covered_workers"]), (c.PENDING, 80))
				# printed again on the new site: the same secret, only the host name is the new site's
				again = links.ensure(frappe.get_doc("Offer", offer.name))
				self.assertEqual(token_of(again), token)
				self.assertEqual((urlparse(again).hostname, urlparse(again).path), ("springoffer-new.example.cn", links.PAGE))

	def test_a_new_site_without_the_key_opens_no_printed_link(self):
		offer, enterprise, url = self.sent_offer()
		token = token_of(url)
		with self.on_new_site(frappe.generate_hash(length=32), "https://springoffer-new.example.cn"):
			self.assertIsNone(links.offer_of(token))
			with self.assertRaises(frappe.PermissionError):  # the one refusal every wrong key gets
				self.open_as_guest(token, enterprise.name)
		self.assertEqual(links.offer_of(token), offer.name)  # the site that has its key still opens it
