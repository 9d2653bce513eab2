"""The optional 协商会议 sheet: one row per meeting held in an agreed offer's negotiation (要约编号,
会议日期, 地点, 结果). Each row names an offer of the 要约 sheet answered 同意协商 and falls on or after
its answer (集体合同规定 Art. 32); a blank 结果 continues the talks. Absent, nothing changes."""

from springoffer.core import categories
from springoffer.core import negotiation as talks
from springoffer.core.ledger.model import Meeting
from springoffer.core.ledger.sheets import MEETING_DATE, MEETINGS, OFFER_NO, OFFERS, PLACE, RESPONSE, RESULT
from springoffer.core.ledger.values import _clean


class MeetingSheet:
	"""Reader part: the 协商会议 sheet (mixed into reader._Reader, read after the offers)."""

	def read_meetings(self):
		self.meetings = []
		sheet = self.sheet(MEETINGS)
		if sheet is None:
			return
		found = []
		for row, record in sheet.rows:
			meeting = self._meeting(row, record)
			if meeting is not None:
				found.append(meeting)
		# each offer's meetings in the order they were held (rows of one day keep their order)
		self.meetings = sorted(found, key=lambda m: (m.offer, m.held_on, m.row))

	def _meeting(self, row, record):
		number = self.text(MEETINGS, row, record, OFFER_NO)
		held_on = self.date(MEETINGS, row, record, MEETING_DATE)
		outcome = self.choice(MEETINGS, row, record, RESULT, talks.OUTCOMES, blank=talks.CONTINUE)
		if not number:
			return None
		offer = self.offers.get(number)
		if offer is None:
			if OFFERS not in self.sheets:
				self.error(MEETINGS, row, f"填了要约编号 {number}，但台帐中没有「{OFFERS}」工作表；请补上该表，或删去本行", OFFER_NO)
			elif number not in self.offer_numbers:
				self.error(MEETINGS, row, f"要约编号 {number} 不在「{OFFERS}」工作表中；请改正编号（同一台帐中的要约编号），或删去本行", OFFER_NO)
			return None  # an offer whose own rows are wrong is reported on the 要约 sheet
		if offer.response != categories.AGREED:
			self.error(
				MEETINGS,
				row,
				f"要约 {number} 的回应情况是「{offer.response}」，不是「{categories.AGREED}」；协商会议只记录企业方同意协商的要约，请核对要约编号或{RESPONSE}",
				OFFER_NO,
			)
			return None
		if held_on and offer.response_date and held_on < offer.response_date:
			self.error(
				MEETINGS,
				row,
				f"会议日期 {held_on:%Y-%m-%d} 早于要约 {number} 的回应日期 {offer.response_date:%Y-%m-%d}；协商在企业方同意后进行（集体合同规定第三十二条），请核对日期",
				MEETING_DATE,
			)
			return None
		if held_on is None or outcome is None:
			return None
		return Meeting(number, held_on, _clean(record.get(PLACE)), outcome, row)
