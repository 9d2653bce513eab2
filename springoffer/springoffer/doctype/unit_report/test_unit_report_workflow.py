"""The Unit Report Workflow (报送单位统计表审核): submitted by the unit, approved by the same body's
province reviewer, never by whoever submitted it."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from springoffer.controllers import daily
from springoffer.core import categories as c
from springoffer.devtools.commits import no_commit
from springoffer.devtools.testing import delete_unit_reports, make_user

CITY_UNION = "ur.city.union@example.com"
CITY_HRSS = "ur.city.hrss@example.com"
OTHER_UNION = "ur.other.union@example.com"
UNION_REVIEWER = "ur.union.reviewer@example.com"
HRSS_REVIEWER = "ur.hrss.reviewer@example.com"
BOTH = "ur.both@example.com"  # a province officer who is also a reviewer of the same body


class TestUnitReportWorkflow(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(CITY_UNION, ["Trade Union Officer"], region="郴州市")
		make_user(CITY_HRSS, ["HRSS Officer"], region="郴州市")
		make_user(OTHER_UNION, ["Trade Union Officer"], region="永州市")
		make_user(UNION_REVIEWER, ["Trade Union Reviewer"])
		make_user(HRSS_REVIEWER, ["HRSS Reviewer"])
		make_user(BOTH, ["Trade Union Officer", "Trade Union Reviewer"])

	def setUp(self):
		delete_unit_reports({"reporting_unit": ("in", ["郴州市", "湖南省"]), "campaign": "2023年春季要约行动"})

	def new_report(self, user=CITY_UNION, unit="郴州市", body=c.BODY_UNION):
		with self.set_user(user):
			return frappe.get_doc(
				{
					"doctype": "Unit Report",
					"campaign": "2023年春季要约行动",
					"reporting_unit": unit,
					"reporting_body": body,
					"as_of_date": "2023-06-30",
					"work_summary": "<p>本单位组织开展春季要约行动。</p>",
				}
			).insert()

	def act(self, user, name, action):
		with self.set_user(user):
			return apply_workflow(frappe.get_doc("Unit Report", name), action)

	def test_submit_and_approve_makes_it_read_only(self):
		doc = self.new_report()
		self.assertEqual(doc.workflow_state, c.REPORT_DRAFT)
		doc = self.act(CITY_UNION, doc.name, "提交")
		self.assertEqual(doc.submitted_by, CITY_UNION)
		doc = self.act(UNION_REVIEWER, doc.name, "审核通过")
		self.assertEqual((doc.workflow_state, doc.docstatus, doc.reviewed_by), (c.REPORT_APPROVED, 1, UNION_REVIEWER))
		with self.set_user(CITY_UNION):
			doc = frappe.get_doc("Unit Report", doc.name)
			doc.remarks = "改一下"
			with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
				doc.save()

	def test_another_bodys_reviewer_cannot_approve(self):
		doc = self.act(CITY_UNION, self.new_report().name, "提交")
		with self.assertRaises(frappe.ValidationError):
			self.act(HRSS_REVIEWER, doc.name, "审核通过")

	def test_officer_cannot_approve_own_submission(self):
		doc = self.act(CITY_UNION, self.new_report().name, "提交")
		with self.assertRaises(frappe.ValidationError):
			self.act(CITY_UNION, doc.name, "审核通过")

	def test_self_approval_refused_even_for_a_reviewer(self):
		doc = self.new_report(user=BOTH, unit="湖南省")
		doc = self.act(BOTH, doc.name, "提交")
		with self.assertRaises(frappe.ValidationError) as caught:
			self.act(BOTH, doc.name, "审核通过")
		self.assertIn("Self approval", str(caught.exception))
		# and through a plain save of the state as well
		with self.set_user(BOTH):
			stored = frappe.get_doc("Unit Report", doc.name)
			stored.workflow_state = c.REPORT_APPROVED
			with self.assertRaises(frappe.PermissionError):
				stored.save()
		self.act(UNION_REVIEWER, doc.name, "审核通过")

	def test_return_needs_a_reason_and_goes_back_to_the_unit(self):
		doc = self.act(CITY_UNION, self.new_report().name, "提交")
		with self.assertRaises(frappe.ValidationError):
			self.act(UNION_REVIEWER, doc.name, "退回")
		with self.set_user(UNION_REVIEWER):
			stored = frappe.get_doc("Unit Report", doc.name)
			stored.return_reason = "覆盖职工数与台帐不符"
			stored.save()
			stored.rows[0].offered_enterprises = 5
			with self.assertRaises(frappe.PermissionError):
				stored.save()  # a reviewer writes the reason, not the figures
		doc = self.act(UNION_REVIEWER, doc.name, "退回")
		self.assertEqual(doc.workflow_state, c.REPORT_RETURNED)
		doc = self.act(CITY_UNION, doc.name, "重新提交")
		self.assertEqual(doc.workflow_state, c.REPORT_SUBMITTED)

	def test_a_city_officer_cannot_act_on_another_citys_report(self):
		doc = self.new_report()
		with self.assertRaises(frappe.PermissionError):
			self.act(OTHER_UNION, doc.name, "提交")
		with self.set_user(OTHER_UNION):
			self.assertNotIn(doc.name, frappe.get_list("Unit Report", pluck="name", limit=0))

	def test_unit_officers_are_the_notifications_recipients(self):
		doc = self.new_report()
		self.assertEqual(doc.unit_officers, CITY_UNION)
		hrss = self.new_report(user="Administrator", body=c.BODY_HRSS)
		self.assertEqual(hrss.unit_officers, CITY_HRSS)
		self.assertEqual(str(doc.report_due_date), "2023-06-30")

	def test_daily_job_creates_a_draft_for_every_city_and_body_once(self):
		name = "2035年春季要约行动"
		if not frappe.db.exists("Campaign", name):
			frappe.get_doc(
				{"doctype": "Campaign", "campaign_name": name, "year": 2035, "start_date": "2035-03-01", "end_date": "2035-06-30", "report_due_date": "2035-06-30"}
			).insert()
		delete_unit_reports({"campaign": name})  # from runs before the job's commits were kept inside the test
		with self.freeze_time("2035-03-02 08:00"), no_commit():
			created = daily.create_unit_reports()
			self.assertEqual(daily.create_unit_reports(), 0)
		self.assertEqual(created, 15 * 4)
		self.assertEqual(frappe.db.count("Unit Report", {"campaign": name, "workflow_state": c.REPORT_DRAFT}), 60)

	def test_due_date_reminder_and_return_notice_reach_the_unit(self):
		from frappe.email.doctype.notification.notification import trigger_daily_alerts

		frappe.db.delete("Notification Log", {"for_user": CITY_UNION})
		doc = self.new_report()
		with self.freeze_time("2023-06-25 08:00"), no_commit():  # five days before the 30 June due date
			trigger_daily_alerts()
		reminders = frappe.get_all("Notification Log", filters={"for_user": CITY_UNION, "document_name": doc.name}, pluck="subject")
		self.assertTrue(any("前上报" in s for s in reminders), reminders)
		self.act(CITY_UNION, doc.name, "提交")
		with self.set_user(UNION_REVIEWER):
			stored = frappe.get_doc("Unit Report", doc.name)
			stored.return_reason = "请补充拒绝协商企业说明"
			stored.save()
		self.act(UNION_REVIEWER, doc.name, "退回")
		notices = frappe.get_all("Notification Log", filters={"for_user": CITY_UNION, "document_name": doc.name}, pluck="subject")
		self.assertTrue(any("被退回" in s for s in notices), notices)
