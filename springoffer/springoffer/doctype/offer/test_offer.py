import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from springoffer.core import categories as c
from springoffer.devtools.testing import make_enterprise, make_user, offer_doc


class TestOffer(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.enterprise = make_enterprise(region="长沙市", employees=300)
		cls.other = make_enterprise(region="株洲市", employees=80, category=c.STATE_OWNED)

	def test_due_date_total_and_region_are_derived(self):
		doc = offer_doc([self.enterprise], 120, date_sent="2023-03-10").insert()
		self.assertEqual(getdate(doc.response_due_date), getdate("2023-03-30"))
		self.assertEqual(doc.total_covered_workers, 120)
		self.assertEqual(doc.region, "长沙市")
		self.assertEqual(doc.response, c.PENDING)
		self.assertEqual(doc.is_overdue, 1)  # 2023's 20 days are long past

	def test_industry_offer_covers_many(self):
		doc = offer_doc([self.enterprise, self.other], [100, 50], scope=c.SCOPE_INDUSTRY, region="湖南省").insert()
		self.assertEqual(doc.total_covered_workers, 150)

	def test_zero_or_negative_workers_refused(self):
		for workers in (0, -3):
			with self.assertRaises(frappe.ValidationError):
				offer_doc([self.enterprise], workers).insert()

	def test_workers_above_headcount_refused(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			offer_doc([self.enterprise], 301).insert()
		self.assertIn("301", str(caught.exception))

	def test_enterprise_covered_twice_refused(self):
		with self.assertRaises(frappe.ValidationError):
			offer_doc([self.enterprise, self.enterprise], 10, scope=c.SCOPE_INDUSTRY).insert()

	def test_single_scope_with_two_enterprises_refused(self):
		with self.assertRaises(frappe.ValidationError):
			offer_doc([self.enterprise, self.other], 10, scope=c.SCOPE_SINGLE).insert()

	def test_answer_before_offer_refused(self):
		with self.assertRaises(frappe.ValidationError):
			offer_doc([self.enterprise], response=c.AGREED, response_date="2023-03-09").insert()

	def test_refusal_without_reason_refused_and_with_reason_saved(self):
		with self.assertRaises(frappe.ValidationError):
			offer_doc([self.enterprise], response=c.REFUSED, response_date="2023-03-15").insert()
		doc = offer_doc(
			[self.enterprise], response=c.REFUSED, response_date="2023-03-15", refusal_reason=c.REFUSAL_REASONS[0]
		).insert()
		self.assertEqual(doc.is_overdue, 0)

	def test_offer_outside_campaign_refused(self):
		with self.assertRaises(frappe.ValidationError):
			offer_doc([self.enterprise], date_sent="2023-07-01").insert()

	def test_nothing_is_half_saved(self):
		doc = offer_doc([self.enterprise], 100).insert()
		doc.covered_enterprises[0].covered_workers = 0
		doc.response = c.AGREED
		doc.response_date = "2023-03-12"
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		stored = frappe.get_doc("Offer", doc.name)
		self.assertEqual((stored.covered_enterprises[0].covered_workers, stored.response), (100, c.PENDING))

	def test_only_hrss_writes_the_handling(self):
		union = make_user("offer.union@example.com", ["Trade Union Officer"], region="长沙市")
		hrss = make_user("offer.hrss@example.com", ["HRSS Officer"], region="长沙市")
		with self.set_user(union):
			doc = offer_doc([self.enterprise], response=c.REFUSED, response_date="2023-03-15", refusal_reason="其他")
			doc.hrss_handling = c.HRSS_HANDLINGS[0]
			doc.hrss_handling_date = "2023-03-20"
			doc.insert()
			self.assertFalse(frappe.db.get_value("Offer", doc.name, "hrss_handling"))
		with self.set_user(hrss):
			doc = frappe.get_doc("Offer", doc.name)
			doc.hrss_handling = c.HRSS_HANDLINGS[1]
			doc.hrss_handling_date = "2023-03-20"
			doc.save()
			self.assertEqual(frappe.db.get_value("Offer", doc.name, "hrss_handling"), c.HRSS_HANDLINGS[1])
			# but not what the offer says
			doc.covered_enterprises[0].covered_workers = 1
			with self.assertRaises(frappe.PermissionError):
				doc.save()
			doc.reload()
			doc.refusal_reason = c.REFUSAL_REASONS[1]
			with self.assertRaises(frappe.PermissionError):
				doc.save()
			# HRSS records handling but does not create offers
			with self.assertRaises(frappe.PermissionError):
				offer_doc([self.enterprise]).insert()

	def test_city_user_cannot_reach_another_citys_offer(self):
		zhuzhou = offer_doc([self.other], 50).insert()
		changsha = offer_doc([self.enterprise], 50).insert()
		user = make_user("offer.city@example.com", ["Trade Union Officer"], region="长沙市")
		with self.set_user(user):
			names = frappe.get_list("Offer", pluck="name", limit=0)
			self.assertIn(changsha.name, names)
			self.assertNotIn(zhuzhou.name, names)
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Offer", zhuzhou.name).check_permission("read")
			with self.assertRaises(frappe.PermissionError):
				offer_doc([self.other], 10).insert()
			# an industry offer of the city may not reach into another city either
			with self.assertRaises(frappe.PermissionError):
				offer_doc([self.enterprise, self.other], 10, scope=c.SCOPE_INDUSTRY, region="长沙市").insert()

	def test_ledger_number_is_unique_within_a_campaign(self):
		offer_doc([self.enterprise], 10, ledger_no="YY-2023-001").insert()
		with self.assertRaises(frappe.DuplicateEntryError):
			offer_doc([self.enterprise], 10, ledger_no=" YY-2023-001 ").insert()
		from springoffer.devtools.testing import make_campaign

		make_campaign("2025年春季要约行动", "2025-03-01", "2025-06-30", "2025-06-30")
		with self.freeze_time("2025-04-01 10:00"):
			offer_doc([self.enterprise], 10, ledger_no="YY-2023-001", campaign="2025年春季要约行动", date_sent="2025-03-05").insert()

	def test_daily_job_marks_overdue_offers_and_clears_answered_ones(self):
		from springoffer.controllers import daily

		with self.freeze_time("2023-04-01 09:00"):
			pending = offer_doc([self.enterprise], 10, date_sent="2023-03-20").insert()  # due 04-10: 04-09 is a Sunday
			answered = offer_doc([self.enterprise], 10, date_sent="2023-03-01").insert()  # due 03-21
		answered.reload()
		answered.response, answered.response_date = c.AGREED, "2023-03-25"
		answered.save()
		frappe.db.set_value("Offer", answered.name, "is_overdue", 1)  # left over from before the answer
		with self.freeze_time("2023-04-10 09:00"):
			daily.mark_overdue_offers()
			self.assertEqual(frappe.db.get_value("Offer", pending.name, "is_overdue"), 0)  # the due day itself is in time
		with self.freeze_time("2023-04-11 09:00"):
			daily.mark_overdue_offers()
		self.assertEqual(frappe.db.get_value("Offer", pending.name, "is_overdue"), 1)
		self.assertEqual(frappe.db.get_value("Offer", answered.name, "is_overdue"), 0)
