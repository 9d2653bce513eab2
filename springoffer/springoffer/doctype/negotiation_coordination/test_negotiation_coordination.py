"""A dispute coordinated by HRSS (集体合同规定 Arts. 49–55): applied for, accepted (the 30 days start,
ending on a working day), extended once by at most 15 days, closed in time with the coordinators and
the result on record; the negotiation shows 争议协调 while it is open. Bad input names its article and
changes nothing."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.devtools.testing import (
	make_campaign,
	make_enterprise,
	make_region,
	make_user,
	offer_doc,
	stamps_as_stored,
)

CAMPAIGN = "2026年协调处理测试活动"
COUNTY = "协调测试县"
HRSS = "coordination.hrss@example.com"
UNION = "coordination.union@example.com"


class TestNegotiationCoordination(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, "常德市")
		make_campaign(CAMPAIGN, "2026-03-01", "2026-06-30", "2026-06-30")
		make_user(HRSS, ["HRSS Officer"], region="常德市")
		make_user(UNION, ["Trade Union Officer"], region="常德市")

	def setUp(self):
		frappe.set_user("Administrator")

	def negotiation(self):
		with self.set_user(UNION), self.freeze_time("2026-03-21"):
			offer = offer_doc(
				make_enterprise(region=COUNTY), date_sent="2026-03-05", campaign=CAMPAIGN,
				response=c.AGREED, response_date="2026-03-20", worker_chief_representative="刘工会", employer_chief_representative="陈总",
			).insert()
		return frappe.db.get_value("Negotiation", {"offer": offer.name}, "name")

	def save(self, doc, user=HRSS, day="2026-09-01"):
		stamps_as_stored(doc)
		with self.set_user(user), self.freeze_time(day):
			return doc.save()

	def refused(self, doc, words, day="2026-09-01"):
		before = frappe.db.get_value(doc.doctype, doc.name, ["status", "due_date", "closed_on", "modified"])
		with self.assertRaises(frappe.ValidationError) as caught:
			self.save(doc, day=day)
		self.assertIn(words, str(caught.exception))
		self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, ["status", "due_date", "closed_on", "modified"]), before)
		doc.reload()

	def applied(self, negotiation, on="2026-08-28"):
		doc = frappe.get_doc(
			{"doctype": "Negotiation Coordination", "negotiation": negotiation, "applicant": "职工方", "applied_on": on, "dispute_facts": "双方对工资增长幅度分歧较大，经三次协商未能达成一致。"}
		)
		return self.save(doc, UNION, "2026-08-31")

	def test_the_thirty_days_end_on_a_working_day_and_one_extension_of_at_most_fifteen(self):
		negotiation = self.negotiation()
		doc = self.applied(negotiation)
		self.assertEqual((doc.status, doc.region, frappe.db.get_value("Negotiation", negotiation, ["state", "open_coordination"])),
			("待受理", COUNTY, ("争议协调", doc.name)))
		doc.accepted_on = "2026-09-01"
		self.save(doc)
		self.assertEqual((doc.status, str(doc.due_date)), ("协调中", "2026-10-08"))  # day 30 is 1 October: after the National Day holiday
		doc.append("extensions", {"extended_on": "2026-09-30", "days": 16, "reason": "需进一步调查"})
		self.refused(doc, "Art. 52")  # more than 15 days
		doc.append("extensions", {"extended_on": "2026-09-30", "days": 15, "reason": "需进一步调查"})
		self.save(doc, day="2026-09-30")
		self.assertEqual(str(doc.due_date), "2026-10-16")
		doc.append("extensions", {"extended_on": "2026-10-10", "days": 5, "reason": "再延"})
		self.refused(doc, "Art. 52", day="2026-10-10")  # extended twice
		doc.update({"closed_on": "2026-10-19", "result": "达成一致", "hrss_coordinator": "人社局 周科长",
			"union_coordinator": "总工会 吴部长", "enterprise_coordinator": "企联 郑秘书长"})
		self.refused(doc, "45", day="2026-10-19")  # after the 45 days with the extension
		doc.update({"closed_on": "2026-10-16", "result": "达成一致", "hrss_coordinator": "人社局 周科长",
			"union_coordinator": "总工会 吴部长", "enterprise_coordinator": "企联 郑秘书长"})
		self.save(doc, day="2026-10-19")
		self.assertEqual(doc.status, "已结案")

	def test_closing_after_the_last_day_or_without_the_coordinators_is_refused(self):
		negotiation = self.negotiation()
		doc = self.applied(negotiation)
		doc.accepted_on = "2026-09-01"
		self.save(doc)
		doc.update({"closed_on": "2026-10-09", "result": "双方同意按6%调整工资。"})
		self.refused(doc, "Arts. 50, 54", day="2026-10-09")  # the coordinators are not named
		doc.update({"closed_on": "2026-10-09", "result": "双方同意按6%调整工资。", "hrss_coordinator": "人社局 周科长",
			"union_coordinator": "总工会 吴部长", "enterprise_coordinator": "企联 郑秘书长"})
		self.refused(doc, "Art. 52", day="2026-10-09")  # after 2026-10-08 without an extension
		doc.update({"closed_on": "2026-10-08", "result": "双方同意按6%调整工资。", "hrss_coordinator": "人社局 周科长",
			"union_coordinator": "总工会 吴部长", "enterprise_coordinator": "企联 郑秘书长", "remaining_issues": "技术工人津贴另行协商"})
		self.save(doc, day="2026-10-08")
		self.assertEqual(doc.status, "已结案")
		self.assertEqual(frappe.db.get_value("Negotiation", negotiation, ["state", "open_coordination"]), ("准备", None))

	def test_dates_out_of_order_and_a_second_open_coordination_are_refused(self):
		negotiation = self.negotiation()
		doc = self.applied(negotiation)
		doc.accepted_on = "2026-08-27"  # before the application
		self.refused(doc, "2026-08-28")
		doc.closed_on = "2026-09-10"  # closed without having been accepted
		self.refused(doc, "Art. 52")
		second = frappe.get_doc(
			{"doctype": "Negotiation Coordination", "negotiation": negotiation, "applicant": "企业方", "applied_on": "2026-08-30", "dispute_facts": "同一争议"}
		)
		with self.assertRaises(frappe.ValidationError):
			self.save(second, UNION, "2026-08-31")
		self.assertEqual(frappe.db.count("Negotiation Coordination", {"negotiation": negotiation}), 1)

	def test_only_hrss_accepts_and_closes(self):
		negotiation = self.negotiation()
		doc = self.applied(negotiation)
		doc.accepted_on = "2026-09-01"
		self.save(doc, UNION)  # a union officer's write of an HRSS field is dropped by Frappe's permlevel
		self.assertIsNone(frappe.db.get_value("Negotiation Coordination", doc.name, "accepted_on"))
