import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate

from springoffer.annex import package as report_package
from springoffer.annex.figures import ROW_FIELDS
from springoffer.controllers.checks import check_body_role, check_review, check_workflow_rules, unit_officers
from springoffer.core import categories
from springoffer.core.counting import Figures, check_invariants
from springoffer.security import regions


class UnitReport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from springoffer.springoffer.doctype.unit_report_case.unit_report_case import UnitReportCase
		from springoffer.springoffer.doctype.unit_report_row.unit_report_row import UnitReportRow
		from springoffer.springoffer.doctype.unit_report_site.unit_report_site import UnitReportSite

		amended_from: DF.Link | None
		as_of_date: DF.Date
		campaign: DF.Link
		demonstration_sites: DF.Table[UnitReportSite]
		remarks: DF.SmallText | None
		report_due_date: DF.Date | None
		reporting_body: DF.Literal["\u4eba\u529b\u8d44\u6e90\u548c\u793e\u4f1a\u4fdd\u969c\u90e8\u95e8", "\u603b\u5de5\u4f1a", "\u4f01\u4e1a\u548c\u5de5\u4e1a\u7ecf\u6d4e\u8054\u5408\u4f1a", "\u5de5\u5546\u4e1a\u8054\u5408\u4f1a"]
		reporting_unit: DF.Link
		return_reason: DF.SmallText | None
		reviewed_by: DF.Data | None
		rollup_status: DF.SmallText | None
		rows: DF.Table[UnitReportRow]
		source: DF.Literal["\u7531\u53f0\u5e10\u751f\u6210", "\u624b\u5de5\u586b\u62a5", "\u5e02\u5dde\u6c47\u603b"]
		submitted_by: DF.Data | None
		typical_cases: DF.Table[UnitReportCase]
		unit_officers: DF.SmallText | None
		work_summary: DF.TextEditor | None
		workflow_state: DF.Link | None
	# end: auto-generated types
	def validate(self):
		check_body_role(self.reporting_body)
		check_workflow_rules(self)
		check_review(self)
		self.ensure_category_rows()
		self.check_figures()
		report_package.check(self, submitting=self.is_entering(categories.REPORT_SUBMITTED))
		officer_role = categories.BODY_ROLES[self.reporting_body][0]
		self.unit_officers = ",".join(unit_officers(self.reporting_unit, officer_role))

	def is_entering(self, state):
		before = self.get_doc_before_save()
		return self.workflow_state == state and (not before or before.workflow_state != state)

	def on_update(self):
		if self.flags.refusal_sheet is not None:  # filled from the records or rolled up
			replace_refusal_sheet(self.name, self.flags.refusal_sheet)
			self.flags.refusal_sheet = None

	def on_submit(self):
		report_package.approve_cases(self)

	def on_trash(self):
		frappe.db.delete("Unit Report Refusal", {"unit_report": self.name})

	def set_refusal_sheet(self, rows):
		"""The refusal sheet to write with this save (dicts of REFUSAL_FIELDS, in order), checked with the figures."""
		self.flags.refusal_sheet = list(rows)

	def refusal_rows(self):
		"""The refusal sheet's rows in their order (about to be written, when filled in this save)."""
		if self.flags.refusal_sheet is not None:
			return [frappe._dict(row) for row in self.flags.refusal_sheet]
		if self.is_new():
			return []
		return frappe.get_all(
			"Unit Report Refusal", filters={"unit_report": self.name}, fields=REFUSAL_FIELDS, order_by="idx asc", limit=0
		)

	def refusal_count(self):
		if self.flags.refusal_sheet is not None:
			return len(self.flags.refusal_sheet)
		return 0 if self.is_new() else frappe.db.count("Unit Report Refusal", {"unit_report": self.name})

	@frappe.whitelist()
	def collect_package(self):
		"""Fill the package with the demonstration sites and typical cases the unit's region recorded."""
		self.check_permission("write")
		report_package.collect(self)
		self.save()
		return self

	def annex_workbook(self):
		"""The Unit Report's own figures as the 附件 workbook (the same writer as the desk report)."""
		from springoffer.annex.campaigns import campaign_due_date
		from springoffer.core import xlsx
		from springoffer.core.counting import Refusal

		figures = self.figures()
		rows = [(row.report_category, figures[row.report_category].as_tuple(), row.reasons or "") for row in self.rows]
		total = Figures()
		for f in figures.values():
			total.add(f)
		rows.append((categories.TOTAL_LABEL, total.as_tuple(), self.remarks or ""))
		refusals = [
			Refusal(r.enterprise_name, r.credit_code or "", r.report_category, r.region or "", r.covered_workers or 0, r.refusal_kind, r.reason or "", r.hrss_handling or "")
			for r in self.refusal_rows()
		]
		return xlsx.write_workbook(self.reporting_unit, campaign_due_date(self.campaign), rows, refusals)

	def ensure_category_rows(self):
		"""Exactly the four rows of the form, in its order, whatever was typed or imported."""
		by_category = {}
		for row in self.rows or []:
			if row.report_category in by_category:
				frappe.throw(_("Report category {0} appears twice in the statistics; keep one row").format(row.report_category))
			by_category[row.report_category] = row
		self.rows = []
		for category in categories.REPORT_CATEGORIES:
			row = by_category.get(category)
			values = {field: (row.get(field) or 0) if row else 0 for field in ROW_FIELDS.values()}
			self.append("rows", {"report_category": category, "reasons": row.reasons if row else "", **values})

	def figures(self):
		return {row.report_category: Figures(*(row.get(field) for field in ROW_FIELDS.values())) for row in self.rows}

	def check_figures(self):
		"""The figures add up; and every enterprise counted as refusing is on the refusal sheet, checked
		when the sheet is written with the figures and when the report goes to review (a sheet typed by
		hand is entered after its figures)."""
		sheet_due = self.flags.refusal_sheet is not None or self.is_entering(categories.REPORT_SUBMITTED)
		breaches = check_invariants(self.figures(), refusal_count=self.refusal_count() if sheet_due else None)
		if breaches:
			frappe.throw(
				"<br>".join(_(b.message).format(*b.args) for b in breaches),
				frappe.ValidationError,
				title=_("The figures do not add up"),
			)

	@frappe.whitelist()
	def roll_up_cities(self):
		"""A province report: the sum of the same body's approved city reports, and which cities
		are missing or not yet approved."""
		from springoffer.core.regions import PROVINCE
		from springoffer.core.rollup import roll_up

		self.check_permission("write")
		if frappe.db.get_value("Region", self.reporting_unit, "parent_region"):
			frappe.throw(_("Only the province's report rolls up its cities' reports"))
		cities = frappe.get_all("Region", filters={"parent_region": PROVINCE}, order_by="lft asc", pluck="name")
		reports = frappe.get_all(
			"Unit Report",
			filters={"campaign": self.campaign, "reporting_body": self.reporting_body, "reporting_unit": ("in", cities)},
			fields=["name", "reporting_unit", "workflow_state"],
		)
		figures = city_figures([r.name for r in reports])
		result = roll_up(cities, {r.reporting_unit: (r.workflow_state, figures.get(r.name, {})) for r in reports})
		self.rows = []
		for category, f in result.rows.items():
			self.append("rows", {"report_category": category, **{ROW_FIELDS[k]: v for k, v in zip(Figures.FIELDS, f.as_tuple())}})
		approved = [r.name for r in reports if r.reporting_unit in result.approved]
		self.set_refusal_sheet(frappe.get_all(
			"Unit Report Refusal",
			filters={"unit_report": ("in", approved or [""])},
			fields=REFUSAL_FIELDS,
			order_by="unit_report asc, idx asc",
			limit=0,
		))
		self.source = "市州汇总"
		self.rollup_status = result.status_text()
		self.save()
		return self

	@frappe.whitelist()
	def fill_from_records(self):
		"""Replace the figures and the refusal sheet with those counted from the unit's records."""
		from springoffer.annex import figures as annex_db

		self.check_permission("write")
		regions.check_unit_permission(self.reporting_unit)
		annex = annex_db.count(self.campaign, self.reporting_unit, getdate(self.as_of_date))
		self.rows = []
		for category, figures in annex.rows.items():
			self.append(
				"rows",
				{
					"report_category": category,
					"reasons": annex.reasons(category),
					**{ROW_FIELDS[f]: v for f, v in zip(Figures.FIELDS, figures.as_tuple())},
				},
			)
		self.set_refusal_sheet(
			{
				"enterprise": r.credit_code,
				"enterprise_name": r.enterprise,
				"credit_code": r.credit_code,
				"report_category": r.category,
				"region": r.region,
				"covered_workers": r.workers,
				"refusal_kind": r.kind,
				"reason": r.reason,
				"hrss_handling": r.hrss_handling,
			}
			for r in annex.refusals
		)
		self.source = "由台帐生成"
		self.save()
		return self


REFUSAL_FIELDS = ["enterprise", "enterprise_name", "credit_code", "report_category", "region", "covered_workers", "refusal_kind", "reason", "hrss_handling"]


def replace_refusal_sheet(report, rows):
	"""The report's refusal sheet replaced by `rows`, in one statement per thousand rows: a province's
	seventeen thousand as documents would take minutes. The enterprises named are checked in one query."""
	named = {row.get("enterprise") for row in rows if row.get("enterprise")}
	known = set(frappe.get_all("Enterprise", filters={"name": ("in", list(named))}, pluck="name")) if named else set()
	missing = sorted(named - known)
	if missing:
		frappe.throw(_("The refusal sheet names enterprises that do not exist: {0}").format("、".join(missing[:10])), frappe.LinkValidationError)
	frappe.db.delete("Unit Report Refusal", {"unit_report": report})
	unit = frappe.db.get_value("Unit Report", report, "reporting_unit")
	now, user = frappe.utils.now(), frappe.session.user
	columns = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "unit_report", "reporting_unit", *REFUSAL_FIELDS]
	values = [
		(frappe.generate_hash(length=10), now, now, user, user, 0, idx, report, unit,
		 *(cint(row.get(f)) if f == "covered_workers" else row.get(f) for f in REFUSAL_FIELDS))
		for idx, row in enumerate(rows, start=1)
	]
	frappe.db.bulk_insert("Unit Report Refusal", columns, values, chunk_size=1000)


def city_figures(names):
	"""Unit Report name → {category: Figures}, for many reports in one query."""
	found = {}
	for row in frappe.get_all(
		"Unit Report Row",
		filters={"parent": ("in", names or [""]), "parenttype": "Unit Report"},
		fields=["parent", "report_category", *ROW_FIELDS.values()],
	):
		found.setdefault(row.parent, {})[row.report_category] = Figures(*(row[f] or 0 for f in ROW_FIELDS.values()))
	return found


@frappe.whitelist()
@frappe.read_only()
def download(name: str):
	"""The Unit Report as the 附件 workbook: the same writer as the report, its own figures."""
	from springoffer.annex.files import send_workbook
	from springoffer.security.audit import record_export

	doc = frappe.get_doc("Unit Report", name)
	doc.check_permission("read")
	filename = f"unit-report-{frappe.scrub(doc.name)}.xlsx"
	send_workbook(doc.annex_workbook(), filename)
	record_export(
		"报送单位统计表 Excel", unit=doc.reporting_unit, campaign=doc.campaign, body=doc.reporting_body,
		as_of=doc.as_of_date, reference=("Unit Report", doc.name), file_name=filename,
	)


@frappe.whitelist()
@frappe.read_only()
def download_package(name: str):
	"""The report package: the 附件 .xlsx and the work summary .docx in one .zip."""
	from springoffer.annex.files import send_workbook
	from springoffer.security.audit import record_export

	doc = frappe.get_doc("Unit Report", name)
	doc.check_permission("read")
	send_workbook(report_package.package_zip(doc), report_package.package_filename(doc))
	record_export(
		"报送包", unit=doc.reporting_unit, campaign=doc.campaign, body=doc.reporting_body, as_of=doc.as_of_date,
		reference=("Unit Report", doc.name), file_name=report_package.package_filename(doc),
	)
