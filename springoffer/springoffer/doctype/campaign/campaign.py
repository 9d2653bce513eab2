from frappe.model.document import Document

from springoffer.controllers.checks import throw_violations
from springoffer.core import rules


class Campaign(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		campaign_name: DF.Data
		carryover_note: DF.SmallText | None
		end_date: DF.Date
		notice_file: DF.Attach | None
		notice_reference: DF.Data | None
		previous_campaign: DF.Link | None
		report_due_date: DF.Date
		start_date: DF.Date
		year: DF.Int
	# end: auto-generated types
	def validate(self):
		throw_violations(self, rules.check_campaign(self.start_date, self.end_date, self.report_due_date))
