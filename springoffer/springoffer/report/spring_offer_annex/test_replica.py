"""Reads that can go to a replica do: with read_from_replica set, the figures API and the downloads
run on the replica connection (here a second connection to the same server)."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer import api
from springoffer.annex import figures as annex_db


def forget_cached_figures():
	frappe.cache.delete_keys("springoffer:annex:")
	frappe.local.springoffer_annex_memo = None


class TestReplicaReads(FrappeTestCase):
	def test_figures_api_reads_from_the_replica(self):
		forget_cached_figures()  # an answer cached by an earlier test would read nothing
		seen = []
		real_count = annex_db.count

		def spy(*args, **kwargs):
			seen.append(frappe.local.db is getattr(frappe.local, "replica_db", None))
			return real_count(*args, **kwargs)

		primary = frappe.local.db
		conf = {"read_from_replica": 1, "replica_host": frappe.local.conf.db_host or "127.0.0.1"}
		try:
			with patch.dict(frappe.local.conf, conf), patch.object(annex_db, "count", spy):
				api.annex_figures(unit="湖南省", as_of="2023-06-30")
		finally:
			frappe.local.db = primary
			for name in ("replica_db", "primary_db"):
				if hasattr(frappe.local, name):
					delattr(frappe.local, name)
		self.assertEqual(seen, [True])
		self.assertIs(frappe.local.db, primary)
		# without the setting, the primary answers
		forget_cached_figures()
		with patch.object(annex_db, "count", spy):
			api.annex_figures(unit="湖南省", as_of="2023-06-30")
		self.assertEqual(seen, [True, False])
