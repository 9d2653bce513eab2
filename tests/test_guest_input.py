"""What a guest sends through the answer link, checked without Frappe: every field of every guest
method refuses the values a careless or hostile sender would try, with a message naming the field
that has a zh translation; good values come back cleaned."""

from datetime import date, datetime

import pytest
from app_files import translations

from springoffer.core import categories as c
from springoffer.core import guest_input as g

TOKEN = "A" * 43
CODE = "91430100MA4L0G0703"
HOSTILE = {
	"list": ["a", "b"],
	"object": {"$gt": ""},
	"huge": "长" * 100_000,
	"markup": "<script>alert(1)</script>",
	"control": "abc\x00def",
	"boolean": True,
}
WRONG_FOR_KIND = {
	"date": ["2024-13-01", "下周三", "1999-12-31", "9999-01-01", "2024/04/08", 20240408],
	"datetime": ["下周三上午", "2024-04-15", "2024-04-15 25:00", "2024-04-15T09:30+08:00", 1713144600],
	"count": ["三百", "-1", "1e99", "NaN", "2.5", str(g.MAX_COUNT + 1)],
	"amount": ["两千", "-5", "inf", "1e12"],
	"percent": ["五", "101", "-100.5", "nan"],
	"flag": ["yes", "2", "-1"],
	"choice": ["考虑中", "同意", 1],
	"phone": ["电话", "12", "1" * 40, "138-1234-5678; DROP TABLE"],
	"text": [],
}


def cases():
	for method, fields in (("answer_offer", g.ANSWER), ("file_contract", g.CONTRACT)):
		for name, spec in fields.items():
			if spec.kind in ("key", "code"):
				continue
			for label, value in (*HOSTILE.items(), *((repr(v), v) for v in WRONG_FOR_KIND[spec.kind])):
				if spec.kind == "text" and label == "huge" and spec.max_length >= 100_000:
					continue
				yield pytest.param(fields, name, value, id=f"{method}-{name}-{label}")


@pytest.mark.parametrize(("fields", "name", "value"), list(cases()))
def test_every_field_refuses_malformed_values_naming_the_field(fields, name, value):
	values = {"token": TOKEN, "credit_code": CODE, "response": c.AGREED, name: value}
	with pytest.raises(g.GuestInputError) as caught:
		g.clean(fields, values)
	violation = caught.value.violation
	assert violation.field == name
	label = violation.args[0]
	assert label == fields[name].label
	zh = translations()
	assert violation.message in zh and label in zh, (violation.message, label)


@pytest.mark.parametrize("bad", [None, "", "短", "A" * 129, "A" * 42 + "=", ["A" * 43], 12345678901234567890, {"t": 1}])
def test_a_malformed_link_secret_is_a_wrong_key(bad):
	with pytest.raises(g.KeyRefused):
		g.clean(g.KEYS, {"token": bad, "credit_code": CODE})


@pytest.mark.parametrize("bad", [None, "", "９１４３", "91430100MA4L0G0703" * 3, ["91430100MA4L0G0703"], 914301])
def test_a_malformed_credit_code_is_a_wrong_key(bad):
	with pytest.raises(g.KeyRefused):
		g.clean(g.KEYS, {"token": TOKEN, "credit_code": bad})


def test_the_key_is_checked_before_any_field():
	with pytest.raises(g.KeyRefused):
		g.clean(g.ANSWER, {"token": "x", "credit_code": CODE, "response": "考虑中"})


def test_good_values_come_back_cleaned_and_unknown_names_are_dropped():
	values = g.clean(
		g.ANSWER,
		{
			"token": TOKEN,
			"credit_code": " 430100 ",
			"response": c.AGREED,
			"meeting_time": "2024-04-15T09:30",
			"meeting_place": "  二楼会议室 ",
			"contact_phone": "0731-88888888",
			"refusal_detail": "",
			"cmd": "springoffer.api.answer_offer",
		},
	)
	assert values["meeting_time"] == datetime(2024, 4, 15, 9, 30)
	assert values["meeting_place"] == "二楼会议室"
	assert values["credit_code"] == "430100"
	assert values["refusal_detail"] is None and values["contact_name"] is None
	assert "cmd" not in values
	contract = g.clean(
		g.CONTRACT,
		{"token": TOKEN, "credit_code": CODE, "signing_date": "2024-03-27", "congress_members": "1,200", "wage_growth_percent": 5, "zero_growth_consent": "1"},
	)
	assert (contract["signing_date"], contract["congress_members"], contract["wage_growth_percent"], contract["zero_growth_consent"]) == (
		date(2024, 3, 27),
		1200,
		5.0,
		1,
	)


def test_the_response_is_required():
	with pytest.raises(g.GuestInputError) as caught:
		g.clean(g.ANSWER, {"token": TOKEN, "credit_code": CODE})
	assert caught.value.violation.field == "response"


def test_the_first_meeting_is_after_the_answer_and_within_the_horizon():
	now = datetime(2024, 4, 8, 10, 0)
	g.check_meeting_time(datetime(2024, 4, 8, 14, 0), now)
	g.check_meeting_time(datetime(2024, 7, 6, 10, 0), now)  # 89 days
	for past_or_far in (datetime(2020, 1, 1, 9, 0), datetime(2024, 4, 8, 9, 59), datetime(2024, 7, 8, 10, 0)):
		with pytest.raises(g.GuestInputError) as caught:
			g.check_meeting_time(past_or_far, now)
		assert caught.value.violation.field == "meeting_time"
		assert caught.value.violation.message in translations()


def test_a_malformed_code_with_a_good_link_names_the_link_for_the_log():
	with pytest.raises(g.KeyRefused) as caught:
		g.clean(g.KEYS, {"token": TOKEN, "credit_code": ""})
	assert caught.value.token == TOKEN
	with pytest.raises(g.KeyRefused) as caught:
		g.clean(g.KEYS, {"token": "x", "credit_code": CODE})
	assert caught.value.token is None
