"""The signed contract filed through the offer's answer link (集体合同规定 Art. 42: within 10 days of
signing): the employer enters the contract's terms and the congress vote and uploads the signed text
and the congress resolution; the Contract is made through its own controller and rules and enters the
集体合同审查备案 workflow at 报送 as an officer's contract does. The link then shows where the review
stands, takes the corrections HRSS asks for (补正后报送 / 重新报送) and offers the 集体合同受理通知.
"""

import hashlib
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import cint, flt

from springoffer.core import categories as c
from springoffer.core.uploads import MAX_BYTES, scan_kind

FILES = {"contract_text": "Contract Text (Scan)", "congress_minutes": "Congress Minutes"}
FIELDS = (
	"contract_kind",
	"signing_date",
	"term_start",
	"term_end",
	"wage_adjustment",
	"wage_growth_percent",
	"lowest_monthly_wage",
	"zero_growth_consent",
	"congress_members",
	"congress_attending",
	"congress_approving",
	"worker_chief_representative",
	"employer_chief_representative",
)
# The review steps an employer takes again after HRSS sends the contract back.
RESUBMIT = {c.CONTRACT_NEEDS_CORRECTION: "补正后报送", "提出异议": "重新报送"}
NOTICE_STATES = ("已受理", "审查中", "审查通过", "已生效")


def file_kind(content, label):
	"""'pdf', 'jpg' or 'png' by content; anything else, or too large, is refused."""
	if not content:
		frappe.throw(_("Upload {0} as a PDF or a photo (JPEG or PNG)").format(_(label)))
	if len(content) > MAX_BYTES:
		frappe.throw(_("{0} is larger than 10 MB; scan it at a lower resolution and upload it again").format(_(label)))
	kind = scan_kind(content)
	if kind is None:
		frappe.throw(_("{0} is not a PDF, JPEG or PNG file; upload the scan itself").format(_(label)))
	return kind


def contract_of(offer, for_update=False):
	"""The offer's live contract; `for_update`: as last committed, its row held (a filing)."""
	name = frappe.db.get_value("Contract", {"offer": offer.name, "is_cancelled": 0}, "name", order_by="creation desc", for_update=for_update)
	return frappe.get_doc("Contract", name, for_update=for_update) if name else None


def status(offer):
	"""Where the filed contract stands, for the link's page."""
	contract = contract_of(offer)
	if not contract:
		return {"may_file": offer.response == c.AGREED, "state": ""}
	return {
		"may_file": contract.workflow_state in RESUBMIT,
		"contract": contract.name,
		"state": contract.workflow_state,
		"submitted_on": str(contract.submitted_on or ""),
		"correction_note": contract.correction_note or "",
		"correction_due_date": str(contract.correction_due_date or ""),
		"objection": contract.objection or "",
		"review_window_end": str(contract.review_window_end or ""),
		"effective_date": str(contract.effective_date or ""),
		"notice": contract.workflow_state in NOTICE_STATES,
	}


def file(offer, values, uploads):
	"""File the contract (or its correction) for an offer answered 同意协商; returns its status.
	The same filing sent again (after a timeout, or twice at once) is taken once: the offer's row is
	held while filing, and a contract already filed with these very terms and scans answers the repeat
	with its status, marked `offer.flags.repeated_filing` and writing nothing."""
	if frappe.get_doc("Offer", offer.name, for_update=True).response != c.AGREED:
		frappe.throw(_("A contract is filed here after the offer was answered 同意协商"))
	contract = contract_of(offer, for_update=True)
	if contract and contract.workflow_state not in RESUBMIT and is_filed(contract, values, uploads):
		offer.flags.repeated_filing = True
		return status(offer)
	if contract and contract.workflow_state not in RESUBMIT:
		frappe.throw(_("Contract {0} has been filed and is {1}; it can be changed here only when HRSS asks for a correction").format(
			contract.name, contract.workflow_state
		))
	kinds = {field: file_kind(uploads.get(field), label) for field, label in FILES.items() if uploads.get(field) or not contract}
	with employer_side():
		contract = _write(offer, contract, values)
		for field, kind in kinds.items():
			saved = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"{field}-{contract.name}.{kind}",
					"content": uploads[field],
					"is_private": 1,
					"attached_to_doctype": "Contract",
					"attached_to_name": contract.name,
					"attached_to_field": field,
				}
			).insert(ignore_permissions=True)
			contract.db_set(field, saved.file_url)
		apply_workflow(frappe.get_doc("Contract", contract.name), RESUBMIT.get(contract.workflow_state, "报送"))
	return status(offer)


def is_filed(contract, values, uploads):
	"""Whether `contract` already holds these terms and these scans (the natural key of a filing is
	the offer; its content tells a repeat from a new filing or a correction)."""
	probe = frappe.get_doc(contract.as_dict())
	_fill(probe, values)
	for field in (*FIELDS, "wage_growth_percent", "lowest_monthly_wage", "zero_growth_consent", "congress_members", "congress_attending", "congress_approving"):
		if str(probe.get(field) or "") != str(contract.get(field) or ""):
			return False
	if [row.covered_workers for row in probe.covered_enterprises] != [row.covered_workers for row in contract.covered_enterprises]:
		return False
	for field, content in uploads.items():
		stored = frappe.db.get_value("File", {"file_url": contract.get(field), "attached_to_name": contract.name}, "content_hash")
		if not contract.get(field) or stored != hashlib.md5(content).hexdigest():
			return False
	return True


def _fill(contract, values):
	for field in FIELDS:
		if values.get(field) not in (None, ""):
			contract.set(field, values[field])
	for field in ("wage_growth_percent", "lowest_monthly_wage"):
		contract.set(field, flt(contract.get(field)) or None)
	for field in ("zero_growth_consent", "congress_members", "congress_attending", "congress_approving"):
		contract.set(field, cint(contract.get(field)))
	if values.get("covered_workers") and len(contract.covered_enterprises) == 1:
		contract.covered_enterprises[0].covered_workers = cint(values["covered_workers"])


def _write(offer, contract, values):
	if contract is None:
		contract = frappe.get_doc(
			{
				"doctype": "Contract",
				"campaign": offer.campaign,
				"offer": offer.name,
				"region": offer.region,
				"covered_enterprises": [
					{"enterprise": row.enterprise, "covered_workers": row.covered_workers} for row in offer.covered_enterprises
				],
			}
		)
	_fill(contract, values)
	if contract.is_new():
		contract.insert()
	else:
		contract.save()
	return contract


@contextmanager
def employer_side():
	"""The employer has no account: its link and credit code stand for the employer side's officer, so
	its contract is written and moved through the workflow (报送, 补正后报送, 重新报送) with the site's own
	authority, through every rule of the Contract; the Answer Log records who filed it."""
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.set_user(user)
