import frappe
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from springoffer.annex import ledger as annex_ledger
from springoffer.controllers.checks import check_coverage_document, legal_calendar, throw_violations
from springoffer.core import categories, clocks, rules
from springoffer.springoffer.doctype.minimum_wage_standard.minimum_wage_standard import minimum_wage_on
from springoffer.springoffer.doctype.negotiation.negotiation import (
	follow_contract,
	forget_contract,
	meetings_on_record,
	negotiation_of,
)


def _date(value):
	return getdate(value) if value else None


class Contract(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from springoffer.springoffer.doctype.contract_coverage.contract_coverage import ContractCoverage

		campaign: DF.Link
		cancellation_reason: DF.SmallText | None
		congress_approving: DF.Int
		congress_attending: DF.Int
		congress_members: DF.Int
		congress_minutes: DF.Attach | None
		contract_kind: DF.Literal["\u7efc\u5408\u6027\u96c6\u4f53\u5408\u540c", "\u5de5\u8d44\u4e13\u9879\u96c6\u4f53\u534f\u8bae", "\u6280\u672f\u5de5\u4eba\u85aa\u916c\u4e13\u9879\u96c6\u4f53\u534f\u8bae", "\u884c\u4e1a\u6027\u96c6\u4f53\u5408\u540c", "\u533a\u57df\u6027\u96c6\u4f53\u5408\u540c", "\u5176\u4ed6\u4e13\u9879\u96c6\u4f53\u5408\u540c"]
		contract_text: DF.Attach | None
		correction_due_date: DF.Date | None
		correction_note: DF.SmallText | None
		covered_enterprises: DF.Table[ContractCoverage]
		effective_date: DF.Date | None
		employer_chief_representative: DF.Data | None
		employer_representative_phone: DF.Password | None
		employer_representative_phone_masked: DF.Data | None
		employer_representative_recommended_by: DF.Literal["", "\u4f01\u4e1a\u548c\u5de5\u4e1a\u7ecf\u6d4e\u8054\u5408\u4f1a", "\u5de5\u5546\u4e1a\u8054\u5408\u4f1a", "\u4f01\u4e1a\u81ea\u884c\u63a8\u9009"]
		guideline_position: DF.Data | None
		hrss_received_on: DF.Date | None
		instructor: DF.Link | None
		is_cancelled: DF.Check
		last_performance_check: DF.Date | None
		late_submission_reason: DF.SmallText | None
		ledger_no: DF.Data | None
		lowest_monthly_wage: DF.Currency
		needs_attention: DF.Check
		negotiated_on_record: DF.Check
		negotiation: DF.Link | None
		negotiation_meetings: DF.Int
		objection: DF.SmallText | None
		offer: DF.Link | None
		region: DF.Link
		review_window_end: DF.Date | None
		signing_date: DF.Date
		submission_due_date: DF.Date | None
		submitted_on: DF.Date | None
		term_end: DF.Date | None
		term_start: DF.Date | None
		total_covered_workers: DF.Int
		wage_adjustment: DF.Literal["", "\u589e\u957f", "\u96f6\u589e\u957f", "\u964d\u4f4e"]
		wage_growth_percent: DF.Float
		wage_guideline: DF.Link | None
		worker_chief_representative: DF.Data | None
		worker_representative_phone: DF.Password | None
		worker_representative_phone_masked: DF.Data | None
		workflow_state: DF.Link | None
		zero_growth_consent: DF.Check
	# end: auto-generated types
	def validate(self):
		with legal_calendar():
			self.check_and_fill()

	def check_and_fill(self):
		rows = self.covered_enterprises or []
		lines = check_coverage_document(self)
		self.enter_state()
		signing_date = _date(self.signing_date)
		campaign_start = frappe.db.get_value("Campaign", self.campaign, "start_date")
		offer_date_sent = frappe.db.get_value("Offer", self.offer, "date_sent") if self.offer else None
		lowest = flt(self.lowest_monthly_wage) if self.lowest_monthly_wage else None
		throw_violations(
			self,
			rules.check_contract(
				lines=lines,
				signing_date=signing_date,
				term_start=_date(self.term_start),
				term_end=_date(self.term_end),
				campaign_start=campaign_start,
				today=getdate(today()),
				offer_date_sent=offer_date_sent,
				wage_adjustment=self.wage_adjustment,
				wage_growth=self.wage_growth_percent,
				zero_growth_consent=self.zero_growth_consent,
				lowest_wage=lowest,
				minimum_wage=minimum_wage_on(self.region, signing_date) if lowest else None,
				congress=(self.congress_members or None, self.congress_attending or None, self.congress_approving or None),
				cancelled=self.is_cancelled,
				cancellation_reason=self.cancellation_reason,
			)
			+ rules.check_contract_state(
				state=self.workflow_state,
				signing_date=signing_date,
				submitted_on=_date(self.submitted_on),
				late_reason=self.late_submission_reason,
				objection=self.objection,
				correction_note=self.correction_note,
				term=(self.term_start, self.term_end),
			),
		)
		self.total_covered_workers = sum(row.covered_workers or 0 for row in rows)
		self.set_quality_marks(signing_date)
		self.check_against_negotiation(signing_date)
		self.submission_due_date = clocks.submission_due(signing_date) if signing_date else None
		received = _date(self.hrss_received_on)
		self.review_window_end = clocks.review_window_end(received) if received else None

	def set_quality_marks(self, signing_date):
		"""What the 质效评估 reads: the guideline in force at signing and where the growth stands
		against it, and whether an offer answered 同意协商 is on record (真协商)."""
		from springoffer.core import guidelines, quality
		from springoffer.springoffer.doctype.wage_guideline.wage_guideline import guideline_on

		self.wage_guideline, guideline = guideline_on(self.region, signing_date)
		growth = flt(self.wage_growth_percent) if self.wage_adjustment == categories.WAGE_RISE else None
		self.guideline_position = guidelines.position(self.wage_adjustment, growth, guideline)
		self.needs_attention = int(bool(guidelines.flags(self.wage_adjustment, growth, self.zero_growth_consent, guideline)))
		response = frappe.db.get_value("Offer", self.offer, "response") if self.offer else None
		self.negotiated_on_record = int(quality.negotiated_on_record(response))
		self.negotiation = negotiation_of(self.offer) if self.offer else None
		self.negotiation_meetings = meetings_on_record(self.negotiation)

	def enter_state(self):
		"""Dates the review clock needs, recorded as the contract enters each state."""
		before = self.get_doc_before_save()
		if before and before.workflow_state == self.workflow_state:
			return
		today = getdate(frappe.utils.today())
		if self.workflow_state == categories.CONTRACT_SUBMITTED:
			self.submitted_on = self.submitted_on or today
		elif self.workflow_state == categories.CONTRACT_NEEDS_CORRECTION:
			self.correction_due_date = clocks.correction_due(today)
		elif self.workflow_state == categories.CONTRACT_ACCEPTED:
			self.hrss_received_on = self.hrss_received_on or today
		elif self.workflow_state == categories.CONTRACT_EFFECTIVE and not self.effective_date:
			self.effective_date = rules.effective_date(_date(self.hrss_received_on), today)

	def check_against_negotiation(self, signing_date):
		"""A contract of a negotiation on record is signed after the congress approved the draft (Art. 37)."""
		from springoffer.core import negotiation as talks

		voted_on = frappe.db.get_value("Negotiation", self.negotiation, "congress_voted_on") if self.negotiation else None
		if voted_on and signing_date:
			throw_violations(self, talks.check_signature(signing_date, getdate(voted_on), getdate(voted_on)))

	def on_update(self):
		annex_ledger.post(self)
		if not self.is_cancelled:
			follow_contract(self)

	def on_trash(self):
		forget_contract(self)
		annex_ledger.unpost(self)


def on_doctype_update():
	"""One record per ledger number in a campaign, kept by the database too: two imports running at once
	both pass the Python check (neither sees the other's uncommitted row), the index refuses the second."""
	frappe.db.add_unique("Contract", ["ledger_no", "campaign"], constraint_name="unique_ledger_no_campaign")
	# What the desk asks most under the deadline's load: a city's records of a campaign (lists, counts of
	# open work, the board), newest first; and the province's, newest first (a full scan of the campaign
	# and a sort of every row without them).
	frappe.db.add_index("Contract", ["campaign", "region", "signing_date"], index_name="campaign_region")
	frappe.db.add_index("Contract", ["campaign", "signing_date"], index_name="campaign_signing_date")
	# the workspace's open work (contracts in review, returned), counted from the index alone
	frappe.db.add_index("Contract", ["campaign", "workflow_state", "region"], index_name="campaign_open_work")
	# A confined officer's list page (desk list, get_list; issue 27): Frappe's User Permission adds
	# `ifnull(region, '') = '' or region in (the city and its counties)`, which no index can range over,
	# so MariaDB walks an index in the page's order and stops at the 20th row of the city. Region (and
	# campaign, when the list is filtered to one) in the index let it check each entry without reading the
	# row. 50,000 contracts: 57–89 ms before when the city's contracts lay far down the order, 15–20 ms
	# by signing date (every contract sorted); 2–4 ms after, 11–22 ms when the whole index is walked.
	frappe.db.add_index("Contract", ["signing_date", "region", "campaign"], index_name="list_by_signing_date")  # the desk's sort
	frappe.db.add_index("Contract", ["modified", "region", "campaign"], index_name="list_by_modified")  # get_list's default
