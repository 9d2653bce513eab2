"""Whom to offer next spring, from what the records say about each enterprise (the 要约草稿 worklist).

An enterprise is drafted for the first reason that holds, in this order:
  1. its collective contract expires before the next campaign ends (合同即将到期);
  2. it refused to bargain in the last campaign and never agreed (上次拒绝协商);
  3. its offer in the last campaign ran out unanswered (上次逾期未回应);
  4. it has a union but no contract in force when the next campaign starts (已建会无有效合同);
  5. it was never offered at all (从未发出要约).
A contract in force until the next campaign ends needs no offer; an enterprise closed or merged
(marked on the Enterprise) that would be drafted is left out and listed with its mark. Small and micro enterprises of
reasons 4 and 5 that share a region are proposed together, as the notice's 二(一) asks: one 行业性
offer per industry with at least two of them, one 区域性 offer for the rest of the region when two or
more remain.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from springoffer.core import categories

REASON_EXPIRING = "合同即将到期"
REASON_REFUSED = "上次拒绝协商"
REASON_UNANSWERED = "上次逾期未回应"
REASON_UNION_NO_CONTRACT = "已建会无有效合同"
REASON_NEVER_OFFERED = "从未发出要约"
REASON_SMALL_MICRO = "小微企业区域性、行业性协商"
REASONS = (
	REASON_EXPIRING,
	REASON_REFUSED,
	REASON_UNANSWERED,
	REASON_UNION_NO_CONTRACT,
	REASON_NEVER_OFFERED,
	REASON_SMALL_MICRO,
)

OPERATING = "存续"
CLOSED = "已注销"
MERGED = "已合并"
OPERATING_STATES = (OPERATING, CLOSED, MERGED)
# An enterprise left out is listed in the worklist under its mark, never sent.
LEFT_OUT_REASON = {CLOSED: "企业已注销", MERGED: "企业已合并"}
LEFT_OUT_REASONS = tuple(LEFT_OUT_REASON.values())

# A draft's life: the officer sends it, or sets it aside; one left out stays so.
TO_SEND = "待发送"
SENT = "已发送"
SET_ASIDE = "不发送"
LEFT_OUT = "已排除"
DRAFT_STATES = (TO_SEND, SENT, SET_ASIDE, LEFT_OUT)

# Reasons under which a small or micro enterprise joins a regional or industry offer; the others
# (an expiring contract, a refusal, silence) are about that employer and get an offer of their own.
POOLED_REASONS = frozenset({REASON_UNION_NO_CONTRACT, REASON_NEVER_OFFERED})
MIN_POOL = 2


@dataclass(frozen=True)
class History:
	"""One enterprise as the records leave it at the end of a campaign."""

	enterprise: str
	enterprise_name: str
	region: str
	category: str
	industry: str = ""
	small_micro: bool = False
	union: bool = False
	status: str = OPERATING
	status_note: str = ""
	workers: int = 0  # the latest covered-worker figure on record, else the head count
	contract: str = ""  # the last contract covering it, not cancelled
	contract_end: date | None = None
	refused_offer: str = ""  # the last campaign's refusal, when it never agreed then
	refused_on: date | None = None
	refusal_reason: str = ""
	unanswered_offer: str = ""  # the last campaign's offer that ran out unanswered
	answer_due: date | None = None
	ever_offered: bool = False


@dataclass(frozen=True)
class Member:
	enterprise: str
	enterprise_name: str
	category: str
	region: str
	workers: int


@dataclass
class Draft:
	scope: str
	region: str
	reason: str
	detail: str
	members: list[Member] = field(default_factory=list)
	source_doctype: str = ""
	source_name: str = ""
	industry: str = ""

	@property
	def category(self):
		"""The 附件 row of a single enterprise's draft; empty for a pooled one."""
		return self.members[0].category if self.scope == categories.SCOPE_SINGLE else ""

	@property
	def workers(self):
		return sum(member.workers for member in self.members)


@dataclass(frozen=True)
class Left:
	"""An enterprise left out of the worklist, and why."""

	enterprise: str
	enterprise_name: str
	region: str
	status: str
	note: str


def reason_for(history, *, previous_start, next_start, next_end):
	"""(reason, detail, source doctype, source name) for one enterprise, or None when it needs no offer."""
	end = history.contract_end
	if history.contract and end and end >= next_end:
		return None  # bound by a contract through the next campaign
	if history.contract and end and previous_start <= end < next_end:
		return REASON_EXPIRING, f"集体合同 {history.contract} 于 {end} 到期", "Contract", history.contract
	if history.refused_offer:
		why = f"（{history.refusal_reason}）" if history.refusal_reason else ""
		return REASON_REFUSED, f"{history.refused_on} 拒绝协商{why}，要约 {history.refused_offer}", "Offer", history.refused_offer
	if history.unanswered_offer:
		return (
			REASON_UNANSWERED,
			f"要约 {history.unanswered_offer} 应于 {history.answer_due} 前回应，逾期未回应",
			"Offer",
			history.unanswered_offer,
		)
	in_force = end is not None and end >= next_start
	if history.union and not in_force:
		return REASON_UNION_NO_CONTRACT, "已建立工会，无有效集体合同", "Enterprise", history.enterprise
	if not history.ever_offered:
		return REASON_NEVER_OFFERED, "从未发出要约", "Enterprise", history.enterprise
	return None


def draft_offers(histories, *, previous_start, next_start, next_end):
	"""(drafts, left out) for the next campaign, in region order then by enterprise."""
	drafts, left, pools = [], [], defaultdict(list)
	for history in sorted(histories, key=lambda h: (h.region, h.enterprise)):
		found = reason_for(history, previous_start=previous_start, next_start=next_start, next_end=next_end)
		if not found:
			continue
		if history.status != OPERATING:  # would be drafted: listed, not sent
			left.append(Left(history.enterprise, history.enterprise_name, history.region, history.status, history.status_note))
			continue
		reason, detail, doctype, name = found
		member = Member(history.enterprise, history.enterprise_name, history.category, history.region, history.workers)
		if history.small_micro and reason in POOLED_REASONS:
			pools[history.region].append((history, member, reason))
			continue
		drafts.append(Draft(categories.SCOPE_SINGLE, history.region, reason, detail, [member], doctype, name, history.industry))
	for region, pooled in sorted(pools.items()):
		drafts.extend(_pool(region, pooled))
	return drafts, left


def _pool(region, pooled):
	"""The small and micro enterprises of one region: by industry, then the region, then alone."""
	by_industry = defaultdict(list)
	for entry in pooled:
		by_industry[entry[0].industry].append(entry)
	drafts, rest = [], []
	for industry, entries in sorted(by_industry.items()):
		if industry and len(entries) >= MIN_POOL:
			drafts.append(_pooled_draft(categories.SCOPE_INDUSTRY, region, entries, industry))
		else:
			rest.extend(entries)
	if len(rest) >= MIN_POOL:
		drafts.append(_pooled_draft(categories.SCOPE_REGIONAL, region, rest, ""))
	else:
		for history, member, reason in rest:
			detail = "从未发出要约" if reason == REASON_NEVER_OFFERED else "已建立工会，无有效集体合同"
			drafts.append(Draft(categories.SCOPE_SINGLE, region, reason, detail, [member], "Enterprise", history.enterprise, history.industry))
	return drafts


def _pooled_draft(scope, region, entries, industry):
	counts = defaultdict(int)
	for _history, _member, reason in entries:
		counts[reason] += 1
	parts = "，".join(f"{reason} {n} 家" for reason, n in sorted(counts.items(), key=lambda item: REASONS.index(item[0])))
	what = f"{industry} " if industry else ""
	detail = f"{what}小微企业 {len(entries)} 家（{parts}），宜开展{scope}集体协商"
	return Draft(scope, region, REASON_SMALL_MICRO, detail, [member for _h, member, _r in entries], "", "", industry)


def counts_by_reason(drafts):
	"""{reason: (drafts, enterprises)}, every reason present, in REASONS order."""
	counts = {reason: [0, 0] for reason in REASONS}
	for draft in drafts:
		counts[draft.reason][0] += 1
		counts[draft.reason][1] += len(draft.members)
	return {reason: tuple(pair) for reason, pair in counts.items()}
