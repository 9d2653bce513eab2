"""Chinese numbering and dates as the documents print them."""

_DIGITS = "零一二三四五六七八九"


def ordinal(number, level=1):
	"""Heading numbers of a 公文: level 1 '一、', level 2 '（一）' (十一、二十…; Arabic past 99)."""
	if number < 10:
		word = _DIGITS[number]
	elif number < 100:
		tens, ones = divmod(number, 10)
		word = ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
	else:
		word = str(number)
	return f"{word}、" if level == 1 else f"（{word}）"


def long_date(day):
	"""2023年6月30日 — no zero padding."""
	return f"{day.year}年{day.month}月{day.day}日"


def month(day):
	"""2023年7月"""
	return f"{day.year}年{day.month}月"


def labelled(pairs, separator="　"):
	"""'地区：长沙市　主题：工资调整' from (label, value) pairs, leaving out empty values."""
	return separator.join(f"{label}：{value}" for label, value in pairs if value)
