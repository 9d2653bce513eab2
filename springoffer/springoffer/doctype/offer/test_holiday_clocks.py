"""Legal clocks by the State Council's holiday schedule (民法典 Art. 203): due dates, the overdue
count of the 附件, contract clocks, and the patch that recomputes stored dates."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from springoffer.annex import cache
from springoffer.annex import figures as annex_db
from springoffer.core import categories as c
from springoffer.devtools.testing import contract_doc, make_campaign, make_enterprise, make_region, offer_doc
from springoffer.patches import holiday_clocks

CAMPAIGN = "节假日期限测试活动"
COUNTY = "节假日测试县"


class TestHolidayClocks(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_campaign(CAMPAIGN, start="2023-03-01", end="2023-06-30", due="2023-06-30")
		make_region(COUNTY, "常德市")

	def test_a_due_date_in_the_may_day_holiday_moves_and_the_annex_follows(self):
		enterprise = make_enterprise(region=COUNTY)
		offer = offer_doc(enterprise, date_sent="2023-04-10", campaign=CAMPAIGN).insert()
		self.assertEqual(getdate(offer.response_due_date), getdate("2023-05-04"))  # 04-30 falls in 04-29 … 05-03
		on_due = annex_db.count(CAMPAIGN, COUNTY, getdate("2023-05-04"))
		after = annex_db.count(CAMPAIGN, COUNTY, getdate("2023-05-05"))
		self.assertEqual((on_due.total.offered, on_due.total.refused), (1, 0))  # still within its days
		self.assertEqual(after.total.refused, 1)  # 逾期未回应 from the next working day on
		self.assertEqual([r.kind for r in after.refusals], [c.OVERDUE])

	def test_a_due_date_on_a_tiaoxiu_sunday_stays(self):
		offer = offer_doc(make_enterprise(region=COUNTY), date_sent="2023-04-03", campaign=CAMPAIGN).insert()
		self.assertEqual(getdate(offer.response_due_date), getdate("2023-04-23"))  # a Sunday worked (调休)

	def test_contract_clocks_skip_rest_days(self):
		contract = contract_doc(make_enterprise(region=COUNTY), signing_date="2023-04-21", campaign=CAMPAIGN).insert()
		self.assertEqual(getdate(contract.submission_due_date), getdate("2023-05-04"))
		contract.hrss_received_on = "2023-09-15"
		contract.save()
		self.assertEqual(getdate(contract.review_window_end), getdate("2023-10-07"))  # 国庆 holiday, then a 调休 Saturday

	def test_the_patch_recomputes_stored_dates_and_the_ledger(self):
		offer = offer_doc(make_enterprise(region=COUNTY), date_sent="2023-04-10", campaign=CAMPAIGN).insert()
		overdue_before = annex_db.count(CAMPAIGN, COUNTY, getdate("2023-05-02")).total.refused  # the other tests' offers
		# as the calendar-day rule stored it before
		frappe.db.set_value("Offer", offer.name, "response_due_date", "2023-04-30", update_modified=False)
		frappe.db.sql("UPDATE `tabAnnex Ledger Entry` SET response_due_date = '2023-04-30' WHERE voucher_no = %s", offer.name)
		cache.bump()  # a write to the ledger by hand, stamped as the app's own writes are
		self.assertEqual(annex_db.count(CAMPAIGN, COUNTY, getdate("2023-05-02")).total.refused, overdue_before + 1)  # wrongly overdue
		holiday_clocks.execute()
		self.assertEqual(getdate(frappe.db.get_value("Offer", offer.name, "response_due_date")), getdate("2023-05-04"))
		self.assertEqual(annex_db.count(CAMPAIGN, COUNTY, getdate("2023-05-02")).total.refused, overdue_before)

	def test_a_year_without_a_schedule_is_refused_in_chinese(self):
		make_campaign("2003年春季要约行动", start="2003-03-01", end="2003-06-30", due="2003-06-30")  # the schedule starts in 2004
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(frappe.ValidationError) as caught:
				offer_doc(make_enterprise(region=COUNTY), date_sent="2003-03-10", campaign="2003年春季要约行动").insert()
		finally:
			frappe.local.lang = "en"
		self.assertIn("节假日安排", str(caught.exception))
