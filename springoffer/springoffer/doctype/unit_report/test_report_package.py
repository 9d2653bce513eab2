"""The unit's report package: summary, demonstration sites and typical cases collected from the
records, submitted and approved as one with the 附件, exported as .xlsx + .docx, and the 案例汇编."""

import io
import zipfile

import frappe
from docx import Document as WordDocument
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from springoffer.annex import package as report_package
from springoffer.core import categories as c
from springoffer.devtools.testing import (
	delete_unit_reports,
	make_case,
	make_enterprise,
	make_site,
	make_user,
	offer_doc,
)

CAMPAIGN = "2023年春季要约行动"
OFFICER = "pkg.city.union@example.com"
OTHER_OFFICER = "pkg.other.union@example.com"
REVIEWER = "pkg.union.reviewer@example.com"


def text_of(docx_bytes):
	document = WordDocument(io.BytesIO(docx_bytes))
	cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
	return "\n".join([p.text for p in document.paragraphs] + cells)


class TestReportPackage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICER, ["Trade Union Officer"], region="张家界市")
		make_user(OTHER_OFFICER, ["Trade Union Officer"], region="怀化市")
		make_user(REVIEWER, ["Trade Union Reviewer"])

	def setUp(self):
		delete_unit_reports({"reporting_unit": "张家界市", "campaign": CAMPAIGN})
		for doctype in ("Typical Case", "Demonstration Site"):
			for name in frappe.get_all(doctype, filters={"region": ("in", ["张家界市", "怀化市"])}, pluck="name"):
				frappe.db.delete("Related Enterprise", {"parent": name})
				frappe.db.delete(doctype, name)
		self.enterprise = make_enterprise(region="张家界市")
		offer = offer_doc(self.enterprise, response=c.AGREED, response_date="2023-03-20").insert()
		with self.set_user(OFFICER):
			self.site = make_site([(self.enterprise, offer.name, None)], "张家界市", site_name="张家界市旅游业行业性工资集体协商示范点")
			self.case = make_case([self.enterprise], "张家界市", case_title="景区企业工资专项协商案例")
			self.draft_case = make_case([self.enterprise], "张家界市", case_title="尚未提交的案例", topic=c.CASE_TOPICS[1])
		# what must not be collected: another body's site, another city's case
		make_site([make_enterprise(region="张家界市")], "张家界市", body=c.BODY_HRSS)
		make_case([make_enterprise(region="怀化市")], "怀化市")

	def new_report(self):
		with self.set_user(OFFICER):
			return frappe.get_doc(
				{
					"doctype": "Unit Report",
					"campaign": CAMPAIGN,
					"reporting_unit": "张家界市",
					"reporting_body": c.BODY_UNION,
					"as_of_date": "2023-06-30",
				}
			).insert()

	def act(self, user, doctype, name, action):
		with self.set_user(user):
			return apply_workflow(frappe.get_doc(doctype, name), action)

	def test_collect_takes_the_units_own_sites_and_cases(self):
		report = self.new_report()
		with self.set_user(OFFICER):
			report.collect_package()
		self.assertEqual([r.demonstration_site for r in report.demonstration_sites], [self.site.name])
		self.assertEqual(sorted(r.typical_case for r in report.typical_cases), sorted([self.case.name, self.draft_case.name]))
		self.assertEqual(report.demonstration_sites[0].site_name, self.site.site_name)

	def test_a_package_lists_nothing_of_another_city_or_body(self):
		report = self.new_report()
		other = frappe.get_all("Typical Case", filters={"region": "怀化市"}, pluck="name")[0]
		report.append("typical_cases", {"typical_case": other})
		with self.set_user(OFFICER), self.assertRaises(frappe.ValidationError) as caught:
			report.save()
		self.assertIn("怀化市", str(caught.exception))
		report.reload()
		report.append("demonstration_sites", {"demonstration_site": self.site.name})
		report.append("demonstration_sites", {"demonstration_site": self.site.name})
		with self.set_user(OFFICER), self.assertRaises(frappe.ValidationError):
			report.save()
		self.assertEqual(frappe.db.count("Unit Report Site", {"parent": report.name}), 0)

	def test_submission_needs_the_summary_and_submitted_cases(self):
		report = self.new_report()
		with self.set_user(OFFICER):
			report.collect_package()
		with self.assertRaises(frappe.ValidationError) as caught:
			self.act(OFFICER, "Unit Report", report.name, "提交")
		self.assertIn(self.case.name, str(caught.exception))  # the first case still a draft
		for case in (self.case, self.draft_case):
			self.act(OFFICER, "Typical Case", case.name, "提交")
		frappe.local.lang = "zh"  # the officer's language: the message names what to write
		try:
			with self.assertRaises(frappe.ValidationError) as caught:
				self.act(OFFICER, "Unit Report", report.name, "提交")
		finally:
			frappe.local.lang = "en"
		self.assertIn("提交前请填写工作总结", str(caught.exception))
		self.assertEqual(frappe.db.get_value("Unit Report", report.name, "workflow_state"), c.REPORT_DRAFT)

	def test_approving_the_package_approves_its_cases(self):
		report = self.new_report()
		with self.set_user(OFFICER):
			report.collect_package()
			report.work_summary = "<p>全市组织<strong>要约行动</strong>。</p>"
			report.save()
		for case in (self.case, self.draft_case):
			self.act(OFFICER, "Typical Case", case.name, "提交")
		self.act(OFFICER, "Unit Report", report.name, "提交")
		with self.assertRaises(frappe.ValidationError):
			self.act(OFFICER, "Unit Report", report.name, "审核通过")
		report = self.act(REVIEWER, "Unit Report", report.name, "审核通过")
		self.assertEqual(report.workflow_state, c.REPORT_APPROVED)
		for case in (self.case, self.draft_case):
			self.assertEqual(
				frappe.db.get_value("Typical Case", case.name, ["workflow_state", "reviewed_by"]), (c.CASE_APPROVED, REVIEWER)
			)
		self.assertEqual({row.case_state for row in frappe.get_doc("Unit Report", report.name).typical_cases}, {c.CASE_APPROVED})

	def test_the_package_downloads_as_the_annex_and_the_summary(self):
		report = self.new_report()
		with self.set_user(OFFICER):
			report.collect_package()
			report.work_summary = "<p>本市发出要约<em>覆盖全部规模以上企业</em>。</p>"
			report.save()
		with self.set_user(OFFICER):
			frappe.local.response = frappe._dict()
			from springoffer.springoffer.doctype.unit_report.unit_report import download_package

			download_package(report.name)
			content, filename = frappe.local.response.filecontent, frappe.local.response.filename
		self.assertTrue(filename.endswith(".zip") and filename.isascii(), filename)
		with zipfile.ZipFile(io.BytesIO(content)) as archive:
			names = archive.namelist()
			self.assertEqual(len(names), 2)
			xlsx = next(n for n in names if n.endswith(".xlsx"))
			docx = next(n for n in names if n.endswith(".docx"))
			self.assertIn("张家界市", xlsx)
			sheet = load_workbook(io.BytesIO(archive.read(xlsx))).worksheets[0]
			self.assertEqual(sheet["A1"].value, c.ANNEX_TITLE)
			text = text_of(archive.read(docx))
		for expected in ("工作总结", "覆盖全部规模以上企业", self.site.site_name, self.case.case_title, "经验交流会"):
			self.assertIn(expected, text)
		# another city's officer cannot download it
		with self.set_user(OTHER_OFFICER), self.assertRaises(frappe.PermissionError):
			download_package(report.name)

	def test_case_compilation_has_only_approved_cases(self):
		self.act(OFFICER, "Typical Case", self.case.name, "提交")
		self.act(REVIEWER, "Typical Case", self.case.name, "审核通过")
		content, count = report_package.compile_cases(CAMPAIGN, "topic", c.BODY_UNION)
		text = text_of(content)
		self.assertIn(self.case.case_title, text)
		self.assertNotIn(self.draft_case.case_title, text)
		approved = frappe.db.count("Typical Case", {"campaign": CAMPAIGN, "reporting_body": c.BODY_UNION, "workflow_state": c.CASE_APPROVED})
		self.assertEqual(count, approved)
		by_region, _n = report_package.compile_cases(CAMPAIGN, "region", c.BODY_UNION)
		self.assertIn("张家界市", text_of(by_region))
		with self.assertRaises(frappe.ValidationError):
			report_package.compile_cases(CAMPAIGN, "colour")
