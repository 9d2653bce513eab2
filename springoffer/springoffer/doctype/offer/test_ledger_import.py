"""import-ledger: the sample ledger into the site, counted the same as offline, all or nothing, idempotent."""

from datetime import date
from io import BytesIO

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from springoffer.annex import figures as annex_db
from springoffer.core import categories as c
from springoffer.core.ledger import LedgerInvalid, read_ledger, write_sample
from springoffer.workbook.importer import import_ledger

CAMPAIGN = "2023年导入测试活动"


def workbook_bytes(wb):
	out = BytesIO()
	wb.save(out)
	return out.getvalue()


class TestLedgerImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# the sample under a campaign of its own, apart from whatever else the site holds for 2023
		wb = load_workbook(BytesIO(write_sample(seed=7)))
		for ws in wb.worksheets:
			for row in ws.iter_rows():
				for cell in row:
					if cell.value == "2023年春季要约行动":
						cell.value = CAMPAIGN
		cls.sample = workbook_bytes(wb)
		cls.ledger = read_ledger(cls.sample)

	def setUp(self):
		frappe.db.savepoint("ledger_test")  # each test imports into the same site afresh

	def tearDown(self):
		frappe.db.rollback(save_point="ledger_test")

	def test_sample_imports_and_counts_like_the_offline_command(self):
		counts = import_ledger(self.sample)
		ledger = self.ledger
		self.assertEqual(counts["Enterprise"]["created"] + counts["Enterprise"]["unchanged"], len(ledger.enterprises))
		self.assertEqual(counts["Offer"]["created"], len(ledger.offers))
		self.assertEqual(counts["Contract"]["created"], len(ledger.contracts))
		campaign = ledger.latest_campaign().name
		for unit in ("湖南省", "长沙市", "芙蓉区", "株洲市"):
			for as_of in (date(2023, 4, 15), date(2023, 6, 30)):
				offline = ledger.annex(unit, campaign, as_of)
				site = annex_db.count(campaign, unit, as_of)
				self.assertEqual(
					{k: v.as_tuple() for k, v in site.rows.items()}, {k: v.as_tuple() for k, v in offline.rows.items()}, (unit, as_of)
				)
		cancelled = [k for k in ledger.contracts.values() if k.cancelled]
		self.assertTrue(cancelled)
		for k in cancelled:
			state = frappe.db.get_value("Contract", {"ledger_no": k.number, "campaign": k.campaign}, ["workflow_state", "is_cancelled"])
			self.assertEqual(state, (c.CONTRACT_CANCELLED, 1))

		from springoffer.annex import cache

		cache._write_pending()  # the first import committed
		stamp = frappe.db.sql("SELECT COUNT(*), MAX(modified) FROM `tabAnnex Ledger Entry`")
		again = import_ledger(self.sample)
		for doctype in ("Enterprise", "Offer", "Contract"):
			self.assertEqual((again[doctype]["created"], again[doctype]["updated"]), (0, 0), doctype)
		# an unchanged re-import writes nothing: the annex ledger as it was, no figure's version changed
		self.assertEqual(frappe.db.sql("SELECT COUNT(*), MAX(modified) FROM `tabAnnex Ledger Entry`"), stamp)
		self.assertEqual(cache._pending(), set())

	def test_a_changed_row_updates_only_that_record(self):
		import_ledger(self.sample)
		wb = load_workbook(BytesIO(self.sample))
		ws = wb["企业"]
		headers = [cell.value for cell in ws[1]]
		ws.cell(2, headers.index("企业名称") + 1).value = "改名后的企业有限公司"
		counts = import_ledger(workbook_bytes(wb))
		self.assertEqual((counts["Enterprise"]["updated"], counts["Enterprise"]["created"]), (1, 0))
		self.assertEqual((counts["Offer"]["updated"], counts["Offer"]["created"]), (0, 0))

	def test_delivery_columns_are_read_and_a_ledger_without_them_reads_as_the_upgrade(self):
		import_ledger(self.sample)
		delivered = [o for o in self.ledger.offers.values() if o.delivered_on and o.delivered_on != o.date_sent]
		undelivered = [o for o in self.ledger.offers.values() if o.delivered_on is None]
		self.assertTrue(delivered and undelivered)

		def stored(offer):
			return frappe.db.get_value(
				"Offer", {"ledger_no": offer.number, "campaign": offer.campaign}, ["delivered_on", "delivery_method", "response_due_date"], as_dict=True
			)

		for offer in delivered:
			self.assertEqual((stored(offer).delivered_on, stored(offer).delivery_method), (offer.delivered_on, offer.delivery_method))
			self.assertEqual(stored(offer).response_due_date, offer.response_due)
		self.assertEqual(stored(undelivered[0]).response_due_date, None)

		# the same ledger without the two columns: nothing the site recorded is overwritten…
		wb = load_workbook(BytesIO(self.sample))
		ws = wb["要约"]
		headers = [cell.value for cell in ws[1]]
		for label in ("送达方式", "送达日期"):
			ws.delete_cols(headers.index(label) + 1)
			headers = [cell.value for cell in ws[1]]
		without = workbook_bytes(wb)
		counts = import_ledger(without)
		self.assertEqual(counts["Offer"]["updated"], 0)
		self.assertEqual(stored(delivered[0]).delivered_on, delivered[0].delivered_on)
		# …and read on a site of its own, each offer counts from its date sent, marked as the upgrade marks them
		read = read_ledger(without)
		self.assertTrue(all(o.delivered_on == o.date_sent and o.delivery_method == c.DELIVERY_UNRECORDED for o in read.offers.values()))

	def test_a_record_the_site_refuses_rolls_back_everything(self):
		wb = load_workbook(BytesIO(self.sample))
		ws = wb["企业"]
		headers = [cell.value for cell in ws[1]]
		code = ws.cell(2, headers.index("统一社会信用代码") + 1).value
		campaigns = wb["活动"]
		self.assertEqual(campaigns.cell(2, 1).value, CAMPAIGN)
		# the site's copy of the campaign starts 03-01; the workbook now claims an earlier start,
		# and renames an enterprise: that change must be rolled back with the rest
		import_ledger(self.sample)
		before = frappe.db.count("Enterprise"), frappe.db.count("Offer")
		ws.cell(2, headers.index("企业名称") + 1).value = "不应保存的新名称有限公司"
		campaigns.cell(2, 2).value = date(2023, 2, 1)
		offers = wb["要约"]
		oh = [cell.value for cell in offers[1]]
		row = next(r for r in range(2, offers.max_row + 2) if offers.cell(r, 1).value is None)
		for column, value in {
			"要约编号": "EARLY-1", "活动": CAMPAIGN, "要约范围": c.SCOPE_SINGLE, "统一社会信用代码": code,
			"覆盖职工数": 1, "发出日期": date(2023, 2, 10), "回应情况": c.PENDING,
		}.items():
			offers.cell(row, oh.index(column) + 1).value = value
		data = workbook_bytes(wb)
		try:
			read_ledger(data)
		except LedgerInvalid as e:  # the workbook itself must be fine, only the site objects
			self.fail(f"workbook should read cleanly: {e}")
		with self.assertRaises(LedgerInvalid) as caught:
			import_ledger(data)
		self.assertEqual(len(caught.exception.errors), 1)
		error = caught.exception.errors[0]
		self.assertEqual(error.sheet, "要约")
		self.assertEqual(error.row, row)
		self.assertEqual((frappe.db.count("Enterprise"), frappe.db.count("Offer")), before)
		self.assertFalse(frappe.db.exists("Offer", {"ledger_no": "EARLY-1"}))
		self.assertNotEqual(frappe.db.get_value("Enterprise", code, "enterprise_name"), "不应保存的新名称有限公司")

	def test_a_broken_workbook_reports_every_error_and_writes_nothing(self):
		wb = load_workbook(BytesIO(self.sample))
		ws = wb["企业"]
		headers = [cell.value for cell in ws[1]]
		ws.cell(2, headers.index("统一社会信用代码") + 1).value = "91430100MA4L00000X"
		ws.cell(3, headers.index("企业类型") + 1).value = "个体工商户"  # not one of the four (民营企业 would be accepted)
		before = frappe.db.count("Enterprise")
		with self.assertRaises(LedgerInvalid) as caught:
			import_ledger(workbook_bytes(wb))
		rows = {(e.sheet, e.row) for e in caught.exception.errors}
		self.assertIn(("企业", 2), rows)
		self.assertIn(("企业", 3), rows)
		self.assertEqual(frappe.db.count("Enterprise"), before)
