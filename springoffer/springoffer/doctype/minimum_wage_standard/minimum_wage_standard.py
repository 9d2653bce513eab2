import frappe
from frappe import _
from frappe.model.document import Document


class MinimumWageStandard(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		document_reference: DF.Data | None
		effective_from: DF.Date
		hourly_wage: DF.Currency
		monthly_wage: DF.Currency
		region: DF.Link
		tier: DF.Data | None
	# end: auto-generated types
	def validate(self):
		if frappe.db.exists(
			"Minimum Wage Standard",
			{"region": self.region, "effective_from": self.effective_from, "name": ("!=", self.name)},
		):
			frappe.throw(
				_("{0} already has a minimum wage effective from {1}; edit that record instead").format(
					self.region, frappe.format(self.effective_from, "Date")
				),
				frappe.DuplicateEntryError,
			)


def minimum_wage_on(region, on_date):
	"""The monthly minimum wage in force for `region` on `on_date`, from the nearest region that has one."""
	from springoffer.core.rules import minimum_wage_for
	from springoffer.security.regions import region_chain

	chain = region_chain(region)
	if not chain or not on_date:
		return None
	standards = frappe.get_all(
		"Minimum Wage Standard",
		filters={"region": ("in", chain), "effective_from": ("<=", on_date)},
		fields=["region", "effective_from", "monthly_wage"],
		as_list=True,
	)
	return minimum_wage_for(chain, standards, frappe.utils.getdate(on_date))
