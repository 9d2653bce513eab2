from datetime import date

from springoffer.core import categories as c
from springoffer.core import credit_code, i18n, rules
from springoffer.core.rules import CoverageLine

GOOD_CODE = credit_code.make_code()
TODAY = date(2023, 6, 30)


def fields(violations):
	return [v.field for v in violations]


def offer(**overrides):
	values = dict(
		scope=c.SCOPE_SINGLE,
		lines=[CoverageLine(GOOD_CODE, 100, 200)],
		date_sent=date(2023, 3, 10),
		campaign_start=date(2023, 3, 1),
		campaign_end=date(2023, 6, 30),
		response=c.PENDING,
		response_date=None,
		refusal_reason="",
		today=TODAY,
	)
	values.update(overrides)
	return rules.check_offer(**values)


def contract(**overrides):
	values = dict(
		lines=[CoverageLine(GOOD_CODE, 100, 200)],
		signing_date=date(2023, 5, 20),
		term_start=date(2023, 6, 1),
		term_end=date(2024, 5, 31),
		campaign_start=date(2023, 3, 1),
		today=TODAY,
		offer_date_sent=date(2023, 3, 10),
		wage_adjustment=c.WAGE_RISE,
		wage_growth=5.0,
		zero_growth_consent=0,
		lowest_wage=2000,
		minimum_wage=1930,
		congress=(100, 80, 70),
	)
	values.update(overrides)
	return rules.check_contract(**values)


def test_valid_enterprise_offer_and_contract_pass():
	assert rules.check_enterprise(GOOD_CODE, c.PRIVATE, 10) == []
	assert offer() == []
	assert offer(response=c.AGREED, response_date=date(2023, 3, 20)) == []
	assert contract() == []


def test_enterprise_bad_code_and_category_and_employees():
	found = rules.check_enterprise(GOOD_CODE[:17] + "0" if GOOD_CODE[17] != "0" else GOOD_CODE[:17] + "1", "民营企业", -1)
	assert fields(found) == ["credit_code", "report_category", "employees"]
	# the message lists the four rows so the user sees the choices
	assert all(category in found[1].args[1] for category in c.REPORT_CATEGORIES)


def test_zero_or_negative_covered_workers_refused():
	for workers in (0, -5, None):
		found = offer(lines=[CoverageLine(GOOD_CODE, workers, 200)])
		assert fields(found) == ["covered_enterprises"], workers
		assert "above 0" in found[0].message


def test_covered_workers_above_headcount_refused():
	found = offer(lines=[CoverageLine(GOOD_CODE, 201, 200)])
	assert fields(found) == ["covered_enterprises"]
	assert found[0].args == (1, 201, 200, GOOD_CODE)
	# unknown headcount (0 or None) does not block
	assert offer(lines=[CoverageLine(GOOD_CODE, 201, 0)]) == []


def test_enterprise_covered_twice_by_one_offer_refused():
	other = credit_code.make_code(org_body="MA4L0002")
	found = offer(
		scope=c.SCOPE_INDUSTRY,
		lines=[CoverageLine(GOOD_CODE, 10, 50), CoverageLine(other, 10, 50), CoverageLine(GOOD_CODE, 20, 50)],
	)
	assert [v.args for v in found] == [(3, GOOD_CODE, 1)]


def test_single_enterprise_offer_covers_exactly_one():
	other = credit_code.make_code(org_body="MA4L0002")
	lines = [CoverageLine(GOOD_CODE, 10, 50), CoverageLine(other, 10, 50)]
	assert fields(offer(lines=lines)) == ["covered_enterprises"]
	assert offer(scope=c.SCOPE_REGIONAL, lines=lines) == []
	assert fields(offer(lines=[])) == ["covered_enterprises"]


def test_answer_dated_before_offer_refused():
	found = offer(response=c.AGREED, response_date=date(2023, 3, 9))
	assert fields(found) == ["response_date"]
	assert found[0].args == (date(2023, 3, 9), date(2023, 3, 10))


def test_answer_needs_a_date_and_pending_has_none():
	assert fields(offer(response=c.AGREED, response_date=None)) == ["response_date"]
	assert fields(offer(response=c.PENDING, response_date=date(2023, 3, 20))) == ["response_date"]


def test_refusal_without_reason_refused():
	found = offer(response=c.REFUSED, response_date=date(2023, 3, 20), refusal_reason="")
	assert fields(found) == ["refusal_reason"]
	assert offer(response=c.REFUSED, response_date=date(2023, 3, 20), refusal_reason=c.REFUSAL_REASONS[0]) == []


def test_offer_outside_campaign_or_in_future_refused():
	assert fields(offer(date_sent=date(2023, 2, 28))) == ["date_sent"]
	assert fields(offer(date_sent=date(2023, 7, 1), today=date(2023, 8, 1))) == ["date_sent"]
	assert fields(offer(date_sent=date(2023, 6, 30), today=date(2023, 6, 29))) == ["date_sent"]


def test_hrss_handling_dates():
	assert rules.check_hrss_handling(handling="督促企业应约", handling_date=date(2023, 4, 1), response_date=date(2023, 3, 20), today=TODAY) == []
	assert fields(
		rules.check_hrss_handling(handling="督促企业应约", handling_date=date(2023, 3, 1), response_date=date(2023, 3, 20), today=TODAY)
	) == ["hrss_handling_date"]
	assert fields(rules.check_hrss_handling(handling="督促企业应约", handling_date=None, response_date=None, today=TODAY)) == [
		"hrss_handling_date"
	]
	# HRSS urged an overdue employer on 03-01, which agreed on 03-20: no conflict; a refusal is handled after it
	urged = {"handling": "督促企业应约", "handling_date": date(2023, 3, 1), "response_date": date(2023, 3, 20), "today": TODAY}
	assert rules.check_hrss_handling(**urged, response="同意协商") == []
	assert fields(rules.check_hrss_handling(**urged, response="拒绝协商")) == ["hrss_handling_date"]


def test_contract_term_rules():
	assert fields(contract(term_start=date(2023, 6, 1), term_end=date(2023, 5, 1))) == ["term_end"]
	assert fields(contract(term_start=date(2023, 6, 1), term_end=date(2027, 6, 1))) == ["term_end"]
	assert fields(contract(term_start=date(2023, 6, 1), term_end=date(2024, 1, 1))) == ["term_end"]
	assert fields(contract(term_start=date(2023, 5, 1))) == ["term_start"]


def test_lowest_wage_below_minimum_refused():
	found = contract(lowest_wage=1800, minimum_wage=1930)
	assert fields(found) == ["lowest_monthly_wage"]
	assert found[0].args == ("1800", "1930")
	assert contract(lowest_wage=1930, minimum_wage=1930) == []
	assert contract(lowest_wage=None, minimum_wage=1930) == []


def test_zero_growth_or_cut_needs_consent():
	assert fields(contract(wage_adjustment=c.WAGE_FREEZE, wage_growth=0)) == ["zero_growth_consent"]
	assert fields(contract(wage_adjustment=c.WAGE_CUT, wage_growth=-3)) == ["zero_growth_consent"]
	assert contract(wage_adjustment=c.WAGE_FREEZE, wage_growth=0, zero_growth_consent=1) == []
	assert contract(wage_adjustment=c.WAGE_CUT, wage_growth=-3, zero_growth_consent=1) == []
	assert contract(wage_adjustment=None, wage_growth=None) == []  # no wage terms


def test_growth_figure_agrees_with_the_adjustment():
	assert fields(contract(wage_adjustment=c.WAGE_RISE, wage_growth=0)) == ["wage_growth_percent"]
	assert fields(contract(wage_adjustment=c.WAGE_CUT, wage_growth=2, zero_growth_consent=1)) == ["wage_growth_percent"]
	assert fields(contract(wage_adjustment=c.WAGE_FREEZE, wage_growth=1, zero_growth_consent=1)) == ["wage_growth_percent"]


def test_contract_dates():
	assert fields(contract(signing_date=date(2023, 3, 5))) == ["signing_date"]  # before its offer
	assert fields(contract(signing_date=date(2023, 2, 1), offer_date_sent=None, term_start=date(2023, 3, 1), term_end=date(2024, 2, 29))) == [
		"signing_date"
	]
	assert fields(contract(signing_date=date(2023, 7, 1), term_start=date(2023, 7, 1), term_end=date(2024, 6, 30))) == [
		"signing_date"
	]  # after today


def test_congress_vote_thresholds():
	assert rules.check_congress_vote(None, None, None) == []
	assert rules.check_congress_vote(90, 60, 46) == []  # exactly 2/3 attend, 46 > 45
	assert fields(rules.check_congress_vote(90, 59, 50)) == ["congress_attending"]
	assert fields(rules.check_congress_vote(90, 60, 45)) == ["congress_approving"]  # half is not more than half
	assert rules.check_congress_vote(90, 59, 50)[0].args == (59, 90, 60)
	assert rules.check_congress_vote(90, 60, 45)[0].args == (45, 90, 46)
	assert fields(rules.check_congress_vote(10, 11, 6)) == ["congress_attending"]
	assert fields(rules.check_congress_vote(10, 8, 9)) == ["congress_approving"]
	assert fields(rules.check_congress_vote(0, 8, 9)) == ["congress_members"]
	assert fields(contract(congress=(100, 50, 50))) == ["congress_attending"]


def test_minimum_wage_nearest_region_latest_standard():
	standards = [
		("湖南省", date(2022, 4, 1), 1550),
		("长沙市", date(2022, 4, 1), 1930),
		("长沙市", date(2025, 1, 1), 2100),
		("湘潭市", date(2022, 4, 1), 1700),
	]
	chain = ["芙蓉区", "长沙市", "湖南省"]
	assert rules.minimum_wage_for(chain, standards, date(2023, 5, 1)) == 1930
	assert rules.minimum_wage_for(chain, standards, date(2025, 5, 1)) == 2100
	assert rules.minimum_wage_for(["株洲市", "湖南省"], standards, date(2023, 5, 1)) == 1550
	assert rules.minimum_wage_for(chain, standards, date(2021, 5, 1)) is None


def test_campaign_dates():
	assert rules.check_campaign(date(2023, 3, 1), date(2023, 6, 30), date(2023, 6, 30)) == []
	assert fields(rules.check_campaign(date(2023, 3, 1), date(2023, 2, 1), date(2023, 6, 30))) == ["end_date"]
	assert fields(rules.check_campaign(date(2023, 3, 1), date(2023, 6, 30), date(2023, 2, 1))) == ["report_due_date"]


def test_every_violation_reads_in_chinese():
	found = offer(response=c.REFUSED, response_date=date(2023, 3, 1), lines=[CoverageLine(GOOD_CODE, 0, 5)])
	found += contract(lowest_wage=100, congress=(10, 1, 1), term_end=date(2030, 1, 1))
	found += rules.check_enterprise("123", "x", -1)
	assert found
	for violation in found:
		text = i18n.violation_text(violation)
		assert text != violation.message.format(*violation.args), violation.message
		assert "{0}" not in text


def test_cancelled_contract_needs_reason():
	assert fields(contract(cancelled=True, cancellation_reason="  ")) == ["cancellation_reason"]
	assert contract(cancelled=True, cancellation_reason="双方协商一致解除") == []


def test_money_reads_like_a_wage():
	assert (rules.money(1550.0), rules.money(1550.5), rules.money(1930)) == ("1550", "1550.5", "1930")


def test_review_needs_the_term_but_a_draft_does_not():
	state = dict(signing_date=date(2023, 5, 1), submitted_on=date(2023, 5, 5), late_reason="", objection="", correction_note="")
	assert rules.check_contract_state(state=c.CONTRACT_DRAFT, **state) == []
	assert fields(rules.check_contract_state(state=c.CONTRACT_SUBMITTED, **state)) == ["term_end"]
	assert rules.check_contract_state(state=c.CONTRACT_SUBMITTED, term=(date(2023, 6, 1), date(2024, 5, 31)), **state) == []
	late = dict(state, submitted_on=date(2023, 5, 20))
	assert fields(rules.check_contract_state(state=c.CONTRACT_SUBMITTED, term=(date(2023, 6, 1), date(2024, 5, 31)), **late)) == [
		"late_submission_reason"
	]


def test_delivery_is_after_sending_and_not_in_the_future():
	from springoffer.core.rules import check_delivery, delivery_status

	sent, today = date(2026, 4, 1), date(2026, 4, 20)
	ok = dict(date_sent=sent, delivered_on=date(2026, 4, 8), method=c.DELIVERY_BY_POST, failure_reason=None, today=today)
	assert check_delivery(**ok) == []
	for change, field in (
		({"delivered_on": date(2026, 3, 31)}, "delivered_on"),
		({"delivered_on": date(2026, 4, 21)}, "delivered_on"),
		({"method": None}, "delivery_method"),
		({"failure_reason": "查无此单位，退回"}, "delivery_failure_reason"),
	):
		assert [v.field for v in check_delivery(**{**ok, **change})] == [field], change
	assert check_delivery(**{**ok, "delivered_on": None, "method": None, "failure_reason": "退回"}) == []
	assert delivery_status(date(2026, 4, 8), None) == c.DELIVERED
	assert delivery_status(None, "退回") == c.DELIVERY_FAILED
	assert delivery_status(None, None) == c.NOT_DELIVERED
