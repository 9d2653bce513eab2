"""What one write costs the next request for the 附件's figures, idle, on a province-scale site: an
answer recorded for an enterprise placed on the region itself, then the region's figures (with and
without the refusal list) as another worker would read them after the commit — counted bucket by
bucket (what the site does) and, for comparison, the region whole (buckets switched off).

    bench --site S execute springoffer.devtools.write_cost.run
    bench --site S execute springoffer.devtools.write_cost.run --kwargs "{'region': '长沙市'}"

Nothing is kept: each write is rolled back. Figures are printed beside an empty query's time measured
in the same run (machines here differ up to 3× in speed).
"""

import time
from contextlib import nullcontext
from unittest.mock import patch

from springoffer.devtools.province_data import CAMPAIGN

AS_OF = "2023-06-30"


def _ms(fn, repeat=1):
	best = None
	for _n in range(repeat):
		start = time.perf_counter()
		fn()
		took = (time.perf_counter() - start) * 1000
		best = took if best is None else min(best, took)
	return best


def _new_request():
	import frappe

	frappe.local.cache = {}
	frappe.local.springoffer_annex_memo = None
	frappe.local.springoffer_stamps = None


def _one_write_then_read(region, with_refusals, offers):
	"""ms of the region's figures read after one committed-looking write (rolled back after)."""
	import frappe

	from springoffer.annex import cache
	from springoffer.annex import figures as annex_db
	from springoffer.core import categories as c

	annex_db.count(CAMPAIGN, region, AS_OF, with_refusals=with_refusals)  # everything cached before the write
	frappe.db.savepoint("write_cost")
	try:
		doc = frappe.get_doc("Offer", offers.pop())
		doc.response, doc.response_date = c.AGREED, doc.date_sent
		doc.flags.ignore_permissions = True
		doc.save()
		cache._write_pending()  # the commit's stamps
		_new_request()  # another worker, after the commit
		return _ms(lambda: annex_db.count(CAMPAIGN, region, AS_OF, with_refusals=with_refusals))
	finally:
		frappe.db.rollback(save_point="write_cost")
		cache._forget_pending()
		_new_request()


def run(region=None, writes=5):
	import frappe

	from springoffer.annex import figures as annex_db
	from springoffer.annex import ledger as annex_ledger
	from springoffer.core import categories as c

	if not region:
		found = frappe.db.sql(
			f"SELECT region, COUNT(*) n FROM `tab{annex_ledger.LEDGER}` WHERE campaign = %s GROUP BY region ORDER BY n DESC LIMIT 1",
			CAMPAIGN,
		)
		if not found:
			print("这个站点没有基准测试数据；先运行 springoffer load-test 或 benchmark.run 载入")
			return
		region = found[0][0]
	own_rows = frappe.db.count(annex_ledger.LEDGER, {"campaign": CAMPAIGN, "region": region})
	offers = frappe.get_all(
		"Offer",
		filters={"campaign": CAMPAIGN, "region": region, "response": c.PENDING, "scope": c.SCOPE_SINGLE, "hrss_handling": ("is", "not set")},
		pluck="name",
		limit=4 * writes,
	)
	empty = _ms(lambda: frappe.db.sql("SELECT 1"), repeat=20)
	print(f"{region}：本级统计台账 {own_rows:,} 行；同一次运行中空查询 {empty:.2f} ms")
	for label, large in (("按 16 组统计", None), ("整个地区一起统计（对照）", frozenset())):
		for with_refusals in (True, False):
			with patch.object(annex_db, "large_regions", return_value=large) if large is not None else nullcontext():
				timings = sorted(_one_write_then_read(region, with_refusals, offers) for _n in range(writes) if offers)
			if timings:
				middle = timings[len(timings) // 2]
				what = "含拒绝明细" if with_refusals else "不含拒绝明细"
				print(f"  {label}，{what}：写入后下一次读取 中位 {middle:.0f} ms（{middle / empty:.0f} × 空查询），最慢 {timings[-1]:.0f} ms")
