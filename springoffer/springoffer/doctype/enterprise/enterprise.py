import frappe
from frappe import _
from frappe.model.document import Document

from springoffer.core import credit_code, rules
from springoffer.desk import throw_violations


class Enterprise(Document):
	def before_insert(self):
		# The code is the record's name: normalise it before naming.
		self.credit_code = credit_code.normalize(self.credit_code)

	def validate(self):
		self.credit_code = credit_code.normalize(self.credit_code)
		self.enterprise_name = (self.enterprise_name or "").strip()
		throw_violations(self, rules.check_enterprise(self.credit_code, self.report_category, self.employees))
		existing = frappe.db.get_value(
			"Enterprise",
			{"credit_code": self.credit_code, "name": ("!=", self.name)},
			["name", "enterprise_name"],
			as_dict=True,
		)
		if existing:
			frappe.throw(
				_("Unified Social Credit Code {0} is already registered for {1}; open that enterprise instead of adding it again").format(
					self.credit_code, existing.enterprise_name
				),
				frappe.DuplicateEntryError,
			)
