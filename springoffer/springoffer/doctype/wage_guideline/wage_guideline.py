import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate

from springoffer.controllers.checks import throw_violations
from springoffer.core import guidelines


class WageGuideline(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		baseline: DF.Float
		document_reference: DF.Data | None
		effective_from: DF.Date
		lower: DF.Float
		region: DF.Link
		upper: DF.Float
		year: DF.Int
	# end: auto-generated types
	def validate(self):
		if frappe.db.exists(
			"Wage Guideline", {"region": self.region, "effective_from": self.effective_from, "name": ("!=", self.name)}
		):
			frappe.throw(
				_("{0} already has a wage guideline effective from {1}; edit that record instead").format(
					self.region, frappe.format(self.effective_from, "Date")
				),
				frappe.DuplicateEntryError,
			)
		if self.year and getdate(self.effective_from).year != self.year:
			frappe.throw(_("The guideline for {0} takes effect in that year; correct the year or the date").format(self.year))
		throw_violations(self, guidelines.check_guideline(flt(self.baseline), flt(self.upper), flt(self.lower)))


def guideline_on(region, on_date):
	"""(name, core Guideline) in force for `region` on `on_date`, from the nearest region that has one."""
	from springoffer.security.regions import region_chain

	chain = region_chain(region)
	if not chain or not on_date:
		return None, None
	rows = frappe.get_all(
		"Wage Guideline",
		filters={"region": ("in", chain), "effective_from": ("<=", on_date)},
		fields=["name", "region", "effective_from", "baseline", "upper", "lower"],
	)
	for region_name in chain:
		found = [(r.effective_from, guidelines.Guideline(r.name, r.baseline, r.upper, r.lower)) for r in rows if r.region == region_name]
		if found:
			best = guidelines.guideline_in_force(found, getdate(on_date))
			return best.name, best
	return None, None
