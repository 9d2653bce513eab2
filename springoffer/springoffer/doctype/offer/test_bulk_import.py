"""The bulk path of import-ledger: new records written in multi-row INSERTs are exactly what their
documents would hold, every core rule still applies, progress is told, a city imports only its own."""

from io import BytesIO

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from springoffer.annex import ledger as annex_ledger
from springoffer.core.ledger import LedgerInvalid, write_sample
from springoffer.devtools.testing import make_user
from springoffer.workbook.importer import import_ledger

CAMPAIGN = "2023年批量导入测试活动"
CITY_USER = "bulk.city.union@example.com"
OFFER_FIELDS = ("region", "response_due_date", "total_covered_workers", "is_overdue", "hrss_notify", "refusal_reason", "hrss_handling")
CONTRACT_FIELDS = ("region", "submission_due_date", "total_covered_workers", "negotiated_on_record", "workflow_state", "is_cancelled")
COVERAGE_FIELDS = ("enterprise", "enterprise_name", "report_category", "region", "covered_workers")


def sample(edit=None):
	wb = load_workbook(BytesIO(write_sample(seed=11)))
	for ws in wb.worksheets:
		for row in ws.iter_rows():
			for cell in row:
				if cell.value == "2023年春季要约行动":
					cell.value = CAMPAIGN
	if edit:
		edit(wb)
	out = BytesIO()
	wb.save(out)
	return out.getvalue()


class TestBulkImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(CITY_USER, ["Trade Union Officer"], region="长沙市")

	def setUp(self):
		frappe.db.savepoint("bulk_test")

	def tearDown(self):
		frappe.db.rollback(save_point="bulk_test")

	def test_bulk_rows_are_what_the_documents_would_hold(self):
		import_ledger(sample())
		for doctype, fields in (("Offer", OFFER_FIELDS), ("Contract", CONTRACT_FIELDS)):
			names = frappe.get_all(doctype, filters={"campaign": CAMPAIGN}, pluck="name")
			self.assertTrue(names)
			for name in names:
				doc = frappe.get_doc(doctype, name)
				stored = {f: doc.get(f) for f in fields}
				stored_rows = [tuple(row.get(f) for f in COVERAGE_FIELDS) for row in doc.covered_enterprises]
				doc.flags.ignore_permissions = True
				doc.save()  # the controller recomputes every derived field
				doc.reload()
				self.assertEqual({f: doc.get(f) for f in fields}, stored, name)
				self.assertEqual([tuple(row.get(f) for f in COVERAGE_FIELDS) for row in doc.covered_enterprises], stored_rows, name)
		before = annex_ledger.snapshot(CAMPAIGN)
		annex_ledger.rebuild(CAMPAIGN)
		self.assertEqual(sorted(before), sorted(annex_ledger.snapshot(CAMPAIGN)))

	def test_progress_is_told_for_every_stage(self):
		seen = {}
		import_ledger(sample(), progress=lambda stage, done, total: seen.setdefault(stage, []).append((done, total)))
		for stage in ("企业", "要约", "要约覆盖企业", "集体合同", "集体合同覆盖企业"):
			done, total = seen[stage][-1]
			self.assertEqual(done, total, stage)
			self.assertEqual([d for d, _t in seen[stage]], sorted(d for d, _t in seen[stage]))

	def test_core_rules_apply_to_bulk_rows(self):
		def future_offer(wb):
			# the workbook reader accepts an answer dated after the offer; the core rule refuses one
			# dated after today, in bulk as in the form
			offers = wb["要约"]
			header = [cell.value for cell in offers[1]]
			col = {name: header.index(name) + 1 for name in header}
			numbers = [offers.cell(r, col["要约编号"]).value for r in range(2, offers.max_row + 1)]
			self.row = next(
				r for r in range(2, offers.max_row + 1)
				if numbers.count(offers.cell(r, col["要约编号"]).value) == 1 and not offers.cell(r, col["人社部门处理情况"]).value
			)
			for column, value in (("回应情况", "同意协商"), ("回应日期", frappe.utils.add_days(frappe.utils.today(), 20)), ("拒绝原因", None)):
				offers.cell(self.row, col[column]).value = value
				offers.cell(self.row, col[column]).data_type = "s"

		before = frappe.db.count("Offer")
		with self.assertRaises(LedgerInvalid) as caught:
			import_ledger(sample(future_offer))
		(error,) = caught.exception.errors
		self.assertEqual((error.sheet, error.row, error.column), ("要约", self.row, "response_date"), error.message)
		self.assertEqual(frappe.db.count("Offer"), before)

	def test_a_city_user_imports_only_their_region(self):
		before = frappe.db.count("Enterprise"), frappe.db.count("Offer")
		with self.set_user(CITY_USER), self.assertRaises(LedgerInvalid) as caught:
			import_ledger(sample(), user=CITY_USER)
		outside = {e.row for e in caught.exception.errors}
		self.assertTrue(outside)
		self.assertTrue(all(e.sheet == "企业" and e.column == "所在地区" for e in caught.exception.errors))
		self.assertEqual((frappe.db.count("Enterprise"), frappe.db.count("Offer")), before)

	def test_the_command_leaves_an_import_record(self):
		import tempfile

		from frappe.utils import now_datetime

		from springoffer.workbook.desk_import import log_command_import

		data = sample()
		with tempfile.NamedTemporaryFile(suffix=".xlsx") as f:
			f.write(data)
			f.flush()
			started = now_datetime()
			counts = import_ledger(f.name)
			name = log_command_import(f.name, counts, started, now_datetime())
		log = frappe.get_doc("Ledger Import", name)
		self.assertEqual((log.status, log.imported_by), ("已导入", frappe.session.user))
		results = {row.record_type: (row.created, row.updated, row.unchanged) for row in log.results}
		self.assertEqual(results["Offer"], (counts["Offer"]["created"], 0, 0))
		self.assertTrue(log.ledger_file)

	def test_all_or_nothing_at_scale(self):
		"""Thousands of rows with one refused at the very end: nothing of the workbook stays."""
		import tempfile

		from springoffer.devtools import province_data as benchmark

		with tempfile.TemporaryDirectory() as folder:
			path = f"{folder}/ledger.xlsx"
			benchmark.write_ledger_workbook(path, enterprises=3_000, coverage_rows=6_000, contracts=1_500)
			wb = load_workbook(path)
			offers = wb["要约"]
			col = {cell.value: cell.column for cell in offers[1]}
			number = offers.cell(offers.max_row, col["要约编号"]).value
			rows = [r for r in range(2, offers.max_row + 1) if offers.cell(r, col["要约编号"]).value == number]
			# an answer dated after today: the workbook reads, the core rule refuses it once the
			# enterprises are already written — and they must go too
			for r in rows:
				for column, value in (("回应情况", "同意协商"), ("回应日期", frappe.utils.add_days(frappe.utils.today(), 30)), ("拒绝原因", None), ("人社部门处理情况", None)):
					offers.cell(r, col[column]).value = value
					offers.cell(r, col[column]).data_type = "s"
			last = rows[0]
			wb.save(path)
			before = {dt: frappe.db.count(dt) for dt in ("Enterprise", "Offer", "Contract", "Annex Ledger Entry")}
			with self.assertRaises(LedgerInvalid) as caught:
				import_ledger(path)
		self.assertEqual([(e.sheet, e.row, e.column) for e in caught.exception.errors], [("要约", last, "response_date")])
		self.assertEqual({dt: frappe.db.count(dt) for dt in before}, before)
