"""The 企业, 要约 and 集体合同 sheets: enterprises, and offers and contracts grouped by their numbers."""

from operator import itemgetter

from springoffer.core import categories, credit_code
from springoffer.core.counting import ContractLine, Enterprise, OfferLine
from springoffer.core.ledger import spellings
from springoffer.core.ledger.model import Contract, Offer
from springoffer.core.ledger.sheets import (
	CAMPAIGN,
	CAMPAIGNS,
	CANCELLATION_REASON,
	CANCELLED,
	CATEGORY,
	CODE,
	CONTRACT_NO,
	CONTRACTS,
	DATE_SENT,
	EMPLOYEES,
	ENTERPRISES,
	HRSS_HANDLING,
	HRSS_HANDLING_DATE,
	KIND,
	NAME,
	OFFER_NO,
	OFFERS,
	REFUSAL_REASON,
	REGION,
	REGIONS,
	RESPONSE,
	RESPONSE_DATE,
	SCOPE,
	SIGNING_DATE,
	STATUS,
	WORKERS,
)
from springoffer.core.ledger.values import (
	_UNREADABLE,
	_clean,
	_options,
	_or_unreadable,
	_show,
	code_error_text,
	normalize_code,
)

# The cells every row of one offer or contract repeats (all but the enterprise and its covered workers).
_OFFER_CELLS = (OFFER_NO, CAMPAIGN, SCOPE, DATE_SENT, RESPONSE, RESPONSE_DATE, REFUSAL_REASON, HRSS_HANDLING, HRSS_HANDLING_DATE)
_CONTRACT_CELLS = (CONTRACT_NO, CAMPAIGN, KIND, SIGNING_DATE, STATUS, OFFER_NO, CANCELLATION_REASON)


class RecordSheets:
	"""Reader part: the 企业, 要约 and 集体合同 sheets (mixed into reader._Reader)."""

	def read_enterprises(self):
		self.enterprises = []
		self.employees = {}
		self.known = {}  # credit code → (row, employees or None): enterprises other sheets may name
		self.enterprises_checked = self.usable(ENTERPRISES)
		for row, record in self.rows(ENTERPRISES):
			raw = record.get(CODE)
			if raw.__class__ is str and len(raw) == 18 and raw.isalnum() and raw.isascii() and raw.isupper():
				code = raw  # as printed on the licence: nothing to normalise
			else:
				raw = _clean(raw)
				code = normalize_code(raw)
			valid = False
			if not code:
				self.error(ENTERPRISES, row, f"请填写「{CODE}」（18 位，见营业执照）")
			else:
				problem = credit_code.check(code)
				if problem:
					self.error(ENTERPRISES, row, f"{code_error_text(problem)}（所填：{raw}）")
				elif code in self.known:
					self.error(
						ENTERPRISES,
						row,
						f"{CODE} {code} 与第 {self.known[code][0]} 行重复；同一企业只登记一行，请删去或改正其中一行",
					)
				else:
					valid = True
			name = self.text(ENTERPRISES, row, record, NAME)
			category = self.choice(ENTERPRISES, row, record, CATEGORY, categories.REPORT_CATEGORIES)
			region = self.text(ENTERPRISES, row, record, REGION)
			if region and self.regions_checked and region not in self.regions:
				self.error(
					ENTERPRISES,
					row,
					f"所在地区「{region}」不在地区树中；请填湖南省、市州或县市区名称，县市区须先在「{REGIONS}」工作表中列出（地区、上级地区）",
				)
				region = None
			employees = self.positive(ENTERPRISES, row, record, EMPLOYEES)
			if valid:
				self.known[code] = (row, employees)
				if name and category and region:
					self.enterprises.append(Enterprise(key=code, name=name, category=category, region=region))
				if employees is not None:
					self.employees[code] = employees

	def covered(self, sheet, row, record):
		"""(credit code, workers) of one coverage row; code None when it names no registered enterprise."""
		return self.plainly_covered(record.get(CODE), record.get(WORKERS)) or self._covered(sheet, row, record)

	def plainly_covered(self, code, workers):
		"""(code, workers) of the common row — a code as the 企业 sheet writes it, a whole number of
		workers within the enterprise's employees — where there is nothing to report; else None."""
		enterprise = self.known.get(code)
		if enterprise is not None and workers.__class__ is float and workers.is_integer() and 0 < workers <= (enterprise[1] or workers):
			return code, int(workers)
		return None

	def _covered(self, sheet, row, record):
		raw = _clean(record.get(CODE))
		code = normalize_code(raw)
		if not code:
			self.error(sheet, row, f"请填写「{CODE}」（须是「{ENTERPRISES}」工作表中已登记的企业）")
			code = None
		elif self.enterprises_checked and code not in self.known:
			problem = credit_code.check(code)
			if problem:
				self.error(sheet, row, f"{code_error_text(problem)}（所填：{raw}）")
			else:
				self.error(
					sheet,
					row,
					f"{CODE} {code} 的企业不在「{ENTERPRISES}」工作表中；请先在「{ENTERPRISES}」工作表登记该企业，或改正代码",
				)
			code = None
		elif not self.enterprises_checked:
			code = None
		workers = self.positive(sheet, row, record, WORKERS)
		if code and workers is not None:
			employees = self.known[code][1]
			if employees is not None and workers > employees:
				self.error(
					sheet,
					row,
					f"覆盖职工数 {workers} 超过该企业的职工人数 {employees}（「{ENTERPRISES}」工作表第 {self.known[code][0]} 行）；请改正其中一个数字",
				)
		return code, workers

	def _agree(self, sheet, key_label, key, rows, fields):
		"""Every row of one offer/contract repeats the same `fields`; report the rows that differ from the first."""
		first_row, first = rows[0][:2]
		for row, values, _code, _workers in rows[1:]:
			if values is first:
				continue  # the same cells as the first row, read once
			for label in fields:
				a, b = first.get(label), values.get(label)
				if a is _UNREADABLE or b is _UNREADABLE:
					continue
				if a != b:
					self.error(
						sheet,
						row,
						f"{key_label} {key} 的「{label}」为“{_show(b)}”，与第 {first_row} 行的“{_show(a)}”不一致；同一{key_label[:2]}的各行应填得相同",
					)

	def _coverage(self, sheet, key_label, key, rows):
		coverage, seen = [], {}
		for row, _values, code, workers in rows:
			if code is None:
				continue
			if code in seen:
				self.error(
					sheet,
					row,
					f"{key_label} {key} 已在第 {seen[code]} 行覆盖企业 {code}；同一企业在一个{key_label[:2]}中只填一行，请删去重复行",
				)
				continue
			seen[code] = row
			if workers is not None:
				coverage.append((code, workers))
		return coverage

	def read_offers(self):
		self.offers = {}
		self.offer_numbers = set()
		self.offer_lines = []
		groups = {}  # 要约编号 → [(row, the offer's cells, credit code, workers)]
		mixed = set()  # numbers whose rows do not all share their first row's cells
		sheet = self.sheet(OFFERS)
		if sheet is not None:
			self._group_offer_rows(sheet, groups, mixed)
		self.offer_numbers = set(groups)  # every number written, its offer readable or not
		for number, rows in groups.items():
			self._offer(number, rows, shared=number not in mixed)

	def _group_offer_rows(self, sheet, groups, mixed):
		position = sheet.positions
		offer_cells = itemgetter(*(position[column] for column in _OFFER_CELLS if column in position))
		code_at, workers_at = position[CODE], position[WORKERS]
		# The next enterprise of the same offer repeats the offer's cells: what they gave is shared,
		# not read again (the last row's cells, read without error, and what they gave).
		previous_raw = previous = None
		for row, cells in sheet.cells():
			record = None
			raw = offer_cells(cells)
			if raw == previous_raw:
				number, values = previous
			else:
				record = sheet.record(cells)
				errors_before = len(self.errors)
				number, values = self._offer_cells(row, record)
				previous_raw, previous = (raw, (number, values)) if len(self.errors) == errors_before else (None, None)
			covered = self.plainly_covered(cells[code_at], cells[workers_at]) or self._covered(OFFERS, row, record or sheet.record(cells))
			if number:
				group = groups.get(number)
				if group is None:
					groups[number] = [(row, values, *covered)]
				else:
					group.append((row, values, *covered))
					if values is not group[0][1]:
						mixed.add(number)

	def _offer_cells(self, row, record):
		"""(要约编号, the offer-level values) of one 要约 row, each cell checked."""
		number = self.text(OFFERS, row, record, OFFER_NO)
		name = self.text(OFFERS, row, record, CAMPAIGN)
		values = {
			CAMPAIGN: name,
			SCOPE: self.choice(OFFERS, row, record, SCOPE, categories.OFFER_SCOPES) or _UNREADABLE,
			DATE_SENT: self.date(OFFERS, row, record, DATE_SENT) or _UNREADABLE,
			RESPONSE: self.choice(OFFERS, row, record, RESPONSE, categories.RESPONSES, blank=categories.PENDING) or _UNREADABLE,
			RESPONSE_DATE: _or_unreadable(record.get(RESPONSE_DATE), self.date(OFFERS, row, record, RESPONSE_DATE, required=False)),
			REFUSAL_REASON: _clean(record.get(REFUSAL_REASON)),
			HRSS_HANDLING: _clean(record.get(HRSS_HANDLING)),
			HRSS_HANDLING_DATE: _or_unreadable(
				record.get(HRSS_HANDLING_DATE), self.date(OFFERS, row, record, HRSS_HANDLING_DATE, required=False)
			),
			"_campaign": self.campaign(OFFERS, row, name),
		}
		return number, values

	def _offer(self, number, rows, shared=False):
		"""shared: every row has the first row's cells (the same values, read once)."""
		first = rows[0][1]
		texts = {}
		if shared:
			for label in (REFUSAL_REASON, HRSS_HANDLING, HRSS_HANDLING_DATE):
				value = first[label]
				texts[label] = None if value is None or value == "" else value
		else:
			self._agree(OFFERS, OFFER_NO, number, rows, (CAMPAIGN, SCOPE, DATE_SENT, RESPONSE, RESPONSE_DATE))
			self._offer_texts(number, rows, texts)
		self._offer_checks(number, rows, texts)

	def _offer_texts(self, number, rows, texts):
		# Texts of the whole offer may be written on one row only, but must not contradict each other.
		for label in (REFUSAL_REASON, HRSS_HANDLING, HRSS_HANDLING_DATE):
			filled = [(row, v[label]) for row, v, _code, _workers in rows if v[label] not in ("", None, _UNREADABLE)]
			for row, value in filled[1:]:
				if value != filled[0][1]:
					self.error(
						OFFERS,
						row,
						f"要约编号 {number} 的「{label}」与第 {filled[0][0]} 行不一致；一个要约只有一个{label}，请只填一处或填得相同",
					)
			texts[label] = filled[0][1] if filled else (_UNREADABLE if any(v[label] is _UNREADABLE for _, v, _code, _workers in rows) else None)

	def _offer_checks(self, number, rows, texts):
		first_row, first = rows[0][:2]
		coverage = self._coverage(OFFERS, OFFER_NO, number, rows)
		scope, sent, response, answered = first[SCOPE], first[DATE_SENT], first[RESPONSE], first[RESPONSE_DATE]
		campaign = first["_campaign"]
		if scope == categories.SCOPE_SINGLE and len(rows) > 1:
			self.error(
				OFFERS,
				first_row,
				f"要约编号 {number} 的要约范围为「{categories.SCOPE_SINGLE}」，却有 {len(rows)} 行（第 {'、'.join(str(r[0]) for r in rows)} 行）；"
				f"覆盖多家企业请填「{categories.SCOPE_INDUSTRY}」或「{categories.SCOPE_REGIONAL}」，否则请给每个要约单独编号",
			)
		if campaign and sent is not _UNREADABLE and not (campaign.start <= sent <= campaign.end):
			self.error(
				OFFERS,
				first_row,
				f"发出日期 {sent} 不在活动「{campaign.name}」期间（{campaign.start} 至 {campaign.end}）；"
				f"请核对日期，或在「{CAMPAIGNS}」工作表写明该活动的起止日期",
			)
		if response is not _UNREADABLE and answered is not _UNREADABLE:
			if response == categories.PENDING and answered:
				self.error(
					OFFERS,
					first_row,
					f"回应情况为「{categories.PENDING}」（或空白），却填了回应日期 {answered}；企业已回应请填回应情况，否则请清除回应日期",
				)
			elif response != categories.PENDING and not answered:
				self.error(OFFERS, first_row, f"回应情况为「{response}」，请填写回应日期")
			elif answered and sent is not _UNREADABLE and answered < sent:
				self.error(OFFERS, first_row, f"回应日期 {answered} 早于发出日期 {sent}；请核对两个日期")
		reason = texts[REFUSAL_REASON]
		if response == categories.REFUSED and not reason:
			self.error(
				OFFERS,
				first_row,
				f"回应情况为「{categories.REFUSED}」，请填写拒绝原因（如：{categories.REFUSAL_REASONS[0]}：具体情况）",
			)
		handled_on = texts[HRSS_HANDLING_DATE]
		if handled_on not in (None, _UNREADABLE):
			if not texts[HRSS_HANDLING]:
				self.error(OFFERS, first_row, f"填了人社部门处理日期 {handled_on}，请同时填写人社部门处理情况，或清除该日期")
			if answered not in (None, _UNREADABLE) and handled_on < answered:
				self.error(OFFERS, first_row, f"人社部门处理日期 {handled_on} 早于回应日期 {answered}；请核对两个日期")
		broken = (
			campaign is None
			or any(v is _UNREADABLE for v in (scope, sent, response, answered))
			or any(code is None or workers is None for _, _values, code, workers in rows)
		)
		if broken or number in self.offers:
			return
		offer = Offer(
			number=number,
			campaign=campaign.name,
			scope=scope,
			date_sent=sent,
			response=response,
			response_date=answered,
			refusal_reason=reason or "",
			hrss_handling=texts[HRSS_HANDLING] or "",
			hrss_handling_date=handled_on if handled_on is not _UNREADABLE else None,
			coverage=tuple(coverage),
			row=first_row,
		)
		self.offers[number] = offer
		self.offer_lines += (
			OfferLine(number, campaign.name, code, workers, sent, response, answered, offer.refusal_reason, offer.hrss_handling)
			for code, workers in coverage
		)

	def read_contracts(self):
		self.contracts = {}
		self.contract_lines = []
		groups = {}  # 合同编号 → [(row, the contract's cells, credit code, workers)]
		sheet = self.sheet(CONTRACTS)
		if sheet is not None:
			self._group_contract_rows(sheet, groups)
		for number, rows in groups.items():
			self._contract(number, rows)

	def _group_contract_rows(self, sheet, groups):
		position = sheet.positions
		contract_cells = itemgetter(*(position[column] for column in _CONTRACT_CELLS if column in position))
		code_at, workers_at = position[CODE], position[WORKERS]
		previous_raw = previous = None  # as for offers: the rows of one contract share its cells
		for row, cells in sheet.cells():
			record = None
			raw = contract_cells(cells)
			if raw == previous_raw:
				number, values = previous
			else:
				record = sheet.record(cells)
				errors_before = len(self.errors)
				number, values = self._contract_cells(row, record)
				previous_raw, previous = (raw, (number, values)) if len(self.errors) == errors_before else (None, None)
			code, workers = self.plainly_covered(cells[code_at], cells[workers_at]) or self._covered(
				CONTRACTS, row, record or sheet.record(cells)
			)
			if values[OFFER_NO]:
				self._contract_offer(row, values, code)
			if number:
				groups.setdefault(number, []).append((row, values, code, workers))

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


