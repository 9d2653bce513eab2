"""Whom to offer next spring: each reason, its order, the enterprises left out, the pooled small firms."""

from datetime import date

from springoffer.core import categories as c
from springoffer.core import offer_drafts as od

PREVIOUS_START = date(2026, 3, 1)
NEXT_START, NEXT_END = date(2027, 3, 1), date(2027, 6, 30)


def history(name, **fields):
	base = {"enterprise_name": f"企业{name}", "region": "长沙市", "category": c.PRIVATE, "workers": 100, "ever_offered": True}
	return od.History(enterprise=name, **{**base, **fields})


def draft(*histories):
	return od.draft_offers(histories, previous_start=PREVIOUS_START, next_start=NEXT_START, next_end=NEXT_END)


def reason(h):
	found = od.reason_for(h, previous_start=PREVIOUS_START, next_start=NEXT_START, next_end=NEXT_END)
	return found and found[0]


def test_each_reason_and_the_records_it_names():
	expiring = history("A", contract="CC-2024-00001", contract_end=date(2027, 5, 31), union=True)
	refused = history("B", refused_offer="SO-2026-00002", refused_on=date(2026, 4, 2), refusal_reason="企业经营困难")
	silent = history("C", unanswered_offer="SO-2026-00003", answer_due=date(2026, 4, 20))
	union = history("D", union=True)
	never = history("E", ever_offered=False)
	drafts, left = draft(expiring, refused, silent, union, never)
	assert left == []
	by_name = {d.members[0].enterprise: d for d in drafts}
	assert by_name["A"].reason == od.REASON_EXPIRING
	assert by_name["A"].detail == "集体合同 CC-2024-00001 于 2027-05-31 到期"
	assert (by_name["A"].source_doctype, by_name["A"].source_name) == ("Contract", "CC-2024-00001")
	assert by_name["B"].detail == "2026-04-02 拒绝协商（企业经营困难），要约 SO-2026-00002"
	assert by_name["C"].detail == "要约 SO-2026-00003 应于 2026-04-20 前回应，逾期未回应"
	assert [by_name[n].reason for n in "BCDE"] == [
		od.REASON_REFUSED,
		od.REASON_UNANSWERED,
		od.REASON_UNION_NO_CONTRACT,
		od.REASON_NEVER_OFFERED,
	]
	assert all(d.scope == c.SCOPE_SINGLE and d.category == c.PRIVATE and d.workers == 100 for d in drafts)


def test_a_contract_through_the_next_campaign_needs_no_offer_whatever_else_happened():
	assert reason(history("A", contract="CC-1", contract_end=NEXT_END, refused_offer="SO-1", union=True)) is None
	# a day short of the campaign's end: it expires before the campaign is over
	assert reason(history("A", contract="CC-1", contract_end=date(2027, 6, 29), union=True)) == od.REASON_EXPIRING


def test_the_first_reason_wins_and_an_old_expired_contract_is_no_contract():
	both = history("A", contract="CC-1", contract_end=date(2027, 1, 31), refused_offer="SO-1", refused_on=date(2026, 4, 1))
	assert reason(both) == od.REASON_EXPIRING
	long_gone = history("B", contract="CC-1", contract_end=date(2025, 12, 31), union=True)
	assert reason(long_gone) == od.REASON_UNION_NO_CONTRACT
	assert reason(history("C", contract="CC-1", contract_end=date(2025, 12, 31))) is None  # offered before, no union


def test_an_enterprise_offered_and_answered_with_no_union_is_not_drafted():
	assert reason(history("A")) is None


def test_closed_and_merged_enterprises_are_left_out_and_listed():
	closed = history("A", status=od.CLOSED, status_note="2026-09-30 注销", ever_offered=False)
	merged = history("B", status=od.MERGED, status_note="并入 C", union=True)
	long_closed = history("D", status=od.CLOSED, status_note="2020-01-01 注销")  # nothing to offer it anyway
	drafts, left = draft(closed, merged, long_closed)
	assert drafts == []
	assert [(x.enterprise, x.status, x.note) for x in left] == [("A", od.CLOSED, "2026-09-30 注销"), ("B", od.MERGED, "并入 C")]


def test_small_firms_are_pooled_by_industry_then_by_region():
	firms = [
		history("M1", small_micro=True, industry="C 制造业", ever_offered=False, workers=10),
		history("M2", small_micro=True, industry="C 制造业", union=True, workers=20),
		history("M3", small_micro=True, industry="F 批发和零售业", ever_offered=False, workers=5),
		history("M4", small_micro=True, industry="H 住宿和餐饮业", ever_offered=False, workers=7),
		history("M5", small_micro=True, industry="C 制造业", refused_offer="SO-9", refused_on=date(2026, 4, 1)),
		history("X1", small_micro=True, industry="C 制造业", ever_offered=False, region="株洲市"),
	]
	drafts, _left = draft(*firms)
	shapes = sorted((d.region, d.scope, d.reason, tuple(m.enterprise for m in d.members), d.workers) for d in drafts)
	assert shapes == sorted([
		("株洲市", c.SCOPE_SINGLE, od.REASON_NEVER_OFFERED, ("X1",), 100),  # alone in its region
		("长沙市", c.SCOPE_SINGLE, od.REASON_REFUSED, ("M5",), 100),  # a refusal is that employer's own
		("长沙市", c.SCOPE_INDUSTRY, od.REASON_SMALL_MICRO, ("M1", "M2"), 30),
		("长沙市", c.SCOPE_REGIONAL, od.REASON_SMALL_MICRO, ("M3", "M4"), 12),
	])
	industry = next(d for d in drafts if d.scope == c.SCOPE_INDUSTRY)
	assert industry.detail == "C 制造业 小微企业 2 家（已建会无有效合同 1 家，从未发出要约 1 家），宜开展行业性集体协商"
	assert industry.category == "" and industry.industry == "C 制造业"


def test_counts_by_reason_lists_every_reason():
	drafts, _ = draft(history("A", ever_offered=False), history("B", ever_offered=False), history("C", union=True))
	counts = od.counts_by_reason(drafts)
	assert list(counts) == list(od.REASONS)
	assert counts[od.REASON_NEVER_OFFERED] == (2, 2)
	assert counts[od.REASON_UNION_NO_CONTRACT] == (1, 1)
	assert counts[od.REASON_EXPIRING] == (0, 0)
