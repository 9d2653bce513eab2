"""Frappe's own exports (Menu → Export in list and report views, a query report's Export) of our
DocTypes and reports: text a user typed that starts with =, +, - or @ must stay text.

Frappe's make_xlsx appends strings to a write-only sheet, where openpyxl turns "=…" into a formula,
and its CSV writer leaves "=…", "+…", "-…" and "@…" for Excel to evaluate (FRAPPE-NOTES §4). The
overrides below run Frappe's export unchanged with those two writers swapped for escaping ones, for
our DocTypes and reports only; every other export is Frappe's own. Each of ours is logged
(springoffer.security.audit).
"""

from contextlib import contextmanager
from io import BytesIO
from unittest.mock import patch

import frappe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_make_xlsx(data, sheet_name, wb=None, column_widths=None):
	"""frappe.utils.xlsxutils.make_xlsx, with every string written as a string cell."""
	import openpyxl
	from frappe.utils.xlsxutils import ILLEGAL_CHARACTERS_RE, handle_html
	from openpyxl.cell import WriteOnlyCell
	from openpyxl.styles import Font
	from openpyxl.utils import get_column_letter
	from openpyxl.workbook.child import INVALID_TITLE_REGEX

	if wb is None:
		wb = openpyxl.Workbook(write_only=True)
	ws = wb.create_sheet(INVALID_TITLE_REGEX.sub(" ", sheet_name), 0)
	for i, width in enumerate(column_widths or []):
		if width:
			ws.column_dimensions[get_column_letter(i + 1)].width = width
	ws.row_dimensions[1].font = Font(name="Calibri", bold=True)
	for row in data:
		cells = []
		for item in row:
			value = item
			if isinstance(item, str):
				if sheet_name not in ("Data Import Template", "Data Export"):
					value = handle_html(item)
				value = ILLEGAL_CHARACTERS_RE.sub("", value)
				cell = WriteOnlyCell(ws, value=value)
				cell.data_type = "s"  # never a formula
				cells.append(cell)
			else:
				cells.append(value)
		ws.append(cells)
	out = BytesIO()
	wb.save(out)
	return out


def escape_csv_value(value):
	"""A leading ' keeps spreadsheet programs from evaluating a CSV cell (OWASP's advice)."""
	if isinstance(value, str) and value.startswith(FORMULA_STARTS):
		return "'" + value
	return value


@contextmanager
def escaped_writers():
	from frappe.desk import utils as desk_utils
	from frappe.utils import xlsxutils

	original_csv = desk_utils.get_csv_bytes

	def csv_bytes(data, csv_params):
		return original_csv([[escape_csv_value(value) for value in row] for row in data], csv_params)

	with patch.object(xlsxutils, "make_xlsx", safe_make_xlsx), patch.object(desk_utils, "get_csv_bytes", csv_bytes):
		yield


def _report_is_ours(report_name):
	return frappe.db.get_value("Report", report_name, "module") == "Springoffer"


@frappe.whitelist()
def export_query():
	"""frappe.desk.reportview.export_query (list and report view), escaped for our DocTypes."""
	from frappe.desk import reportview

	from springoffer.security.permissions import is_ours

	doctype = frappe.form_dict.get("doctype")
	if not is_ours(doctype):
		return reportview.export_query()
	details = _details("file_format_type", "filters", "fields", "selected_items")
	with escaped_writers():
		result = reportview.export_query()
	_log("台帐导出", reference=(doctype, None), file_name=frappe.response.get("filename"), details=details)
	return result


@frappe.whitelist()
def export_report():
	"""frappe.desk.query_report.export_query, escaped for our reports."""
	from frappe.desk import query_report

	report_name = frappe.form_dict.get("report_name")
	if not _report_is_ours(report_name):
		return query_report.export_query()
	filters = frappe._dict(frappe.parse_json(frappe.form_dict.get("filters") or "{}") or {})
	details = _details("report_name", "file_format_type", "filters")
	with escaped_writers():
		result = query_report.export_query()
	_log(
		"附件 Excel" if report_name == "Spring Offer Annex" else "报表导出",
		unit=filters.get("reporting_unit"), campaign=filters.get("campaign"), as_of=filters.get("as_of_date"),
		reference=("Report", report_name), file_name=frappe.response.get("filename"), details=details,
	)
	return result


def _details(*keys):
	return "\n".join(f"{key}: {frappe.form_dict.get(key)}" for key in keys if frappe.form_dict.get(key))[:2000]


def _log(kind, **values):
	from springoffer.security.audit import record_export

	record_export(kind, **values)
