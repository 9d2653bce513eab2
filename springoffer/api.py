"""Whitelisted methods: the 附件 as JSON or .xlsx for the desk button and for scripts with an API key.

Every method checks the Region permission itself (User Permissions do not reach whitelisted
methods or report SQL): another region is refused with 403, never answered with an empty table.
"""

import frappe
from frappe import _

from springoffer import annex as annex_db
from springoffer.core import categories, xlsx
from springoffer.core.counting import Figures


def resolve_annex_request(campaign=None, unit=None, as_of=None):
	"""Defaults filled, existence and the caller's Region permission checked."""
	frappe.has_permission("Offer", "read", throw=True)
	campaign = campaign or annex_db.latest_campaign()
	if not campaign or not frappe.db.exists("Campaign", campaign):
		frappe.throw(_("Campaign {0} does not exist").format(campaign or ""), frappe.DoesNotExistError)
	unit = unit or annex_db.default_unit()
	if not frappe.db.exists("Region", unit):
		frappe.throw(_("Region {0} does not exist").format(unit), frappe.DoesNotExistError)
	annex_db.check_unit_permission(unit)
	try:
		as_of = frappe.utils.getdate(as_of) if as_of else annex_db.default_as_of(campaign)
	except Exception:
		frappe.throw(_("As-of date {0} is not a date; write it as YYYY-MM-DD").format(as_of))
	return campaign, unit, as_of


@frappe.whitelist()
def annex_defaults() -> dict:
	campaign = annex_db.latest_campaign()
	return {
		"campaign": campaign,
		"unit": annex_db.default_unit(),
		"as_of": annex_db.default_as_of(campaign) if campaign else frappe.utils.today(),
	}


def user_body(user=None):
	"""The body whose officer or reviewer role the user holds, when there is exactly one."""
	roles = set(frappe.get_roles(user))
	bodies = [body for body, pair in categories.BODY_ROLES.items() if roles & set(pair)]
	return bodies[0] if len(bodies) == 1 else None


@frappe.whitelist()
def new_record_defaults() -> dict:
	"""What a new site, case, instructor or check starts with: the running campaign, the user's own
	region and the user's own body (under each field name the forms use)."""
	body = user_body()
	return {
		"campaign": annex_db.latest_campaign(),
		"region": annex_db.default_unit(),
		"reporting_body": body,
		"checker_body": body,
		"checking_body": body,
	}


@frappe.whitelist()
@frappe.read_only()  # a site with a MariaDB replica answers from it
def annex_figures(campaign: str | None = None, unit: str | None = None, as_of: str | None = None) -> dict:
	"""The seven figures of each row, 合计, and the refusal detail, as JSON."""
	from springoffer.audit import record_export

	campaign, unit, as_of = resolve_annex_request(campaign, unit, as_of)
	annex = annex_db.count(campaign, unit, as_of)
	record_export("附件数据", unit=unit, campaign=campaign, as_of=as_of)
	rows = [
		{"category": category, **dict(zip(Figures.FIELDS, annex.rows[category].as_tuple())), "reasons": annex.reasons(category)}
		for category in annex.rows
	]
	return {
		"campaign": campaign,
		"unit": unit,
		"as_of": str(as_of),
		"rows": rows,
		"total": dict(zip(Figures.FIELDS, annex.total.as_tuple())),
		"refusals": [r.__dict__ for r in annex.refusals],
	}


def annex_workbook(campaign, unit, as_of):
	annex = annex_db.count(campaign, unit, as_of)
	return xlsx.write_annex(annex, unit, annex_db.campaign_due_date(campaign))


def export_annex_file(campaign, unit, as_of, output):
	"""What `bench … springoffer export-annex` does: count, write the .xlsx, return (path, annex)."""
	import os

	from springoffer.audit import record_export

	campaign, unit, as_of = resolve_annex_request(campaign, unit, as_of)
	annex = annex_db.count(campaign, unit, as_of)
	path = os.path.abspath(output)
	content = xlsx.write_annex(annex, unit, annex_db.campaign_due_date(campaign))
	try:
		with open(path, "wb") as f:
			f.write(content)
	except OSError as error:
		frappe.throw(
			_("Cannot write {0}: {1}. Check that the folder exists and the file is not open in Excel").format(
				path, error.strerror or error
			)
		)
	record_export("附件 Excel", unit=unit, campaign=campaign, as_of=as_of, file_name=path)
	return path, annex


def annex_filename(campaign, unit, as_of):
	"""ASCII file name (non-ASCII names reach browsers mangled): annex-2023-430100-20230630.xlsx."""
	year = frappe.db.get_value("Campaign", campaign, "year") or ""
	code = frappe.db.get_value("Region", unit, "region_code") or frappe.scrub(unit)
	return f"annex-{year}-{code}-{as_of.strftime('%Y%m%d')}.xlsx"


@frappe.whitelist()
@frappe.read_only()  # a site with a MariaDB replica answers from it
def download_annex(campaign: str | None = None, unit: str | None = None, as_of: str | None = None) -> None:
	"""The 附件 as .xlsx, printed like the paper form, with the refusal sheet."""
	from springoffer.audit import record_export

	campaign, unit, as_of = resolve_annex_request(campaign, unit, as_of)
	filename = annex_filename(campaign, unit, as_of)
	send_workbook(annex_workbook(campaign, unit, as_of), filename)
	record_export("附件 Excel", unit=unit, campaign=campaign, as_of=as_of, file_name=filename)


def send_workbook(data, filename):
	frappe.response.filename = filename
	frappe.response.filecontent = data
	frappe.response.type = "binary"


@frappe.whitelist()
@frappe.read_only()  # a site with a MariaDB replica answers from it
def download_case_compilation(campaign: str | None = None, group_by: str = "topic", reporting_body: str | None = None):
	"""The 案例汇编: the campaign's approved typical cases as one .docx, grouped by topic or region."""
	from springoffer import report_package

	frappe.has_permission("Typical Case", "read", throw=True)
	campaign = campaign or annex_db.latest_campaign()
	if not campaign or not frappe.db.exists("Campaign", campaign):
		frappe.throw(_("Campaign {0} does not exist").format(campaign or ""), frappe.DoesNotExistError)
	annex_db.check_unit_permission(annex_db.province())
	data, _count = report_package.compile_cases(campaign, group_by, reporting_body or None)
	year = frappe.db.get_value("Campaign", campaign, "year") or ""
	send_workbook(data, f"cases-{year}-{group_by}.docx")
