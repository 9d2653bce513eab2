"""One negotiation per offer answered 同意协商: who sits at the table, each meeting held, a suspension
with its next meeting, the draft, the workers' congress vote and the signature (集体合同规定 Chapters 3,
4 and 7). The rules live in springoffer.core.negotiation; this controller reads the fields, asks the
core, derives the state and the next meeting, and keeps the offer's two chief representatives the same
people as the ones marked here."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from springoffer.controllers.checks import check_region_scope, check_upload, throw_violations
from springoffer.core import categories, rules
from springoffer.core import negotiation as core
from springoffer.core.rules import Violation


def _date(value):
	return getdate(value) if value else None


class Negotiation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from springoffer.springoffer.doctype.negotiation_meeting.negotiation_meeting import NegotiationMeeting
		from springoffer.springoffer.doctype.negotiation_representative.negotiation_representative import (
			NegotiationRepresentative,
		)

		agreed_to_negotiate_on: DF.Date | None
		campaign: DF.Link | None
		congress_approving: DF.Int
		congress_attending: DF.Int
		congress_members: DF.Int
		congress_voted_on: DF.Date | None
		contract: DF.Link | None
		draft_agreed_on: DF.Date | None
		draft_scan: DF.Attach | None
		employer_name: DF.Data | None
		last_meeting_on: DF.Date | None
		meetings: DF.Table[NegotiationMeeting]
		next_meeting_on: DF.Date | None
		offer: DF.Link
		open_coordination: DF.Link | None
		recorder: DF.Data | None
		region: DF.Link | None
		representatives: DF.Table[NegotiationRepresentative]
		scope: DF.Data | None
		signed_on: DF.Date | None
		state: DF.Literal["\u51c6\u5907", "\u534f\u5546\u4e2d", "\u4e2d\u6b62", "\u4e89\u8bae\u534f\u8c03", "\u8fbe\u6210\u4e00\u81f4", "\u5df2\u7b7e\u8ba2"]
	# end: auto-generated types
	def validate(self):
		offer = frappe.db.get_value(
			"Offer",
			self.offer,
			["response", "response_date", "region", "campaign", "scope", "employer_side_name", "meeting_time"],
			as_dict=True,
		)
		if not offer:
			frappe.throw(_("Offer {0} does not exist").format(self.offer))
		if offer.response != categories.AGREED:
			frappe.throw(
				_("Offer {0} has not been answered 同意协商; a negotiation is recorded after the employer side agrees to negotiate (集体合同规定 Art. 32)").format(self.offer)
			)
		self.region, self.campaign, self.scope = offer.region, offer.campaign, offer.scope
		self.employer_name = offer.employer_side_name or self.first_enterprise_name() or self.offer
		self.agreed_to_negotiate_on = offer.response_date
		check_region_scope(self, {})
		self.check_new_scans()
		self.check_record(_date(offer.response_date))
		self.derive(offer)

	def check_new_scans(self):
		"""Scans are judged by their content when attached (an old one is not read again on every save)."""
		before = self.get_doc_before_save()
		known = {(row.name, row.record_scan) for row in (before.meetings if before else [])}
		if before and before.draft_scan == self.draft_scan:
			known.add(("draft", self.draft_scan))
		for row in self.meetings or []:
			if row.record_scan and (row.name, row.record_scan) not in known:
				check_upload(row.record_scan, "Signed Record (Scan)")
		if self.draft_scan and ("draft", self.draft_scan) not in known:
			check_upload(self.draft_scan, "Draft (Signed Scan)")

	def first_enterprise_name(self):
		return frappe.db.get_value(
			"Offer Coverage", {"parent": self.offer, "parenttype": "Offer"}, "enterprise_name", order_by="idx asc"
		)

	def core_meetings(self):
		return [
			core.Meeting(getdate(row.held_on), (row.chair or "").strip(), row.outcome or core.CONTINUE, _date(row.next_meeting_on))
			for row in self.meetings or []
			if row.held_on
		]

	def chiefs(self):
		return {row.side: row.representative_name.strip() for row in self.representatives or [] if row.is_chief and row.representative_name}

	def check_record(self, answered_on):
		people = [
			core.Representative((row.representative_name or "").strip(), row.side, bool(row.is_chief), bool(row.outside_expert))
			for row in self.representatives or []
		]
		meetings = self.core_meetings()
		found = core.check_representatives(people, self.recorder or "", complete=bool(meetings))
		chiefs = list(self.chiefs().values())
		signed_on, voted_on = _date(self.signed_on), _date(self.congress_voted_on)
		found += core.check_meetings(meetings, chiefs, answered_on, signed_on)
		found += core.check_meetings_held(meetings, getdate(today()))
		found += core.check_signature(signed_on, voted_on, _date(self.draft_agreed_on))
		if voted_on or self.congress_members or self.congress_attending or self.congress_approving:
			if not voted_on:
				found.append(Violation("congress_voted_on", "Enter the day the workers' congress voted on the draft"))
			found += rules.check_congress_vote(self.congress_members or None, self.congress_attending or None, self.congress_approving or None)
		now = getdate(today())
		for field in ("draft_agreed_on", "congress_voted_on", "signed_on"):
			value = _date(self.get(field))
			if value and value > now:
				found.append(Violation(field, "{0} is in the future; record it once it has happened", (value,)))
			if value and answered_on and value < answered_on:
				found.append(Violation(field, "{0} is before the offer was agreed on {1}; correct the date", (value, answered_on)))
		throw_violations(self, found)

	def derive(self, offer):
		meetings = self.core_meetings()
		proposed = getdate(offer.meeting_time) if offer.meeting_time else None
		self.last_meeting_on = max((m.held_on for m in meetings), default=None)
		self.next_meeting_on = core.next_meeting(meetings, proposed)
		# the workspace's 协商停滞 counts 30 days from this (a list filter cannot say "this, or else that")
		self.quiet_since = self.last_meeting_on or _date(self.agreed_to_negotiate_on)
		self.state = core.state(
			signed=bool(self.signed_on or self.contract),
			agreed=bool(self.draft_agreed_on),
			coordination_open=bool(self.open_coordination),
			meetings=meetings,
		)

	def onload(self):
		"""What the form's headline says: why the talks need attention (core.stalled), and the open
		coordination's last day."""
		if self.state in core.OPEN_STATES:
			why = core.stalled(self.core_meetings(), getdate(today()), _date(self.agreed_to_negotiate_on))
			if why:
				self.set_onload("stalled", {"reason": why[0], "days": why[1]})
		if self.open_coordination:
			self.set_onload(
				"coordination",
				frappe.db.get_value("Negotiation Coordination", self.open_coordination, ["name", "status", "due_date"], as_dict=True),
			)

	def on_update(self):
		"""The offer shows where its talks stand and names the same two chief representatives as here."""
		chiefs = self.chiefs()
		wanted = {
			"worker_chief_representative": chiefs.get(core.WORKER_SIDE),
			"employer_chief_representative": chiefs.get(core.EMPLOYER_SIDE),
		}
		current = frappe.db.get_value("Offer", self.offer, [*wanted, "negotiation", "negotiation_state", "next_meeting_on"], as_dict=True) or {}
		changed = {field: value for field, value in wanted.items() if value and value != current.get(field)}
		shown = {"negotiation": self.name, "negotiation_state": self.state, "next_meeting_on": _date(self.next_meeting_on)}
		changed.update({field: value for field, value in shown.items() if value != current.get(field)})
		if changed:
			frappe.db.set_value("Offer", self.offer, changed, update_modified=False)

	def on_trash(self):
		if frappe.db.exists("Negotiation Coordination", {"negotiation": self.name}):
			frappe.throw(_("Negotiation {0} has a coordination on record; it cannot be deleted").format(self.name))
		frappe.db.set_value("Offer", self.offer, {"negotiation": None, "negotiation_state": None, "next_meeting_on": None}, update_modified=False)

	@frappe.whitelist()
	def make_contract(self) -> dict:
		"""A new Contract filled from this negotiation, for the form to open (nothing is saved)."""
		return make_contract(self.name)


@frappe.whitelist()
def make_contract(source_name: str) -> dict:
	"""The Contract a signed negotiation leads to: its offer, region, enterprises, chief representatives,
	congress vote and signing date, so nobody types them again."""
	negotiation = frappe.get_doc("Negotiation", source_name)
	negotiation.check_permission("read")
	frappe.has_permission("Contract", "create", throw=True)
	if negotiation.contract:
		frappe.throw(_("This negotiation's contract is {0}; open it there").format(negotiation.contract))
	if not negotiation.signed_on:
		frappe.throw(_("Enter the signing date first: the contract is made from a signed negotiation (集体合同规定 Art. 37)"))
	offer = frappe.get_doc("Offer", negotiation.offer)
	chiefs = negotiation.chiefs()
	contract = frappe.new_doc("Contract")
	contract.update(
		{
			"campaign": offer.campaign,
			"offer": offer.name,
			"negotiation": negotiation.name,
			"region": offer.region,
			"contract_kind": {categories.SCOPE_INDUSTRY: "行业性集体合同", categories.SCOPE_REGIONAL: "区域性集体合同"}.get(
				offer.scope, "工资专项集体协议"
			),
			"signing_date": negotiation.signed_on,
			"negotiation_meetings": len(negotiation.meetings or []),  # as the contract's save will count them
			"congress_members": negotiation.congress_members,
			"congress_attending": negotiation.congress_attending,
			"congress_approving": negotiation.congress_approving,
			"worker_chief_representative": chiefs.get(core.WORKER_SIDE),
			"employer_chief_representative": chiefs.get(core.EMPLOYER_SIDE),
			"employer_representative_recommended_by": offer.employer_representative_recommended_by,
			"instructor": offer.instructor,
		}
	)
	for row in offer.covered_enterprises:
		contract.append(
			"covered_enterprises",
			{field: row.get(field) for field in ("enterprise", "enterprise_name", "report_category", "region", "covered_workers")},
		)
	return contract.as_dict()


def negotiation_of(offer):
	return frappe.db.get_value("Negotiation", {"offer": offer}, "name") if offer else None


def open_for_agreed_offer(offer):
	"""Called when an offer is answered 同意协商: its negotiation, with the offer's chief representatives."""
	if negotiation_of(offer.name):
		return
	doc = frappe.new_doc("Negotiation")
	doc.offer = offer.name
	for side, field in ((core.WORKER_SIDE, "worker_chief_representative"), (core.EMPLOYER_SIDE, "employer_chief_representative")):
		if offer.get(field):
			doc.append("representatives", {"side": side, "representative_name": offer.get(field), "is_chief": 1})
	doc.flags.ignore_permissions = True  # the offer's writer may always open its negotiation
	doc.insert()


def follow_contract(contract):
	"""A contract filed for a negotiated offer closes its negotiation (已签订) and names it."""
	name = contract.negotiation or negotiation_of(contract.offer)
	if not name:
		return
	current = frappe.db.get_value("Negotiation", name, ["contract", "state"], as_dict=True)
	if current and (current.contract != contract.name or current.state != core.SIGNED):
		frappe.db.set_value("Negotiation", name, {"contract": contract.name, "state": core.SIGNED})
		frappe.db.set_value("Offer", contract.offer, "negotiation_state", core.SIGNED, update_modified=False)


def forget_contract(contract):
	"""A deleted contract leaves its negotiation as its record stands without it."""
	name = frappe.db.get_value("Negotiation", {"contract": contract.name}, "name")
	if not name:
		return
	doc = frappe.get_doc("Negotiation", name)
	doc.contract = None
	doc.derive(frappe.db.get_value("Offer", doc.offer, ["meeting_time"], as_dict=True) or frappe._dict())
	doc.db_update()
	doc.on_update()


def remove_with_offer(offer):
	"""A deleted offer takes its negotiation along while nothing was recorded on it; talks on record
	stop the deletion."""
	name = negotiation_of(offer)
	if not name:
		return
	if meetings_on_record(name) or frappe.db.exists("Negotiation Coordination", {"negotiation": name}):
		frappe.throw(_("Offer {0} has negotiation {1} with meetings or a coordination on record; it cannot be deleted").format(offer, name))
	frappe.delete_doc("Negotiation", name, ignore_permissions=True, force=True)


def meetings_on_record(name):
	return frappe.db.count("Negotiation Meeting", {"parent": name, "parenttype": "Negotiation"}) if name else 0
