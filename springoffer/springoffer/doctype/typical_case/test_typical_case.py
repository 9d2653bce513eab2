"""Typical cases: filed by a body's officer for their region, reviewed by the same body's province
reviewer (典型案例审核), never by whoever submitted them."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.devtools.testing import make_case, make_enterprise, make_user, offer_doc

OFFICER = "tc.city.union@example.com"
OTHER_CITY = "tc.other.union@example.com"
REVIEWER = "tc.union.reviewer@example.com"
HRSS_REVIEWER = "tc.hrss.reviewer@example.com"


class TestTypicalCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICER, ["Trade Union Officer"], region="益阳市")
		make_user(OTHER_CITY, ["Trade Union Officer"], region="常德市")
		make_user(REVIEWER, ["Trade Union Reviewer"])
		make_user(HRSS_REVIEWER, ["HRSS Reviewer"])
		cls.enterprise = make_enterprise(region="益阳市")
		cls.elsewhere = make_enterprise(region="常德市")

	def act(self, user, name, action):
		with self.set_user(user):
			return apply_workflow(frappe.get_doc("Typical Case", name), action)

	def test_submit_then_the_same_bodys_reviewer_approves(self):
		with self.set_user(OFFICER):
			case = make_case([self.enterprise], "益阳市")
		self.assertEqual(case.workflow_state, c.CASE_DRAFT)
		case = self.act(OFFICER, case.name, "提交")
		self.assertEqual(case.submitted_by, OFFICER)
		with self.assertRaises(frappe.ValidationError):
			self.act(HRSS_REVIEWER, case.name, "审核通过")
		with self.assertRaises(frappe.ValidationError):
			self.act(OFFICER, case.name, "审核通过")
		case = self.act(REVIEWER, case.name, "审核通过")
		self.assertEqual((case.workflow_state, case.docstatus, case.reviewed_by), (c.CASE_APPROVED, 1, REVIEWER))

	def test_return_needs_a_reason(self):
		with self.set_user(OFFICER):
			case = make_case([self.enterprise], "益阳市")
		case = self.act(OFFICER, case.name, "提交")
		with self.assertRaises(frappe.ValidationError):
			self.act(REVIEWER, case.name, "退回")
		with self.set_user(REVIEWER):
			doc = frappe.get_doc("Typical Case", case.name)
			doc.return_reason = "请补充协商成效的数据"
			doc.save()  # the reviewer writes the reason, then returns the case
			doc = apply_workflow(doc, "退回")
		self.assertEqual(doc.workflow_state, c.CASE_RETURNED)

	def test_a_city_officer_files_only_in_their_region_and_body(self):
		before = frappe.db.count("Typical Case")
		with self.set_user(OTHER_CITY):
			with self.assertRaises(frappe.PermissionError):
				make_case([self.enterprise], "益阳市")
		with self.set_user(OFFICER):
			with self.assertRaises(frappe.PermissionError):
				make_case([self.elsewhere], "益阳市")
			with self.assertRaises(frappe.PermissionError):
				make_case([self.enterprise], "益阳市", body=c.BODY_HRSS)
		self.assertEqual(frappe.db.count("Typical Case"), before)

	def test_the_region_must_include_its_enterprises_and_offers_cover_them(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			make_case([self.elsewhere], "益阳市")
		self.assertIn(self.elsewhere.name, str(caught.exception))
		offer = offer_doc(make_enterprise(region="益阳市")).insert()
		with self.assertRaises(frappe.ValidationError) as caught:
			frappe.get_doc(
				{
					"doctype": "Typical Case",
					"case_title": "要约不覆盖的企业",
					"campaign": "2023年春季要约行动",
					"reporting_body": c.BODY_UNION,
					"region": "益阳市",
					"topic": c.CASE_TOPICS[0],
					"enterprises": [{"enterprise": self.enterprise.name, "offer": offer.name}],
					"story": "<p>x</p>",
					"result": "<p>y</p>",
				}
			).insert()
		self.assertIn(offer.name, str(caught.exception))

	def test_a_new_record_starts_with_the_users_campaign_region_and_body(self):
		from springoffer.api import new_record_defaults

		with self.set_user(OFFICER):
			defaults = new_record_defaults()
		self.assertEqual((defaults["region"], defaults["reporting_body"]), ("益阳市", c.BODY_UNION))
		self.assertLessEqual(str(frappe.db.get_value("Campaign", defaults["campaign"], "start_date")), frappe.utils.today())
		with self.set_user(REVIEWER):
			self.assertEqual(new_record_defaults()["checking_body"], c.BODY_UNION)
