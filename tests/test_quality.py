"""质效评估, the wage guideline and the spot-check sample: the framework-free rules."""

from datetime import date

import pytest

from springoffer.core import categories as c
from springoffer.core import guidelines, quality, sampling

GUIDE = guidelines.Guideline("2023", baseline=6.0, upper=9.0, lower=3.0)


def test_rate_is_a_percentage_with_one_decimal_and_none_without_a_base():
	assert quality.rate(1, 3) == 33.3
	assert quality.rate(2, 3) == 66.7
	assert quality.rate(0, 5) == 0.0
	assert quality.rate(5, 5) == 100.0
	assert quality.rate(0, 0) is None


def test_region_quality_rates_and_totals():
	a = quality.RegionQuality("长沙市", enterprises=40, union_enterprises=20, covered=10, covered_union=8, contracts_by_kind={"工资专项集体协议": 3})
	b = quality.RegionQuality("株洲市", enterprises=10, union_enterprises=0, covered=0, contracts_by_kind={"工资专项集体协议": 1, "行业性集体合同": 2}, never_checked=2)
	assert (a.rate, a.union_rate, a.contracts_in_force) == (25.0, 40.0, 3)
	assert b.union_rate is None
	total = quality.RegionQuality("湖南省")
	total.add(a)
	total.add(b)
	assert (total.enterprises, total.covered, total.rate) == (50, 10, 20.0)
	assert total.contracts_by_kind == {"工资专项集体协议": 4, "行业性集体合同": 2}
	assert total.never_checked == 2


@pytest.mark.parametrize(
	"state, cancelled, start, end, as_of, expected",
	[
		(c.CONTRACT_EFFECTIVE, False, date(2023, 5, 1), date(2024, 4, 30), date(2023, 6, 30), True),
		(c.CONTRACT_EFFECTIVE, False, date(2023, 5, 1), date(2024, 4, 30), date(2024, 4, 30), True),
		(c.CONTRACT_EFFECTIVE, False, date(2023, 5, 1), date(2024, 4, 30), date(2024, 5, 1), False),
		(c.CONTRACT_EFFECTIVE, False, date(2023, 7, 1), date(2024, 6, 30), date(2023, 6, 30), False),
		(c.CONTRACT_EFFECTIVE, True, date(2023, 5, 1), date(2024, 4, 30), date(2023, 6, 30), False),
		(c.CONTRACT_UNDER_REVIEW, False, date(2023, 5, 1), date(2024, 4, 30), date(2023, 6, 30), False),
	],
)
def test_in_force(state, cancelled, start, end, as_of, expected):
	assert quality.in_force(state=state, cancelled=cancelled, term_start=start, term_end=end, as_of=as_of) is expected


def test_negotiated_only_with_an_agreed_offer():
	assert quality.negotiated_on_record(c.AGREED)
	assert not quality.negotiated_on_record(c.REFUSED)
	assert not quality.negotiated_on_record(None)


def test_performance_check_dates():
	signed, today = date(2023, 5, 1), date(2023, 9, 1)
	assert quality.check_performance(date(2023, 6, 1), signed, today) == []
	(early,) = quality.check_performance(date(2023, 4, 30), signed, today)
	assert early.field == "check_date" and early.args == (date(2023, 4, 30), signed)
	(future,) = quality.check_performance(date(2023, 9, 2), signed, today)
	assert future.args == (date(2023, 9, 2),)


@pytest.mark.parametrize(
	"adjustment, growth, expected",
	[
		(c.WAGE_RISE, 9.5, guidelines.ABOVE_UPPER),
		(c.WAGE_RISE, 9.0, guidelines.BASELINE_TO_UPPER),
		(c.WAGE_RISE, 6.0, guidelines.BASELINE_TO_UPPER),
		(c.WAGE_RISE, 5.9, guidelines.LOWER_TO_BASELINE),
		(c.WAGE_RISE, 3.0, guidelines.LOWER_TO_BASELINE),
		(c.WAGE_RISE, 2.9, guidelines.BELOW_LOWER),
		(c.WAGE_FREEZE, 0, guidelines.ZERO_OR_CUT),
		(c.WAGE_CUT, -3, guidelines.ZERO_OR_CUT),
		("", None, ""),
	],
)
def test_position_against_the_guideline(adjustment, growth, expected):
	assert guidelines.position(adjustment, growth, GUIDE) == expected


def test_position_without_a_guideline_says_so():
	assert guidelines.position(c.WAGE_RISE, 5.0, None) == guidelines.NO_GUIDELINE


def test_flags_growth_under_the_lower_line_and_zero_growth_without_consent():
	assert guidelines.flags(c.WAGE_RISE, 2.5, False, GUIDE) == [guidelines.FLAG_BELOW_LOWER]
	assert guidelines.flags(c.WAGE_RISE, 3.0, False, GUIDE) == []
	assert guidelines.flags(c.WAGE_FREEZE, 0, False, GUIDE) == [guidelines.FLAG_NO_CONSENT]
	assert guidelines.flags(c.WAGE_FREEZE, 0, True, GUIDE) == []
	assert guidelines.flags(c.WAGE_RISE, 1.0, False, None) == []  # nothing to compare with


def test_guideline_in_force_is_the_latest_effective_on_the_date():
	old = guidelines.Guideline("2022", 7, 10, 4)
	rows = [(date(2022, 5, 1), old), (date(2023, 5, 1), GUIDE)]
	assert guidelines.guideline_in_force(rows, date(2023, 4, 30)) is old
	assert guidelines.guideline_in_force(rows, date(2023, 5, 1)) is GUIDE
	assert guidelines.guideline_in_force(rows, date(2022, 1, 1)) is None


def test_guideline_lines_must_rise():
	assert guidelines.check_guideline(6, 9, 3) == []
	(violation,) = guidelines.check_guideline(6, 5, 3)
	assert violation.args == (3, 6, 5)


def frame():
	units = []
	for city, n in (("长沙市", 12), ("株洲市", 3), ("湘潭市", 1)):
		for i in range(n):
			units.append(sampling.FrameUnit(f"CC-{city}-{i:02d}", city, c.CONTRACT_KINDS[3] if i % 2 else c.CONTRACT_KINDS[1], above_scale=i % 3 == 0))
	units.append(sampling.FrameUnit("CC-out", "长沙市", c.CONTRACT_KINDS[1], above_scale=False))  # outside the frame
	return units


def test_sample_is_stratified_and_never_leaves_the_frame():
	drawn = sampling.draw(frame(), 2, seed=20230630)
	by_city = {}
	for unit in drawn:
		by_city.setdefault(unit.stratum, []).append(unit)
	assert {city: len(units) for city, units in by_city.items()} == {"长沙市": 2, "株洲市": 2, "湘潭市": 1}
	assert all(sampling.in_frame(unit) for unit in drawn)
	assert "CC-out" not in [unit.key for unit in drawn]


def test_same_seed_same_sample_whatever_the_frame_order():
	units = frame()
	first = sampling.draw(units, 3, seed=7)
	again = sampling.draw(list(reversed(units)), 3, seed=7)
	assert first == again
	others = {tuple(u.key for u in sampling.draw(units, 3, seed=s)) for s in range(1, 30)}
	assert len(others) > 1  # the seed matters


def test_frame_description_states_rule_and_sizes():
	text = sampling.describe_frame(frame(), ("株洲市", "长沙市"))
	assert "行业性、区域性" in text and "规模以上企业" in text
	in_frame = [u for u in frame() if sampling.in_frame(u)]
	assert f"共 {len(in_frame)} 份" in text
	assert text.index("株洲市") < text.index("长沙市")


def test_draw_refuses_a_zero_sample():
	with pytest.raises(ValueError):
		sampling.draw(frame(), 0, seed=1)


def test_real_negotiation_needs_a_recorded_meeting_and_the_congress_vote():
	assert quality.real_negotiation(1, date(2023, 4, 28))
	assert not quality.real_negotiation(0, date(2023, 4, 28))  # a vote on a draft nobody met about
	assert not quality.real_negotiation(3, None)  # met, never put to the congress
	assert not quality.real_negotiation(None, None)


@pytest.mark.parametrize(
	"closed_on, due_date, as_of, expected",
	[
		(date(2023, 5, 1), date(2023, 5, 1), date(2023, 6, 30), quality.CLOSED_IN_TIME),  # on its last day
		(date(2023, 5, 2), date(2023, 5, 1), date(2023, 6, 30), quality.CLOSED_LATE),
		(date(2023, 5, 2), None, date(2023, 6, 30), quality.CLOSED_LATE),  # closed with no clock on record
		(None, date(2023, 5, 1), date(2023, 5, 2), quality.OPEN_OVERDUE),
		(None, date(2023, 5, 1), date(2023, 5, 1), None),  # its last day is not past yet
		(None, None, date(2023, 6, 30), None),  # not accepted: no clock runs
	],
)
def test_coordination_standing(closed_on, due_date, as_of, expected):
	assert quality.coordination_standing(closed_on, due_date, as_of) == expected


def test_real_negotiation_figures_add_up_region_by_region():
	a = quality.RegionQuality("长沙市", signed=4, real_negotiation=1, meetings=6, days_to_signature=123, days_counted=3, coordinations=4, closed_in_time=1, closed_late=1, open_overdue=1)
	b = quality.RegionQuality("株洲市", signed=1, real_negotiation=1, meetings=2, days_to_signature=20, days_counted=1)
	assert (a.real_negotiation_rate, a.meetings_per_contract, a.average_days_to_signature) == (25.0, 1.5, 41.0)
	empty = quality.RegionQuality("湘潭市")
	assert (empty.real_negotiation_rate, empty.meetings_per_contract, empty.average_days_to_signature) == (None, None, None)
	total = quality.RegionQuality("湖南省")
	for region in (a, b, empty):
		total.add(region)
	# the mean of all the contracts' days, not the mean of the regions' means (41.0 and 20.0)
	assert (total.signed, total.real_negotiation_rate, total.meetings_per_contract, total.average_days_to_signature) == (5, 40.0, 1.6, 35.8)
	assert (total.coordinations, total.closed_in_time, total.closed_late, total.open_overdue) == (4, 1, 1, 1)
