"""Two people, two imports, two daily jobs at once: the second save of a stale record is refused with
Frappe's "document has been modified", the database keeps one record per ledger number even when two
imports both pass the Python check, and the daily job run twice at once does its work once."""

import threading
from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from springoffer.controllers import checks, daily
from springoffer.devtools.commits import delete_records
from springoffer.devtools.testing import make_campaign, make_enterprise, offer_doc


def in_threads(target, count=2):
	"""Run target(index) in `count` threads, each on its own site connection; return their results
	(or the exception each raised)."""
	site, sites_path = frappe.local.site, frappe.local.sites_path
	results = [None] * count

	def run(index):
		frappe.init(site=site, sites_path=sites_path)
		frappe.connect()
		frappe.set_user("Administrator")
		try:
			results[index] = target(index)
			frappe.db.commit()
		except Exception as error:
			frappe.db.rollback()
			results[index] = error
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(timeout=120)
	return results


class TestStaleSave(FrappeTestCase):
	def test_the_second_save_of_a_stale_record_is_refused(self):
		name = make_enterprise(region="益阳市", employees=100).name
		first, second = frappe.get_doc("Enterprise", name), frappe.get_doc("Enterprise", name)
		first.employees = 300
		first.save()
		second.employees = 400
		with self.assertRaises(frappe.TimestampMismatchError):
			second.save()
		self.assertEqual(frappe.db.get_value("Enterprise", name, "employees"), 300)

	def test_the_database_refuses_a_second_record_with_the_same_ledger_number(self):
		enterprise = make_enterprise(region="益阳市", employees=100)
		offer_doc([enterprise], 10, date_sent="2023-03-03", ledger_no="并发-001").insert()
		twin = offer_doc([enterprise], 10, date_sent="2023-03-04", ledger_no="并发-001")
		twin.name = "SO-并发-TWIN"
		with self.assertRaises(frappe.UniqueValidationError):
			twin.db_insert()  # past every check in Python: only the unique index stands in the way
		self.assertEqual(frappe.db.count("Offer", {"ledger_no": "并发-001"}), 1)
		for doctype in ("Offer", "Contract"):
			self.assertTrue(frappe.db.sql(
				"""SELECT 1 FROM information_schema.TABLE_CONSTRAINTS WHERE table_schema = DATABASE()
				AND table_name = %s AND constraint_name = 'unique_ledger_no_campaign'""", f"tab{doctype}"))

	def test_blank_ledger_numbers_are_no_numbers(self):
		enterprise = make_enterprise(region="益阳市", employees=100)
		first = offer_doc([enterprise], 10, date_sent="2023-03-03", ledger_no="  ").insert()
		second = offer_doc([enterprise], 10, date_sent="2023-03-04", ledger_no="").insert()
		self.assertEqual((first.ledger_no, second.ledger_no), (None, None))


class TestAtOnce(FrappeTestCase):
	"""These commit (each thread is its own connection) and remove what they made."""

	CAMPAIGN = "并发测试活动"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		start = getdate(today()) - timedelta(days=10)
		make_campaign(cls.CAMPAIGN, start=str(start), end=str(start + timedelta(days=60)), due=str(start + timedelta(days=60)))
		cls.enterprise = make_enterprise(region="益阳市", employees=100).name
		frappe.db.commit()
		cls.addClassCleanup(cls.remove)

	@classmethod
	def remove(cls):
		delete_records("Offer", frappe.get_all("Offer", filters={"campaign": cls.CAMPAIGN}, pluck="name"))
		delete_records("Unit Report", frappe.get_all("Unit Report", filters={"campaign": cls.CAMPAIGN}, pluck="name"))
		delete_records("Enterprise", [cls.enterprise])
		delete_records("Campaign", [cls.CAMPAIGN])
		frappe.db.commit()

	def test_two_imports_of_the_same_ledger_number_at_once_make_one_record(self):
		both_checked = threading.Barrier(2, timeout=10)
		check = checks.check_ledger_number

		def checked_then_wait(doc):
			check(doc)
			both_checked.wait()  # both have passed the Python check before either inserts

		def insert(index):
			sent = getdate(frappe.db.get_value("Campaign", self.CAMPAIGN, "start_date")) + timedelta(days=index)
			doc = offer_doc([self.enterprise], 10, date_sent=str(sent), campaign=self.CAMPAIGN, ledger_no="同时-001")
			# named here: the naming series' row lock would otherwise queue the second insert behind the
			# first's commit, and its Python check would see the first record (an import writing rows in
			# bulk has no such queue)
			return doc.insert(set_name=f"SO-同时-{index}").name

		checks.check_ledger_number = checked_then_wait
		try:
			results = in_threads(insert)
		finally:
			checks.check_ledger_number = check
		made = [r for r in results if isinstance(r, str)]
		refused = [r for r in results if isinstance(r, Exception)]
		self.assertEqual(len(made), 1, results)
		self.assertEqual(len(refused), 1, results)
		self.assertIsInstance(refused[0], frappe.UniqueValidationError | frappe.DuplicateEntryError)
		self.assertEqual(frappe.db.count("Offer", {"campaign": self.CAMPAIGN, "ledger_no": "同时-001"}), 1)

	def test_the_daily_job_run_twice_at_once_does_its_work_once(self):
		delete_records("Unit Report", frappe.get_all("Unit Report", filters={"campaign": self.CAMPAIGN}, pluck="name"))
		frappe.db.commit()
		results = in_threads(lambda index: daily.daily())
		self.assertFalse([r for r in results if isinstance(r, Exception)], results)
		self.assertEqual(frappe.db.count("Unit Report", {"campaign": self.CAMPAIGN}), 15 * 4)
		self.assertIsNone(frappe.db.sql(
			"""SELECT reporting_unit, reporting_body FROM `tabUnit Report` WHERE campaign = %s
			GROUP BY reporting_unit, reporting_body HAVING COUNT(*) > 1""", self.CAMPAIGN) or None)
		self.assertEqual(daily.create_unit_reports(self.CAMPAIGN), 0)  # and once more, later: nothing to do
