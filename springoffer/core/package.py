"""What a unit reports besides its 附件, as plain data: the work summary, demonstration sites and
typical cases (notice 三(四): "开展集体协商工作的情况和开展示范点活动以及典型案例等情况"), and the
compilation of a campaign's approved cases (案例汇编).

The desk fills these from its records; the document writers (springoffer.core.documents) turn them
into .docx files. Rich text arrives as the HTML of Frappe's Text Editor.
"""

from dataclasses import dataclass, field
from datetime import date

from springoffer.core.counting import Figures

GROUP_BY_TOPIC = "topic"
GROUP_BY_REGION = "region"


@dataclass
class SiteActivity:
	kind: str  # 经验交流会, 现场观摩会, …
	held_on: date | None
	attendance: int = 0
	note: str = ""


@dataclass
class DemonstrationSite:
	name: str
	region: str
	site_kind: str  # 行业性 / 区域性 (产业集聚乡镇（园区）)
	covers: str  # the industry or the park it covers
	reason_html: str = ""  # why it is exemplary
	enterprises: list[str] = field(default_factory=list)
	activities: list[SiteActivity] = field(default_factory=list)


@dataclass
class TypicalCase:
	title: str
	region: str
	topic: str
	reporting_body: str = ""
	enterprises: list[str] = field(default_factory=list)
	story_html: str = ""
	result_html: str = ""


@dataclass
class ReportPackage:
	"""One unit's report to its body's province counterpart."""

	campaign: str
	unit: str
	body: str
	as_of: date
	due_date: date
	summary_html: str = ""
	total: Figures = field(default_factory=Figures)  # the 附件's 合计, quoted in the summary
	sites: list[DemonstrationSite] = field(default_factory=list)
	cases: list[TypicalCase] = field(default_factory=list)


@dataclass
class CaseCompilation:
	"""The 案例汇编: approved cases of one campaign, grouped by topic or by region."""

	campaign: str
	compiled_by: str  # e.g. 湖南省总工会
	compiled_on: date
	cases: list[TypicalCase] = field(default_factory=list)
	group_by: str = GROUP_BY_TOPIC

	def groups(self, order=()):
		"""[(group title, cases)] in `order` first (topics in the notice's order, or regions in the
		tree's order), then any other group alphabetically; cases keep their given order."""
		key = (lambda case: case.topic) if self.group_by == GROUP_BY_TOPIC else (lambda case: case.region)
		found = {}
		for case in self.cases:
			found.setdefault(key(case) or "其他", []).append(case)
		ordered = [name for name in order if name in found]
		ordered += sorted(name for name in found if name not in ordered)
		return [(name, found[name]) for name in ordered]
