"""统一社会信用代码 (GB 32100-2015) and the organisation code inside it (GB 11714-1997).

Layout of the 18 characters: 1 registration authority, 2 organisation type, 3-8 administrative
division code, 9-17 organisation code (8 body characters and its own check character),
18 check character over the first 17.
"""

from dataclasses import dataclass
from operator import mul

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_VALUE = {c: i for i, c in enumerate(CHARSET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

# Registration authorities (first character) and the organisation types each may issue.
_TYPES_BY_AUTHORITY = {
	"1": "1239",  # 机构编制
	"2": "19",  # 外交
	"3": "12345",  # 司法行政
	"4": "19",  # 文化
	"5": "1239",  # 民政
	"6": "129",  # 旅游
	"7": "129",  # 宗教
	"8": "129",  # 工会
	"9": "123",  # 工商: 企业, 个体工商户, 农民专业合作社
	"A": "19",  # 中央军委改革和编制办公室
	"N": "1239",  # 农业
	"Y": "1",  # 其他
}


@dataclass(frozen=True)
class CodeError:
	"""Why a code is refused: an English message template (translated by the caller) and its arguments."""

	message: str
	args: tuple = ()


_VALID = frozenset(CHARSET)
_ORG_VALUE = {c: int(c, 36) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}  # 0-9, then A = 10 …


# map() over lookup tables: a province's ledger checks 100,000 codes.
def credit_check_char(first17):
	total = sum(map(mul, map(_VALUE.__getitem__, first17), _WEIGHTS))
	return CHARSET[(31 - total % 31) % 31]


def org_check_char(body8):
	remainder = 11 - sum(map(mul, map(_ORG_VALUE.__getitem__, body8), _ORG_WEIGHTS)) % 11
	return {10: "X", 11: "0"}.get(remainder, str(remainder))


def normalize(code):
	"""Upper-case and strip spaces, as people type codes."""
	return "".join(str(code or "").split()).upper()


def check(code):
	"""None when `code` is a valid 统一社会信用代码, else the first CodeError found."""
	code = normalize(code)
	if len(code) != 18:
		return CodeError("Unified Social Credit Code must have 18 characters, got {0}; copy it from the business licence", (len(code),))
	if not _VALID.issuperset(code):
		return CodeError(
			"Unified Social Credit Code contains characters not allowed (I, O, S, V, Z and symbols): {0}",
			("".join(sorted(set(code) - _VALID)),),
		)
	authority, kind = code[0], code[1]
	if authority not in _TYPES_BY_AUTHORITY or kind not in _TYPES_BY_AUTHORITY[authority]:
		return CodeError(
			"Unified Social Credit Code starts with {0}, which is not a registration authority and organisation type pair; check the first two characters",
			(code[:2],),
		)
	if not code[2:8].isdigit():
		return CodeError(
			"Characters 3 to 8 of the Unified Social Credit Code must be the 6-digit administrative division code, got {0}; check the code",
			(code[2:8],),
		)
	org_body, org_check = code[8:16], code[16]
	expected_org = org_check_char(org_body)
	if org_check != expected_org:
		return CodeError(
			"The organisation code {0} inside the Unified Social Credit Code has a wrong check character (expected {1}); check the code against the business licence",
			(code[8:17], expected_org),
		)
	expected = credit_check_char(code[:17])
	if code[17] != expected:
		return CodeError(
			"The last character of the Unified Social Credit Code is wrong (expected {0} for {1}); check the code against the business licence",
			(expected, code[:17]),
		)
	return None


def is_valid(code):
	return check(code) is None


def make_code(division="430100", org_body="MA4L0000", authority="9", kind="1"):
	"""A valid code from its parts (test data, sample ledgers); the check characters are computed."""
	first17 = f"{authority}{kind}{division}{org_body}{org_check_char(org_body)}"
	return first17 + credit_check_char(first17)
