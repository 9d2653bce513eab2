"""The unit's report package (notice 三(四)): the Unit Report's 附件 plus its work summary,
demonstration sites and typical cases, collected from the records, checked, and exported as the
附件 .xlsx and the summary .docx in one .zip; and the campaign's 案例汇编.
"""

import frappe
from frappe import _
from frappe.utils import getdate, strip_html

from springoffer.core import categories, package
from springoffer.core.counting import Figures
from springoffer.core.regions import shipped_regions
from springoffer.security.regions import region_subtree

SITE_FIELDS = ["name", "site_name", "region", "campaign", "reporting_body"]
CASE_FIELDS = ["name", "case_title", "region", "campaign", "reporting_body", "workflow_state", "docstatus"]
READY_CASE_STATES = (categories.CASE_SUBMITTED, categories.CASE_APPROVED)


def collect(doc):
	"""Fill the package's sites and cases with those the unit's subtree recorded for the campaign
	and the body (cases returned or still drafts included, so the unit sees what is left to do)."""
	filters = {
		"campaign": doc.campaign,
		"reporting_body": doc.reporting_body,
		"region": ("in", region_subtree(doc.reporting_unit)),
	}
	doc.demonstration_sites = []
	for name in frappe.get_all("Demonstration Site", filters=filters, order_by="region asc, name asc", pluck="name"):
		doc.append("demonstration_sites", {"demonstration_site": name})
	doc.typical_cases = []
	found = frappe.get_all("Typical Case", filters={**filters, "docstatus": ("<", 2)}, fields=["name", "topic"], order_by="name asc")
	for case in sorted(found, key=lambda case: _topic_order(case.topic)):  # the notice's order of topics
		doc.append("typical_cases", {"typical_case": case.name})


def _topic_order(topic):
	return categories.CASE_TOPICS.index(topic) if topic in categories.CASE_TOPICS else len(categories.CASE_TOPICS)


def check(doc, submitting):
	"""Every site and case belongs to the package's campaign, body and region, once each; a package
	goes to review only with its summary and with its cases submitted."""
	inside = set(region_subtree(doc.reporting_unit))
	for table, doctype, link, fields in (
		("demonstration_sites", "Demonstration Site", "demonstration_site", SITE_FIELDS),
		("typical_cases", "Typical Case", "typical_case", CASE_FIELDS),
	):
		names = [row.get(link) for row in doc.get(table) or []]
		duplicates = sorted({n for n in names if names.count(n) > 1})
		if duplicates:
			frappe.throw(_("{0} is listed twice in the package; keep one row").format("、".join(duplicates)))
		found = {r.name: r for r in frappe.get_all(doctype, filters={"name": ("in", names)}, fields=fields)} if names else {}
		for name in names:
			record = found.get(name)
			if not record:
				frappe.throw(_("{0} {1} does not exist").format(_(doctype), name), frappe.DoesNotExistError)
			if record.campaign != doc.campaign or record.reporting_body != doc.reporting_body or record.region not in inside:
				frappe.throw(
					_("{0} {1} belongs to {2}, {3}, {4}; a package lists only its own campaign's, body's and region's").format(
						_(doctype), name, record.campaign, record.reporting_body, record.region
					)
				)
			if submitting and doctype == "Typical Case" and record.workflow_state not in READY_CASE_STATES:
				frappe.throw(
					_("Typical case {0} is {1}: submit it (or remove it from the package) before submitting the package").format(
						name, record.workflow_state or categories.CASE_DRAFT
					)
				)
	if submitting and not strip_html(doc.work_summary or "").strip():
		frappe.throw(_("Write the work summary before submitting: the notice asks each unit to report how its work went"))


def approve_cases(doc):
	"""The reviewer who approves a package approves the submitted cases it carries with it."""
	from frappe.model.workflow import apply_workflow

	for row in doc.typical_cases or []:
		case = frappe.get_doc("Typical Case", row.typical_case)
		if case.workflow_state == categories.CASE_SUBMITTED:
			case = apply_workflow(case, "审核通过")
			row.db_set("case_state", case.workflow_state)  # the row's copy of the state, fetched at saving


def _enterprise_names(doctype, parents):
	names = {}
	for parent, enterprise_name in frappe.get_all(
		"Related Enterprise",
		filters={"parent": ("in", parents or [""]), "parenttype": doctype},
		fields=["parent", "enterprise_name"],
		order_by="parent asc, idx asc",
		as_list=True,
	):
		names.setdefault(parent, []).append(enterprise_name)
	return names


def sites(names):
	"""core DemonstrationSites for Demonstration Site names, in the given order (three queries)."""
	if not names:
		return []
	records = {r.name: r for r in frappe.get_all("Demonstration Site", filters={"name": ("in", names)}, fields=["name", "site_name", "region", "site_kind", "covers", "reason"])}
	enterprises = _enterprise_names("Demonstration Site", names)
	activities = {}
	for row in frappe.get_all(
		"Demonstration Site Activity",
		filters={"parent": ("in", names), "parenttype": "Demonstration Site"},
		fields=["parent", "activity_kind", "held_on", "attendance", "note"],
		order_by="parent asc, held_on asc, idx asc",
	):
		activities.setdefault(row.parent, []).append(package.SiteActivity(row.activity_kind, row.held_on, row.attendance or 0, row.note or ""))
	return [
		package.DemonstrationSite(
			name=records[n].site_name,
			region=records[n].region,
			site_kind=records[n].site_kind,
			covers=records[n].covers,
			reason_html=records[n].reason or "",
			enterprises=enterprises.get(n, []),
			activities=activities.get(n, []),
		)
		for n in names
		if n in records
	]


def cases(names):
	"""core TypicalCases for Typical Case names, in the given order (two queries)."""
	if not names:
		return []
	records = {
		r.name: r
		for r in frappe.get_all(
			"Typical Case", filters={"name": ("in", names)}, fields=["name", "case_title", "region", "topic", "reporting_body", "story", "result"]
		)
	}
	enterprises = _enterprise_names("Typical Case", names)
	return [
		package.TypicalCase(
			title=records[n].case_title,
			region=records[n].region,
			topic=records[n].topic,
			reporting_body=records[n].reporting_body,
			enterprises=enterprises.get(n, []),
			story_html=records[n].story or "",
			result_html=records[n].result or "",
		)
		for n in names
		if n in records
	]


def build(doc):
	"""The core ReportPackage of a Unit Report: its own figures, summary, sites and cases."""
	from springoffer.annex.campaigns import campaign_due_date

	total = Figures()
	for figures in doc.figures().values():
		total.add(figures)
	return package.ReportPackage(
		campaign=doc.campaign,
		unit=doc.reporting_unit,
		body=doc.reporting_body,
		as_of=getdate(doc.as_of_date),
		due_date=campaign_due_date(doc.campaign),
		summary_html=doc.work_summary or "",
		total=total,
		sites=sites([row.demonstration_site for row in doc.demonstration_sites or []]),
		cases=cases([row.typical_case for row in doc.typical_cases or []]),
	)


def package_files(doc):
	"""[(file name, bytes)]: the 附件 workbook and the summary document, named as a unit files them."""
	from springoffer.core.documents.report import write_report_package_docx

	stem = f"{doc.campaign}-{doc.reporting_unit}-{doc.reporting_body}"
	return [
		(f"附件-{stem}.xlsx", doc.annex_workbook()),
		(f"工作总结-{stem}.docx", write_report_package_docx(build(doc))),
	]


def package_zip(doc):
	from springoffer.core.documents import package_zip as zip_files

	return zip_files(package_files(doc))


def package_filename(doc):
	"""ASCII, as browsers mangle other names: report-2023-430100-union.zip."""
	year = frappe.db.get_value("Campaign", doc.campaign, "year") or ""
	code = frappe.db.get_value("Region", doc.reporting_unit, "region_code") or frappe.scrub(doc.reporting_unit)
	body = ("hrss", "union", "confederation", "commerce")[categories.REPORTING_BODIES.index(doc.reporting_body)]
	return f"report-{year}-{code}-{body}.zip"


def region_order():
	return [row["name"] for row in shipped_regions()]


def compile_cases(campaign, group_by=package.GROUP_BY_TOPIC, reporting_body=None):
	"""The 案例汇编 of a campaign: its approved cases (of one body, or all), as a .docx."""
	from springoffer.core.documents.compilation import write_case_compilation_docx

	if group_by not in (package.GROUP_BY_TOPIC, package.GROUP_BY_REGION):
		frappe.throw(_("Group the cases by topic or by region"))
	filters = {"campaign": campaign, "workflow_state": categories.CASE_APPROVED, "docstatus": 1}
	if reporting_body:
		filters["reporting_body"] = reporting_body
	names = frappe.get_all("Typical Case", filters=filters, order_by="region asc, name asc", pluck="name")
	compilation = package.CaseCompilation(
		campaign=campaign,
		compiled_by=categories.PROVINCE_BODIES.get(reporting_body, categories.PROVINCE_TRIPARTITE),
		compiled_on=getdate(),
		cases=cases(names),
		group_by=group_by,
	)
	order = categories.CASE_TOPICS if group_by == package.GROUP_BY_TOPIC else region_order()
	return write_case_compilation_docx(compilation, order), len(names)
