from datetime import date

import pytest

from springoffer.core import clocks


def test_response_due_is_twenty_days_after_sending_when_that_is_a_working_day():
	assert clocks.response_due(date(2023, 3, 1)) == date(2023, 3, 21)  # a Tuesday
	assert clocks.response_due(date(2023, 6, 15)) == date(2023, 7, 5)  # across a month end
	assert clocks.response_due(date(2024, 2, 20)) == date(2024, 3, 11)  # leap year, a Monday


def test_a_last_day_in_the_may_day_holiday_moves_to_the_first_working_day_after_it():
	# 2023-04-10 + 20 = 2023-04-30, inside the 2023 劳动节 holiday (04-29 … 05-03)
	assert clocks.response_due(date(2023, 4, 10)) == date(2023, 5, 4)
	assert clocks.submission_due(date(2023, 4, 21)) == date(2023, 5, 4)  # 05-01 itself


def test_a_last_day_on_a_tiaoxiu_working_weekend_stays():
	# 2023-04-23 is a Sunday worked in exchange for the May Day holiday (调休): no shift
	assert clocks.response_due(date(2023, 4, 3)) == date(2023, 4, 23)
	assert clocks.correction_due(date(2023, 4, 29)) == date(2023, 5, 6)  # Saturday 05-06, also 调休


def test_a_last_day_on_an_ordinary_weekend_moves_to_monday():
	assert clocks.response_due(date(2023, 3, 5)) == date(2023, 3, 27)  # 03-25 is a Saturday
	assert clocks.review_window_end(date(2023, 9, 15)) == date(2023, 10, 7)  # 09-30 … 10-06 国庆; 10-07 调休 Saturday


def test_a_year_without_the_state_councils_schedule_is_refused_not_guessed():
	with pytest.raises(clocks.CalendarNotCovered) as caught:
		clocks.response_due(date(2099, 3, 1))
	assert caught.value.year == 2099
	assert "Holiday Schedule" in str(caught.value)


def test_due_date_itself_is_still_in_time():
	due = date(2023, 3, 21)
	assert not clocks.is_overdue(due, date(2023, 3, 21))
	assert clocks.is_overdue(due, date(2023, 3, 22))
	assert not clocks.is_overdue(due, date(2023, 3, 1))


def test_submission_review_and_correction_clocks():
	assert clocks.submission_due(date(2023, 5, 25)) == date(2023, 6, 5)  # 06-04 is a Sunday
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
