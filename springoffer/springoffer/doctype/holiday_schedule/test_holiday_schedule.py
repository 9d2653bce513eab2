"""节假日安排: a year entered by hand from the State Council's notice drives the legal clocks, an entered
day wins over chinesecalendar and the form says so, a year in neither is refused in Chinese, and
saving a schedule recomputes the due dates already stored."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from springoffer.annex import figures as annex_db
from springoffer.controllers import daily
from springoffer.controllers import holidays as site_holidays
from springoffer.core import clocks
from springoffer.devtools.commits import no_commit
from springoffer.devtools.testing import make_campaign, make_enterprise, make_region, offer_doc

CAMPAIGN_2027 = "2027年节假日测试活动"
COUNTY = "节假日安排测试县"
# As an administrator pastes it (a 2027 schedule; the library holds none).
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月9日（周三）至11日（周五）放假，共3天。"""


def schedule(year, notice, reference="国办发明电〔2026〕测试号"):
	doc = frappe.get_doc({"doctype": "Holiday Schedule", "year": year, "notice_reference": reference, "notice_text": notice})
	with patch.object(frappe, "enqueue"):
		return doc.insert()


class TestHolidaySchedule(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, "常德市")
		make_campaign(CAMPAIGN_2027, start="2027-03-01", end="2027-06-30", due="2027-06-30")

	def setUp(self):
		frappe.db.savepoint("holiday_schedule_test")

	def tearDown(self):
		frappe.db.rollback(save_point="holiday_schedule_test")
		site_holidays.forget()

	def test_install_prefills_the_library_years_and_the_clocks_read_the_site(self):
		prefilled = frappe.get_doc("Holiday Schedule", "2023")
		self.assertEqual(prefilled.source, "程序内置")
		self.assertIn(getdate("2023-04-23"), {getdate(d.day) for d in prefilled.days if d.kind == "调休上班"})
		self.assertEqual(site_holidays.prefill_from_library(), 0)  # a second run adds nothing
		self.assertIs(clocks.current_calendar(), site_holidays.site_calendar())
		self.assertIn(2023, clocks.current_calendar().years)

	def test_a_year_entered_from_the_notice_gives_an_offer_its_due_date(self):
		with self.freeze_time("2027-06-30"):  # offers are sent on or before today
			self.enter_2027_and_send()

	def enter_2027_and_send(self):
		enterprise = make_enterprise(region=COUNTY)
		with self.assertRaises(frappe.ValidationError):  # before the 2027 schedule is entered
			offer_doc(enterprise, date_sent="2027-04-06", campaign=CAMPAIGN_2027).insert()
		doc = schedule(2027, NOTICE_2027)
		self.assertEqual((doc.name, doc.source, len(doc.days)), ("2027", "手工录入", 3 + 5 + 3 + 2))
		self.assertFalse(doc.library_differences)  # nothing to compare with
		cases = {
			"2027-04-06": "2027-04-26",  # a Monday
			"2027-04-12": "2027-05-06",  # 05-02 in the May Day holiday
			"2027-04-05": "2027-04-25",  # a Sunday worked (调休)
			"2027-05-20": "2027-06-14",  # 06-09 … 06-11 端午, then a weekend
		}
		for sent, due in cases.items():
			offer = offer_doc(make_enterprise(region=COUNTY), date_sent=sent, campaign=CAMPAIGN_2027).insert()
			self.assertEqual(getdate(offer.response_due_date), getdate(due), sent)

	def test_a_year_in_neither_is_refused_in_chinese(self):
		make_campaign("2029年节假日测试活动", start="2029-03-01", end="2029-06-30", due="2029-06-30")
		frappe.local.lang = "zh"
		try:
			with self.freeze_time("2029-06-30"), self.assertRaises(frappe.ValidationError) as caught:
				offer_doc(make_enterprise(region=COUNTY), date_sent="2029-03-10", campaign="2029年节假日测试活动").insert()
		finally:
			frappe.local.lang = "en"
		self.assertIn("尚未录入国务院 2029 年节假日安排", str(caught.exception))

	def test_an_entered_day_that_disagrees_wins_and_the_form_says_so(self):
		doc = frappe.get_doc("Holiday Schedule", "2026")
		doc.set("days", [row for row in doc.days if getdate(row.day) != getdate("2026-10-10")])  # 调休 Saturday dropped
		with patch.object(frappe, "enqueue") as enqueued:
			doc.save()
		self.assertIn("2026-10-10", doc.library_differences)
		self.assertEqual(doc.source, "手工录入")
		self.assertEqual(enqueued.call_args.args[0], "springoffer.controllers.daily.after_schedule_change")
		self.assertEqual(clocks.response_due(getdate("2026-09-20")), getdate("2026-10-12"))  # not 10-10

	def test_unreadable_lines_and_impossible_days_are_refused(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			schedule(2028, "一、元旦：1月1日至3日放假，共5天。")
		self.assertIn("共5天", str(caught.exception))
		doc = frappe.get_doc(
			{"doctype": "Holiday Schedule", "year": 2028, "days": [{"day": "2028-05-04", "kind": "调休上班"}]}  # a Thursday
		)
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(frappe.ValidationError) as caught:
				doc.insert()
		finally:
			frappe.local.lang = "en"
		self.assertIn("只有周六、周日才能是调休上班日", str(caught.exception))
		self.assertFalse(frappe.db.exists("Holiday Schedule", "2028"))

	def test_saving_a_schedule_recomputes_stored_due_dates_and_the_annex(self):
		with self.freeze_time("2027-06-30"):
			self.recompute_after_saving()

	def recompute_after_saving(self):
		schedule(2027, NOTICE_2027)
		county = make_region("节假日重算测试县", "常德市")
		offer = offer_doc(make_enterprise(region=county), date_sent="2027-04-06", campaign=CAMPAIGN_2027).insert()
		self.assertEqual(getdate(offer.response_due_date), getdate("2027-04-26"))
		self.assertEqual(annex_db.count(CAMPAIGN_2027, county, getdate("2027-04-27")).total.refused, 1)  # overdue
		doc = frappe.get_doc("Holiday Schedule", "2027")
		doc.append("days", {"day": "2027-04-26", "kind": "放假", "holiday": "测试"})
		with patch.object(frappe, "enqueue"):
			doc.save()
		with no_commit():
			self.assertGreaterEqual(daily.after_schedule_change(), 1)
		self.assertEqual(getdate(frappe.db.get_value("Offer", offer.name, "response_due_date")), getdate("2027-04-27"))
		self.assertEqual(annex_db.count(CAMPAIGN_2027, county, getdate("2027-04-27")).total.refused, 0)  # still in time
