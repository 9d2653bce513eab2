"""What a guest may send through the employer's answer link, checked before anything reaches the database.

A guest's request can carry anything: JSON numbers, lists and objects where text belongs, megabytes of
text, markup, dates that are not dates. Each guest method names its fields here; `clean` returns the
values as the method needs them (text stripped, dates as date/datetime) or raises GuestInputError with
the first problem, its message naming the field and saying how to fix it (English, translated through
translations/zh.csv like every core message). A malformed key — the link's secret or the credit code
— is not a field problem: it is `KeyRefused`, which the door answers with the one refusal it gives for
every wrong key.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from springoffer.core import categories as c
from springoffer.core.rules import Violation

# The first meeting an employer proposes: not before its answer, and within this many days of it.
MEETING_HORIZON_DAYS = 90
EARLIEST_DATE, LATEST_DATE = date(2000, 1, 1), date(2099, 12, 31)
MAX_COUNT = 1_000_000  # workers, congress members: more than any enterprise in the province
MAX_WAGE = 1_000_000
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,128}")
CODE_PATTERN = re.compile(r"[0-9A-Za-z ]{1,40}")
PHONE_PATTERN = re.compile(r"\+?[0-9][0-9 ()\-]{4,24}")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MARKUP = re.compile(r"[<>]")


class KeyRefused(ValueError):
	"""The link's secret or the credit code is not even of the right form. `token`: the link's secret
	when it was well formed (the credit code was not), so the refusal is logged against its offer."""

	def __init__(self, token=None):
		super().__init__("wrong key")
		self.token = token


class GuestInputError(ValueError):
	def __init__(self, violation):
		super().__init__(violation.message.format(*violation.args))
		self.violation = violation


@dataclass(frozen=True)
class Field:
	"""One argument of a guest method. `kind`: key, code, text, phone, choice, date, datetime, count,
	amount, percent, flag. `label` is the English label whose zh translation names the field."""

	kind: str
	label: str = ""
	required: bool = False
	max_length: int = 140
	options: tuple = ()


KEY = Field("key")
CODE = Field("code")


def _problem(field, message, *args):
	raise GuestInputError(Violation(field, message, (*args,)))


def _text(name, spec, value):
	if not isinstance(value, str):
		_problem(name, "{0}: enter text, not a list or a number", spec.label)
	value = value.strip()
	if len(value) > spec.max_length:
		_problem(name, "{0} is {1} characters long; shorten it to at most {2}", spec.label, len(value), spec.max_length)
	if MARKUP.search(value) or CONTROL.search(value):
		_problem(name, "{0} may not contain < > or control characters; write it as plain text", spec.label)
	return value


def _date(name, spec, value):
	text = _text(name, spec, value)
	try:
		day = date.fromisoformat(text)
	except ValueError:
		_problem(name, "{0}: “{1}” is not a date; enter it as YYYY-MM-DD, for example 2024-04-08", spec.label, text[:40])
	if not EARLIEST_DATE <= day <= LATEST_DATE:
		_problem(name, "{0} {1} is out of range; enter a date between {2} and {3}", spec.label, text, EARLIEST_DATE, LATEST_DATE)
	return day


def _datetime(name, spec, value):
	text = _text(name, spec, value).replace("T", " ")
	try:
		moment = datetime.fromisoformat(text)
	except ValueError:
		moment = None
	if moment is None or len(text) < 16 or moment.tzinfo is not None:
		_problem(
			name, "{0}: “{1}” is not a date and time; enter it as YYYY-MM-DD HH:MM, for example 2024-04-15 09:30", spec.label, text[:40]
		)
	return moment.replace(microsecond=0)


def _number(name, spec, value, whole, lowest, highest):
	if isinstance(value, bool) or not isinstance(value, int | float | str):
		_problem(name, "{0}: enter a number in digits, for example 120", spec.label)
	text = str(value).replace(",", "").strip()
	try:
		number = int(text) if whole else float(text)
	except ValueError:
		number = None
	if number is None or number != number or number in (float("inf"), float("-inf")):
		_problem(name, "{0}: “{1}” is not a number; enter it in digits, for example 120", spec.label, text[:40])
	if not lowest <= number <= highest:
		_problem(name, "{0} {1} is out of range; enter a number from {2} to {3}", spec.label, text, lowest, highest)
	return number


def _value(name, spec, value):
	if spec.kind in ("text", "key", "code"):
		return _text(name, spec, value)
	if spec.kind == "phone":
		text = _text(name, spec, value)
		if not PHONE_PATTERN.fullmatch(text):
			_problem(name, "{0}: “{1}” is not a telephone number; enter digits, for example 13812345678 or 0731-88888888", spec.label, text[:40])
		return text
	if spec.kind == "choice":
		if value not in spec.options:
			_problem(name, "{0}: choose one of {1}", spec.label, "、".join(spec.options))
		return value
	if spec.kind == "date":
		return _date(name, spec, value)
	if spec.kind == "datetime":
		return _datetime(name, spec, value)
	if spec.kind == "count":
		return _number(name, spec, value, True, 0, MAX_COUNT)
	if spec.kind == "amount":
		return _number(name, spec, value, False, 0, MAX_WAGE)
	if spec.kind == "percent":
		return _number(name, spec, value, False, -100, 100)
	if spec.kind == "flag":
		if str(value).strip() not in ("0", "1"):
			_problem(name, "{0}: send 1 for yes or 0 for no", spec.label)
		return int(str(value).strip())
	raise AssertionError(spec.kind)


def _key(spec, value, token=None):
	pattern = TOKEN_PATTERN if spec.kind == "key" else CODE_PATTERN
	if not isinstance(value, str) or not pattern.fullmatch(value.strip()):
		raise KeyRefused(token)
	return value.strip()


def clean(fields, values):
	"""The values of `fields` from `values`, checked: absent and empty optional fields become None,
	unknown names are dropped. Raises KeyRefused or GuestInputError."""
	cleaned = {}
	keys = sorted((name for name, spec in fields.items() if spec.kind in ("key", "code")), key=lambda n: fields[n].kind != "key")
	for name in keys:
		cleaned[name] = _key(fields[name], values.get(name), token=cleaned.get("token"))
	for name, spec in fields.items():
		if spec.kind in ("key", "code"):
			continue
		value = values.get(name)
		if value is None or (isinstance(value, str) and not value.strip()):
			if spec.required:
				_problem(name, "Fill in {0}", spec.label)
			cleaned[name] = None
			continue
		cleaned[name] = _value(name, spec, value)
	return cleaned


def check_meeting_time(meeting_time, now):
	"""The proposed first meeting: after the answer is given and within MEETING_HORIZON_DAYS of it."""
	if meeting_time is None:
		return
	label = "Proposed First Meeting"
	if meeting_time < now:
		_problem("meeting_time", "{0} {1} is in the past; propose a time after today", label, f"{meeting_time:%Y-%m-%d %H:%M}")
	if meeting_time > now + timedelta(days=MEETING_HORIZON_DAYS):
		_problem(
			"meeting_time",
			"{0} {1} is more than {2} days away; propose a first meeting within {2} days of your answer",
			label,
			f"{meeting_time:%Y-%m-%d %H:%M}",
			MEETING_HORIZON_DAYS,
		)


# The fields of each guest method (springoffer.api), in the order the page sends them.
KEYS = {"token": KEY, "credit_code": CODE}
ANSWER = {
	**KEYS,
	"response": Field("choice", "Response", required=True, options=(c.AGREED, c.REFUSED)),
	"meeting_time": Field("datetime", "Proposed First Meeting"),
	"meeting_place": Field("text", "Meeting Place"),
	"contact_name": Field("text", "Employer Contact"),
	"contact_phone": Field("phone", "Employer Contact Phone", max_length=30),
	"chief_representative": Field("text", "Employer's Chief Representative"),
	"refusal_reason": Field("choice", "Refusal Reason", options=tuple(r for r in c.REFUSAL_REASONS if r)),
	"refusal_detail": Field("text", "Refusal Detail", max_length=2000),
}
CONTRACT = {
	**KEYS,
	"contract_kind": Field("choice", "Contract Kind", options=tuple(c.CONTRACT_KINDS)),
	"signing_date": Field("date", "Signing Date"),
	"term_start": Field("date", "Term Start"),
	"term_end": Field("date", "Term End"),
	"wage_adjustment": Field("choice", "Wage Adjustment", options=tuple(c.WAGE_ADJUSTMENTS)),
	"wage_growth_percent": Field("percent", "Agreed Wage Growth (%)"),
	"lowest_monthly_wage": Field("amount", "Lowest Agreed Monthly Wage"),
	"zero_growth_consent": Field("flag", "Zero Growth or Cut Agreed by Union or Employee Representatives"),
	"congress_members": Field("count", "Workers' Congress Members"),
	"congress_attending": Field("count", "Workers' Congress Attending"),
	"congress_approving": Field("count", "Workers' Congress Approving"),
	"worker_chief_representative": Field("text", "Workers' Chief Representative"),
	"employer_chief_representative": Field("text", "Employer's Chief Representative"),
	"covered_workers": Field("count", "Covered Workers"),
}
