"""zh messages without Frappe: reads the same translations/zh.csv that Frappe merges in the desk."""

import csv
from functools import lru_cache
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


@lru_cache(maxsize=4)
def messages(lang="zh"):
	path = TRANSLATIONS / f"{lang}.csv"
	if not path.exists():
		return {}
	with path.open(encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if len(row) >= 2 and row[0] and not row[0].startswith("#")}


def translate(message, args=(), lang="zh"):
	"""The message in `lang` with {0}… filled, as frappe._(message).format(*args) would give."""
	return messages(lang).get(message, message).format(*args)


def violation_text(violation, lang="zh"):
	return translate(violation.message, violation.args, lang)
