import pytest

from springoffer.core.personal_data import mask_id_number, mask_phone, phone_problem


@pytest.mark.parametrize(
	"value, masked",
	[("13812345678", "138****5678"), ("+86 138 1234 5678", "138****5678"), ("0731-88886666", "0731-****6666"), ("", "")],
)
def test_phones_are_masked(value, masked):
	assert mask_phone(value) == masked
	assert "1234" not in masked or value == ""


@pytest.mark.parametrize("value", ["13812345678", "0731-88886666", "073188886666", "0731-88886666-123", "+8613812345678"])
def test_real_numbers_pass(value):
	assert phone_problem(value) is None


@pytest.mark.parametrize("value", ["12345", "1381234567", "abc", "=1+1", "23812345678"])
def test_other_text_is_refused_in_chinese(value):
	assert "请填写" in phone_problem(value)


def test_id_numbers_keep_the_region_and_hide_the_birth_date():
	assert mask_id_number("430102199001011234") == "430102********1234"
	assert "19900101" not in mask_id_number("430102199001011234")
