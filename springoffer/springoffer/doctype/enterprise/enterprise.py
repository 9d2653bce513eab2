import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from springoffer.annex import ledger as annex_ledger
from springoffer.controllers.checks import throw_violations
from springoffer.core import credit_code, rules
from springoffer.core import offer_drafts as od


class Enterprise(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		contact_person: DF.Data | None
		contact_phone: DF.Data | None
		credit_code: DF.Data
		employees: DF.Int
		enterprise_name: DF.Data
		industrial_cluster: DF.Data | None
		industry: DF.Literal["", "A \u519c\u3001\u6797\u3001\u7267\u3001\u6e14\u4e1a", "B \u91c7\u77ff\u4e1a", "C \u5236\u9020\u4e1a", "D \u7535\u529b\u3001\u70ed\u529b\u3001\u71c3\u6c14\u53ca\u6c34\u751f\u4ea7\u548c\u4f9b\u5e94\u4e1a", "E \u5efa\u7b51\u4e1a", "F \u6279\u53d1\u548c\u96f6\u552e\u4e1a", "G \u4ea4\u901a\u8fd0\u8f93\u3001\u4ed3\u50a8\u548c\u90ae\u653f\u4e1a", "H \u4f4f\u5bbf\u548c\u9910\u996e\u4e1a", "I \u4fe1\u606f\u4f20\u8f93\u3001\u8f6f\u4ef6\u548c\u4fe1\u606f\u6280\u672f\u670d\u52a1\u4e1a", "J \u91d1\u878d\u4e1a", "K \u623f\u5730\u4ea7\u4e1a", "L \u79df\u8d41\u548c\u5546\u52a1\u670d\u52a1\u4e1a", "M \u79d1\u5b66\u7814\u7a76\u548c\u6280\u672f\u670d\u52a1\u4e1a", "N \u6c34\u5229\u3001\u73af\u5883\u548c\u516c\u5171\u8bbe\u65bd\u7ba1\u7406\u4e1a", "O \u5c45\u6c11\u670d\u52a1\u3001\u4fee\u7406\u548c\u5176\u4ed6\u670d\u52a1\u4e1a", "P \u6559\u80b2", "Q \u536b\u751f\u548c\u793e\u4f1a\u5de5\u4f5c", "R \u6587\u5316\u3001\u4f53\u80b2\u548c\u5a31\u4e50\u4e1a", "S \u516c\u5171\u7ba1\u7406\u3001\u793e\u4f1a\u4fdd\u969c\u548c\u793e\u4f1a\u7ec4\u7ec7", "T \u56fd\u9645\u7ec4\u7ec7"]
		is_above_scale: DF.Check
		is_piece_rate: DF.Check
		is_platform: DF.Check
		is_small_micro: DF.Check
		is_wage_total_approval: DF.Check
		merged_into: DF.Link | None
		operating_status: DF.Literal["\u5b58\u7eed", "\u5df2\u6ce8\u9500", "\u5df2\u5408\u5e76"]
		region: DF.Link
		report_category: DF.Literal["\u56fd\u6709\u53ca\u56fd\u6709\u63a7\u80a1\u4f01\u4e1a\u6216\u96c6\u4f53\u4f01\u4e1a", "\u79c1\u8425\u4f01\u4e1a\uff08\u6c11\u8425\u4f01\u4e1a\uff09", "\u5916\u5546\u6295\u8d44\u4f01\u4e1a\uff08\u4e2d\u5916\u5408\u8d44\uff09", "\u5176\u4ed6\u4f01\u4e1a"]
		status_date: DF.Date | None
		union_established: DF.Check
	# end: auto-generated types
	def before_insert(self):
		# The code is the record's name: normalise it before naming.
		self.credit_code = credit_code.normalize(self.credit_code)

	def validate(self):
		self.credit_code = credit_code.normalize(self.credit_code)
		self.enterprise_name = (self.enterprise_name or "").strip()
		throw_violations(self, rules.check_enterprise(self.credit_code, self.report_category, self.employees))
		self.check_operating_status()
		# a new record is already named by its code, so any stored record with the code is a duplicate
		filters = {"credit_code": self.credit_code}
		if not self.is_new():
			filters["name"] = ("!=", self.name)
		existing = frappe.db.get_value(
			"Enterprise",
			filters,
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

	def check_operating_status(self):
		"""Closed or merged (经营状态): since when, and into which enterprise; next spring leaves it out."""
		if (self.operating_status or od.OPERATING) == od.OPERATING:
			self.operating_status, self.status_date, self.merged_into = od.OPERATING, None, None
			return
		if not self.status_date:
			frappe.throw(_("Enter the date the enterprise was {0}").format(self.operating_status))
		if getdate(self.status_date) > getdate(today()):
			frappe.throw(_("{0} is in the future; enter the date the enterprise was {1}").format(self.status_date, self.operating_status))
		if self.operating_status != od.MERGED:
			self.merged_into = None
		elif not self.merged_into or self.merged_into == self.name:
			frappe.throw(_("Choose the enterprise it merged into (another enterprise)"))

	def on_update(self):
		annex_ledger.enterprise_changed(self)


def on_doctype_update():
	"""A confined officer's list page (desk list and get_list, both by modified; issue 27): Frappe's User
	Permission adds `ifnull(region, '') = '' or region in (the city and its counties)`, which no index can
	range over, so MariaDB walks an index in modified order and stops at the 20th enterprise of the city.
	Region in the index lets it check each entry without reading the row. 100,000 enterprises: 104–112 ms
	before for a city whose enterprises lay far down the order; 2–4 ms after, 20 ms when the whole index is
	walked."""
	frappe.db.add_index("Enterprise", ["modified", "region"], index_name="list_by_modified")
