import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from springoffer.controllers.checks import check_region_scope, throw_violations
from springoffer.core import categories, quality


class ContractPerformanceCheck(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		campaign: DF.Link | None
		check_date: DF.Date
		checker: DF.Data
		checker_body: DF.Literal["\u4eba\u529b\u8d44\u6e90\u548c\u793e\u4f1a\u4fdd\u969c\u90e8\u95e8", "\u603b\u5de5\u4f1a", "\u4f01\u4e1a\u548c\u5de5\u4e1a\u7ecf\u6d4e\u8054\u5408\u4f1a", "\u5de5\u5546\u4e1a\u8054\u5408\u4f1a"]
		contract: DF.Link
		findings: DF.SmallText
		follow_up: DF.SmallText | None
		region: DF.Link | None
		wage_terms_honoured: DF.Literal["\u5df2\u5c65\u884c", "\u90e8\u5206\u5c65\u884c", "\u672a\u5c65\u884c"]
	# end: auto-generated types
	def validate(self):
		contract = frappe.db.get_value("Contract", self.contract, ["region", "campaign", "signing_date"], as_dict=True)
		if not contract:
			frappe.throw(_("Contract {0} does not exist").format(self.contract), frappe.DoesNotExistError)
		self.region, self.campaign = contract.region, contract.campaign
		check_region_scope(self, {})
		throw_violations(self, quality.check_performance(getdate(self.check_date), contract.signing_date, getdate(today())))
		if self.wage_terms_honoured != categories.WAGE_TERMS_HONOURED[0] and not (self.follow_up or "").strip():
			frappe.throw(_("The wage terms were not fully honoured: record the follow-up (rectification, mediation, supervision)"))

	def on_update(self):
		update_last_check(self.contract)

	def on_trash(self):
		update_last_check(self.contract, excluding=self.name)


def update_last_check(contract, excluding=None):
	"""The contract's latest 履约 check date: what the quality report and list filters read."""
	filters = {"contract": contract}
	if excluding:
		filters["name"] = ("!=", excluding)
	latest = frappe.db.get_value("Contract Performance Check", filters, "check_date", order_by="check_date desc")
	frappe.db.set_value("Contract", contract, "last_performance_check", latest, update_modified=False)
