"""The 要约 sheet: rows grouped into offers, each offer's cells and dates checked."""

from springoffer.core import categories
from springoffer.core.counting import OfferLine
from springoffer.core.ledger.model import Offer
from springoffer.core.ledger.sheets import (
	CAMPAIGN,
	CAMPAIGNS,
	DATE_SENT,
	DELIVERED_ON,
	DELIVERY_METHOD,
	HRSS_HANDLING,
	HRSS_HANDLING_DATE,
	OFFER_NO,
	OFFERS,
	REFUSAL_REASON,
	RESPONSE,
	RESPONSE_DATE,
	SCOPE,
)
from springoffer.core.ledger.values import _UNREADABLE, _clean, _or_unreadable

# The cells every row of one offer repeats (all but the enterprise and its covered workers).
_OFFER_CELLS = (
	OFFER_NO, CAMPAIGN, SCOPE, DATE_SENT, RESPONSE, RESPONSE_DATE, REFUSAL_REASON, HRSS_HANDLING, HRSS_HANDLING_DATE,
	DELIVERED_ON, DELIVERY_METHOD,
)  # fmt: skip


class OfferSheet:
	"""Reader part: the 要约 sheet (mixed into reader._Reader, after RecordSheets)."""

	def read_offers(self):
		self.offers = {}
		self.offer_lines = []
		# Without a 送达日期 column the ledger predates delivery on record: each offer counts from its
		# date sent, marked 未记录（按发出日期计）, as the upgrade marks the site's own offers.
		sheet = self.sheets.get(OFFERS)
		self.deliveries_recorded = bool(sheet and sheet.usable and DELIVERED_ON in sheet.columns)
		groups, mixed = self.grouped_rows(OFFERS, _OFFER_CELLS, self._offer_cells)
		self.offer_numbers = set(groups)  # every number written, its offer readable or not
		for number, rows in groups.items():
			self._offer(number, rows, shared=number not in mixed)

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
			DELIVERED_ON: _or_unreadable(record.get(DELIVERED_ON), self.date(OFFERS, row, record, DELIVERED_ON, required=False)),
			DELIVERY_METHOD: (
				self.choice(OFFERS, row, record, DELIVERY_METHOD, categories.DELIVERY_METHODS) or _UNREADABLE
				if _clean(record.get(DELIVERY_METHOD))
				else None
			),
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
			self._agree(OFFERS, OFFER_NO, number, rows, (CAMPAIGN, SCOPE, DATE_SENT, RESPONSE, RESPONSE_DATE, DELIVERED_ON, DELIVERY_METHOD))
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
		delivered_on, method = self._delivery(first_row, first, sent)
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
			or any(v is _UNREADABLE for v in (scope, sent, response, answered, delivered_on, method))
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
			delivered_on=delivered_on,
			delivery_method=method or "",
		)
		self.offers[number] = offer
		self.offer_lines += (
			OfferLine(number, campaign.name, code, workers, sent, response, answered, offer.refusal_reason, offer.hrss_handling, delivered_on)
			for code, workers in coverage
		)

	def _delivery(self, first_row, first, sent):
		"""(送达日期, 送达方式) of an offer: the date sent and 未记录 when the ledger has no 送达日期 column;
		otherwise as written, checked against the dates sent and answered."""
		if not self.deliveries_recorded:
			return sent, categories.DELIVERY_UNRECORDED
		received, method = first[DELIVERED_ON], first[DELIVERY_METHOD]
		if received is None and method == categories.DELIVERY_UNRECORDED:
			return sent, method
		if received in (None, _UNREADABLE):
			return received, method
		if method is None:
			self.error(OFFERS, first_row, f"填了送达日期 {received}，请同时填写送达方式，可选：{'、'.join(categories.DELIVERY_METHODS)}")
			return _UNREADABLE, method
		if sent is not _UNREADABLE and received < sent:
			self.error(OFFERS, first_row, f"送达日期 {received} 早于发出日期 {sent}；请核对两个日期")
			return _UNREADABLE, method
		return received, method
