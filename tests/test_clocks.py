from datetime import date

import pytest

from springoffer.core import clocks


def test_response_due_is_twenty_calendar_days_after_sending():
	assert clocks.response_due(date(2023, 3, 1)) == date(2023, 3, 21)
	# weekends and month ends do not shift it
	assert clocks.response_due(date(2023, 6, 15)) == date(2023, 7, 5)
	assert clocks.response_due(date(2024, 2, 20)) == date(2024, 3, 11)  # leap year


def test_due_date_itself_is_still_in_time():
	due = date(2023, 3, 21)
	assert not clocks.is_overdue(due, date(2023, 3, 21))
	assert clocks.is_overdue(due, date(2023, 3, 22))
	assert not clocks.is_overdue(due, date(2023, 3, 1))


def test_submission_review_and_correction_clocks():
	assert clocks.submission_due(date(2023, 5, 25)) == date(2023, 6, 4)
	assert clocks.review_window_end(date(2023, 6, 1)) == date(2023, 6, 16)
	assert clocks.takes_effect_on(date(2023, 6, 1)) == date(2023, 6, 17)
	assert clocks.correction_due(date(2023, 6, 1)) == date(2023, 6, 8)
	assert clocks.reminder_date(date(2023, 3, 21)) == date(2023, 3, 16)


@pytest.mark.parametrize(
	"start,end,ok",
	[
		(date(2023, 7, 1), date(2024, 6, 30), True),  # one year, the usual way
		(date(2023, 7, 1), date(2024, 7, 1), True),
		(date(2023, 7, 1), date(2026, 6, 30), True),  # three years
		(date(2023, 7, 1), date(2026, 7, 1), True),
		(date(2023, 7, 1), date(2024, 6, 29), False),  # a day short of a year
		(date(2023, 7, 1), date(2026, 7, 2), False),  # a day over three years
		(date(2023, 7, 1), date(2023, 7, 1), False),
		(date(2023, 7, 1), date(2023, 1, 1), False),
		(date(2024, 2, 29), date(2025, 2, 27), True),
		(date(2024, 2, 29), date(2025, 2, 26), False),
	],
)
def test_term_in_range(start, end, ok):
	assert clocks.term_in_range(start, end) is ok


def test_add_years_on_29_february():
	assert clocks.add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
	assert clocks.add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_default_as_of_caps_at_campaign_end():
	assert clocks.default_as_of(date(2023, 5, 1), date(2023, 6, 30)) == date(2023, 5, 1)
	assert clocks.default_as_of(date(2026, 11, 25), date(2023, 6, 30)) == date(2023, 6, 30)
