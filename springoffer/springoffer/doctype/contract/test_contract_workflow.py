"""The contract review Workflow (集体合同审查备案), driven as the right and the wrong roles."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from springoffer.controllers import daily
from springoffer.core import categories as c
from springoffer.devtools.commits import no_commit
from springoffer.devtools.testing import contract_doc, make_enterprise, make_user

EMPLOYER = "wf.employer@example.com"
UNION = "wf.union@example.com"
HRSS = "wf.hrss@example.com"
OTHER_CITY = "wf.hrss.other@example.com"


class TestContractWorkflow(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(EMPLOYER, ["Enterprise Confederation Officer"], region="常德市")
		make_user(UNION, ["Trade Union Officer"], region="常德市")
		make_user(HRSS, ["HRSS Officer"], region="常德市")
		make_user(OTHER_CITY, ["HRSS Officer"], region="益阳市")
		cls.enterprise = make_enterprise(region="常德市", employees=200)

	def draft(self, **values):
		with self.set_user(EMPLOYER):
			return contract_doc([self.enterprise], 150, signing_date="2023-05-20", **values).insert()

	def act(self, user, doc, action):
		with self.set_user(user):
			return apply_workflow(frappe.get_doc("Contract", doc.name), action)

	def submitted(self, **values):
		"""A draft submitted to HRSS on time, 2023-05-25, five days after signing."""
		with self.freeze_time("2023-05-25 10:00"):
			return self.act(EMPLOYER, self.draft(**values), "报送")

	def test_full_review_path_records_the_clock(self):
		doc = self.draft()
		self.assertEqual(doc.workflow_state, c.CONTRACT_DRAFT)
		with self.freeze_time("2023-05-25 10:00"):
			doc = self.act(EMPLOYER, doc, "报送")
			self.assertEqual(doc.workflow_state, c.CONTRACT_SUBMITTED)
			self.assertEqual(getdate(doc.submitted_on), getdate("2023-05-25"))
			doc = self.act(HRSS, doc, "受理")
			self.assertEqual(getdate(doc.hrss_received_on), getdate("2023-05-25"))
			self.assertEqual(getdate(doc.review_window_end), getdate("2023-06-09"))
			doc = self.act(HRSS, doc, "开始审查")
			doc = self.act(HRSS, doc, "审查通过")
			doc = self.act(HRSS, doc, "确认生效")
		self.assertEqual(doc.workflow_state, c.CONTRACT_EFFECTIVE)
		self.assertEqual(getdate(doc.effective_date), getdate("2023-05-25"))

	def test_wrong_roles_are_refused(self):
		doc = self.draft()
		for user, action in ((HRSS, "报送"), (UNION, "报送")):
			with self.assertRaises(frappe.ValidationError):
				self.act(user, doc, action)
		doc = self.submitted()
		for user in (EMPLOYER, UNION):
			with self.assertRaises(frappe.ValidationError):
				self.act(user, doc, "受理")

	def test_hrss_of_another_city_is_refused(self):
		doc = self.submitted()
		with self.assertRaises(frappe.PermissionError):
			self.act(OTHER_CITY, doc, "受理")

	def test_state_cannot_be_forced_by_a_plain_save(self):
		doc = self.submitted()
		with self.set_user(EMPLOYER):
			doc = frappe.get_doc("Contract", doc.name)
			doc.workflow_state = c.CONTRACT_EFFECTIVE
			with self.assertRaises(frappe.ValidationError):
				doc.save()

	def test_late_submission_needs_a_reason(self):
		doc = self.draft()
		with self.freeze_time("2023-06-05 10:00"):  # 16 days after signing
			with self.assertRaises(frappe.ValidationError):
				self.act(EMPLOYER, doc, "报送")
			with self.set_user(EMPLOYER):
				doc = frappe.get_doc("Contract", doc.name)
				doc.late_submission_reason = "职代会决议材料整理延误"
				doc.save()
			doc = self.act(EMPLOYER, doc, "报送")
		self.assertEqual(doc.workflow_state, c.CONTRACT_SUBMITTED)

	def test_correction_and_objection_need_their_text(self):
		doc = self.submitted()
		with self.assertRaises(frappe.ValidationError):
			self.act(HRSS, doc, "要求补正")
		with self.set_user(HRSS):
			doc = frappe.get_doc("Contract", doc.name)
			doc.correction_note = "补充职代会表决记录"
			doc.save()
		with self.freeze_time("2023-05-28 09:00"):
			doc = self.act(HRSS, doc, "要求补正")
		self.assertEqual(getdate(doc.correction_due_date), getdate("2023-06-05"))  # 06-04 is a Sunday
		doc = self.act(EMPLOYER, doc, "补正后报送")
		doc = self.act(HRSS, doc, "受理")
		doc = self.act(HRSS, doc, "开始审查")
		with self.assertRaises(frappe.ValidationError):
			self.act(HRSS, doc, "提出异议")
		with self.set_user(HRSS):
			doc = frappe.get_doc("Contract", doc.name)
			doc.objection = "工资条款低于当地最低工资标准"
			doc.save()
		doc = self.act(HRSS, doc, "提出异议")
		self.assertEqual(doc.workflow_state, c.CONTRACT_OBJECTED)

	def test_cancelling_keeps_the_record_and_leaves_the_counts(self):
		doc = self.draft(cancellation_reason="双方协商一致解除")
		doc = self.act(UNION, doc, "撤销")
		self.assertEqual(doc.workflow_state, c.CONTRACT_CANCELLED)
		self.assertEqual(frappe.db.get_value("Contract", doc.name, "is_cancelled"), 1)
		with self.set_user(EMPLOYER):
			stored = frappe.get_doc("Contract", doc.name)
			stored.lowest_monthly_wage = 3000
			with self.assertRaises(frappe.PermissionError):
				stored.save()  # a cancelled contract is final

	def test_daily_job_makes_unobjected_contracts_effective_on_the_statutory_day(self):
		doc = self.submitted()
		with self.freeze_time("2023-05-26 09:00"):
			doc = self.act(HRSS, doc, "受理")
		objected = self.submitted()
		with self.freeze_time("2023-05-26 09:00"):
			objected = self.act(HRSS, objected, "受理")
			objected = self.act(HRSS, objected, "开始审查")
			with self.set_user(HRSS):
				o = frappe.get_doc("Contract", objected.name)
				o.objection = "条款不全"
				o.save()
			self.act(HRSS, objected, "提出异议")
		with self.freeze_time("2023-06-12 00:30"), no_commit():  # 06-10 is a Saturday: the window ends Monday 06-12 itself, not yet
			self.assertNotIn(doc.name, daily.contracts_take_effect())
		with self.freeze_time("2023-06-20 01:00"), no_commit():  # the job ran late: the effective date is still 06-13
			self.assertIn(doc.name, daily.contracts_take_effect())
		doc.reload()
		self.assertEqual(doc.workflow_state, c.CONTRACT_EFFECTIVE)
		self.assertEqual(getdate(doc.effective_date), getdate("2023-06-13"))
		self.assertEqual(frappe.db.get_value("Contract", objected.name, "workflow_state"), c.CONTRACT_OBJECTED)
