"""What a read ledger holds: its errors, campaigns, offers, contracts and the counting records."""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from springoffer.core import clocks
from springoffer.core.counting import RegionTree, count_annex


@dataclass(frozen=True)
class LedgerError:
	"""One thing wrong in the workbook. row is the Excel row number (None: the sheet or file as a whole)."""

	sheet: str | None
	row: int | None
	message: str
	column: str | None = None  # the column at fault, when one is

	@property
	def reason(self):
		"""What is wrong: the message up to its advice (messages read "what；how to fix")."""
		return self.message.split("；", 1)[0]

	@property
	def fix(self):
		"""How to fix it, when the message says."""
		parts = self.message.split("；", 1)
		return parts[1] if len(parts) > 1 else ""

	def __str__(self):
		if self.sheet is None:
			return f"台帐文件：{self.message}"
		if self.row is None:
			return f"工作表「{self.sheet}」：{self.message}"
		return f"工作表「{self.sheet}」第 {self.row} 行：{self.message}"


class LedgerInvalid(Exception):
	"""The workbook has errors; `errors` lists every one of them."""

	def __init__(self, errors):
		self.errors = list(errors)
		super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class Campaign:
	name: str
	start: date
	end: date
	report_due: date

	@property
	def year(self):
		return self.start.year


# Offers and contracts are named tuples, like counting's records: a province has tens of thousands.
class Offer(NamedTuple):
	"""One 要约编号: the offer-level fields and the enterprises it covers."""

	number: str
	campaign: str
	scope: str
	date_sent: date
	response: str
	response_date: date | None
	refusal_reason: str
	hrss_handling: str
	hrss_handling_date: date | None
	coverage: tuple  # ((credit code, covered workers), …) in row order
	row: int  # first Excel row of the offer
	# The day the employer side received it and how (a ledger without the 送达日期 column: the date sent,
	# 未记录（按发出日期计）, as the upgrade does); None: not delivered yet.
	delivered_on: date | None = None
	delivery_method: str = ""

	@property
	def response_due(self):
		return clocks.response_due(self.delivered_on)

	def covers(self, code):
		return any(covered == code for covered, _workers in self.coverage)


class Contract(NamedTuple):
	"""One 合同编号: the contract-level fields and the enterprises it covers."""

	number: str
	campaign: str
	kind: str
	signing_date: date
	cancelled: bool
	offer: str  # 要约编号 it came from, or ""
	cancellation_reason: str
	coverage: tuple  # ((credit code, covered workers), …)
	row: int


class Meeting(NamedTuple):
	"""One row of the 协商会议 sheet: a meeting held in the negotiation of an agreed offer."""

	offer: str  # 要约编号
	held_on: date
	place: str
	outcome: str  # 继续协商 / 中止协商 / 达成一致
	row: int


@dataclass
class Ledger:
	enterprises: list  # counting.Enterprise, key = normalised 统一社会信用代码, in row order
	employees: dict  # credit code → 职工人数
	offer_lines: list  # counting.OfferLine, one per 要约 row
	contract_lines: list  # counting.ContractLine, one per 集体合同 row
	regions: dict  # region → parent: the shipped tree plus the 地区 sheet
	campaigns: dict  # name → Campaign: the 活动 sheet plus campaigns named with a year
	offers: dict = field(default_factory=dict)  # 要约编号 → Offer
	contracts: dict = field(default_factory=dict)  # 合同编号 → Contract
	added_regions: dict = field(default_factory=dict)  # region → parent, from the 地区 sheet only
	enterprise_rows: dict = field(default_factory=dict)  # credit code → its Excel row in the 企业 sheet
	meetings: list = field(default_factory=list)  # Meeting of the 协商会议 sheet, by offer then date (rows in order)

	@property
	def offer_scopes(self):
		return {number: offer.scope for number, offer in self.offers.items()}

	@property
	def contract_kinds(self):
		return {number: contract.kind for number, contract in self.contracts.items()}

	def enterprise(self, key):
		return next((e for e in self.enterprises if e.key == key), None)

	def tree(self):
		return RegionTree(self.regions)

	def latest_campaign(self):
		"""The campaign that starts last (the only one, usually); None in an empty ledger."""
		if not self.campaigns:
			return None
		return max(self.campaigns.values(), key=lambda c: (c.start, c.name))

	def annex(self, unit, campaign, as_of):
		"""counting.count_annex over this ledger (campaign: a name)."""
		return count_annex(self.enterprises, self.offer_lines, self.contract_lines, self.tree(), campaign, unit, as_of)


