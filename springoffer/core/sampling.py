"""抽查 (notice 三(四)): the province bodies check 规模以上企业 and 行业性、区域性 bargaining.

The sample is drawn per 市州 (stratum) from a stated frame with a recorded seed, so anyone can draw
it again and get the same contracts: units are sorted by key before drawing, and each stratum has
its own generator seeded by "seed:stratum", whatever the order the frame arrived in.
"""

import random
from dataclasses import dataclass

from springoffer.core import categories

FRAME_KINDS = (categories.CONTRACT_KINDS[3], categories.CONTRACT_KINDS[4])  # 行业性, 区域性


@dataclass(frozen=True)
class FrameUnit:
	key: str  # the contract
	stratum: str  # its 市州
	kind: str = ""
	above_scale: bool = False  # covers at least one 规模以上企业


def in_frame(unit):
	"""A contract belongs to the frame when it is industry-wide or regional, or covers a 规模以上企业."""
	return unit.kind in FRAME_KINDS or unit.above_scale


def draw(frame, per_stratum, seed):
	"""Up to `per_stratum` units from each stratum, reproducibly: [(FrameUnit)] in stratum, key order."""
	if per_stratum < 1:
		raise ValueError("per_stratum must be at least 1")
	strata = {}
	for unit in frame:
		if in_frame(unit):
			strata.setdefault(unit.stratum, []).append(unit)
	chosen = []
	for stratum in sorted(strata):
		units = sorted(strata[stratum], key=lambda u: u.key)
		rng = random.Random(f"{seed}:{stratum}")
		picked = rng.sample(units, min(per_stratum, len(units)))
		chosen += sorted(picked, key=lambda u: u.key)
	return chosen


def describe_frame(frame, strata_order=()):
	"""The sampling frame as a reviewer reads it: rule and size per stratum."""
	sizes = {}
	for unit in frame:
		if in_frame(unit):
			sizes[unit.stratum] = sizes.get(unit.stratum, 0) + 1
	ordered = [s for s in strata_order if s in sizes] + sorted(s for s in sizes if s not in strata_order)
	counts = "、".join(f"{s} {sizes[s]} 份" for s in ordered) or "无"
	return (
		f"抽样框：本活动中未撤销的行业性、区域性集体合同，以及覆盖规模以上企业的集体合同，共 {sum(sizes.values())} 份"
		f"（按市州分层：{counts}）。"
	)
