"""The 附件's counting rules (DESIGN.md §3) over plain records.

This is the reference the report's SQL is tested against, and what the offline command runs.
For one campaign, one reporting unit (a region and its whole subtree) and an as-of date:

- 发出要约: enterprises covered by an offer sent on or before the as-of date; workers = for each
  enterprise the largest covered-worker figure among its offers.
- 回应要约: enterprises with an offer answered 同意协商 by the as-of date; workers likewise.
- 签订集体合同: enterprises covered by a contract signed by the as-of date and not cancelled;
  workers = the largest figure among those contracts. A contract needs no offer to count.
- 不予回应（拒绝协商）: enterprises with no 同意协商 that refused, or whose offer's due date passed by
  the as-of date unanswered. Offers still inside their 20 days are neither.
Every enterprise is counted at most once per column; 合计 is the column sum.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from springoffer.core import categories, clocks


# The records counted are named tuples: a province has hundreds of thousands of them, and a tuple is
# made in a third of a frozen dataclass's time.
class Enterprise(NamedTuple):
	key: str  # 统一社会信用代码 (or the record name)
	name: str
	category: str
	region: str


class OfferLine(NamedTuple):
	"""One enterprise covered by one offer."""

	offer: str
	campaign: str
	enterprise: str
	workers: int
	date_sent: date
	response: str = categories.PENDING
	response_date: date | None = None
	refusal_reason: str = ""
	hrss_handling: str = ""
	delivered_on: date | None = None  # the day the employer side received it; None: not on record

	@property
	def due_date(self):
		return clocks.response_due(self.delivered_on)


class ContractLine(NamedTuple):
	contract: str
	campaign: str
	enterprise: str
	workers: int
	signing_date: date
	cancelled: bool = False


# The figures where a rise is bad news (more enterprises refusing), for marking a change.
WORSE_WHEN_HIGHER = frozenset({"refused"})


@dataclass
class Figures:
	"""The seven figures of one row of the 附件."""

	offered: int = 0
	offered_workers: int = 0
	responded: int = 0
	responded_workers: int = 0
	signed: int = 0
	signed_workers: int = 0
	refused: int = 0

	FIELDS = (
		"offered",
		"offered_workers",
		"responded",
		"responded_workers",
		"signed",
		"signed_workers",
		"refused",
	)

	def as_tuple(self):
		return tuple(getattr(self, f) for f in self.FIELDS)

	def add(self, other):
		for f in self.FIELDS:
			setattr(self, f, getattr(self, f) + getattr(other, f))


@dataclass(frozen=True)
class Refusal:
	"""One row of the refusal sheet (另附纸说明)."""

	enterprise: str
	credit_code: str
	category: str
	region: str
	workers: int
	kind: str  # 拒绝协商 or 逾期未回应
	reason: str
	hrss_handling: str
	reason_categories: tuple = ()  # the refusal categories of its reasons, sorted


@dataclass
class RefusalSummary:
	"""What the reason cell of one row says: counts by kind, by refusal category, and handled."""

	refused: int = 0
	overdue: int = 0
	handled: int = 0
	reasons: dict = field(default_factory=dict)  # refusal category → enterprises

	def add(self, other):
		self.refused += other.refused
		self.overdue += other.overdue
		self.handled += other.handled
		for reason, n in other.reasons.items():
			self.reasons[reason] = self.reasons.get(reason, 0) + n

	def text(self):
		total = self.refused + self.overdue
		if not total:
			return ""
		parts = []
		if self.refused:
			counted = sorted(((n, reason) for reason, n in self.reasons.items() if n), key=lambda x: (-x[0], x[1]))
			detail = "、".join(f"{reason}{n}家" for n, reason in counted) or f"未填写原因{self.refused}家"
			parts.append(f"拒绝协商{self.refused}家（{detail}）")
		if self.overdue:
			parts.append(f"逾期未回应{self.overdue}家")
		pending = total - self.handled
		parts.append(f"人社部门已处理{self.handled}家" + (f"，待处理{pending}家" if pending else ""))
		return "；".join(parts)


def summarise(refusals):
	summary = RefusalSummary()
	for r in refusals:
		if r.kind == categories.REFUSED:
			summary.refused += 1
			for reason in r.reason_categories:
				summary.reasons[reason] = summary.reasons.get(reason, 0) + 1
		else:
			summary.overdue += 1
		summary.handled += bool(r.hrss_handling)
	return summary


@dataclass
class Annex:
	unit: str
	as_of: date
	rows: dict  # category → Figures, in the form's order
	refusals: list = field(default_factory=list)
	campaign: str = ""
	summaries: dict | None = None  # category → RefusalSummary, when counted without the refusal list

	@property
	def total(self):
		total = Figures()
		for figures in self.rows.values():
			total.add(figures)
		return total

	def summary(self, category=None):
		"""The refusal summary of one row, or of 合计 with no category."""
		if self.summaries is None:
			return summarise([r for r in self.refusals if category is None or r.category == category])
		if category is not None:
			return self.summaries.get(category, RefusalSummary())
		total = RefusalSummary()
		for summary in self.summaries.values():
			total.add(summary)
		return total

	def reasons(self, category=None):
		return self.summary(category).text()


class RegionTree:
	"""Parent links of the region tree; answers subtree and ancestor questions."""

	def __init__(self, parents):
		self.parents = dict(parents)  # region → parent (None at a root)
		self._children = defaultdict(list)
		for region, parent in self.parents.items():
			if parent:
				self._children[parent].append(region)

	def __contains__(self, region):
		return region in self.parents

	def subtree(self, root):
		found, stack = set(), [root]
		while stack:
			region = stack.pop()
			if region not in found:
				found.add(region)
				stack.extend(self._children.get(region, ()))
		return found

	def chain(self, region):
		"""The region and its ancestors up to the root."""
		chain = []
		while region and region not in chain:
			chain.append(region)
			region = self.parents.get(region)
		return chain


def summarise_refusals(refusals):
	"""The reason cell for a list of refusals, in Chinese."""
	return summarise(refusals).text()


def count_annex(enterprises, offer_lines, contract_lines, tree, campaign, unit, as_of):
	"""The 附件 of `unit` for `campaign` as of `as_of`."""
	scope = tree.subtree(unit)
	by_key = {e.key: e for e in enterprises if e.region in scope}

	# A province has hundreds of thousands of lines: the loops read each field once.
	offered, agreed = {}, {}
	refused_lines, overdue_lines = defaultdict(list), defaultdict(list)
	pending, agreed_word, refused_word = categories.PENDING, categories.AGREED, categories.REFUSED
	for line in offer_lines:
		key = line.enterprise
		if line.campaign != campaign or line.date_sent > as_of or key not in by_key:
			continue
		workers = line.workers
		if workers > offered.get(key, 0):
			offered[key] = workers
		response, answered_on = line.response, line.response_date
		if response == pending or (answered_on is not None and answered_on > as_of):  # not answered by as_of
			if clocks.is_overdue(line.due_date, as_of):
				overdue_lines[key].append(line)
		elif response == agreed_word:
			if workers > agreed.get(key, 0):
				agreed[key] = workers
		elif response == refused_word:
			refused_lines[key].append(line)

	signed = {}
	for line in contract_lines:
		key = line.enterprise
		if line.campaign == campaign and not line.cancelled and line.signing_date <= as_of and key in by_key:
			workers = line.workers
			if workers > signed.get(key, 0):
				signed[key] = workers

	rows = {category: Figures() for category in categories.REPORT_CATEGORIES}

	def tally(counts, enterprise_field, workers_field):
		enterprises_by, workers_by = defaultdict(int), defaultdict(int)
		for key, workers in counts.items():
			category = by_key[key].category
			enterprises_by[category] += 1
			workers_by[category] += workers
		for category, figures in rows.items():
			setattr(figures, enterprise_field, getattr(figures, enterprise_field) + enterprises_by[category])
			setattr(figures, workers_field, getattr(figures, workers_field) + workers_by[category])

	tally(offered, "offered", "offered_workers")
	tally(agreed, "responded", "responded_workers")
	tally(signed, "signed", "signed_workers")

	refusals = []
	for key in sorted((set(refused_lines) | set(overdue_lines)) - set(agreed)):
		enterprise = by_key[key]
		rows[enterprise.category].refused += 1
		lines = refused_lines.get(key) or overdue_lines[key]
		refusals.append(
			Refusal(
				enterprise=enterprise.name,
				credit_code=enterprise.key,
				category=enterprise.category,
				region=enterprise.region,
				workers=max(line.workers for line in lines),
				kind=categories.REFUSED if key in refused_lines else categories.OVERDUE,
				reason=joined_texts(line.refusal_reason for line in refused_lines.get(key, ())),
				hrss_handling=joined_texts(line.hrss_handling for line in lines),
				reason_categories=reason_categories(line.refusal_reason for line in refused_lines.get(key, ())),
			)
		)
	refusals.sort(key=lambda r: (categories.REPORT_CATEGORIES.index(r.category), r.region, r.credit_code))
	return Annex(unit=unit, as_of=as_of, rows=rows, refusals=refusals, campaign=campaign)


def joined_texts(texts):
	"""Distinct non-empty texts, sorted so the database and Python give the same cell."""
	return "；".join(sorted({text for text in texts if text}))


def reason_categories(reasons):
	"""The refusal categories of some reason texts ('企业经营困难：订单下滑' → 企业经营困难; other text → 其他)."""
	return tuple(sorted({categories.split_choice(text, categories.REFUSAL_REASONS)[0] for text in reasons if text}))


def describe(category, detail=""):
	"""A reason or handling as one text: the category, then the detail after a colon."""
	if not category:
		return ""
	return f"{category}：{detail}" if detail else category


@dataclass(frozen=True)
class InvariantBreach:
	category: str
	message: str
	args: tuple = ()


def check_invariants(rows, refusal_count=None):
	"""The form's own arithmetic: what any 附件 must satisfy, however it was filled."""
	found = []
	for category, f in rows.items():
		if any(v is None or v < 0 for v in f.as_tuple()):
			found.append(InvariantBreach(category, "{0}: figures cannot be negative or empty", (category,)))
			continue
		if f.responded > f.offered:
			found.append(
				InvariantBreach(
					category,
					"{0}: {1} enterprises responded but only {2} received offers",
					(category, f.responded, f.offered),
				)
			)
		if f.responded + f.refused > f.offered:
			found.append(
				InvariantBreach(
					category,
					"{0}: responded {1} plus refused {2} exceed the {3} enterprises that received offers",
					(category, f.responded, f.refused, f.offered),
				)
			)
		for label, enterprises, workers in (
			(categories.HEADER_OFFERED, f.offered, f.offered_workers),
			(categories.HEADER_RESPONDED, f.responded, f.responded_workers),
			(categories.HEADER_SIGNED, f.signed, f.signed_workers),
		):
			if workers < enterprises:
				found.append(
					InvariantBreach(
						category,
						"{0} {1}: {2} covered workers is fewer than its {3} enterprises",
						(category, label, workers, enterprises),
					)
				)
			if (workers == 0) != (enterprises == 0):
				found.append(
					InvariantBreach(
						category,
						"{0} {1}: covered workers must be 0 exactly when enterprises are 0",
						(category, label),
					)
				)
	if refusal_count is not None:
		refused = sum(f.refused for f in rows.values())
		if refusal_count != refused:
			found.append(
				InvariantBreach(
					categories.TOTAL_LABEL,
					"{0} enterprises are counted as refusing but the refusal sheet explains {1}; every one must be explained",
					(refused, refusal_count),
				)
			)
	return found
