"""The 集体合同 sheet: rows grouped into contracts, each row's offer checked against the 要约 sheet."""

from springoffer.core import categories
from springoffer.core.counting import ContractLine
from springoffer.core.ledger import spellings
from springoffer.core.ledger.model import Contract
from springoffer.core.ledger.sheets import (
	CAMPAIGN,
	CANCELLATION_REASON,
	CANCELLED,
	CONTRACT_NO,
	CONTRACTS,
	KIND,
	OFFER_NO,
	OFFERS,
	SIGNING_DATE,
	STATUS,
)
from springoffer.core.ledger.values import _UNREADABLE, _clean, _options

# The cells every row of one contract repeats (all but the enterprise and its covered workers).
_CONTRACT_CELLS = (CONTRACT_NO, CAMPAIGN, KIND, SIGNING_DATE, STATUS, OFFER_NO, CANCELLATION_REASON)


class ContractSheet:
	"""Reader part: the 集体合同 sheet (mixed into reader._Reader, after RecordSheets and OfferSheet)."""

	def read_contract_rows(self):
		"""The 集体合同 rows grouped by contract, their cells checked; what they say of an offer waits for
		the 要约 sheet (read_contracts). Read before the offers: this sheet is parsed first, and the
		larger 要约 sheet meanwhile on the other core."""
		self._naming_offers = []  # (row, values, credit code) of each row with a 要约编号

		def names_offer(row, values, code):
			if values[OFFER_NO]:
				self._naming_offers.append((row, values, code))

		self._contract_groups, _mixed = self.grouped_rows(CONTRACTS, _CONTRACT_CELLS, self._contract_cells, names_offer)

	def read_contracts(self):
		"""The contracts, once the offers are read."""
		self.contracts = {}
		self.contract_lines = []
		for row, values, code in self._naming_offers:
			self._contract_offer(row, values, code)
		for number, rows in self._contract_groups.items():
			self._contract(number, rows)
		self._naming_offers = self._contract_groups = None

	def _contract_cells(self, row, record):
		"""(合同编号, the contract-level values) of one 集体合同 row, each cell checked."""
		number = self.text(CONTRACTS, row, record, CONTRACT_NO)
		name = self.text(CONTRACTS, row, record, CAMPAIGN)
		campaign = self.campaign(CONTRACTS, row, name)
		status = _clean(record.get(STATUS))
		meant = spellings.meaning(STATUS, status)
		if meant is None:
			self.error(
				CONTRACTS,
				row,
				f"「{STATUS}」的“{status}”无法识别；已签订的合同留空或填{_options(spellings.accepted(STATUS)[:4])}等，已撤销的合同填「{CANCELLED}」、撤销或作废",
			)
			cancelled = _UNREADABLE
		else:
			cancelled = meant == CANCELLED
		values = {
			CAMPAIGN: name,
			KIND: self.choice(CONTRACTS, row, record, KIND, categories.CONTRACT_KINDS) or _UNREADABLE,
			SIGNING_DATE: self.date(CONTRACTS, row, record, SIGNING_DATE) or _UNREADABLE,
			STATUS: cancelled,
			OFFER_NO: _clean(record.get(OFFER_NO)),
			CANCELLATION_REASON: _clean(record.get(CANCELLATION_REASON)),
			"_campaign": campaign,
		}
		return number, values

	def _contract_offer(self, row, values, code):
		"""A contract row naming an offer: the offer exists, is of the same campaign and covers the enterprise."""
		offer_no, campaign = values[OFFER_NO], values["_campaign"]
		if self.usable(OFFERS):
			offer = self.offers.get(offer_no)
			if offer is None:
				if offer_no not in self.offer_numbers:
					self.error(
						CONTRACTS,
						row,
						f"要约编号 {offer_no} 不在「{OFFERS}」工作表中；请改正编号，或清空此格（合同可以没有要约）",
					)
			else:
				if campaign and offer.campaign != campaign.name:
					self.error(
						CONTRACTS,
						row,
						f"合同属于活动「{campaign.name}」，其要约 {offer_no} 却属于「{offer.campaign}」；请核对活动或要约编号",
					)
				if code and not offer.covers(code):
					self.error(
						CONTRACTS,
						row,
						f"要约 {offer_no} 没有覆盖企业 {code}；请核对要约编号或统一社会信用代码",
					)
		elif OFFERS not in self.sheets:
			self.error(CONTRACTS, row, f"填了要约编号 {offer_no}，但台帐中没有「{OFFERS}」工作表；请补上该表或清空此格")

	def _contract(self, number, rows):
		self._agree(CONTRACTS, CONTRACT_NO, number, rows, (CAMPAIGN, KIND, SIGNING_DATE, STATUS, OFFER_NO))
		first_row, first = rows[0][:2]
		coverage = self._coverage(CONTRACTS, CONTRACT_NO, number, rows)
		campaign, kind, signed, cancelled = first["_campaign"], first[KIND], first[SIGNING_DATE], first[STATUS]
		reasons = [v[CANCELLATION_REASON] for _, v, _code, _workers in rows if v[CANCELLATION_REASON]]
		broken = (
			campaign is None
			or any(v is _UNREADABLE for v in (kind, signed, cancelled))
			or any(code is None or workers is None for _, _values, code, workers in rows)
		)
		if broken or number in self.contracts:
			return
		self.contracts[number] = Contract(
			number=number,
			campaign=campaign.name,
			kind=kind,
			signing_date=signed,
			cancelled=cancelled,
			offer=first[OFFER_NO],
			cancellation_reason=reasons[0] if reasons else "",
			coverage=tuple(coverage),
			row=first_row,
		)
		for code, workers in coverage:
			self.contract_lines.append(ContractLine(number, campaign.name, code, workers, signed, cancelled))
