import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.devtools.testing import delete_unit_reports, make_enterprise, make_user, offer_doc


def report_doc(unit="湘潭市", body=c.BODY_UNION, rows=None, refusals=None):
	doc = frappe.get_doc(
		{
			"doctype": "Unit Report",
			"campaign": "2023年春季要约行动",
			"reporting_unit": unit,
			"reporting_body": body,
			"as_of_date": "2023-06-30",
			"work_summary": "<p>本单位组织开展春季要约行动。</p>",
			"rows": rows or [],
		}
	)
	if refusals is not None:
		doc.set_refusal_sheet(refusals)
	return doc


class TestUnitReport(FrappeTestCase):
	def setUp(self):
		delete_unit_reports({"reporting_unit": ("in", ["湘潭市", "岳阳市"])})

	def test_four_rows_in_form_order_whatever_was_typed(self):
		doc = report_doc(rows=[{"report_category": c.OTHER, "offered_enterprises": 2, "offered_workers": 30}]).insert()
		self.assertEqual([row.report_category for row in doc.rows], list(c.REPORT_CATEGORIES))
		self.assertEqual(doc.rows[3].offered_workers, 30)

	def test_typed_figures_must_add_up(self):
		bad = [{"report_category": c.PRIVATE, "offered_enterprises": 2, "offered_workers": 30, "responded_enterprises": 3, "responded_workers": 40}]
		with self.assertRaises(frappe.ValidationError):
			report_doc(rows=bad).insert()
		unexplained = [{"report_category": c.PRIVATE, "offered_enterprises": 2, "offered_workers": 30, "refused_enterprises": 1}]
		with self.assertRaises(frappe.ValidationError):
			report_doc(rows=unexplained, refusals=[]).insert()
		explained = [{"enterprise_name": "某公司", "report_category": c.PRIVATE, "refusal_kind": c.REFUSED, "reason": "其他"}]
		doc = report_doc(rows=unexplained, refusals=explained).insert()
		self.assertEqual([r.enterprise_name for r in doc.refusal_rows()], ["某公司"])

	def test_a_typed_report_goes_to_review_only_with_every_refusal_on_its_sheet(self):
		from frappe.model.workflow import apply_workflow

		unexplained = [{"report_category": c.PRIVATE, "offered_enterprises": 2, "offered_workers": 30, "refused_enterprises": 1}]
		doc = report_doc(rows=unexplained).insert()  # figures first, then the sheet, record by record
		with self.assertRaises(frappe.ValidationError):
			apply_workflow(frappe.get_doc("Unit Report", doc.name), "提交")
		frappe.get_doc(
			{"doctype": "Unit Report Refusal", "unit_report": doc.name, "enterprise_name": "某公司", "report_category": c.PRIVATE,
			 "refusal_kind": c.REFUSED, "reason": "其他"}
		).insert()
		doc = apply_workflow(frappe.get_doc("Unit Report", doc.name), "提交")
		self.assertEqual(doc.workflow_state, c.REPORT_SUBMITTED)
		row = frappe.get_last_doc("Unit Report Refusal", filters={"unit_report": doc.name})
		self.assertEqual((row.reporting_unit, row.idx), ("湘潭市", 1))
		row.reason = "改一下"
		with self.assertRaises(frappe.PermissionError):  # a submitted report waits unchanged, its sheet too
			row.save()
		with self.assertRaises(frappe.PermissionError):
			row.delete()

	def test_one_report_per_campaign_unit_and_body(self):
		report_doc().insert()
		with self.assertRaises(frappe.DuplicateEntryError):
			report_doc().insert()
		report_doc(body=c.BODY_HRSS).insert()

	def test_a_body_files_only_its_own_report(self):
		union = make_user("unit.union@example.com", ["Trade Union Officer"], region="岳阳市")
		with self.set_user(union):
			with self.assertRaises(frappe.PermissionError):
				report_doc(unit="岳阳市", body=c.BODY_HRSS).insert()
			report_doc(unit="岳阳市", body=c.BODY_UNION).insert()
			with self.assertRaises(frappe.PermissionError):
				report_doc(unit="湘潭市", body=c.BODY_UNION).insert()

	def test_fill_from_records_counts_the_units_subtree(self):
		enterprise = make_enterprise(region="湘潭市", category=c.FOREIGN, employees=900)
		offer_doc([enterprise], 800, date_sent="2023-03-02", response=c.REFUSED, response_date="2023-03-10", refusal_reason="其他").insert()
		doc = report_doc().insert()
		doc.fill_from_records()
		row = next(r for r in doc.rows if r.report_category == c.FOREIGN)
		self.assertGreaterEqual(row.offered_enterprises, 1)
		self.assertGreaterEqual(row.refused_enterprises, 1)
		self.assertEqual(doc.source, "由台帐生成")
		sheet = frappe.get_doc("Unit Report", doc.name).refusal_rows()
		self.assertIn(enterprise.name, [r.credit_code for r in sheet])
		self.assertEqual(sum(r.refused_enterprises for r in doc.rows), len(sheet))

	def test_download_is_the_annex_workbook_with_the_reports_own_figures(self):
		from io import BytesIO

		from openpyxl import load_workbook

		from springoffer.springoffer.doctype.unit_report.unit_report import download

		rows = [{"report_category": c.PRIVATE, "offered_enterprises": 3, "offered_workers": 90, "refused_enterprises": 1}]
		refusals = [{"enterprise_name": "湘潭某公司", "report_category": c.PRIVATE, "refusal_kind": c.REFUSED, "reason": "其他"}]
		doc = report_doc(rows=rows, refusals=refusals).insert()
		download(doc.name)
		wb = load_workbook(BytesIO(frappe.response.filecontent))
		ws = wb["附件"]
		self.assertEqual(ws["A2"].value, "报送单位：湘潭市")
		self.assertEqual([ws.cell(6, col).value for col in range(2, 9)], [3, 90, 0, 0, 0, 0, 1])
		self.assertEqual([ws.cell(9, col).value for col in range(2, 9)], [3, 90, 0, 0, 0, 0, 1])
		self.assertEqual(wb["不予回应（拒绝协商）企业情况"]["B4"].value, "湘潭某公司")

	def refusal_rows(self, enterprises):
		return [
			{"enterprise": e.name, "enterprise_name": e.enterprise_name, "credit_code": e.name, "report_category": c.PRIVATE,
			 "refusal_kind": c.REFUSED, "reason": "其他"}
			for e in enterprises
		]

	def test_approving_leaves_the_refusal_sheet_as_it_was(self):
		from frappe.model.workflow import apply_workflow

		enterprises = [make_enterprise(region="湘潭市") for _n in range(30)]
		rows = [{"report_category": c.PRIVATE, "offered_enterprises": 30, "offered_workers": 900, "refused_enterprises": 30}]
		doc = report_doc(rows=rows, refusals=self.refusal_rows(enterprises)).insert()
		doc = apply_workflow(frappe.get_doc("Unit Report", doc.name), "提交")
		sheet = frappe.get_all("Unit Report Refusal", filters={"unit_report": doc.name}, fields=["name", "modified", "idx", "credit_code"], order_by="idx asc")
		self.assertEqual([r.credit_code for r in sheet], [e.name for e in enterprises])
		reviewer = make_user("unit.reviewer@example.com", ["Trade Union Reviewer"])
		with self.set_user(reviewer):
			doc = apply_workflow(frappe.get_doc("Unit Report", doc.name), "审核通过")
		self.assertEqual((doc.workflow_state, doc.docstatus), (c.REPORT_APPROVED, 1))
		self.assertFalse(hasattr(doc, "refusals"))  # not rows of the report: loading and approving it leaves them alone
		after = frappe.get_all("Unit Report Refusal", filters={"unit_report": doc.name}, fields=["name", "modified", "idx", "credit_code"], order_by="idx asc")
		self.assertEqual(after, sheet)

	def test_an_unknown_enterprise_on_the_refusal_sheet_is_refused_and_nothing_is_written(self):
		known = make_enterprise(region="湘潭市")
		refusals = self.refusal_rows([known]) + [dict(self.refusal_rows([known])[0], enterprise="91430300MA0000000X")]
		rows = [{"report_category": c.PRIVATE, "offered_enterprises": 2, "offered_workers": 60, "refused_enterprises": 2}]
		with self.assertRaises(frappe.LinkValidationError) as caught:
			report_doc(rows=rows, refusals=refusals).insert()
		self.assertIn("91430300MA0000000X", str(caught.exception))
		self.assertFalse(frappe.db.exists("Unit Report Refusal", {"credit_code": known.name}))

	def test_a_refusal_typed_by_hand_takes_the_enterprises_details(self):
		enterprise = make_enterprise(region="湘潭市", category=c.FOREIGN)
		doc = report_doc().insert()
		row = frappe.get_doc({"doctype": "Unit Report Refusal", "unit_report": doc.name, "enterprise": enterprise.name, "refusal_kind": c.OVERDUE}).insert()
		self.assertEqual(
			(row.enterprise_name, row.credit_code, row.report_category, row.region, row.reporting_unit, row.idx),
			(enterprise.enterprise_name, enterprise.name, c.FOREIGN, "湘潭市", "湘潭市", 1),
		)

	def test_deleting_a_draft_report_deletes_its_refusal_sheet(self):
		rows = [{"report_category": c.PRIVATE, "offered_enterprises": 1, "offered_workers": 30, "refused_enterprises": 1}]
		doc = report_doc(rows=rows, refusals=self.refusal_rows([make_enterprise(region="湘潭市")])).insert()
		self.assertEqual(doc.refusal_count(), 1)
		frappe.delete_doc("Unit Report", doc.name)
		self.assertEqual(frappe.db.count("Unit Report Refusal", {"unit_report": doc.name}), 0)
