"""Province roll-up and reconciliation of Unit Reports, without Frappe.

A province report of one body is the sum of its cities' approved reports of the same body;
cities with no report, or one not yet approved, are listed and left out of the sum. Any two sets
of figures (a report and the records, or two bodies' reports of one unit) are compared cell by cell.
"""

from dataclasses import dataclass, field

from springoffer.core import categories
from springoffer.core.counting import Figures


@dataclass
class RollUp:
	rows: dict  # category → Figures, summed over approved cities
	approved: list = field(default_factory=list)
	not_approved: list = field(default_factory=list)  # (city, state)
	missing: list = field(default_factory=list)

	def status_text(self):
		"""The roll-up's remark, in Chinese: which cities are in the sum and which are not."""
		parts = [f"已汇总 {len(self.approved)} 个市州已审核的统计表"]
		if self.not_approved:
			parts.append("未审核：" + "、".join(f"{city}（{state}）" for city, state in self.not_approved))
		if self.missing:
			parts.append("未报送：" + "、".join(self.missing))
		return "；".join(parts)


def roll_up(cities, reports, approved_state=categories.REPORT_APPROVED):
	"""cities: the units that must report, in order. reports: city → (state, {category: Figures})."""
	rows = {category: Figures() for category in categories.REPORT_CATEGORIES}
	result = RollUp(rows=rows)
	for city in cities:
		if city not in reports:
			result.missing.append(city)
			continue
		state, figures = reports[city]
		if state != approved_state:
			result.not_approved.append((city, state))
			continue
		result.approved.append(city)
		for category, f in figures.items():
			rows[category].add(f)
	return result


@dataclass(frozen=True)
class Difference:
	category: str
	figure: str  # a Figures field name
	left: int
	right: int


def differences(left, right):
	"""Cells where two sets of rows disagree, in the form's order; 合计 included."""
	found = []
	for category in (*categories.REPORT_CATEGORIES, categories.TOTAL_LABEL):
		a = total(left) if category == categories.TOTAL_LABEL else left.get(category, Figures())
		b = total(right) if category == categories.TOTAL_LABEL else right.get(category, Figures())
		for name, x, y in zip(Figures.FIELDS, a.as_tuple(), b.as_tuple()):
			if x != y:
				found.append(Difference(category, name, x, y))
	return found


def total(rows):
	result = Figures()
	for figures in rows.values():
		result.add(figures)
	return result


FIGURE_LABELS = {
	"offered": f"{categories.HEADER_OFFERED}{categories.HEADER_ENTERPRISES}",
	"offered_workers": f"{categories.HEADER_OFFERED}{categories.HEADER_WORKERS}",
	"responded": f"{categories.HEADER_RESPONDED}{categories.HEADER_ENTERPRISES}",
	"responded_workers": f"{categories.HEADER_RESPONDED}{categories.HEADER_WORKERS}",
	"signed": f"{categories.HEADER_SIGNED}{categories.HEADER_ENTERPRISES}",
	"signed_workers": f"{categories.HEADER_SIGNED}{categories.HEADER_WORKERS}",
	"refused": categories.HEADER_REFUSED,
}
