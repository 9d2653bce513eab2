"""Holiday schedules entered from the State Council's notice: read, checked, compared with the library,
and read by the legal clocks before it (springoffer.core.holidays, springoffer.core.clocks)."""

from datetime import date

import pytest

from springoffer.core import clocks, holidays
from springoffer.core.holidays import REST, WORK, HolidayDay

# 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）, as published.
NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作。"""

NOTICE_2023 = """一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。
三、清明节：4月5日放假，共1天。
四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。
五、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。
六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。"""

# A 2027 schedule as an administrator would enter it (the library holds no 2027).
NOTICE_2027 = """四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。"""


@pytest.fixture
def entered():
	"""Install a calendar of entered schedules for one test, then go back to the library alone."""

	def install(**notices):
		schedules = {}
		for key, text in notices.items():
			year = int(key[1:])
			days, problems = holidays.read_notice(year, text)
			assert problems == []
			schedules[year] = holidays.split(days)
		calendar = clocks.HolidayCalendar(schedules)
		clocks.use_calendar_source(lambda: calendar)
		return calendar

	yield install
	clocks.use_calendar_source(None)


def test_the_2026_notice_reads_as_the_library_holds_the_year():
	days, problems = holidays.read_notice(2026, NOTICE_2026)
	assert problems == []
	assert holidays.split(days) == holidays.split(holidays.library_schedule(2026))
	assert holidays.disagreements(2026, days) == []
	assert HolidayDay(date(2026, 2, 14), WORK, "春节") in days
	assert len([d for d in days if d.kind == REST]) == 3 + 9 + 3 + 5 + 3 + 3 + 7


def test_a_range_across_the_new_year_and_two_holidays_in_one_line():
	days, problems = holidays.read_notice(2023, NOTICE_2023)
	assert problems == []
	rest, work = holidays.split(days)
	assert {date(2022, 12, 31), date(2023, 1, 1), date(2023, 1, 2)} <= rest
	assert {date(2023, 10, 7), date(2023, 10, 8), date(2023, 4, 23)} <= work
	assert {d.holiday for d in days if d.day == date(2023, 10, 1)} == {"中秋节、国庆节"}
	assert holidays.disagreements(2023, days) == []


def test_a_line_whose_day_count_disagrees_is_quoted_not_guessed():
	text = "三、清明节：4月4日（周六）至6日（周一）放假，共4天。\n四、劳动节：五月一日放假。"
	days, problems = holidays.read_notice(2026, text)
	assert days == []
	assert problems == ["三、清明节：4月4日（周六）至6日（周一）放假，共4天", "四、劳动节：五月一日放假"]


def test_schedule_problems_name_the_day():
	days = [
		HolidayDay(date(2027, 5, 3), REST),
		HolidayDay(date(2027, 5, 3), REST),  # twice
		HolidayDay(date(2027, 5, 6), WORK),  # a Thursday
		HolidayDay(date(2028, 3, 1), REST),  # another year
	]
	messages = [(v.message, v.args) for v in holidays.problems(2027, days)]
	assert ("{0} is listed twice; keep one row for it", (date(2027, 5, 3),)) in messages
	assert ("{0} is a {1}, a working day already; only a weekend can be a 调休 working day", (date(2027, 5, 6), "星期四")) in messages
	assert ("{0} is not in {1}; enter it in that year's schedule", (date(2028, 3, 1), 2027)) in messages
	assert holidays.problems(2027, [HolidayDay(date(2026, 12, 31), REST)]) == []  # 元旦 may start in December


def test_a_day_that_disagrees_with_the_library_is_listed():
	days, _ = holidays.read_notice(2026, NOTICE_2026.replace("、10月10日（周六）上班", "上班"))
	assert holidays.disagreements(2026, days) == [holidays.Disagreement(date(2026, 10, 10), "休息日", "工作日")]
	assert holidays.disagreements(2027, days) == []  # the library holds no 2027: nothing to compare


def test_a_year_in_neither_is_refused(entered):
	entered()
	with pytest.raises(clocks.CalendarNotCovered) as caught:
		clocks.response_due(date(2027, 4, 6))
	assert caught.value.year == 2027


def test_a_year_entered_by_hand_drives_the_clocks(entered):
	entered(y2027=NOTICE_2027)
	assert clocks.response_due(date(2027, 4, 6)) == date(2027, 4, 26)  # a Monday
	assert clocks.response_due(date(2027, 4, 12)) == date(2027, 5, 6)  # 05-02 in the May Day holiday
	assert clocks.response_due(date(2027, 4, 5)) == date(2027, 4, 25)  # a Sunday worked (调休)
	assert clocks.response_due(date(2027, 4, 3)) == date(2027, 4, 23)  # an ordinary Friday


def test_an_entered_day_wins_over_the_library(entered):
	assert clocks.response_due(date(2026, 9, 20)) == date(2026, 10, 10)  # the library's 调休 Saturday
	entered(y2026=NOTICE_2026.replace("、10月10日（周六）上班", "上班"))
	assert clocks.response_due(date(2026, 9, 20)) == date(2026, 10, 12)  # entered as a rest day: Monday
	assert clocks.response_due(date(2026, 3, 2)) == date(2026, 3, 23)  # other days as before


def test_the_library_years_are_its_whole_range():
	years = holidays.library_years()
	assert years[0] == 2004 and years[-1] >= 2026
	assert all(holidays.problems(y, holidays.library_schedule(y)) == [] for y in years)
