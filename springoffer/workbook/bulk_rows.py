"""New records of a ledger import, written in bulk: each record is checked by the same core rules its
DocType's controller applies (springoffer.core.rules), its derived fields are computed as the
controller computes them, and the rows go in with multi-row INSERTs — a province's ledger in
minutes instead of hours of one document save each (FRAPPE-NOTES §12: realtime messages make n
saves in one transaction cost n²).

Changed records are not written here: springoffer.workbook.importer saves them as documents.
"""

import frappe
from frappe.model.naming import parse_naming_series
from frappe.utils import getdate, now, today

from springoffer.controllers.checks import regional_officers
from springoffer.core import categories as c
from springoffer.core import clocks, guidelines, quality, rules
from springoffer.core.ledger import CONTRACTS, ENTERPRISES, OFFERS, LedgerError, split_choice

CHUNK = 5_000
STANDARD = ("creation", "modified", "owner", "modified_by", "docstatus", "idx")
COVERAGE = ("name", "parent", "parenttype", "parentfield", "enterprise", "enterprise_name", "report_category", "region", "covered_workers")
ENTERPRISE = ("name", "credit_code", "enterprise_name", "report_category", "region", "employees")
OFFER = (
	"name", "campaign", "ledger_no", "scope", "offering_side", "main_topic", "region", "date_sent",
	"response_due_date", "total_covered_workers", "response", "response_date", "is_overdue", "refusal_reason",
	"refusal_detail", "hrss_handling", "hrss_handling_date", "hrss_handling_detail", "hrss_notify",
	"delivered_on", "delivery_method", "delivery_status",
)  # fmt: skip
CONTRACT = (
	"name", "campaign", "ledger_no", "contract_kind", "offer", "region", "signing_date", "workflow_state",
	"is_cancelled", "cancellation_reason", "total_covered_workers", "submission_due_date", "wage_guideline",
	"guideline_position", "needs_attention", "negotiated_on_record",
)  # fmt: skip


def violation_text(violation):
	return frappe._(violation.message).format(*violation.args)


def reserve_names(doctype, count):
	"""`count` names of the DocType's naming series, taken in one step (what autoname does one by one)."""
	if not count:
		return []
	series = frappe.get_meta(doctype).autoname  # e.g. SO-.YYYY.-.#####
	prefix_part, _hashes, _rest = series.partition(".#")
	digits = series.count("#")
	prefix = parse_naming_series(prefix_part)
	frappe.db.sql("INSERT IGNORE INTO `tabSeries` (name, current) VALUES (%s, 0)", prefix)
	current = frappe.db.sql("SELECT current FROM `tabSeries` WHERE name = %s FOR UPDATE", prefix)[0][0]
	frappe.db.sql("UPDATE `tabSeries` SET current = %s WHERE name = %s", (current + count, prefix))
	return [f"{prefix}{number:0{digits}d}" for number in range(current + 1, current + count + 1)]


class RowWriter:
	"""Collects the rows of new records and writes them in chunks, reporting progress."""

	def __init__(self, progress=None):
		self.progress = progress or (lambda stage, done, total: None)

	def insert(self, doctype, fields, rows, stage):
		moment = now()
		stamp = (moment, moment, frappe.session.user, frappe.session.user, 0)
		for start in range(0, len(rows), CHUNK):
			chunk = rows[start : start + CHUNK]
			frappe.db.bulk_insert(doctype, (*fields, *STANDARD), [(*row, *stamp, idx) for idx, row in chunk], chunk_size=CHUNK)
			self.progress(stage, min(start + CHUNK, len(rows)), len(rows))


class NewRecords:
	"""The new enterprises, offers and contracts of one ledger, checked and written in bulk."""

	def __init__(self, importer):
		self.importer = importer
		self.ledger = importer.ledger
		self.writer = RowWriter(importer.progress)
		self.today = getdate(today())
		self.officers = {}  # region → HRSS officers to notify
		self.enterprise_rows = {}  # code → (name, category, region) of every enterprise the ledger names
		self.guidelines = frappe.get_all("Wage Guideline", fields=["name", "region", "effective_from", "baseline", "upper", "lower"])

	def error(self, sheet, row, violations):
		for violation in violations:
			self.importer.errors.append(LedgerError(sheet, row, violation_text(violation), violation.field))

	# enterprises -----------------------------------------------------

	def enterprises(self, new):
		"""new: [(row, Enterprise)] not on the site yet."""
		rows = []
		for row, e in new:
			employees = self.ledger.employees.get(e.key) or 0
			found = rules.check_enterprise(e.key, e.category, employees)
			if found:
				self.error(ENTERPRISES, row, found)
				continue
			rows.append((0, (e.key, e.key, e.name, e.category, e.region, employees)))
		self.writer.insert("Enterprise", ENTERPRISE, rows, "企业")
		return len(rows)

	# offers ------------------------------------------------------------

	def coverage_lines(self, coverage):
		employees = self.ledger.employees
		return [rules.CoverageLine(code, workers, employees.get(code)) for code, workers in coverage]

	def hrss_officers(self, region):
		if region not in self.officers:
			self.officers[region] = ",".join(regional_officers(region, "HRSS Officer"))
		return self.officers[region]

	def offers(self, new):
		"""new: [Offer] of the ledger not on the site; returns {(campaign, number): name} of those written."""
		rows, coverage = [], []
		checked = []
		for offer in new:
			campaign = self.importer.campaign(offer.campaign)
			reason, reason_detail = split_choice(offer.refusal_reason, c.REFUSAL_REASONS)
			handling, handling_detail = split_choice(offer.hrss_handling, c.HRSS_HANDLINGS)
			handled_on = (offer.hrss_handling_date or offer.response_date or offer.date_sent) if handling else None
			found = rules.check_offer(
				scope=offer.scope,
				lines=self.coverage_lines(offer.coverage),
				date_sent=offer.date_sent,
				campaign_start=campaign.start_date,
				campaign_end=campaign.end_date,
				response=offer.response,
				response_date=offer.response_date,
				refusal_reason=reason if offer.response == c.REFUSED else "",
				today=self.today,
			) + rules.check_hrss_handling(handling=handling, handling_date=handled_on, response_date=offer.response_date, today=self.today, response=offer.response)
			found += rules.check_delivery(
				date_sent=offer.date_sent, delivered_on=offer.delivered_on, method=offer.delivery_method, failure_reason=None, today=self.today
			)
			try:
				due = clocks.response_due(offer.delivered_on)
			except clocks.CalendarNotCovered as missing:
				self.importer.errors.append(LedgerError(OFFERS, offer.row, frappe._(missing.message).format(missing.year)))
				continue
			if found:
				self.error(OFFERS, offer.row, found)
				continue
			checked.append((offer, reason, reason_detail, handling, handling_detail, handled_on, due))
		names = reserve_names("Offer", len(checked))
		written = {}
		for name, (offer, reason, reason_detail, handling, handling_detail, handled_on, due) in zip(names, checked):
			region = self.importer.common_region([code for code, _workers in offer.coverage])
			rows.append(
				(
					0,
					(
						name, offer.campaign, offer.number, offer.scope, c.OFFERING_SIDES[0], c.OFFER_TOPICS[0], region,
						offer.date_sent, due, sum(w for _code, w in offer.coverage), offer.response, offer.response_date,
						int(offer.response == c.PENDING and clocks.is_overdue(due, self.today)),
						reason if offer.response == c.REFUSED else None, reason_detail or None, handling or None,
						handled_on, handling_detail or None, self.hrss_officers(region),
						offer.delivered_on, offer.delivery_method or None, rules.delivery_status(offer.delivered_on, None),
					),
				)
			)  # fmt: skip
			coverage += self.coverage_rows(name, "Offer", offer.coverage)
			written[(offer.campaign, offer.number)] = name
		self.writer.insert("Offer", OFFER, rows, "要约")
		self.writer.insert("Offer Coverage", COVERAGE, coverage, "要约覆盖企业")
		return written

	def coverage_rows(self, parent, parenttype, coverage):
		rows = []
		for idx, (code, workers) in enumerate(coverage, start=1):
			enterprise_name, category, region = self.importer.enterprise_facts[code]
			rows.append(
				(idx, (frappe.generate_hash(length=10), parent, parenttype, "covered_enterprises", code, enterprise_name, category, region, workers))
			)
		return rows

	# contracts ----------------------------------------------------------

	def guideline(self, region, on_date):
		chain = self.importer.tree.chain(region)
		for name in chain:
			found = [
				(g.effective_from, guidelines.Guideline(g.name, g.baseline, g.upper, g.lower)) for g in self.guidelines if g.region == name
			]
			if found:
				best = guidelines.guideline_in_force(found, on_date)
				return best.name if best else None
		return None

	def contracts(self, new, offer_names):
		"""new: [Contract] of the ledger not on the site; offer_names: (campaign, number) → Offer name."""
		rows, coverage, checked = [], [], []
		for contract in new:
			campaign = self.importer.campaign(contract.campaign)
			offer = offer_names.get((contract.campaign, contract.offer)) if contract.offer else None
			offer_facts = self.importer.offer_facts.get(offer) if offer else None
			reason = (contract.cancellation_reason or "台帐记为已撤销") if contract.cancelled else None
			state = c.CONTRACT_CANCELLED if contract.cancelled else c.CONTRACT_DRAFT
			found = rules.check_contract(
				lines=self.coverage_lines(contract.coverage),
				signing_date=contract.signing_date,
				term_start=None,
				term_end=None,
				campaign_start=campaign.start_date,
				today=self.today,
				offer_date_sent=offer_facts[0] if offer_facts else None,
				wage_adjustment=None,
				wage_growth=None,
				zero_growth_consent=0,
				lowest_wage=None,
				minimum_wage=None,
				cancelled=contract.cancelled,
				cancellation_reason=reason,
			) + rules.check_contract_state(
				state=state,
				signing_date=contract.signing_date,
				submitted_on=None,
				late_reason=None,
				objection=None,
				correction_note=None,
			)
			try:
				due = clocks.submission_due(contract.signing_date)
			except clocks.CalendarNotCovered as missing:
				self.importer.errors.append(LedgerError(CONTRACTS, contract.row, frappe._(missing.message).format(missing.year)))
				continue
			if found:
				self.error(CONTRACTS, contract.row, found)
				continue
			checked.append((contract, offer, offer_facts, reason, state, due))
		names = reserve_names("Contract", len(checked))
		for name, (contract, offer, offer_facts, reason, state, due) in zip(names, checked):
			region = self.importer.common_region([code for code, _workers in contract.coverage])
			rows.append(
				(
					0,
					(
						name, contract.campaign, contract.number, contract.kind, offer, region, contract.signing_date, state,
						int(contract.cancelled), reason, sum(w for _code, w in contract.coverage), due,
						self.guideline(region, contract.signing_date), "", 0,
						int(quality.negotiated_on_record(offer_facts[1] if offer_facts else None)),
					),
				)
			)  # fmt: skip
			coverage += self.coverage_rows(name, "Contract", contract.coverage)
		self.writer.insert("Contract", CONTRACT, rows, "集体合同")
		self.writer.insert("Contract Coverage", COVERAGE, coverage, "集体合同覆盖企业")
		return len(rows)
