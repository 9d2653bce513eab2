import frappe
from frappe.model.document import Document
from frappe.utils import getdate, today

from springoffer.core import categories, clocks, rules
from springoffer.desk import coverage_lines, throw_violations


class Offer(Document):
	def validate(self):
		rows = self.covered_enterprises or []
		if not self.region and rows:
			self.region = frappe.db.get_value("Enterprise", rows[0].enterprise, "region")
		campaign = frappe.db.get_value("Campaign", self.campaign, ["start_date", "end_date"], as_dict=True) or {}
		date_sent = getdate(self.date_sent) if self.date_sent else None
		response_date = getdate(self.response_date) if self.response_date else None
		throw_violations(
			self,
			rules.check_offer(
				scope=self.scope,
				lines=coverage_lines(rows),
				date_sent=date_sent,
				campaign_start=campaign.get("start_date"),
				campaign_end=campaign.get("end_date"),
				response=self.response,
				response_date=response_date,
				refusal_reason=self.refusal_reason,
				today=getdate(today()),
			)
			+ rules.check_hrss_handling(
				handling=self.hrss_handling,
				handling_date=getdate(self.hrss_handling_date) if self.hrss_handling_date else None,
				response_date=response_date,
				today=getdate(today()),
			),
		)
		if self.response != categories.REFUSED:
			self.refusal_reason = None
		self.total_covered_workers = sum(row.covered_workers or 0 for row in rows)
		self.response_due_date = clocks.response_due(date_sent) if date_sent else None
		self.is_overdue = int(
			self.response == categories.PENDING
			and bool(date_sent)
			and clocks.is_overdue(self.response_due_date, getdate(today()))
		)
