"""A large region's own figures are the sum of its buckets, each counted once per version of its own:
a write recounts the bucket of the enterprise it touched, not the region (a city whose ledger names
only the city holds 25,000 enterprises on one region). Exactly a full count after any sequence of
writes and rollbacks; the figures JSON and the .xlsx joined from bucket parts are those of one count."""

import random
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from springoffer.annex import cache, files
from springoffer.annex import figures as annex_db
from springoffer.annex import ledger as annex_ledger
from springoffer.core import categories as c
from springoffer.devtools.testing import make_campaign, make_enterprise, make_region, offer_doc
from springoffer.springoffer.doctype.annex_ledger_entry.test_figures_cache import new_request

CAMPAIGN = "2023年分组统计测试活动"
CITY_ITSELF = "益阳市"  # the large region: enterprises placed on the city itself
COUNTY = "分组统计测试县"
AS_OF = getdate("2023-06-30")


def as_tuples(annex):
	return {k: v.as_tuple() for k, v in annex.rows.items()}


class TestRegionBuckets(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, CITY_ITSELF)
		make_campaign(CAMPAIGN)

	def setUp(self):
		frappe.db.savepoint("buckets_test")
		cache.bump()
		cache._write_pending()
		self.large = patch.object(annex_db, "large_regions", return_value=frozenset({CITY_ITSELF}))
		self.large.start()

	def tearDown(self):
		self.large.stop()
		frappe.db.rollback(save_point="buckets_test")

	def offer(self, enterprise, **values):
		return offer_doc(enterprise, campaign=CAMPAIGN, date_sent="2023-03-02", **values).insert()

	def whole(self, unit):
		"""One scan of the unit's ledger rows, no cache, no buckets."""
		return annex_db._count(CAMPAIGN, unit, AS_OF, True)

	def assert_equals_a_full_count(self, note=""):
		for unit in (CITY_ITSELF, "湖南省"):
			new_request()
			summed, whole = annex_db.count(CAMPAIGN, unit, AS_OF), self.whole(unit)
			self.assertEqual(as_tuples(summed), as_tuples(whole), (unit, note))
			self.assertEqual(summed.refusals, whole.refusals, (unit, note))

	def test_the_enterprises_of_a_large_region_fall_into_every_bucket(self):
		firms = [make_enterprise(region=CITY_ITSELF) for _n in range(40)]
		for firm in firms:
			self.offer(firm)
		buckets = frappe.get_all(annex_ledger.LEDGER, filters={"campaign": CAMPAIGN, "region": CITY_ITSELF}, pluck="bucket", distinct=True)
		self.assertGreater(len(buckets), 10)
		self.assertTrue(all(0 <= b < annex_ledger.BUCKETS for b in buckets))
		stored = dict(frappe.get_all(annex_ledger.LEDGER, filters={"campaign": CAMPAIGN}, fields=["enterprise", "bucket"], as_list=True))
		self.assertEqual(stored, {firm.name: annex_ledger.bucket_of(firm.name) for firm in firms})
		annex_ledger.rebuild(CAMPAIGN)  # MariaDB's CRC32 puts each where Python does
		rebuilt = dict(frappe.get_all(annex_ledger.LEDGER, filters={"campaign": CAMPAIGN}, fields=["enterprise", "bucket"], as_list=True))
		self.assertEqual(rebuilt, stored)

	def test_a_write_recounts_one_bucket_of_the_large_region(self):
		firms = [make_enterprise(region=CITY_ITSELF) for _n in range(30)]
		offers = [self.offer(firm) for firm in firms]
		self.offer(make_enterprise(region=COUNTY))
		self.assert_equals_a_full_count()
		cache._write_pending()  # committed
		new_request()
		annex_db.count(CAMPAIGN, "湖南省", AS_OF)  # everything cached
		doc = frappe.get_doc("Offer", offers[0].name)
		doc.response, doc.response_date = c.REFUSED, "2023-03-10"
		doc.refusal_reason = c.REFUSAL_REASONS[0]
		doc.save()
		cache._write_pending()
		self.assertIn(cache.bucket_scope(CITY_ITSELF, annex_ledger.bucket_of(firms[0].name)), cache.versions() or {})
		with patch.object(annex_db, "_count", wraps=annex_db._count) as computed:
			new_request()
			province = annex_db.count(CAMPAIGN, "湖南省", AS_OF)
		self.assertEqual(computed.call_count, 1)  # the one bucket the write touched
		self.assertEqual(computed.call_args.kwargs.get("bucket"), annex_ledger.bucket_of(firms[0].name))
		self.assertIn(firms[0].name, {r.credit_code for r in province.refusals})
		self.assert_equals_a_full_count()

	def test_any_sequence_of_writes_and_rollbacks_equals_a_full_count(self):
		rng = random.Random(2027)
		firms = [make_enterprise(region=rng.choice([CITY_ITSELF, CITY_ITSELF, COUNTY]), category=rng.choice(c.REPORT_CATEGORIES)) for _n in range(24)]
		offers = []
		for step in range(40):
			kind = rng.choice(("offer", "answer", "refuse", "move", "delete", "rollback"))
			if kind == "offer" or not offers:
				offers.append(self.offer(rng.choice(firms), workers=rng.randint(1, 400)).name)
			elif kind in ("answer", "refuse"):
				doc = frappe.get_doc("Offer", rng.choice(offers))
				doc.response, doc.response_date = (c.AGREED if kind == "answer" else c.REFUSED), "2023-03-12"
				doc.refusal_reason = c.REFUSAL_REASONS[1] if kind == "refuse" else None
				doc.save()
			elif kind == "move":
				firm = frappe.get_doc("Enterprise", rng.choice(firms).name)
				firm.region = COUNTY if firm.region == CITY_ITSELF else CITY_ITSELF
				firm.save()
			elif kind == "delete":
				frappe.delete_doc("Offer", offers.pop(rng.randrange(len(offers))))
			else:  # a write that is rolled back leaves the stamps and the figures as they were
				cache._write_pending()  # what came before committed: a rollback undoes its own transaction only
				frappe.db.savepoint("undone")
				doc = frappe.get_doc("Offer", rng.choice(offers))
				doc.response, doc.response_date, doc.refusal_reason = c.REFUSED, "2023-03-15", c.REFUSAL_REASONS[2]
				doc.save()
				frappe.db.rollback(save_point="undone")
				cache._forget_pending()
			if rng.random() < 0.5:
				cache._write_pending()  # some steps committed, some not yet
			self.assert_equals_a_full_count(f"step {step}: {kind}")

	def test_the_json_and_the_workbook_joined_from_buckets_are_those_of_one_count(self):
		import gzip
		import json
		import zipfile
		from io import BytesIO

		from springoffer.annex.campaigns import campaign_due_date
		from springoffer.core import xlsx

		for n in range(20):
			firm = make_enterprise(region=CITY_ITSELF, category=c.REPORT_CATEGORIES[n % 4])
			self.offer(firm, response=c.REFUSED, response_date="2023-03-10", refusal_reason=c.REFUSAL_REASONS[n % 6])
		cache._write_pending()
		new_request()
		answer = json.loads(gzip.decompress(files.annex_json(CAMPAIGN, CITY_ITSELF, AS_OF)))
		self.assertEqual(answer, json.loads(files._json({"message": files.annex_payload(CAMPAIGN, CITY_ITSELF, AS_OF)})))
		self.assertEqual(len(answer["message"]["refusals"]), 20)

		def members(data):
			with zipfile.ZipFile(BytesIO(data)) as z:
				return {name: z.read(name) for name in z.namelist() if not name.startswith("docProps/")}

		due = campaign_due_date(CAMPAIGN)
		whole = xlsx.write_annex(self.whole(CITY_ITSELF), CITY_ITSELF, due)
		self.assertEqual(members(files.annex_workbook(CAMPAIGN, CITY_ITSELF, AS_OF)), members(whole))
