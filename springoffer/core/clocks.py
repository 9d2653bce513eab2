"""The legal clocks of the campaign, in calendar days.

湖南省集体合同规定 / 集体合同规定 (劳动和社会保障部令第22号): an offer is answered within 20 days
(Art. 32), a signed contract goes to HRSS within 10 days (Art. 42), HRSS reviews within 15 days of
receipt and a contract it raises no objection to takes effect (Art. 47). The day an event happens
does not count (民法典 Art. 201), so the last day of an n-day period is the event's date + n.
The DESIGN's rule "response due = date sent + 20 days" is that rule with the date sent standing in
for the date received.
"""

from datetime import timedelta

RESPONSE_DAYS = 20
SUBMISSION_DAYS = 10
CORRECTION_DAYS = 7
REVIEW_DAYS = 15
REMINDER_DAYS_BEFORE_DUE = 5
MIN_TERM_YEARS = 1
MAX_TERM_YEARS = 3


def response_due(date_sent):
	"""Last day on which the offer may be answered."""
	return date_sent + timedelta(days=RESPONSE_DAYS)


def is_overdue(due_date, as_of):
	"""True once the due date has passed (the due date itself is still in time)."""
	return as_of > due_date


def submission_due(signing_date):
	return signing_date + timedelta(days=SUBMISSION_DAYS)


def correction_due(notified_on):
	return notified_on + timedelta(days=CORRECTION_DAYS)


def review_window_end(received_on):
	"""Last day HRSS may object; the contract takes effect the day after."""
	return received_on + timedelta(days=REVIEW_DAYS)


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
