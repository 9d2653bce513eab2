"""Personal information of the people a filing names (个人信息保护法): the chief representatives'
phone numbers are kept encrypted and shown masked — 138****5678 — everywhere except to a reviewer who
asks for one, which is logged. ID numbers are not collected: the filing does not need them (masking
for one is here in case a form ever must carry it). Framework-free."""

import re

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")  # 0731-88886666, with an optional extension


def normalize_phone(value):
	"""Digits and at most the area-code dash; +86 and spaces dropped."""
	text = re.sub(r"[\s()（）]", "", str(value or ""))
	if text.startswith("+86"):
		text = text[3:]
	elif text.startswith("0086"):
		text = text[4:]
	return text


def phone_problem(value):
	"""None if `value` is a mainland mobile or landline number, else what to write (Chinese)."""
	text = normalize_phone(value)
	if _MOBILE.match(text) or _LANDLINE.match(text):
		return None
	return f"“{value}”不是有效的电话号码；请填写 11 位手机号（如 13812345678）或带区号的固定电话（如 0731-88886666）"


def mask_phone(value):
	"""138****5678; 0731-****6666; empty stays empty."""
	text = normalize_phone(value)
	if not text:
		return ""
	if _MOBILE.match(text):
		return f"{text[:3]}****{text[-4:]}"
	head, sep, tail = text.partition("-")
	if sep:
		return f"{head}-{'*' * max(len(tail) - 4, 0)}{tail[-4:]}"
	return "*" * max(len(text) - 4, 0) + text[-4:]


def mask_id_number(value):
	"""430102********1234 for a resident ID number: region kept, birth date hidden."""
	text = str(value or "").strip()
	if len(text) < 8:
		return "*" * len(text)
	return text[:6] + "*" * (len(text) - 10) + text[-4:]
