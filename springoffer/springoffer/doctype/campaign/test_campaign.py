import frappe
from frappe.tests.utils import FrappeTestCase


class TestCampaign(FrappeTestCase):
	def test_shipped_campaign_matches_the_notice(self):
		doc = frappe.get_doc("Campaign", "2023年春季要约行动")
		self.assertEqual(str(doc.start_date), "2023-03-01")
		self.assertEqual(str(doc.end_date), "2023-06-30")
		self.assertEqual(str(doc.report_due_date), "2023-06-30")

	def test_end_before_start_refused(self):
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc(
				{
					"doctype": "Campaign",
					"campaign_name": "测试倒序活动",
					"year": 2030,
					"start_date": "2030-06-30",
					"end_date": "2030-03-01",
					"report_due_date": "2030-06-30",
				}
			).insert()

	def test_campaigns_live_side_by_side(self):
		frappe.get_doc(
			{
				"doctype": "Campaign",
				"campaign_name": "2031年春季要约行动",
				"year": 2031,
				"start_date": "2031-03-01",
				"end_date": "2031-06-30",
				"report_due_date": "2031-06-30",
			}
		).insert()
		self.assertTrue(frappe.db.exists("Campaign", "2023年春季要约行动"))
		self.assertTrue(frappe.db.exists("Campaign", "2031年春季要约行动"))
