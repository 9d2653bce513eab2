"""The 附件's figures cached per ledger version: computed once between writes, a write seen at once in
its own transaction and by the next request, a rolled-back write leaving the version and the figures
as they were, the chart by region cached the same way."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from springoffer.annex import cache, printed
from springoffer.annex import figures as annex_db
from springoffer.annex import ledger as annex_ledger
from springoffer.core import categories as c
from springoffer.devtools.testing import make_campaign, make_enterprise, make_region, offer_doc

CAMPAIGN = "2023年统计缓存测试活动"
COUNTY = "统计缓存测试县"
AS_OF = getdate("2023-06-30")


def regions_of(scopes):
	"""The region scopes of a set of stamped scopes (without the buckets')."""
	return {scope for scope in scopes if "#" not in scope}


def new_request():
	"""What another worker (or the next request) starts with: no per-request cache."""
	frappe.local.cache = {}
	frappe.local.springoffer_annex_memo = None
	frappe.local.springoffer_stamps = None


class TestFiguresCache(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, "岳阳市")
		make_campaign(CAMPAIGN)

	def setUp(self):
		frappe.db.savepoint("figures_cache_test")
		cache.bump()  # a version no earlier run has cached figures for, stamped as a commit would
		cache._write_pending()

	def tearDown(self):
		frappe.db.rollback(save_point="figures_cache_test")

	def offered(self):
		return annex_db.count(CAMPAIGN, COUNTY, AS_OF, with_refusals=False).total.offered

	def test_computed_once_between_writes(self):
		with patch.object(annex_db, "_count", wraps=annex_db._count) as computed:
			first = self.offered()
			new_request()
			self.assertEqual(self.offered(), first)
			self.assertEqual(computed.call_count, 1)  # the second request read the cache
			offer_doc(make_enterprise(region=COUNTY), campaign=CAMPAIGN).insert()
			self.assertEqual(self.offered(), first + 1)  # the write, seen in its own transaction
			self.assertEqual(computed.call_count, 2)

	def test_a_write_stamps_its_region_at_commit_and_a_rollback_leaves_no_stamp(self):
		cache._write_pending()  # as if the class's own writes were committed
		before, figures = cache.version(), self.offered()
		frappe.db.savepoint("ledger_write")
		offer_doc(make_enterprise(region=COUNTY), campaign=CAMPAIGN).insert()
		self.assertEqual(regions_of(cache._pending()), {COUNTY})  # the enterprise's region, stamped when the transaction commits
		self.assertEqual(cache.version(), before)
		self.assertEqual(self.offered(), figures + 1)  # read uncached meanwhile: its own write
		frappe.db.rollback(save_point="ledger_write")
		cache._forget_pending()  # what a rollback does (frappe.db.after_rollback)
		new_request()
		self.assertEqual((cache.version(), self.offered()), (before, figures))
		offer_doc(make_enterprise(region=COUNTY), campaign=CAMPAIGN).insert()
		cache._write_pending()  # what a commit does (frappe.db.before_commit)
		new_request()  # another worker, after the commit
		self.assertNotEqual(cache.version(), before)
		self.assertEqual(self.offered(), figures + 1)

	def test_every_kind_of_ledger_write_stamps_what_it_touched(self):
		enterprise = make_enterprise(region=COUNTY)
		offer = offer_doc(enterprise, campaign=CAMPAIGN).insert()
		for write, scopes in (
			(lambda: offer.save(), {COUNTY}),
			(lambda: frappe.get_doc("Enterprise", enterprise.name).update({"region": "株洲市"}).save(), {COUNTY, "株洲市"}),
			(lambda: make_region("统计缓存测试新县", COUNTY), {cache.EVERYWHERE}),
			(lambda: frappe.delete_doc("Offer", offer.name), {"株洲市"}),
		):
			cache._write_pending()
			write()
			self.assertEqual(regions_of(cache._pending()), scopes)
			if cache.EVERYWHERE not in scopes:  # and the enterprise's bucket in each region
				bucket = annex_ledger.bucket_of(enterprise.name)
				self.assertEqual(cache._pending() - scopes, {cache.bucket_scope(region, bucket) for region in scopes})

	def test_ledger_writes_never_hold_the_version_rows(self):
		"""The stamps are written at commit, after every other lock of the transaction."""
		with patch.object(frappe.db, "before_commit") as before_commit:
			cache._forget_pending()
			offer_doc(make_enterprise(region=COUNTY), campaign=CAMPAIGN).insert()
		before_commit.add.assert_called_once_with(cache._write_pending)

	def test_the_chart_by_region_is_cached_too(self):
		rows = printed.by_child_region(CAMPAIGN, "岳阳市", AS_OF)
		with patch.object(annex_db, "_count", wraps=annex_db._count) as computed:
			new_request()
			self.assertEqual(printed.by_child_region(CAMPAIGN, "岳阳市", AS_OF), rows)
			self.assertEqual(computed.call_count, 0)
			offer_doc(make_enterprise(region=COUNTY), campaign=CAMPAIGN).insert()
			after = dict(printed.by_child_region(CAMPAIGN, "岳阳市", AS_OF))
			self.assertEqual(after[COUNTY]["offered"], dict(rows)[COUNTY]["offered"] + 1)

	def test_the_province_is_the_sum_of_its_regions_and_a_write_recomputes_one_region(self):
		offer_doc(make_enterprise(region=COUNTY), campaign=CAMPAIGN).insert()
		offer_doc(make_enterprise(region="湖南省"), campaign=CAMPAIGN).insert()  # placed on the province itself
		summed = annex_db.count(CAMPAIGN, "湖南省", AS_OF)
		whole = annex_db._count(CAMPAIGN, "湖南省", AS_OF, True)  # one scan of the whole province
		self.assertEqual({k: v.as_tuple() for k, v in summed.rows.items()}, {k: v.as_tuple() for k, v in whole.rows.items()})
		self.assertEqual(summed.refusals, whole.refusals)
		self.assertEqual(summed.summary().text(), whole.summary().text())
		cache._write_pending()  # committed
		with patch.object(annex_db, "_count", wraps=annex_db._count) as computed:
			new_request()
			annex_db.count(CAMPAIGN, "湖南省", AS_OF, with_refusals=False)
			cold = computed.call_count
			offer_doc(make_enterprise(region=COUNTY), campaign=CAMPAIGN).insert()
			new_request()
			self.assertEqual(annex_db.count(CAMPAIGN, "湖南省", AS_OF, with_refusals=False).total.offered, summed.total.offered + 1)
			self.assertEqual(computed.call_count - cold, 1)  # the county's own again; every other region from the cache

	def test_the_xlsx_is_written_once_per_version(self):
		from springoffer.annex import files
		from springoffer.core import xlsx

		with patch.object(xlsx, "write_workbook", wraps=xlsx.write_workbook) as written:
			first = files.annex_workbook(CAMPAIGN, COUNTY, AS_OF)
			new_request()
			self.assertEqual(files.annex_workbook(CAMPAIGN, COUNTY, AS_OF), first)
			self.assertEqual(written.call_count, 1)
			offer_doc(make_enterprise(region=COUNTY), campaign=CAMPAIGN).insert()
			self.assertNotEqual(files.annex_workbook(CAMPAIGN, COUNTY, AS_OF), first)
			self.assertEqual(written.call_count, 2)

	def test_the_provinces_xlsx_is_written_once_between_writes(self):
		from springoffer.annex import files
		from springoffer.core import xlsx

		with patch.object(xlsx, "write_workbook", wraps=xlsx.write_workbook) as written:
			first = files.annex_workbook(CAMPAIGN, "湖南省", AS_OF)
			new_request()
			self.assertEqual(files.annex_workbook(CAMPAIGN, "湖南省", AS_OF), first)
			self.assertEqual(written.call_count, 1)  # the whole province's stamp did not change
			offer_doc(make_enterprise(region=COUNTY), campaign=CAMPAIGN).insert()
			files.annex_workbook(CAMPAIGN, "湖南省", AS_OF)
			self.assertEqual(written.call_count, 2)

	def test_a_worker_waits_for_another_computing_the_same_figures(self):
		key = cache._key("own", (CAMPAIGN, COUNTY, AS_OF, 0), cache.scope_of(COUNTY), below=False)
		lock = frappe.cache.make_key(f"{key}:computing")
		frappe.cache.set(lock, "another worker", ex=5)
		figures = annex_db._count(CAMPAIGN, COUNTY, AS_OF, False, own=True)

		def the_other_worker_finishes(_seconds):
			frappe.cache.set_value(key, figures, expires_in_sec=60)

		try:
			with patch.object(cache.time, "sleep", side_effect=the_other_worker_finishes), patch.object(
				annex_db, "_count", wraps=annex_db._count
			) as computed:
				self.assertEqual(self.offered(), figures.total.offered)
				self.assertEqual(computed.call_count, 0)  # waited for it instead of computing it again
				new_request()
				frappe.cache.delete_value(key)
				frappe.cache.delete(lock)  # the other worker gave up: this one computes
				self.assertEqual(self.offered(), figures.total.offered)
				self.assertEqual(computed.call_count, 1)
		finally:
			frappe.cache.delete(lock)

	def test_the_figures_without_refusals_come_from_the_full_ones(self):
		offer_doc(make_enterprise(region=COUNTY), campaign=CAMPAIGN).insert()
		cache.bump()
		cache._write_pending()  # as committed
		with patch.object(annex_db, "_count", wraps=annex_db._count) as computed:
			full = annex_db.count(CAMPAIGN, COUNTY, AS_OF)
			new_request()
			brief = annex_db.count(CAMPAIGN, COUNTY, AS_OF, with_refusals=False)
			self.assertEqual(computed.call_count, 1)
		self.assertEqual(brief.rows, full.rows)
		self.assertEqual(brief.refusals, [])

	def refusals_in_regions(self):
		# the sheet orders by region name (株洲市 < 湖南省 < 统计缓存测试县), not by the tree (湖南省 first)
		for region, category in ((COUNTY, c.PRIVATE), ("岳阳市", c.STATE_OWNED), ("株洲市", c.PRIVATE), ("湖南省", c.FOREIGN), (COUNTY, c.STATE_OWNED), ("湖南省", c.PRIVATE)):
			self.refused(region, category)
		cache._write_pending()
		new_request()

	def refused(self, region, category):
		enterprise = make_enterprise(region=region, category=category)
		offer_doc([enterprise], campaign=CAMPAIGN, date_sent="2023-03-02", response=c.REFUSED, response_date="2023-03-10", refusal_reason="其他").insert()

	def test_the_figures_json_joined_from_its_regions_is_the_json_of_one_count(self):
		import gzip
		import json

		from springoffer.annex import files

		self.refusals_in_regions()

		def answer(unit):
			return json.loads(gzip.decompress(files.annex_json(CAMPAIGN, unit, AS_OF)))

		def counted(unit):
			return json.loads(files._json({"message": files.annex_payload(CAMPAIGN, unit, AS_OF)}))

		for unit in ("湖南省", "岳阳市", COUNTY):
			self.assertEqual(answer(unit), counted(unit), unit)
		self.assertEqual(len(answer("湖南省")["message"]["refusals"]), 6)
		# after a write in one county, its own part is serialised again and the rest read from the cache
		self.refused(COUNTY, c.OTHER)
		cache._write_pending()
		new_request()
		with patch.object(files, "_json", wraps=files._json) as serialised:
			province = answer("湖南省")
		self.assertEqual(province, counted("湖南省"))
		self.assertEqual(serialised.call_count, len(annex_db.own_refusals(CAMPAIGN, COUNTY, AS_OF)) + 1)  # its refusals, the head

	def test_the_workbook_joined_from_its_regions_is_the_workbook_of_one_count(self):
		import zipfile
		from io import BytesIO

		from springoffer.annex import files
		from springoffer.annex.campaigns import campaign_due_date
		from springoffer.core import xlsx

		self.refusals_in_regions()

		def members(data):
			with zipfile.ZipFile(BytesIO(data)) as z:
				return {name: z.read(name) for name in z.namelist() if not name.startswith("docProps/")}  # not its timestamps

		due = campaign_due_date(CAMPAIGN)
		for unit in ("湖南省", "岳阳市"):
			whole = xlsx.write_annex(annex_db.count(CAMPAIGN, unit, AS_OF), unit, due)
			self.assertEqual(members(files.annex_workbook(CAMPAIGN, unit, AS_OF)), members(whole), unit)
		self.refused(COUNTY, c.OTHER)
		cache._write_pending()
		new_request()
		with patch.object(xlsx, "refusal_cells", wraps=xlsx.refusal_cells) as written:
			joined = files.annex_workbook(CAMPAIGN, "湖南省", AS_OF)
		self.assertEqual(members(joined), members(xlsx.write_annex(annex_db.count(CAMPAIGN, "湖南省", AS_OF), "湖南省", due)))
		county = len(annex_db.own_refusals(CAMPAIGN, COUNTY, AS_OF))
		self.assertEqual(sum(len(call.args[0]) for call in written.call_args_list), county)  # the county's rows alone
		self.assertLess(county, len(annex_db.count(CAMPAIGN, "湖南省", AS_OF).refusals))
