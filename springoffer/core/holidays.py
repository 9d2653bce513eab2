"""A year's holiday schedule as the State Council publishes it each autumn (国务院办公厅关于某年部分
节假日安排的通知): the rest days (放假) and the weekends worked in exchange (调休上班). The legal
clocks (springoffer.core.clocks) read the schedules a site entered before the chinesecalendar library.

`read_notice` turns the notice's lines into days, so a year is entered by pasting its text:

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。

`problems` checks a schedule before it is saved; `disagreements` compares it with the library for the
years the library holds (the entered days win; the form lists where they differ).
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from springoffer.core.clocks import library_covers, library_is_working_day
from springoffer.core.rules import Violation

REST, WORK = "放假", "调休上班"
KINDS = (REST, WORK)
# chinesecalendar's holiday names as the notice writes them.
HOLIDAY_NAMES = {
	"New Year's Day": "元旦",
	"Spring Festival": "春节",
	"Tomb-sweeping Day": "清明节",
	"Labour Day": "劳动节",
	"Dragon Boat Festival": "端午节",
	"National Day": "国庆节",
	"Mid-autumn Festival": "中秋节",
	"Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
WEEKDAYS = "一二三四五六日"
# Days of the neighbouring years a notice may name: 元旦 may start on 30 or 31 December.
MARGIN = timedelta(days=10)

_ASIDE = re.compile(r"（[^）]*）|\([^)]*\)")  # （农历腊月二十八、周日）
_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．])?\s*([^：:，,。]{1,20}?)\s*[：:]")
_DAYS = re.compile(r"共\s*(\d+)\s*天")


@dataclass(frozen=True)
class HolidayDay:
	day: date
	kind: str  # REST or WORK
	holiday: str = ""


@dataclass(frozen=True)
class Disagreement:
	day: date
	entered: str  # 工作日 / 休息日, by the entered schedule
	library: str  # by chinesecalendar


def _dates(text, year):
	"""The dates a clause names, in order; a date without a year or month takes the previous one's."""
	found = []
	last_year, last_month = year, None
	for y, m, d in _DATE.findall(text):
		last_year = int(y) if y else last_year
		last_month = int(m) if m else last_month
		if last_month is None:
			raise ValueError(d)
		found.append(date(last_year, last_month, int(d)))
	return found


def read_notice(year, text):
	"""(days, problems): each line of the notice read as its holiday's rest days and its 调休 working
	days; a line that names days but cannot be read, or whose 共 N 天 does not match, is a problem
	(the line quoted), never a guess."""
	days, problems = [], []
	holiday = ""
	for line in (raw.strip() for raw in text.splitlines()):
		if not line:
			continue
		heading = _HEADING.match(line)
		if heading and ("放假" in line or "上班" in line):
			holiday = heading.group(1).strip()
		for sentence in filter(None, (s.strip() for s in re.split(r"[。；;]", line))):
			if "放假" not in sentence and "上班" not in sentence:
				continue
			plain = _ASIDE.sub("", sentence)
			if heading and plain.startswith(heading.group(0).strip()):
				plain = plain[len(heading.group(0).strip()) :]
			elif not heading and not _DATE.search(plain):
				continue  # the notice's prose (经国务院批准，现将…放假调休日期…通知如下)
			try:
				if "放假" in plain:
					days += _rest_days(year, plain, holiday, problems, sentence)
				if "上班" in plain:
					clause = plain[plain.rindex("放假") + 2 :] if "放假" in plain else plain
					days += [HolidayDay(d, WORK, holiday) for d in _dates(clause, year)]
			except ValueError:
				problems.append(sentence)
	return days, problems


def _rest_days(year, plain, holiday, problems, sentence):
	clause = plain[: plain.index("放假")]
	named = _dates(clause, year)
	if not named:
		raise ValueError(clause)
	if "至" in clause and len(named) == 2:
		first, last = named
		if last < first:  # 12月31日至1月2日 written without the second year
			last = last.replace(year=last.year + 1)
		span = [first + timedelta(days=n) for n in range((last - first).days + 1)]
	else:
		span = named
	stated = _DAYS.search(plain)
	if stated and int(stated.group(1)) != len(span):
		problems.append(sentence)
		return []
	return [HolidayDay(d, REST, holiday) for d in span]


def problems(year, days):
	"""Violations of a schedule for `year`: days outside it, a day listed twice, a 调休 working day
	that is not a weekend (it is a working day already)."""
	found = []
	seen = {}
	for entry in days:
		if not (date(year, 1, 1) - MARGIN <= entry.day <= date(year, 12, 31) + MARGIN):
			found.append(Violation("days", "{0} is not in {1}; enter it in that year's schedule", (entry.day, year)))
		if entry.day in seen:
			found.append(Violation("days", "{0} is listed twice; keep one row for it", (entry.day,)))
		seen[entry.day] = entry.kind
		if entry.kind == WORK and entry.day.weekday() < 5:
			found.append(
				Violation(
					"days",
					"{0} is a {1}, a working day already; only a weekend can be a 调休 working day",
					(entry.day, "星期" + WEEKDAYS[entry.day.weekday()]),
				)
			)
	return found


def disagreements(year, days):
	"""Days of `year` that the entered schedule and chinesecalendar count differently ([] when the
	library does not hold the year)."""
	if not library_covers(year):
		return []
	listed = {entry.day: entry.kind == WORK for entry in days}
	found = []
	day = date(year, 1, 1)
	while day.year == year:
		entered = listed.get(day, day.weekday() < 5)
		library = library_is_working_day(day)
		if entered != library:
			found.append(Disagreement(day, _label(entered), _label(library)))
		day += timedelta(days=1)
	return found


def _label(working):
	return "工作日" if working else "休息日"


def library_schedule(year):
	"""The year as chinesecalendar holds it, as rows of a schedule ([] for a year it does not hold)."""
	if not library_covers(year):
		return []
	holidays = chinese_calendar.constants.holidays
	workdays = chinese_calendar.constants.workdays
	rows = [HolidayDay(d, REST, HOLIDAY_NAMES.get(name, name)) for d, name in holidays.items() if d.year == year]
	rows += [HolidayDay(d, WORK, HOLIDAY_NAMES.get(name, name)) for d, name in workdays.items() if d.year == year]
	return sorted(rows, key=lambda row: row.day)


def library_years():
	"""The years chinesecalendar holds."""
	years = {d.year for d in chinese_calendar.constants.holidays}
	return sorted(year for year in years if library_covers(year))


def split(days):
	"""(rest days, working days) of a schedule, as the clocks' HolidayCalendar takes them."""
	return (
		frozenset(entry.day for entry in days if entry.kind == REST),
		frozenset(entry.day for entry in days if entry.kind == WORK),
	)
