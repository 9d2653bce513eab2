"""The shipped region tree: 湖南省, its 14 市州 and their 县市区 (GB/T 2260 codes).

data/hunan_regions.json lists them in tree order; see data/SOURCES.md for where the names come from.
"""

import json
from functools import lru_cache
from pathlib import Path

PROVINCE = "湖南省"
DATA = Path(__file__).resolve().parent / "data" / "hunan_regions.json"


@lru_cache(maxsize=1)
def shipped_regions():
	"""[{name, code, parent, level}] in tree order, parents before children."""
	rows = json.loads(DATA.read_text(encoding="utf-8"))
	for row in rows:
		row["level"] = "省" if not row["parent"] else ("市州" if row["parent"] == PROVINCE else "县市区")
	return rows


def base_regions():
	"""region → parent for the shipped tree."""
	return {row["name"]: row["parent"] for row in shipped_regions()}


CITIES = tuple(row["name"] for row in shipped_regions() if row["parent"] == PROVINCE)
