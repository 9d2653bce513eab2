import random
from datetime import date, timedelta

import pytest

from springoffer.core import categories as c
from springoffer.core.counting import (
	ContractLine,
	Enterprise,
	Figures,
	OfferLine,
	RegionTree,
	check_invariants,
	count_annex,
	summarise_refusals,
)

CAMPAIGN = "2023年春季要约行动"
AS_OF = date(2023, 6, 30)
TREE = RegionTree(
	{"湖南省": None, "长沙市": "湖南省", "芙蓉区": "长沙市", "天心区": "长沙市", "株洲市": "湖南省", "湘潭市": "湖南省"}
)


def ent(key, category=c.PRIVATE, region="长沙市"):
	return Enterprise(key=key, name=f"企业{key}", category=category, region=region)


RECEIVED_WHEN_SENT = object()


def offer(
	enterprise, workers, sent=date(2023, 3, 1), response=c.PENDING, answered=None, reason="", handling="", offer="O1", campaign=CAMPAIGN,
	received=RECEIVED_WHEN_SENT,
):  # fmt: skip
	received = sent if received is RECEIVED_WHEN_SENT else received
	return OfferLine(offer, campaign, enterprise, workers, sent, response, answered, reason, handling, received)


def contract(enterprise, workers, signed=date(2023, 5, 1), cancelled=False, name="C1", campaign=CAMPAIGN):
	return ContractLine(name, campaign, enterprise, workers, signed, cancelled)


def annex(enterprises, offers=(), contracts=(), unit="湖南省", as_of=AS_OF):
	return count_annex(enterprises, offers, contracts, TREE, CAMPAIGN, unit, as_of)


def test_enterprise_with_two_offers_counted_once_with_larger_figure():
	a = annex([ent("A")], [offer("A", 80, offer="O1"), offer("A", 120, offer="O2")])
	assert a.rows[c.PRIVATE].offered == 1
	assert a.rows[c.PRIVATE].offered_workers == 120


def test_industry_offer_covering_three_enterprises():
	enterprises = [ent("A"), ent("B", c.STATE_OWNED), ent("C", c.FOREIGN, "芙蓉区")]
	lines = [offer(k, w, response=c.AGREED, answered=date(2023, 3, 10), offer="IND") for k, w in (("A", 10), ("B", 20), ("C", 30))]
	a = annex(enterprises, lines)
	assert (a.rows[c.PRIVATE].offered, a.rows[c.PRIVATE].responded_workers) == (1, 10)
	assert (a.rows[c.STATE_OWNED].offered, a.rows[c.STATE_OWNED].offered_workers) == (1, 20)
	assert (a.rows[c.FOREIGN].responded, a.rows[c.FOREIGN].responded_workers) == (1, 30)
	assert a.total.as_tuple() == (3, 60, 3, 60, 0, 0, 0)


def test_refusal_later_followed_by_agreement_is_not_refused():
	lines = [
		offer("A", 50, response=c.REFUSED, answered=date(2023, 3, 5), reason="企业经营困难", offer="O1"),
		offer("A", 40, sent=date(2023, 4, 1), response=c.AGREED, answered=date(2023, 4, 10), offer="O2"),
	]
	a = annex([ent("A")], lines)
	f = a.rows[c.PRIVATE]
	assert (f.offered, f.offered_workers, f.responded, f.responded_workers, f.refused) == (1, 50, 1, 40, 0)
	assert a.refusals == []


def test_the_twenty_days_run_from_receipt_not_from_sending():
	"""集体合同规定 Art. 32: posted 2026-04-01, signed for 2026-04-08 → due 2026-04-28 (a working day)."""
	posted, received = date(2026, 4, 1), date(2026, 4, 8)
	line = offer("A", 30, sent=posted, received=received)
	assert line.due_date == date(2026, 4, 28)
	for as_of, overdue in ((date(2026, 4, 21), 0), (date(2026, 4, 28), 0), (date(2026, 4, 29), 1)):
		a = annex([ent("A")], [line], as_of=as_of)
		assert a.rows[c.PRIVATE].refused == overdue, as_of


def test_an_offer_with_no_receipt_on_record_is_never_overdue():
	line = offer("A", 30, sent=date(2023, 3, 1), received=None)
	assert line.due_date is None
	assert annex([ent("A")], [line]).rows[c.PRIVATE].refused == 0


def test_day_twenty_in_the_may_day_holiday_moves_to_the_next_working_day():
	# received 2026-04-11: day 20 is 2026-05-01, inside the 2026 劳动节 holiday (05-01…05-05)
	assert offer("A", 30, sent=date(2026, 4, 10), received=date(2026, 4, 11)).due_date == date(2026, 5, 6)


def test_offer_inside_its_twenty_days_is_neither():
	sent = AS_OF - timedelta(days=20)  # due date == as-of date: still in time
	a = annex([ent("A")], [offer("A", 30, sent=sent)])
	f = a.rows[c.PRIVATE]
	assert (f.offered, f.responded, f.refused) == (1, 0, 0)
	a = annex([ent("A")], [offer("A", 30, sent=sent - timedelta(days=1))])
	assert a.rows[c.PRIVATE].refused == 1
	assert a.refusals[0].kind == c.OVERDUE


def test_cancelled_contract_not_counted():
	a = annex([ent("A"), ent("B")], [], [contract("A", 100, cancelled=True), contract("B", 70, name="C2")])
	assert (a.rows[c.PRIVATE].signed, a.rows[c.PRIVATE].signed_workers) == (1, 70)


def test_contract_without_offer_counts_as_signed():
	a = annex([ent("A", c.OTHER)], [], [contract("A", 15)])
	assert a.rows[c.OTHER].as_tuple() == (0, 0, 0, 0, 1, 15, 0)


def test_enterprise_with_two_contracts_counted_once_with_larger_figure():
	a = annex([ent("A")], [], [contract("A", 15, name="C1"), contract("A", 25, name="C2")])
	assert (a.rows[c.PRIVATE].signed, a.rows[c.PRIVATE].signed_workers) == (1, 25)


def test_other_campaign_and_other_region_ignored():
	enterprises = [ent("A"), ent("Z", region="株洲市")]
	lines = [offer("A", 10, campaign="2024年春季要约行动"), offer("Z", 20)]
	contracts = [contract("A", 10, campaign="2024年春季要约行动"), contract("Z", 20)]
	a = annex(enterprises, lines, contracts, unit="长沙市")
	assert a.total.as_tuple() == (0, 0, 0, 0, 0, 0, 0)
	assert annex(enterprises, lines, contracts, unit="株洲市").total.as_tuple() == (1, 20, 0, 0, 1, 20, 1)


def test_county_counted_in_its_city_and_province_but_not_sibling():
	enterprises = [ent("A", region="芙蓉区")]
	lines = [offer("A", 10)]
	assert annex(enterprises, lines, unit="长沙市").total.offered == 1
	assert annex(enterprises, lines, unit="湖南省").total.offered == 1
	assert annex(enterprises, lines, unit="芙蓉区").total.offered == 1
	assert annex(enterprises, lines, unit="天心区").total.offered == 0


def test_as_of_date_ignores_later_offers_answers_and_contracts():
	lines = [
		offer("A", 10, sent=date(2023, 3, 1), response=c.AGREED, answered=date(2023, 5, 1)),
		offer("B", 20, sent=date(2023, 5, 1)),
	]
	contracts = [contract("A", 10, signed=date(2023, 5, 2))]
	a = annex([ent("A"), ent("B")], lines, contracts, as_of=date(2023, 4, 15))
	# A's answer came after the as-of date and its 20 days had run out: overdue as of then
	assert a.total.as_tuple() == (1, 10, 0, 0, 0, 0, 1)
	assert a.refusals[0].kind == c.OVERDUE


def test_refused_wins_over_overdue_and_keeps_reasons_and_handling():
	lines = [
		offer("A", 10, response=c.REFUSED, answered=date(2023, 3, 5), reason="企业经营困难", handling="约谈企业负责人", offer="O1"),
		offer("A", 30, sent=date(2023, 3, 2), offer="O2"),
		offer("A", 12, response=c.REFUSED, answered=date(2023, 3, 6), reason="认为无协商必要", offer="O3"),
	]
	a = annex([ent("A")], lines)
	(r,) = a.refusals
	assert (r.kind, r.workers) == (c.REFUSED, 12)
	assert r.reason == "；".join(sorted(["企业经营困难", "认为无协商必要"]))
	assert r.hrss_handling == "约谈企业负责人"
	assert a.rows[c.PRIVATE].refused == 1


def test_reasons_cell_summarises_the_row():
	lines = [
		offer("A", 10, response=c.REFUSED, answered=date(2023, 3, 5), reason="企业经营困难", handling="约谈企业负责人"),
		offer("B", 10, response=c.REFUSED, answered=date(2023, 3, 5), reason="企业经营困难"),
		offer("C", 10),
	]
	a = annex([ent("A"), ent("B"), ent("C")], lines)
	assert a.reasons(c.PRIVATE) == "拒绝协商2家（企业经营困难2家）；逾期未回应1家；人社部门已处理1家，待处理2家"
	assert a.reasons(c.STATE_OWNED) == ""
	assert summarise_refusals([]) == ""


def test_rows_are_the_four_categories_in_form_order():
	a = annex([], [])
	assert list(a.rows) == list(c.REPORT_CATEGORIES)


def test_region_tree_chain_and_subtree():
	assert TREE.chain("芙蓉区") == ["芙蓉区", "长沙市", "湖南省"]
	assert TREE.subtree("长沙市") == {"长沙市", "芙蓉区", "天心区"}


def test_invariants_catch_each_breach():
	good = {cat: Figures(3, 30, 1, 10, 1, 10, 2) for cat in c.REPORT_CATEGORIES}
	assert check_invariants(good, refusal_count=8) == []
	cases = {
		"responded but only": Figures(1, 10, 2, 20, 0, 0, 0),
		"plus refused": Figures(2, 20, 1, 10, 0, 0, 2),
		"fewer than its": Figures(2, 1, 0, 0, 0, 0, 0),
		"exactly when": Figures(0, 5, 0, 0, 0, 0, 0),
		"negative": Figures(-1, 0, 0, 0, 0, 0, 0),
	}
	for words, figures in cases.items():
		rows = dict(good, **{c.OTHER: figures})
		found = check_invariants(rows)
		assert found and all(b.category == c.OTHER for b in found), words
		assert any(words in b.message for b in found), (words, found)
	assert "explains" in check_invariants(good, refusal_count=7)[0].message


def random_ledger(rng):
	regions = list(TREE.parents)
	enterprises = [ent(f"E{i}", rng.choice(c.REPORT_CATEGORIES), rng.choice(regions)) for i in range(rng.randint(0, 25))]
	offers, contracts = [], []
	for n in range(rng.randint(0, 30)):
		if not enterprises:
			break
		sent = date(2023, 3, 1) + timedelta(days=rng.randint(0, 121))
		response = rng.choice(c.RESPONSES)
		answered = sent + timedelta(days=rng.randint(0, 40)) if response != c.PENDING else None
		for e in rng.sample(enterprises, rng.randint(1, min(3, len(enterprises)))):
			offers.append(offer(e.key, rng.randint(1, 500), sent, response, answered, "其他" if response == c.REFUSED else "", offer=f"O{n}"))
	for n in range(rng.randint(0, 15)):
		if enterprises:
			e = rng.choice(enterprises)
			signed = date(2023, 3, 1) + timedelta(days=rng.randint(0, 121))
			contracts.append(contract(e.key, rng.randint(1, 500), signed, rng.random() < 0.2, name=f"C{n}"))
	return enterprises, offers, contracts


def brute_force(enterprises, offers, contracts, unit, as_of):
	"""The rules of DESIGN §3 restated enterprise by enterprise, as a second opinion."""
	scope = TREE.subtree(unit)
	rows = {cat: [0] * 7 for cat in c.REPORT_CATEGORIES}
	for e in enterprises:
		if e.region not in scope:
			continue
		mine = [o for o in offers if o.enterprise == e.key and o.campaign == CAMPAIGN and o.date_sent <= as_of]
		known = [o for o in mine if o.response != c.PENDING and (o.response_date is None or o.response_date <= as_of)]
		agreed = [o for o in known if o.response == c.AGREED]
		refused = [o for o in known if o.response == c.REFUSED]
		overdue = [o for o in mine if o not in known and as_of > o.date_sent + timedelta(days=20)]
		signed = [k for k in contracts if k.enterprise == e.key and not k.cancelled and k.signing_date <= as_of]
		row = rows[e.category]
		for index, lines in ((0, mine), (2, agreed), (4, signed)):
			if lines:
				row[index] += 1
				row[index + 1] += max(line.workers for line in lines)
		if not agreed and (refused or overdue):
			row[6] += 1
	return rows


@pytest.mark.parametrize("seed", range(300))
def test_random_ledgers_match_brute_force_and_keep_invariants(seed):
	rng = random.Random(seed)
	enterprises, offers, contracts = random_ledger(rng)
	unit = rng.choice(list(TREE.parents))
	as_of = date(2023, 3, 1) + timedelta(days=rng.randint(0, 150))
	a = annex(enterprises, offers, contracts, unit=unit, as_of=as_of)
	expected = brute_force(enterprises, offers, contracts, unit, as_of)
	assert {cat: list(f.as_tuple()) for cat, f in a.rows.items()} == expected
	assert check_invariants(a.rows, refusal_count=len(a.refusals)) == []
