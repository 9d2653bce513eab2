import pytest

from springoffer.core import credit_code

# Published codes of well-known enterprises (business licences are public).
REAL_CODES = (
	"914403001922038216",  # 华为技术有限公司
	"9144030071526726XG",  # 腾讯科技（深圳）有限公司
	"91330100716105852F",  # 阿里巴巴（中国）有限公司
	"91350100M000100Y43",  # GB 32100-2015 example
)


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_pass(code):
	assert credit_code.check(code) is None


def test_lower_case_and_spaces_are_normalised():
	assert credit_code.normalize(" 9144030071526726xg ") == "9144030071526726XG"
	assert credit_code.is_valid("9144 0300 7152 6726xg")


@pytest.mark.parametrize("code", REAL_CODES)
def test_every_single_character_change_is_caught(code):
	"""The check character catches any one wrong character."""
	for position in range(18):
		for replacement in credit_code.CHARSET:
			if replacement == code[position]:
				continue
			changed = code[:position] + replacement + code[position + 1 :]
			assert credit_code.check(changed) is not None, changed


def test_length():
	error = credit_code.check("91430100MA4L0000")
	assert "18 characters" in error.message and error.args == (16,)


@pytest.mark.parametrize("bad", ["I", "O", "S", "V", "Z", "-"])
def test_forbidden_characters(bad):
	code = "91430100MA4L00003" + bad
	error = credit_code.check(code)
	assert "not allowed" in error.message and bad in error.args[0]


def test_unknown_authority_and_type():
	first17 = "B1430100MA4L00003"  # B is no registration authority
	error = credit_code.check(first17 + "0")
	assert "registration authority" in error.message


def test_division_code_must_be_digits():
	code = credit_code.make_code(division="430100")
	broken = code[:2] + "4301A0" + code[8:]
	error = credit_code.check(broken)
	assert "administrative division" in error.message


def test_organisation_code_check_is_verified_separately():
	"""A code whose last character was recomputed over a wrong organisation code still fails."""
	body = "MA4L0000"
	wrong_org_check = "1" if credit_code.org_check_char(body) != "1" else "2"
	first17 = "91430100" + body + wrong_org_check
	code = first17 + credit_code.credit_check_char(first17)
	error = credit_code.check(code)
	assert "organisation code" in error.message
	assert error.args[1] == credit_code.org_check_char(body)


def test_wrong_last_character_names_the_expected_one():
	code = credit_code.make_code()
	wrong = code[:17] + ("0" if code[17] != "0" else "1")
	error = credit_code.check(wrong)
	assert error.args == (code[17], code[:17])


def test_org_check_char_values():
	# GB 11714 worked values: remainder 10 → X, 11 → 0.
	assert credit_code.org_check_char("71526726") == "X"
	assert credit_code.org_check_char("19220382") == "1"


def test_make_code_builds_valid_codes():
	for division, body in (("430100", "MA4L0001"), ("433100", "12345678"), ("431000", "MA4PQRTU")):
		code = credit_code.make_code(division=division, org_body=body)
		assert credit_code.is_valid(code), code
		assert code[2:8] == division
