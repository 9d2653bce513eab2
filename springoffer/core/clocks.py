"""The legal clocks of the campaign.

湖南省集体合同规定 / 集体合同规定 (劳动和社会保障部令第22号): an offer is answered within 20 days
(Art. 32), a signed contract goes to HRSS within 10 days (Art. 42), HRSS reviews within 15 days of
receipt and a contract it raises no objection to takes effect (Art. 47). The day an event happens
does not count (民法典 Art. 201), so an n-day period ends on the event's date + n; when that day is a
rest day — a weekend or a statutory holiday by the State Council's schedule, its 调休 working
weekends being working days — the period ends on the first working day after it (民法典 Art. 203).
The schedule is the site's: years entered from the State Council's notice (节假日安排, see
springoffer.core.holiday_notice) come first, through the calendar source the Frappe side installs with
`use_calendar_source`; other years come from the chinesecalendar package (2004–2026 in 1.11). A year in
neither is refused with CalendarNotCovered, never guessed. The 20 days of Art. 32 run from the day the
employer side received the offer ("在收到集体协商要求之日起20日内"), not the day it was sent: an offer
with no receipt on record has no due date and is never overdue.
"""

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

RESPONSE_DAYS = 20
SUBMISSION_DAYS = 10
CORRECTION_DAYS = 7
REVIEW_DAYS = 15
REMINDER_DAYS_BEFORE_DUE = 5
MIN_TERM_YEARS = 1
MAX_TERM_YEARS = 3


class CalendarNotCovered(ValueError):
	"""Neither the site nor the library holds the State Council's holiday schedule for a year."""

	message = (
		"The State Council holiday schedule for {0} has not been entered, so the legal deadline cannot be "
		"computed; a province administrator enters it under Holiday Schedule from the State Council's notice, "
		"then try again"
	)

	def __init__(self, year):
		super().__init__(self.message.format(year))
		self.year = year


@lru_cache(maxsize=4096)
def library_is_working_day(day):
	"""True on a working day by chinesecalendar's copy of the State Council's schedule."""
	try:
		return chinese_calendar.is_workday(day)
	except NotImplementedError:
		raise CalendarNotCovered(day.year) from None


def library_covers(year):
	try:
		chinese_calendar.is_workday(date(year, 1, 1))
	except NotImplementedError:
		return False
	return True


class HolidayCalendar:
	"""The schedules a site entered, {year: (rest days, 调休 working days)}, and the library for
	every other year. A day listed as rest or working counts as listed, whatever year holds it; any
	other day of an entered year is a working day from Monday to Friday."""

	def __init__(self, schedules=None):
		schedules = schedules or {}
		self.years = frozenset(schedules)
		self.rest = frozenset(day for rest, _work in schedules.values() for day in rest)
		self.work = frozenset(day for _rest, work in schedules.values() for day in work)

	def is_working_day(self, day):
		if day in self.rest:
			return False
		if day in self.work:
			return True
		if day.year in self.years:
			return day.weekday() < 5
		return library_is_working_day(day)


LIBRARY = HolidayCalendar()
_calendar_source = None


def use_calendar_source(source):
	"""Install `source()` → HolidayCalendar (or None for the library alone) as the clocks' calendar."""
	global _calendar_source
	_calendar_source = source


def current_calendar():
	return (_calendar_source() if _calendar_source else None) or LIBRARY


def is_working_day(day):
	"""True on a working day by the State Council's schedule (调休 weekends included)."""
	return current_calendar().is_working_day(day)


def period_end(start, days):
	"""Last day of a period of `days` days from the event on `start` (民法典 Arts. 201 and 203)."""
	return _period_end(current_calendar(), start, days)


@lru_cache(maxsize=8192)
def _period_end(calendar, start, days):
	day = start + timedelta(days=days)
	while not calendar.is_working_day(day):
		day += timedelta(days=1)
	return day


def response_due(received_on):
	"""Last day on which an offer received on `received_on` may be answered (Art. 32); None when its
	receipt is not on record."""
	return period_end(received_on, RESPONSE_DAYS) if received_on else None


def is_overdue(due_date, as_of):
	"""True once the due date has passed (the due date itself is still in time); never without one."""
	return due_date is not None and as_of > due_date


def submission_due(signing_date):
	return period_end(signing_date, SUBMISSION_DAYS)


def correction_due(notified_on):
	return period_end(notified_on, CORRECTION_DAYS)


def review_window_end(received_on):
	"""Last day HRSS may object; the contract takes effect the day after."""
	return period_end(received_on, REVIEW_DAYS)


def takes_effect_on(received_on):
	return review_window_end(received_on) + timedelta(days=1)


def reminder_date(due_date):
	return due_date - timedelta(days=REMINDER_DAYS_BEFORE_DUE)


def add_years(day, years):
	"""Same day `years` later; 29 February falls back to 28 February."""
	try:
		return day.replace(year=day.year + years)
	except ValueError:
		return day.replace(year=day.year + years, day=28)


def term_in_range(start, end):
	"""A contract term of one to three years: 2023-07-01 … 2024-06-30 and … 2024-07-01 both count as one."""
	if end <= start:
		return False
	shortest = add_years(start, MIN_TERM_YEARS) - timedelta(days=1)
	longest = add_years(start, MAX_TERM_YEARS)
	return shortest <= end <= longest


def default_as_of(today, campaign_end):
	"""The report's as-of date: today while the campaign runs, its end once it is over."""
	return min(today, campaign_end)
