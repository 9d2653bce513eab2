"""The province's 工资增长指导线 (基准线, 上线, 下线) and where a contract's agreed growth stands against it.

Notice 二(一): enterprises set their wage growth "根据政府发布的工资增长指导线"; zero growth or a cut
only "经与工会或职工代表协商同意". A growth under the 下线 is allowed but worth a reviewer's look, so it
is flagged, never refused (zero growth or a cut without consent is refused by rules.check_contract).
"""

from dataclasses import dataclass

from springoffer.core import categories
from springoffer.core.rules import Violation


@dataclass(frozen=True)
class Guideline:
	name: str
	baseline: float  # 基准线, %
	upper: float  # 上线
	lower: float  # 下线


ABOVE_UPPER = "高于上线"
BASELINE_TO_UPPER = "基准线至上线之间"
LOWER_TO_BASELINE = "下线至基准线之间"
BELOW_LOWER = "低于下线"
ZERO_OR_CUT = "零增长或降低"
NO_GUIDELINE = "签订时无指导线"

FLAG_BELOW_LOWER = "agreed growth under the guideline's lower line"
FLAG_NO_CONSENT = "zero growth or a cut without recorded consent"


def check_guideline(baseline, upper, lower):
	"""Violations for a guideline whose lines are out of order (下线 ≤ 基准线 ≤ 上线)."""
	if not lower <= baseline <= upper:
		return [
			Violation(
				"baseline",
				"The lower line {0}%, the baseline {1}% and the upper line {2}% must rise in that order; correct them",
				(lower, baseline, upper),
			)
		]
	return []


def guideline_in_force(guidelines, on_date):
	"""The guideline with the latest effective date on or before `on_date`.
	guidelines: iterable of (effective_from, Guideline)."""
	best = None
	for effective_from, guideline in guidelines:
		if effective_from <= on_date and (best is None or effective_from > best[0]):
			best = (effective_from, guideline)
	return best[1] if best else None


def position(adjustment, growth, guideline):
	"""Where the agreed growth stands against the guideline, in the words a reviewer reads."""
	if adjustment in (categories.WAGE_FREEZE, categories.WAGE_CUT):
		return ZERO_OR_CUT
	if adjustment != categories.WAGE_RISE or growth is None:
		return ""
	if guideline is None:
		return NO_GUIDELINE
	if growth > guideline.upper:
		return ABOVE_UPPER
	if growth >= guideline.baseline:
		return BASELINE_TO_UPPER
	if growth >= guideline.lower:
		return LOWER_TO_BASELINE
	return BELOW_LOWER


def flags(adjustment, growth, consent, guideline):
	"""What a reviewer should look at: growth under the 下线, or zero growth / a cut without consent."""
	found = []
	if position(adjustment, growth, guideline) == BELOW_LOWER:
		found.append(FLAG_BELOW_LOWER)
	if adjustment in (categories.WAGE_FREEZE, categories.WAGE_CUT) and not consent:
		found.append(FLAG_NO_CONSENT)
	return found
