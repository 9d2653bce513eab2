"""Cell values as people write them: text, dates, whole numbers, credit codes."""

import re
import unicodedata
from datetime import date, datetime

from springoffer.core import credit_code, i18n
from springoffer.core.ledger.sheets import CANCELLED


def _clean(value):
	"""A cell as stripped text ('' for empty); whole floats lose their '.0'."""
	if value.__class__ is str:  # most cells: the fast path
		return value.strip()
	if value is None:
		return ""
	if isinstance(value, float) and value.is_integer():
		value = int(value)
	if isinstance(value, datetime):
		value = value.date() if value.time() == datetime.min.time() else value
	if isinstance(value, date):
		return value.isoformat()
	return str(value).strip()


def is_blank(value):
	"""An empty cell: nothing, or only spaces."""
	return value is None or (value.__class__ is str and (not value or value.isspace()))


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def parse_date(value):
	"""A date from an Excel date/datetime cell or a 'YYYY-MM-DD' text; ValueError otherwise."""
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	if isinstance(value, str):
		text = unicodedata.normalize("NFKC", value).strip()
		match = _DATE_TEXT.match(text)
		if match:
			return date(*(int(g) for g in match.groups()))  # ValueError for 2023-02-30
	raise ValueError(value)


def parse_int(value):
	"""A whole number from a number cell or a text of digits; ValueError otherwise."""
	if isinstance(value, bool):
		raise ValueError(value)
	if isinstance(value, int):
		return value
	if isinstance(value, float):
		if value.is_integer():
			return int(value)
		raise ValueError(value)
	if isinstance(value, str):
		text = unicodedata.normalize("NFKC", value).strip().replace(",", "")
		if re.fullmatch(r"[+-]?\d+", text):
			return int(text)
		if re.fullmatch(r"[+-]?\d+\.0*", text):
			return int(text.split(".")[0])
	raise ValueError(value)


def normalize_code(value):
	return credit_code.normalize(unicodedata.normalize("NFKC", _clean(value)))


# Chinese wording of credit_code.check's messages, used when translations/zh.csv lacks one.
_CODE_MESSAGES = {
	"Unified Social Credit Code must have 18 characters, got {0}; copy it from the business licence": "统一社会信用代码应为 18 位，实为 {0} 位，请照营业执照填写",
	"Unified Social Credit Code contains characters not allowed (I, O, S, V, Z and symbols): {0}": "统一社会信用代码含有不允许的字符（I、O、S、V、Z 及符号）：{0}",
	"Unified Social Credit Code starts with {0}, which is not a registration authority and organisation type pair; check the first two characters": "统一社会信用代码以 {0} 开头，不是有效的登记管理部门和机构类别代码，请核对前两位",
	"Characters 3 to 8 of the Unified Social Credit Code must be the 6-digit administrative division code, got {0}; check the code": "统一社会信用代码第 3 至 8 位应为 6 位行政区划码，实为 {0}，请核对代码",
	"The organisation code {0} inside the Unified Social Credit Code has a wrong check character (expected {1}); check the code against the business licence": "统一社会信用代码中的组织机构代码 {0} 校验位错误（应为 {1}），请对照营业执照核对",
	"The last character of the Unified Social Credit Code is wrong (expected {0} for {1}); check the code against the business licence": "统一社会信用代码校验码错误（{1} 的校验码应为 {0}），请对照营业执照核对",
}


def code_error_text(error):
	"""credit_code.check's CodeError in Chinese."""
	translated = i18n.messages("zh").get(error.message)
	template = translated or _CODE_MESSAGES.get(error.message) or "统一社会信用代码无效，请对照营业执照核对"
	try:
		return template.format(*error.args)
	except (IndexError, KeyError):
		return template


def _options(values):
	return "、".join(values)


class _Unreadable:
	"""A cell that was reported as wrong: compares with nothing, counts as missing."""

	def __repr__(self):
		return "<unreadable>"


_UNREADABLE = _Unreadable()


def _or_unreadable(raw, parsed):
	if is_blank(raw):
		return None
	return _UNREADABLE if parsed is None else parsed


def _show(value):
	if value is None or value == "":
		return "（空白）"
	if value is True:
		return CANCELLED
	if value is False:
		return "（空白）"
	return str(value)
