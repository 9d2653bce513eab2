import random

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime, today

from springoffer.core import categories, sampling
from springoffer.core.regions import CITIES, PROVINCE

# Contracts of the campaign with their 市州 and whether they cover a 规模以上企业, as they stood at
# the draw: the frame the sample is drawn from (sampling.in_frame picks the units).
FRAME_SQL = """
SELECT c.name, c.contract_kind, COALESCE(city.name, r.name) AS stratum, MAX(e.is_above_scale) AS above_scale,
	GROUP_CONCAT(e.enterprise_name ORDER BY cc.idx SEPARATOR '、') AS enterprise_names
FROM `tabContract` c
JOIN `tabContract Coverage` cc ON cc.parent = c.name AND cc.parenttype = 'Contract'
JOIN `tabEnterprise` e ON e.name = cc.enterprise
JOIN `tabRegion` r ON r.name = c.region
LEFT JOIN `tabRegion` city ON city.parent_region = %(province)s AND r.lft BETWEEN city.lft AND city.rgt
WHERE c.campaign = %(campaign)s AND c.is_cancelled = 0 AND c.creation <= %(at)s
GROUP BY c.name, c.contract_kind, stratum
"""


def sampling_frame(campaign, at):
	rows = frappe.db.sql(FRAME_SQL, {"campaign": campaign, "province": PROVINCE, "at": at}, as_dict=True)
	units = [sampling.FrameUnit(r.name, r.stratum, r.contract_kind, bool(r.above_scale)) for r in rows]
	return units, {r.name: r for r in rows}


class SpotCheck(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from springoffer.springoffer.doctype.spot_check_item.spot_check_item import SpotCheckItem

		campaign: DF.Link
		checking_body: DF.Literal["\u4eba\u529b\u8d44\u6e90\u548c\u793e\u4f1a\u4fdd\u969c\u90e8\u95e8", "\u603b\u5de5\u4f1a", "\u4f01\u4e1a\u548c\u5de5\u4e1a\u7ecf\u6d4e\u8054\u5408\u4f1a", "\u5de5\u5546\u4e1a\u8054\u5408\u4f1a"]
		drawn_at: DF.Datetime | None
		drawn_by: DF.Data | None
		items: DF.Table[SpotCheckItem]
		per_city: DF.Int
		sampling_frame: DF.SmallText | None
		seed: DF.Int
	# end: auto-generated types
	def before_validate(self):
		if not self.seed:
			self.seed = random.SystemRandom().randrange(1, 10**6)

	def validate(self):
		if (self.per_city or 0) < 1:
			frappe.throw(_("Draw at least one contract per city"))
		self.check_sample_unchanged()
		now = getdate(today())
		for row in self.items or []:
			if row.result and not (row.check_date and (row.checked_by or "").strip()):
				frappe.throw(_("Row {0} ({1}): record the check date and who checked before the result").format(row.idx, row.contract))
			if row.check_date and getdate(row.check_date) > now:
				frappe.throw(_("Row {0} ({1}): check date {2} is in the future").format(row.idx, row.contract, row.check_date))
			if row.result == categories.SPOT_CHECK_RESULTS[1]:
				if not (row.findings or "").strip() or not row.rectification:
					frappe.throw(
						_("Row {0} ({1}): a check that found problems needs the findings and the state of rectification").format(
							row.idx, row.contract
						)
					)
			elif row.rectification and row.rectification != categories.RECTIFICATION_STATES[0]:
				frappe.throw(_("Row {0} ({1}): rectification applies only when the check found problems").format(row.idx, row.contract))

	def check_sample_unchanged(self):
		"""The sampled contracts come from the draw alone: no contract added or removed by hand."""
		if self.flags.drawing:
			return
		before = self.get_doc_before_save()
		then = [row.contract for row in before.items] if before else []
		if [row.contract for row in self.items or []] != then:
			frappe.throw(_("The sampled contracts come from the draw; use Draw Sample to draw them again instead of editing the list"))
		if before and self.items and (before.seed != self.seed or before.per_city != self.per_city):
			frappe.throw(_("The seed and the number per city made this sample; draw again to change them"))

	@frappe.whitelist()
	def draw_sample(self):
		"""Draw the sample from the campaign's frame as it stands now, with the recorded seed."""
		self.check_permission("write")
		if any(row.result or row.check_date for row in self.items or []):
			frappe.throw(_("Checks are already recorded on this sample; drawing again would discard them"))
		self.drawn_at = now_datetime()
		self.drawn_by = frappe.session.user
		self.fill(self.drawn_at)
		self.flags.drawing = True
		try:
			self.save()
		finally:
			self.flags.drawing = False
		return self

	def fill(self, at):
		units, rows = sampling_frame(self.campaign, at)
		self.sampling_frame = sampling.describe_frame(units, CITIES)
		self.items = []
		for unit in sampling.draw(units, self.per_city or 1, self.seed):
			row = rows[unit.key]
			self.append(
				"items",
				{"contract": unit.key, "city": unit.stratum, "contract_kind": unit.kind, "enterprise_names": row.enterprise_names},
			)

	@frappe.whitelist()
	def redraw_check(self):
		"""Draw again from the frame as it stood at the draw, with the recorded seed: the same contracts."""
		self.check_permission("read")
		units, _rows = sampling_frame(self.campaign, get_datetime(self.drawn_at))
		again = [unit.key for unit in sampling.draw(units, self.per_city or 1, self.seed)]
		return {"same": again == [row.contract for row in self.items], "contracts": again}
