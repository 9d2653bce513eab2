"""Whitelisted methods: the 附件 as JSON or .xlsx for the desk button and for scripts with an API key.

Every method checks the Region permission itself (User Permissions do not reach whitelisted
methods or report SQL): another region is refused with 403, never answered with an empty table.
"""

import functools
import gzip
import json

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from springoffer.annex import campaigns
from springoffer.annex.files import (
	annex_filename,
	annex_json,
	annex_workbook,
	json_response,
	resolve_annex_request,
	send_workbook,
)
from springoffer.core import categories, guest_input
from springoffer.portal.answers import checked_input, in_chinese
from springoffer.security import faults, regions
from springoffer.security.arguments import checked_arguments
from springoffer.security.regions import user_body

# What each officer's argument is called on the desk (its Chinese name in a refusal).
ANNEX_ARGUMENTS = {"campaign": "Campaign", "unit": "Reporting Unit", "as_of": "As-of Date"}


@frappe.whitelist()
def annex_defaults() -> dict:
	campaign = campaigns.latest_campaign()
	return {
		"campaign": campaign,
		"unit": regions.default_unit(),
		"as_of": campaigns.default_as_of(campaign) if campaign else frappe.utils.today(),
	}


@frappe.whitelist()
def new_record_defaults() -> dict:
	"""What a new site, case, instructor or check starts with: the running campaign, the user's own
	region and the user's own body (under each field name the forms use)."""
	body = user_body()
	return {
		"campaign": campaigns.latest_campaign(),
		"region": regions.default_unit(),
		"reporting_body": body,
		"checker_body": body,
		"checking_body": body,
	}


@frappe.whitelist()
@checked_arguments(ANNEX_ARGUMENTS, dates=("as_of",))
@frappe.read_only()  # a site with a MariaDB replica answers from it
def annex_figures(campaign: str | None = None, unit: str | None = None, as_of: str | None = None):
	"""The seven figures of each row, 合计, and the refusal detail, as JSON ({"message": …}, as every
	method answers; serialised once per version of the figures, gzip when the client accepts it).
	Called from Python outside a request (`bench --site S execute springoffer.api.annex_figures
	--kwargs "{'unit': '长沙市'}"`, a script, a job) it returns the same figures as a dict."""
	from springoffer.security.audit import record_export

	campaign, unit, as_of = resolve_annex_request(campaign, unit, as_of)
	body = annex_json(campaign, unit, as_of)
	record_export("附件数据", unit=unit, campaign=campaign, as_of=as_of)
	if getattr(frappe.local, "request", None) is None:
		return json.loads(gzip.decompress(body))["message"]
	return json_response(body)


@frappe.whitelist()
@checked_arguments(ANNEX_ARGUMENTS, dates=("as_of",))
@frappe.read_only()  # a site with a MariaDB replica answers from it
def download_annex(campaign: str | None = None, unit: str | None = None, as_of: str | None = None) -> None:
	"""The 附件 as .xlsx, printed like the paper form, with the refusal sheet."""
	from springoffer.security.audit import record_export

	campaign, unit, as_of = resolve_annex_request(campaign, unit, as_of)
	filename = annex_filename(campaign, unit, as_of)
	send_workbook(annex_workbook(campaign, unit, as_of), filename)
	record_export("附件 Excel", unit=unit, campaign=campaign, as_of=as_of, file_name=filename)


@frappe.whitelist()
@checked_arguments({"campaign": "Campaign", "group_by": "Group By", "reporting_body": "Reporting Body"})
@frappe.read_only()  # a site with a MariaDB replica answers from it
def download_case_compilation(campaign: str | None = None, group_by: str = "topic", reporting_body: str | None = None):
	"""The 案例汇编: the campaign's approved typical cases as one .docx, grouped by topic or region."""
	from springoffer.annex import package as report_package

	frappe.has_permission("Typical Case", "read", throw=True)
	campaign = campaign or campaigns.latest_campaign()
	if not campaign or not frappe.db.exists("Campaign", campaign):
		frappe.throw(_("Campaign {0} does not exist").format(campaign or ""), frappe.DoesNotExistError)
	regions.check_unit_permission(regions.province())
	data, _count = report_package.compile_cases(campaign, group_by, reporting_body or None)
	year = frappe.db.get_value("Campaign", campaign, "year") or ""
	send_workbook(data, f"cases-{year}-{group_by}.docx")


# ---- the employer's answer link (springoffer/portal) -----------------------------------------------
# 20 tries a minute from one address, and 20 a minute on one link from anywhere.
GUEST_TRIES, GUEST_WINDOW = 20, 60


def employer_door(methods, fields=guest_input.KEYS):
	"""A guest method of the answer link: open to Guest, in Chinese, its tries limited per address
	first, then its arguments checked (springoffer.core.guest_input), then its tries per link."""

	def decorate(method):
		door = tries_limited(key="token", limit=GUEST_TRIES, seconds=GUEST_WINDOW, ip_based=False)(method)
		door = checked_input(fields)(door)
		door = tries_limited(limit=GUEST_TRIES, seconds=GUEST_WINDOW)(door)
		return frappe.whitelist(allow_guest=True, methods=methods)(in_chinese(door))

	return decorate


def tries_limited(**limit):
	"""frappe.rate_limiter.rate_limit, which counts tries in the cache Redis. While that Redis is down
	the tries go uncounted rather than every employer being turned away (issue 29): the link's secret
	(128 random bits) with the credit code is what opens an offer, the count is a second line."""
	count = rate_limit(**limit)(lambda: None)

	def decorate(method):
		@functools.wraps(method)
		def wrapper(*args, **kwargs):
			try:
				count()  # raises RateLimitExceededError (429) past the limit
			except faults.REDIS_DOWN:
				pass
			return method(*args, **kwargs)

		return wrapper

	return decorate


@frappe.whitelist(methods=["POST"])
@checked_arguments({"offer": "Offer"})
def answer_link(offer: str) -> dict:
	"""The employer's answer link of an offer the caller may read (made on first use)."""
	from springoffer.portal import links

	doc = frappe.get_doc("Offer", offer)
	doc.check_permission("read")
	url = links.ensure(doc)
	return {"url": url, "qr": links.qr_data_uri(url)}


@frappe.whitelist(methods=["POST"])
@checked_arguments({"offer": "Offer"})
def withdraw_answer_link(offer: str) -> dict:
	"""Withdraw the offer's answer link and issue a new one; the old link stops working at once."""
	from springoffer.portal import links

	doc = frappe.get_doc("Offer", offer)
	doc.check_permission("write")
	links.withdraw(doc)
	url = links.ensure(doc)
	return {"url": url, "qr": links.qr_data_uri(url)}


@employer_door(methods=["POST"])
def answer_view(token: str, credit_code: str) -> dict:
	"""What the offer letter states and the answer recorded, for the link's addressee only."""
	from springoffer.portal import answers

	offer = answers.open_offer(token, credit_code)
	answers.log(answers.OPENED, offer.name)
	return answers.view(offer)


@employer_door(methods=["POST"], fields=guest_input.ANSWER)
def answer_offer(
	token: str,
	credit_code: str,
	response: str,
	meeting_time: str | None = None,
	meeting_place: str | None = None,
	contact_name: str | None = None,
	contact_phone: str | None = None,
	chief_representative: str | None = None,
	refusal_reason: str | None = None,
	refusal_detail: str | None = None,
) -> dict:
	"""The employer's answer: 同意协商 (first meeting's time and place, contact, chief representative)
	or 拒绝协商 (a reason from the form's list and free text)."""
	from springoffer.portal import answers

	offer = answers.open_offer(token, credit_code)
	return answers.answer(
		offer,
		response,
		{
			"meeting_time": meeting_time,
			"meeting_place": meeting_place,
			"employer_contact_name": contact_name,
			"employer_contact_phone": contact_phone,
			"employer_chief_representative": chief_representative,
			"refusal_reason": refusal_reason,
			"refusal_detail": refusal_detail,
		},
	)


@employer_door(methods=["GET", "POST"])
def answer_letter(token: str, credit_code: str) -> None:
	"""The 回复函 as PDF, printed like the officers' print format, once the offer is answered."""
	from springoffer.portal import answers

	offer = answers.open_offer(token, credit_code)
	if offer.response == categories.PENDING:
		frappe.throw(_("Answer the offer first; the reply letter is made from your answer"))
	_send_print(offer, "回复函", f"reply-{offer.name}.pdf")


def _send_print(doc, print_format, filename):
	"""A print format as PDF for the link's holder: the link and the credit code stand for the print permission."""
	frappe.flags.ignore_print_permissions = True
	try:
		frappe.local.response.filecontent = frappe.get_print(doc.doctype, doc.name, print_format, doc=doc, as_pdf=True)
	finally:
		frappe.flags.ignore_print_permissions = False
	frappe.local.response.filename = filename
	frappe.local.response.type = "pdf"


@employer_door(methods=["POST"], fields=guest_input.CONTRACT)
def file_contract(token: str, credit_code: str, **values) -> dict:
	"""The signed collective contract for 审查备案, after 同意协商: its terms and congress vote as form
	fields, the signed text and the congress resolution as the uploads `contract_text` and
	`congress_minutes` (PDF, JPEG or PNG, 10 MB each). A correction HRSS asked for goes the same way."""
	from springoffer.portal import answers, contracts

	offer = answers.open_offer(token, credit_code)
	files = getattr(frappe.request, "files", None) or {}
	uploads = {field: files[field].read(contracts.MAX_BYTES + 1) for field in contracts.FILES if field in files}
	result = contracts.file(offer, values, uploads)
	if not offer.flags.repeated_filing:  # the same filing sent again is answered, not logged twice
		answers.log(answers.FILED, offer.name, f"{result['contract']}：{result['state']}")
	return result


@employer_door(methods=["GET", "POST"])
def contract_notice(token: str, credit_code: str) -> None:
	"""The 集体合同受理通知 as PDF, once HRSS has received the contract filed through the link."""
	from springoffer.portal import answers, contracts

	offer = answers.open_offer(token, credit_code)
	contract = contracts.contract_of(offer)
	if not contract or contract.workflow_state not in contracts.NOTICE_STATES:
		frappe.throw(_("The acceptance notice is issued once HRSS has received the contract"))
	_send_print(contract, "集体合同受理通知", f"notice-{contract.name}.pdf")


@frappe.whitelist(methods=["POST"])
@checked_arguments(
	{
		"source": "Previous Campaign",
		"name": "Campaign Name",
		"start_date": "Start Date",
		"end_date": "End Date",
		"report_due_date": "Report Due Date",
		"notice_reference": "Notice Reference",
	},
	dates=("start_date", "end_date", "report_due_date"),
)
def open_next_campaign(
	source: str, name: str, start_date: str, end_date: str, report_due_date: str, notice_reference: str | None = None
) -> dict:
	"""The desk action on Campaign: the next campaign, its carried-over items and each union unit's
	worklist of draft offers (springoffer.planning.opening). Province users only."""
	from springoffer.planning import opening

	opening.check_may_open()
	done = opening.open_next(source, name, start_date, end_date, report_due_date, notice_reference)
	return {"campaign": done.campaign, "sites": done.sites, "counts": {reason: list(pair) for reason, pair in done.counts.items()}}


@frappe.whitelist(methods=["POST"])
@checked_arguments({"names": "Offer Draft", "date_sent": "Date Sent", "channels": "Delivery Method"}, dates=("date_sent",))
def send_offer_drafts(names: str | list, date_sent: str, channels: str | list | None = None) -> dict:
	"""The worklist's bulk action: each selected draft sent as an Offer dated `date_sent`, its letter
	also by e-mail and/or SMS when `channels` names them (the result's "letters")."""
	from springoffer.planning import sending
	from springoffer.portal import letters

	names, channels = _name_list(names), _name_list(channels or [])
	if names is None:
		frappe.throw(_("Select the drafts to send"))
	if channels is None or not set(channels) <= set(letters.CHANNELS):
		frappe.throw(_("Choose e-mail, SMS or both"))
	frappe.has_permission("Offer", "create", throw=True)
	result = sending.send(names, date_sent)
	if channels and result["sent"]:
		result["letters"] = letters.send_many([offer for _draft, offer in result["sent"]], channels)
	return result


@frappe.whitelist(methods=["POST"])
@checked_arguments({"names": "Offer", "channels": "Delivery Method"})
def send_offer_letters(names: str | list, channels: str | list) -> dict:
	"""发送要约书 by e-mail and/or SMS for the offers `names` (one from its form, many from the list):
	{"sent": [offer…], "failed": [[offer, why]…]} (springoffer.portal.letters)."""
	from springoffer.portal import letters

	names, channels = _name_list(names), _name_list(channels)
	if names is None:
		frappe.throw(_("Select the offers whose letters to send"))
	if channels is None or not set(channels) <= set(letters.CHANNELS):
		frappe.throw(_("Choose e-mail, SMS or both"))
	frappe.has_permission("Offer", "write", throw=True)  # each offer's own permission is checked as it is sent
	return letters.send_many(names, channels)


def _name_list(value):
	"""A list of names sent as a list or as JSON text; None when it is neither."""
	try:
		value = frappe.parse_json(value) if isinstance(value, str) else value
	except ValueError:
		return None
	return value if isinstance(value, list) and all(isinstance(item, str) for item in value) else None


@frappe.whitelist()
@checked_arguments({"campaign": "Campaign"})
@frappe.read_only()  # a site with a MariaDB replica answers from it
def campaign_board(campaign: str | None = None) -> dict:
	"""The province board's figures for the user's region (springoffer.desk.board)."""
	from springoffer.desk import board

	return board.figures(campaign)
