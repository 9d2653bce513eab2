"""台帐导入 from the desk: 校验 lists every problem, the background import records its results and log,
progress reaches the form, a city user's workbook reaching outside the city is refused whole."""

from io import BytesIO
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

import springoffer.workbook.importer as ledger_import
from springoffer.core.ledger import (
	CAMPAIGNS,
	CODE,
	CONTRACTS,
	ENTERPRISES,
	MEETINGS,
	OFFERS,
	REGION,
	REGIONS,
	LedgerError,
	LedgerInvalid,
	read_ledger,
)
from springoffer.devtools.testing import sample_ledger, workbook_bytes
from springoffer.springoffer.doctype.ledger_import import ledger_import as controller
from springoffer.workbook import desk_import

CAMPAIGN = "2023年台帐导入页面测试"
CITY_USER = "li.changsha.union@example.cn"
OTHER_OFFICER = "li.xiangtan.union@example.cn"
REVIEWER = "li.province.reviewer@example.cn"
CHANGSHA = {"长沙市", "芙蓉区", "天心区", "岳麓区"}
REAL_IMPORT = ledger_import.import_ledger


def sample_book():
	"""The sample ledger under a campaign of its own."""
	return sample_ledger(CAMPAIGN, seed=11)


def header(ws):
	return {cell.value: cell.column for cell in ws[1]}


def city_book(extra_region=None):
	"""Only the 企业 sheet, with the sample's 长沙 enterprises (and one of `extra_region` last)."""
	wb = sample_book()
	for title in (OFFERS, CONTRACTS, REGIONS, CAMPAIGNS, MEETINGS):
		del wb[title]
	ws = wb[ENTERPRISES]
	region = header(ws)[REGION]
	rows = list(ws.iter_rows(min_row=2, values_only=True))
	kept = [r for r in rows if r[region - 1] in CHANGSHA]
	extra = next(r for r in rows if r[region - 1] == extra_region) if extra_region else None
	ws.delete_rows(2, ws.max_row)
	for values in kept + ([extra] if extra else []):
		ws.append(values)
	return wb, [r[header(ws)[CODE] - 1] for r in kept], extra


def ensure_user(email, role, region=None):
	"""A campaign user with only `role` (created with it, so Frappe does not make them System Manager)."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"language": "zh",
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)
	assert "System Manager" not in frappe.get_roles(email), email
	if region and not frappe.db.exists("User Permission", {"user": email, "allow": "Region", "for_value": region}):
		frappe.get_doc({"doctype": "User Permission", "user": email, "allow": "Region", "for_value": region}).insert(ignore_permissions=True)


class TestLedgerImportDoctype(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_user(CITY_USER, "Trade Union Officer", "长沙市")
		ensure_user(OTHER_OFFICER, "Trade Union Officer", "湘潭市")
		ensure_user(REVIEWER, "Trade Union Reviewer")
		cls.sample = workbook_bytes(sample_book())
		cls.ledger = read_ledger(cls.sample)

	def setUp(self):
		frappe.db.savepoint("ledger_import_doctype_test")

	def tearDown(self):
		frappe.db.rollback(save_point="ledger_import_doctype_test")

	def new_import(self, content):
		file = frappe.get_doc(
			{"doctype": "File", "file_name": f"ledger-{frappe.generate_hash(length=8)}.xlsx", "content": content, "is_private": 1}
		).insert(ignore_permissions=True)
		return frappe.get_doc({"doctype": "Ledger Import", "ledger_file": file.file_url}).insert()

	def run_job(self, doc, user="Administrator"):
		"""The background job, called here instead of by a worker; its commits kept inside the test."""
		lang = frappe.local.lang
		try:
			with patch.object(frappe.db, "commit"), patch.object(frappe, "publish_realtime") as published:
				desk_import.run_import(doc.name, user=user)
		finally:
			frappe.local.lang = lang  # the job speaks the user's language
		doc.reload()
		return published

	def start(self, doc):
		with patch.object(frappe, "enqueue") as enqueue:
			doc.start_import()
		return enqueue

	def enterprises_in_site(self, codes):
		return frappe.db.count("Enterprise", {"name": ("in", list(codes))})

	def problem_rows(self, doc):
		return [(p.sheet, p.row, p.column, p.reason, p.fix) for p in doc.problems]

	def test_check_lists_every_problem_with_sheet_row_column_reason_and_fix(self):
		wb = sample_book()
		wb[ENTERPRISES]["E3"].value = "很多"  # 职工人数
		wb[ENTERPRISES]["A4"].value = "91430102MA48A9T48X"  # a wrong check digit
		wb[OFFERS]["F5"].value = "2023-13-45"  # 发出日期
		wb[CONTRACTS]["C2"].value = "口头约定"  # 合同类型
		content = workbook_bytes(wb)
		with self.assertRaises(LedgerInvalid) as raised:
			read_ledger(content)
		expected = [(e.sheet or "", e.row or 0, e.column or "", e.reason, e.fix) for e in raised.exception.errors]

		doc = self.new_import(content)
		self.assertEqual(doc.status, desk_import.WAITING)
		result = doc.check()
		doc.reload()
		self.assertEqual(doc.status, desk_import.INVALID)
		self.assertEqual(result["problems"], len(expected))
		self.assertEqual(self.problem_rows(doc), expected)
		employees = next(p for p in doc.problems if p.sheet == ENTERPRISES and p.row == 3)
		self.assertEqual(employees.column, "职工人数")
		self.assertIn("很多", employees.reason)
		self.assertTrue(employees.fix)
		self.assertIn((OFFERS, 5, "发出日期"), [(p.sheet, p.row, p.column) for p in doc.problems])
		self.assertIn((CONTRACTS, 2, "合同类型"), [(p.sheet, p.row, p.column) for p in doc.problems])
		self.assertEqual(self.enterprises_in_site(e.key for e in self.ledger.enterprises), 0)
		with self.assertRaises(frappe.ValidationError):  # 导入 refused while problems are listed
			self.start(doc)
		self.assertEqual(frappe.db.get_value("Ledger Import", doc.name, "status"), desk_import.INVALID)

	def test_two_cells_far_apart_are_refused_at_check_without_reading_the_sheet(self):
		"""A 20 KB upload with a cell at XFD400000 would make the reader hold 6.5 billion cells and bring
		the worker down: 校验 names the sheet and what to remove instead."""
		wb = sample_book()
		wb[ENTERPRISES]["XFD400000"] = "备注"
		doc = self.new_import(workbook_bytes(wb))
		result = doc.check()
		doc.reload()
		self.assertEqual((doc.status, result["problems"]), (desk_import.INVALID, 1))
		(problem,) = doc.problems
		self.assertEqual(problem.sheet, ENTERPRISES)
		self.assertIn("铺得太开", problem.reason)
		self.assertIn("删去", problem.fix)
		with self.assertRaises(frappe.ValidationError):
			self.start(doc)

	def test_clean_workbook_passes_check_and_writes_nothing(self):
		doc = self.new_import(self.sample)
		result = doc.check()
		doc.reload()
		self.assertEqual((doc.status, len(doc.problems), result["dry_run"]), (desk_import.VALID, 0, True))
		self.assertEqual(doc.total_rows, desk_import.ledger_rows(self.ledger))
		self.assertEqual(self.enterprises_in_site(e.key for e in self.ledger.enterprises), 0)
		self.assertFalse(frappe.db.exists("Campaign", CAMPAIGN))

	def test_check_reports_what_the_records_refuse_and_rolls_back(self):
		def refusing(source, **kwargs):
			frappe.get_doc({"doctype": "Region", "region_name": "试验新区", "parent_region": "长沙市", "region_level": "县市区"}).insert()
			raise LedgerInvalid([LedgerError(OFFERS, 7, "发出日期 2023-02-27 早于活动开始日期；请改正发出日期", "发出日期")])

		doc = self.new_import(self.sample)
		with patch.object(ledger_import, "import_ledger", refusing):
			doc.check()
		doc.reload()
		self.assertEqual(doc.status, desk_import.INVALID)
		self.assertEqual(self.problem_rows(doc), [(OFFERS, 7, "发出日期", "发出日期 2023-02-27 早于活动开始日期", "请改正发出日期")])
		self.assertFalse(frappe.db.exists("Region", "试验新区"))

	def test_background_import_records_results_status_and_log(self):
		doc = self.new_import(self.sample)
		doc.check()
		enqueue = self.start(doc)
		doc.reload()
		self.assertEqual((doc.status, doc.imported_by), (desk_import.RUNNING, "Administrator"))
		(args, kwargs), = enqueue.call_args_list
		self.assertIs(args[0], desk_import.run_import)
		self.assertEqual(kwargs["queue"], "long")
		self.assertTrue(kwargs["enqueue_after_commit"])
		self.assertGreaterEqual(kwargs["timeout"], 3600)
		self.assertEqual((kwargs["ledger_import"], kwargs["user"]), (doc.name, "Administrator"))
		with self.assertRaises(frappe.ValidationError):  # twice is refused while it runs
			self.start(doc)

		self.run_job(doc)
		self.assertEqual(doc.status, desk_import.DONE)
		self.assertFalse(doc.problems)
		results = {r.record_type: (r.created, r.updated, r.unchanged) for r in doc.results}
		self.assertEqual(list(results), list(controller.KINDS))
		ledger = self.ledger
		self.assertEqual(results["Enterprise"], (len(ledger.enterprises), 0, 0))
		self.assertEqual(results["Offer"], (len(ledger.offers), 0, 0))
		self.assertEqual(results["Contract"], (len(ledger.contracts), 0, 0))
		self.assertEqual(results["Campaign"][0], 1)
		self.assertEqual(self.enterprises_in_site(e.key for e in ledger.enterprises), len(ledger.enterprises))
		self.assertEqual(frappe.db.count("Offer", {"campaign": CAMPAIGN}), len(ledger.offers))
		self.assertEqual(frappe.db.count("Contract", {"campaign": CAMPAIGN}), len(ledger.contracts))

		# the log: who, when, how fast; the record's history kept by track_changes
		self.assertEqual(doc.imported_by, "Administrator")
		self.assertTrue(doc.started_at and doc.finished_at)
		self.assertLessEqual(frappe.utils.get_datetime(doc.started_at), frappe.utils.get_datetime(doc.finished_at))
		self.assertEqual(doc.total_rows, desk_import.ledger_rows(ledger))
		self.assertGreater(doc.rows_per_second, 0)
		self.assertTrue(frappe.db.exists("Version", {"ref_doctype": "Ledger Import", "docname": doc.name}))
		with self.assertRaises(frappe.ValidationError):  # an imported workbook stays as imported
			doc.check()

		# the same workbook again: nothing new, everything unchanged
		again = self.new_import(self.sample)
		again.check()
		self.start(again)
		self.run_job(again)
		self.assertEqual(again.status, desk_import.DONE)
		results = {r.record_type: (r.created, r.updated, r.unchanged) for r in again.results}
		self.assertEqual(results["Enterprise"], (0, 0, len(ledger.enterprises)))
		self.assertEqual(results["Offer"], (0, 0, len(ledger.offers)))

	def test_progress_is_published_to_the_form(self):
		def counting(source, progress=None, user=None):
			for done in range(5):
				progress("试写企业", done, 4)
			return REAL_IMPORT(source, user=user)

		doc = self.new_import(self.sample)
		doc.check()
		self.start(doc)
		with patch.object(ledger_import, "import_ledger", counting):
			published = self.run_job(doc)
		self.assertEqual(doc.status, desk_import.DONE)
		messages = [c.args[1] for c in published.call_args_list if c.args[0] == desk_import.PROGRESS_EVENT]
		for c in published.call_args_list:
			if c.args[0] == desk_import.PROGRESS_EVENT:
				self.assertEqual((c.kwargs["doctype"], c.kwargs["docname"]), ("Ledger Import", doc.name))
		self.assertTrue(all(m["ledger_import"] == doc.name for m in messages))
		ours = [m for m in messages if m.get("stage") == "试写企业"]
		self.assertEqual([m["percent"] for m in ours], [0, 25, 50, 75, 99])
		self.assertEqual([(m["done"], m["total"]) for m in ours], [(done, 4) for done in range(5)])
		self.assertTrue(all("试写企业" in m["description"] and "4" in m["description"] for m in ours))
		self.assertEqual(messages[0]["percent"], 0)  # reading the workbook
		last = published.call_args_list[-1]
		self.assertEqual((last.args[1]["percent"], last.args[1]["finished"], last.args[1]["status"]), (100, True, desk_import.DONE))
		self.assertTrue(last.kwargs["after_commit"])  # the form reloads what the job committed

	def test_city_user_imports_their_own_region(self):
		wb, codes, _extra = city_book()
		with self.set_user(CITY_USER):
			doc = self.new_import(workbook_bytes(wb))
			doc.check()
			self.assertEqual(doc.status, desk_import.VALID, self.problem_rows(doc))
			self.start(doc)
			self.run_job(doc, user=CITY_USER)
		self.assertEqual(doc.status, desk_import.DONE, self.problem_rows(doc))
		self.assertEqual(doc.imported_by, CITY_USER)
		self.assertEqual(self.enterprises_in_site(codes), len(codes))

	def test_city_user_workbook_reaching_another_city_is_refused_whole(self):
		wb, codes, extra = city_book(extra_region="株洲市")
		content = workbook_bytes(wb)
		extra_row = len(codes) + 2
		with self.set_user(CITY_USER):
			doc = self.new_import(content)
			doc.check()
			self.assertEqual(doc.status, desk_import.INVALID)
			self.assertEqual([(p.sheet, p.row) for p in doc.problems], [(ENTERPRISES, extra_row)])
			self.assertIn("株洲市", doc.problems[0].reason)
			with self.assertRaises(frappe.ValidationError):
				self.start(doc)
			# the job itself refuses it too, had the check been skipped
			frappe.db.set_value("Ledger Import", doc.name, {"status": desk_import.RUNNING, "imported_by": CITY_USER})
			self.run_job(doc, user=CITY_USER)
		self.assertEqual(doc.status, desk_import.FAILED)
		self.assertEqual([(p.sheet, p.row) for p in doc.problems], [(ENTERPRISES, extra_row)])
		self.assertEqual(self.enterprises_in_site([*codes, extra[0]]), 0)
		self.assertFalse(doc.results)

	def test_a_failed_import_records_why_and_leaves_nothing(self):
		def failing(source, **kwargs):
			REAL_IMPORT(source)  # writes everything, then a late refusal
			raise LedgerInvalid([LedgerError(CONTRACTS, 9, "合同期限不足一年；请改正期限", "签订日期")])

		def crashing(source, **kwargs):
			REAL_IMPORT(source)
			raise RuntimeError("disk full")

		for function, reason in ((failing, "合同期限不足一年"), (crashing, "disk full")):
			doc = self.new_import(self.sample)
			doc.check()
			self.start(doc)
			with patch.object(ledger_import, "import_ledger", function):
				self.run_job(doc)
			self.assertEqual(doc.status, desk_import.FAILED)
			self.assertIn(reason, doc.problems[0].reason)
			self.assertTrue(doc.finished_at and doc.started_at)
			self.assertFalse(doc.results)
			self.assertEqual(self.enterprises_in_site(e.key for e in self.ledger.enterprises), 0)
			self.assertFalse(frappe.db.exists("Campaign", CAMPAIGN))
		self.assertTrue(frappe.db.exists("Error Log", {"reference_doctype": "Ledger Import", "reference_name": doc.name}))

	def test_status_and_log_are_set_only_by_check_and_import(self):
		doc = self.new_import(self.sample)
		doc.status = desk_import.VALID
		doc.imported_by = CITY_USER
		doc.append("results", {"record_type": "Enterprise", "created": 99})
		doc.save()
		doc.reload()
		self.assertEqual((doc.status, doc.imported_by, len(doc.results)), (desk_import.WAITING, None, 0))
		with self.assertRaises(frappe.ValidationError):
			self.start(doc)
		doc.check()
		doc.reload()
		self.assertEqual(doc.status, desk_import.VALID)
		# another workbook attached: checked afresh
		another, _codes, _extra = city_book()
		file = frappe.get_doc({"doctype": "File", "file_name": "another-ledger.xlsx", "content": workbook_bytes(another), "is_private": 1}).insert(
			ignore_permissions=True
		)
		self.assertNotEqual(file.file_url, doc.ledger_file)
		doc.ledger_file = file.file_url
		doc.save()
		self.assertEqual(doc.status, desk_import.WAITING)

	def test_officers_see_their_own_imports_and_reviewers_all(self):
		with self.set_user(CITY_USER):
			doc = self.new_import(self.sample)
		with self.set_user(OTHER_OFFICER):
			self.assertNotIn(doc.name, frappe.get_list("Ledger Import", pluck="name"))
			self.assertFalse(frappe.has_permission("Ledger Import", "read", doc.name))
			with self.assertRaises(frappe.PermissionError):
				doc.check()
		with self.set_user(REVIEWER):
			self.assertIn(doc.name, frappe.get_list("Ledger Import", pluck="name"))
			self.assertFalse(frappe.has_permission("Ledger Import", "write", doc.name))
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Ledger Import", doc.name).start_import()

	def test_problem_rows_follow_their_import(self):
		"""Another officer reaches neither the problems nor the results of an import that is not theirs."""
		from frappe import client

		wb, _codes, _extra = city_book(extra_region="株洲市")
		with self.set_user(CITY_USER):
			doc = self.new_import(workbook_bytes(wb))
			doc.check()
		problem = frappe.get_all("Ledger Import Problem", filters={"parent": doc.name}, pluck="name")
		self.assertTrue(problem)
		with self.set_user(OTHER_OFFICER):
			listed = client.get_list("Ledger Import Problem", fields=["name", "reason"], parent="Ledger Import", limit_page_length=0)
			self.assertNotIn(problem[0], [row["name"] for row in listed])
			with self.assertRaises(frappe.PermissionError):
				client.get("Ledger Import Problem", problem[0], parent="Ledger Import")
		with self.set_user(REVIEWER):
			listed = client.get_list("Ledger Import Problem", fields=["name"], parent="Ledger Import", limit_page_length=0)
			self.assertIn(problem[0], [row["name"] for row in listed])

	def test_template_download(self):
		controller.download_template()
		self.assertEqual(frappe.response.type, "download")
		self.assertEqual(frappe.response.filename, "ledger-template.xlsx")
		wb = load_workbook(BytesIO(frappe.response.filecontent))
		self.assertIn(ENTERPRISES, wb.sheetnames)
