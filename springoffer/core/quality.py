"""质效评估 (notice 三(四)): 集体合同建制率 and the signs of "真协商、真签约、真履行".

建制率 = enterprises covered by a contract in force ÷ enterprises of the region. The second rate
counts unionised enterprises only, on both sides (已建会企业建制率), so it never exceeds 100 % when
regional contracts also cover enterprises without a union.
"""

from dataclasses import dataclass, field
from datetime import date

from springoffer.core import categories
from springoffer.core.rules import Violation


def rate(part, whole):
	"""Percentage with one decimal, or None when there is nothing to divide by."""
	if not whole:
		return None
	return round(100.0 * part / whole, 1)


def in_force(*, state, cancelled, term_start, term_end, as_of):
	"""A contract binds on `as_of` once HRSS let it take effect, within its term, unless cancelled."""
	if cancelled or state != categories.CONTRACT_EFFECTIVE:
		return False
	if term_start and as_of < term_start:
		return False
	return not (term_end and as_of > term_end)


# The counts of RegionQuality that add up region by region.
SUMMED = (
	"enterprises", "union_enterprises", "covered", "covered_union", "without_negotiation", "never_checked",
	"signed", "real_negotiation", "meetings", "days_to_signature", "days_counted",
	"coordinations", "closed_in_time", "closed_late", "open_overdue",
)


@dataclass
class RegionQuality:
	region: str
	enterprises: int = 0
	union_enterprises: int = 0
	covered: int = 0  # enterprises with a contract in force
	covered_union: int = 0  # of them, unionised
	contracts_by_kind: dict = field(default_factory=dict)  # kind → contracts in force
	without_negotiation: int = 0  # contracts signed with no offer answered 同意协商 on record
	never_checked: int = 0  # contracts in force with no 履约 check on record
	# 真协商: the campaign's contracts (not cancelled) and what their negotiations have on record
	signed: int = 0
	real_negotiation: int = 0  # with a negotiation record holding a meeting and the congress vote
	meetings: int = 0  # meetings of their negotiations
	days_to_signature: int = 0  # summed over the contracts whose offer's 同意协商 date is known
	days_counted: int = 0
	# coordinations (集体合同规定 Art. 52) of the campaign, by how they stand against their last day
	coordinations: int = 0
	closed_in_time: int = 0
	closed_late: int = 0
	open_overdue: int = 0

	@property
	def rate(self):
		return rate(self.covered, self.enterprises)

	@property
	def union_rate(self):
		return rate(self.covered_union, self.union_enterprises)

	@property
	def contracts_in_force(self):
		return sum(self.contracts_by_kind.values())

	@property
	def real_negotiation_rate(self):
		return rate(self.real_negotiation, self.signed)

	@property
	def meetings_per_contract(self):
		"""Meetings per contract signed, one decimal; a contract typed directly counts with none."""
		return round(self.meetings / self.signed, 1) if self.signed else None

	@property
	def average_days_to_signature(self):
		"""The mean (not the median: totals add up region by region) of the days from 同意协商 to signature."""
		return round(self.days_to_signature / self.days_counted, 1) if self.days_counted else None

	def add(self, other):
		for name in SUMMED:
			setattr(self, name, getattr(self, name) + getattr(other, name))
		for kind, n in other.contracts_by_kind.items():
			self.contracts_by_kind[kind] = self.contracts_by_kind.get(kind, 0) + n


def real_negotiation(meetings, congress_voted_on):
	"""真协商 on record: the contract's negotiation held at least one recorded meeting and the workers'
	congress voted on its draft (集体合同规定 Arts. 33, 36)."""
	return bool(meetings and meetings >= 1 and congress_voted_on)


CLOSED_IN_TIME, CLOSED_LATE, OPEN_OVERDUE = "closed_in_time", "closed_late", "open_overdue"


def coordination_standing(closed_on, due_date, as_of):
	"""How a coordination stands against its last day (Art. 52): closed by it, closed after it, still
	open after it on `as_of`, or None (open within its time, or not yet accepted: no clock runs)."""
	if closed_on:
		return CLOSED_IN_TIME if due_date and closed_on <= due_date else CLOSED_LATE
	if due_date and due_date < as_of:
		return OPEN_OVERDUE
	return None


def negotiated_on_record(offer_response):
	"""真协商: the contract names an offer, and that offer was answered 同意协商."""
	return offer_response == categories.AGREED


def check_performance(check_date, signing_date, today: date):
	"""Violations for a 履约 check dated before the contract was signed or in the future."""
	found = []
	if check_date and signing_date and check_date < signing_date:
		found.append(
			Violation("check_date", "A performance check on {0} cannot precede the signing on {1}; correct the date", (check_date, signing_date))
		)
	if check_date and today and check_date > today:
		found.append(Violation("check_date", "Check date {0} is in the future; record a check once it has taken place", (check_date,)))
	return found
