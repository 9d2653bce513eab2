import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from springoffer.core import categories as c
from springoffer.devtools.testing import contract_doc, make_enterprise, offer_doc


class TestContract(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.enterprise = make_enterprise(region="株洲市", employees=400)

	def test_valid_contract_derives_dates_and_totals(self):
		doc = contract_doc([self.enterprise], 350, hrss_received_on="2023-05-25", lowest_monthly_wage=2000).insert()
		self.assertEqual(getdate(doc.submission_due_date), getdate("2023-05-30"))
		self.assertEqual(getdate(doc.review_window_end), getdate("2023-06-09"))
		self.assertEqual(doc.total_covered_workers, 350)

	def test_term_outside_one_to_three_years_refused(self):
		for start, end in (("2023-05-20", "2023-12-31"), ("2023-05-20", "2026-06-01"), ("2023-05-20", "2023-05-01")):
			with self.assertRaises(frappe.ValidationError):
				contract_doc([self.enterprise], term_start=start, term_end=end).insert()

	def test_lowest_wage_below_the_minimum_wage_refused(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			contract_doc([self.enterprise], lowest_monthly_wage=1500).insert()
		self.assertIn("1550", str(caught.exception))
		contract_doc([self.enterprise], lowest_monthly_wage=1550).insert()

	def test_the_citys_own_minimum_wage_applies(self):
		frappe.get_doc(
			{"doctype": "Minimum Wage Standard", "region": "株洲市", "effective_from": "2023-04-01", "monthly_wage": 1700}
		).insert()
		with self.assertRaises(frappe.ValidationError):
			contract_doc([self.enterprise], lowest_monthly_wage=1600).insert()
		# a contract signed before the city's standard took effect falls back to the province's
		contract_doc([self.enterprise], signing_date="2023-03-02", lowest_monthly_wage=1600).insert()

	def test_zero_growth_needs_consent(self):
		with self.assertRaises(frappe.ValidationError):
			contract_doc([self.enterprise], wage_adjustment=c.WAGE_FREEZE).insert()
		contract_doc([self.enterprise], wage_adjustment=c.WAGE_CUT, wage_growth_percent=-2, zero_growth_consent=1).insert()
		contract_doc([self.enterprise], wage_adjustment=c.WAGE_RISE, wage_growth_percent=5).insert()

	def test_congress_vote_thresholds(self):
		with self.assertRaises(frappe.ValidationError):
			contract_doc([self.enterprise], congress_members=90, congress_attending=59, congress_approving=50).insert()
		with self.assertRaises(frappe.ValidationError):
			contract_doc([self.enterprise], congress_members=90, congress_attending=60, congress_approving=45).insert()
		contract_doc([self.enterprise], congress_members=90, congress_attending=60, congress_approving=46).insert()

	def test_signed_before_its_offer_refused(self):
		offer = offer_doc([self.enterprise], 100, date_sent="2023-04-01").insert()
		with self.assertRaises(frappe.ValidationError):
			contract_doc([self.enterprise], offer=offer.name, signing_date="2023-03-20").insert()

	def test_enterprise_twice_and_zero_workers_refused(self):
		with self.assertRaises(frappe.ValidationError):
			contract_doc([self.enterprise, self.enterprise], 10).insert()
		with self.assertRaises(frappe.ValidationError):
			contract_doc([self.enterprise], 0).insert()

	def test_cancellation_needs_a_reason(self):
		doc = contract_doc([self.enterprise], 100).insert()
		doc.is_cancelled = 1
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		doc.reload()
		self.assertEqual(doc.is_cancelled, 0)  # nothing half-saved
		doc.is_cancelled = 1
		doc.cancellation_reason = "双方协商一致解除"
		doc.save()
		self.assertEqual(frappe.db.get_value("Contract", doc.name, "is_cancelled"), 1)
