import frappe
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from springoffer.core import clocks, rules
from springoffer.desk import coverage_lines, throw_violations
from springoffer.springoffer.doctype.minimum_wage_standard.minimum_wage_standard import minimum_wage_on


def _date(value):
	return getdate(value) if value else None


class Contract(Document):
	def validate(self):
		rows = self.covered_enterprises or []
		if not self.region and rows:
			self.region = frappe.db.get_value("Enterprise", rows[0].enterprise, "region")
		signing_date = _date(self.signing_date)
		campaign_start = frappe.db.get_value("Campaign", self.campaign, "start_date")
		offer_date_sent = frappe.db.get_value("Offer", self.offer, "date_sent") if self.offer else None
		lowest = flt(self.lowest_monthly_wage) if self.lowest_monthly_wage else None
		throw_violations(
			self,
			rules.check_contract(
				lines=coverage_lines(rows),
				signing_date=signing_date,
				term_start=_date(self.term_start),
				term_end=_date(self.term_end),
				campaign_start=campaign_start,
				today=getdate(today()),
				offer_date_sent=offer_date_sent,
				wage_growth=self.wage_growth_percent if self.wage_growth_percent not in (None, "") else None,
				zero_growth_consent=self.zero_growth_consent,
				lowest_wage=lowest,
				minimum_wage=minimum_wage_on(self.region, signing_date) if lowest else None,
				congress=(self.congress_members or None, self.congress_attending or None, self.congress_approving or None),
			),
		)
		self.total_covered_workers = sum(row.covered_workers or 0 for row in rows)
		self.submission_due_date = clocks.submission_due(signing_date) if signing_date else None
		received = _date(self.hrss_received_on)
		self.review_window_end = clocks.review_window_end(received) if received else None
