"""The 附件's figures with the cache Redis down (issue 29): every request still answers, computed
without the cache and without the single-flight lock, and once Redis is back no figure is stale —
a write made while it was down is counted, because the versions the figures are cached under live
in MariaDB, not in Redis."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from springoffer.annex import cache
from springoffer.annex import figures as annex_db
from springoffer.devtools.testing import (
	cache_redis_refusing,
	make_campaign,
	make_enterprise,
	make_region,
	offer_doc,
)

CAMPAIGN = "2023年缓存宕机测试活动"
COUNTY = "缓存宕机测试县"
AS_OF = getdate("2023-06-30")


def new_request():
	"""What the next request starts with: no per-request cache, Redis not yet found down."""
	frappe.local.cache = {}
	frappe.local.springoffer_annex_memo = None
	frappe.local.springoffer_stamps = None
	frappe.local.springoffer_cache_down = False
	frappe.local.springoffer_large_regions = None


def commit_stamps():
	"""What a commit does to the versions (frappe.db.before_commit), the test's transaction kept."""
	cache._write_pending()


class TestFiguresWithCacheRedisDown(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, "常德市")
		make_campaign(CAMPAIGN)

	def setUp(self):
		frappe.db.savepoint("cache_redis_down_test")
		cache.bump()  # a version no earlier run has cached figures for
		commit_stamps()
		new_request()
		self.addCleanup(new_request)

	def tearDown(self):
		frappe.db.rollback(save_point="cache_redis_down_test")

	def offered(self, region=COUNTY):
		return annex_db.count(CAMPAIGN, region, AS_OF, with_refusals=False).total.offered

	def test_the_redis_really_refuses_inside_the_helper(self):
		with cache_redis_refusing():
			with self.assertRaises(RedisConnectionError):
				frappe.cache.ping()
		self.assertTrue(frappe.cache.ping())

	def test_figures_are_computed_without_the_cache_while_redis_refuses_connections(self):
		offer_doc(make_enterprise(region=COUNTY), campaign=CAMPAIGN).insert()
		commit_stamps()
		new_request()
		expected = annex_db._count(CAMPAIGN, COUNTY, AS_OF, False).total.offered
		with cache_redis_refusing(), patch.object(annex_db, "_count", wraps=annex_db._count) as computed:
			self.assertEqual(self.offered(), expected)
			self.assertTrue(cache.redis_down())
			new_request()
			self.assertEqual(self.offered(), expected)  # the next request: computed again, nothing cached
			self.assertEqual(computed.call_count, 2)
			new_request()
			province = annex_db.count(CAMPAIGN, "湖南省", AS_OF)  # the province: sums of uncached parts
			self.assertEqual(province.total.offered, annex_db._count(CAMPAIGN, "湖南省", AS_OF, True).total.offered)

	def test_a_write_made_while_redis_was_down_is_seen_once_it_is_back(self):
		before = self.offered()  # cached while Redis is up
		new_request()
		with patch.object(annex_db, "_count", wraps=annex_db._count) as computed:
			self.assertEqual(self.offered(), before)
			self.assertEqual(computed.call_count, 0)  # served from Redis: the entry the write must not revive
		with cache_redis_refusing():
			new_request()
			offer_doc(make_enterprise(region=COUNTY), campaign=CAMPAIGN).insert()
			commit_stamps()  # the new version goes to MariaDB although Redis is down
			new_request()
			self.assertEqual(self.offered(), before + 1)
		new_request()  # Redis back, still holding the figures cached before the write
		self.assertEqual(self.offered(), before + 1)

	def test_the_single_flight_lock_degrades_to_computing(self):
		"""Redis failing at each step of the lock: taking it, waiting on it, releasing it."""
		key = f"springoffer:annex:test:{frappe.generate_hash(length=8)}"
		compute = lambda: 42  # noqa: E731
		with patch.object(frappe.cache, "set", side_effect=RedisConnectionError("refused")):
			self.assertEqual(cache._compute_once(key, compute), 42)
		new_request()
		with patch.object(frappe.cache, "delete", side_effect=RedisConnectionError("gone meanwhile")):
			self.assertEqual(cache._compute_once(key + ":2", compute), 42)
		new_request()
		with (
			patch.object(frappe.cache, "set", return_value=False),  # another worker holds the lock…
			patch.object(frappe.cache, "get", side_effect=RedisConnectionError("…and Redis goes down")),
		):
			self.assertEqual(cache._compute_once(key + ":3", compute), 42)

	def test_a_redis_that_times_out_is_down_too(self):
		"""Frappe's get_value swallows a refused connection but lets a timeout through."""
		expected = annex_db._count(CAMPAIGN, COUNTY, AS_OF, False).total.offered
		new_request()
		get_value = frappe.cache.get_value

		def timing_out(key, *args, **kwargs):  # our entries only: Frappe reads a flag on every query
			if str(key).startswith("springoffer:annex"):
				raise RedisTimeoutError("timed out")
			return get_value(key, *args, **kwargs)

		with patch.object(frappe.cache, "get_value", side_effect=timing_out):
			self.assertEqual(self.offered(), expected)
			self.assertTrue(cache.redis_down())
