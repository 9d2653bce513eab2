from frappe.model.document import Document

from springoffer.core import rules
from springoffer.desk import throw_violations


class Campaign(Document):
	def validate(self):
		throw_violations(self, rules.check_campaign(self.start_date, self.end_date, self.report_due_date))
