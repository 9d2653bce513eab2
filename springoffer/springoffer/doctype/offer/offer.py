import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from springoffer.annex import ledger as annex_ledger
from springoffer.controllers.checks import (
	check_coverage_document,
	check_upload,
	legal_calendar,
	regional_officers,
	throw_violations,
)
from springoffer.core import categories, clocks, credit_code, rules
from springoffer.core.rules import Violation


class Offer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from springoffer.springoffer.doctype.offer_coverage.offer_coverage import OfferCoverage
		from springoffer.springoffer.doctype.offer_follow_up.offer_follow_up import OfferFollowUp

		answer_confirmed: DF.Check
		answered_online_on: DF.Datetime | None
		campaign: DF.Link
		covered_enterprises: DF.Table[OfferCoverage]
		date_sent: DF.Date
		delivered_on: DF.Date | None
		delivery_failure_reason: DF.SmallText | None
		delivery_log: DF.SmallText | None
		delivery_method: DF.Literal["", "\u76f4\u63a5\u9001\u8fbe", "\u90ae\u5bc4\u9001\u8fbe", "\u7535\u5b50\u9001\u8fbe", "\u5176\u4ed6", "\u672a\u8bb0\u5f55\uff08\u6309\u53d1\u51fa\u65e5\u671f\u8ba1\uff09"]
		delivery_receipt: DF.Attach | None
		delivery_status: DF.Literal["\u672a\u786e\u8ba4\u9001\u8fbe", "\u5df2\u9001\u8fbe", "\u9001\u8fbe\u5931\u8d25"]
		employer_chief_representative: DF.Data | None
		employer_contact_name: DF.Data | None
		employer_contact_phone: DF.Data | None
		employer_representative_recommended_by: DF.Literal["", "\u4f01\u4e1a\u548c\u5de5\u4e1a\u7ecf\u6d4e\u8054\u5408\u4f1a", "\u5de5\u5546\u4e1a\u8054\u5408\u4f1a", "\u4f01\u4e1a\u81ea\u884c\u63a8\u9009"]
		employer_side_credit_code: DF.Data | None
		employer_side_email: DF.Data | None
		employer_side_mobile: DF.Data | None
		employer_side_name: DF.Data | None
		follow_ups: DF.Table[OfferFollowUp]
		hrss_handling: DF.Literal["", "\u7763\u4fc3\u4f01\u4e1a\u5e94\u7ea6", "\u7ea6\u8c08\u4f01\u4e1a\u8d1f\u8d23\u4eba", "\u4e0b\u8fbe\u9650\u671f\u6574\u6539\u610f\u89c1", "\u7ec4\u7ec7\u8c03\u89e3\u534f\u8c03", "\u4f9d\u6cd5\u5904\u7406", "\u5176\u4ed6"]
		hrss_handling_date: DF.Date | None
		hrss_handling_detail: DF.SmallText | None
		hrss_notify: DF.SmallText | None
		instructor: DF.Link | None
		is_overdue: DF.Check
		ledger_no: DF.Data | None
		main_topic: DF.Literal["\u5de5\u8d44\u8c03\u6574", "\u8ba1\u4ef6\u5355\u4ef7\u4e0e\u52b3\u52a8\u5b9a\u989d", "\u6280\u672f\u5de5\u4eba\u85aa\u916c", "\u4f11\u606f\u4f11\u5047", "\u52b3\u52a8\u5b89\u5168\u536b\u751f", "\u65b0\u5c31\u4e1a\u5f62\u6001\u52b3\u52a8\u8005\u6743\u76ca", "\u5176\u4ed6"]
		meeting_place: DF.Data | None
		meeting_time: DF.Datetime | None
		negotiation: DF.Link | None
		negotiation_state: DF.Data | None
		next_meeting_on: DF.Date | None
		offering_side: DF.Literal["\u804c\u5de5\u65b9\uff08\u5de5\u4f1a\uff09", "\u4f01\u4e1a\u65b9"]
		postal_tracking_no: DF.Data | None
		refusal_detail: DF.SmallText | None
		refusal_reason: DF.Literal["", "\u4f01\u4e1a\u7ecf\u8425\u56f0\u96be", "\u8ba4\u4e3a\u65e0\u534f\u5546\u5fc5\u8981", "\u4f01\u4e1a\u5df2\u6709\u6709\u6548\u96c6\u4f53\u5408\u540c", "\u804c\u5de5\u65b9\u8981\u6c42\u8fc7\u9ad8", "\u4f01\u4e1a\u672a\u5efa\u7acb\u5de5\u4f1a", "\u5176\u4ed6"]
		region: DF.Link
		response: DF.Literal["\u5f85\u56de\u5e94", "\u540c\u610f\u534f\u5546", "\u62d2\u7edd\u534f\u5546"]
		response_date: DF.Date | None
		response_due_date: DF.Date | None
		scope: DF.Literal["\u5355\u4e2a\u4f01\u4e1a", "\u884c\u4e1a\u6027", "\u533a\u57df\u6027"]
		topics_note: DF.SmallText | None
		total_covered_workers: DF.Int
		union_notify: DF.SmallText | None
		worker_chief_representative: DF.Data | None
	# end: auto-generated types
	def validate(self):
		with legal_calendar():
			self.check_and_fill()
		self.check_employer_side()
		self.check_negotiation()
		if self.has_value_changed("delivery_receipt") and self.delivery_receipt:
			check_upload(self.delivery_receipt, "Delivery Receipt (Signed Scan)")

	def check_employer_side(self):
		"""An industry or regional offer's addressee: its credit code opens the answer link."""
		if self.scope == categories.SCOPE_SINGLE:
			self.employer_side_name = self.employer_side_credit_code = None
			return
		if self.employer_side_credit_code:
			self.employer_side_credit_code = credit_code.normalize(self.employer_side_credit_code)
			error = credit_code.check(self.employer_side_credit_code)
			if error:
				throw_violations(self, [Violation("employer_side_credit_code", error.message, error.args)])

	def check_and_fill(self):
		rows = self.covered_enterprises or []
		lines = check_coverage_document(self)
		campaign = frappe.db.get_value("Campaign", self.campaign, ["start_date", "end_date"], as_dict=True) or {}
		date_sent = getdate(self.date_sent) if self.date_sent else None
		delivered_on = getdate(self.delivered_on) if self.delivered_on else None
		response_date = getdate(self.response_date) if self.response_date else None
		throw_violations(
			self,
			rules.check_offer(
				scope=self.scope,
				lines=lines,
				date_sent=date_sent,
				campaign_start=campaign.get("start_date"),
				campaign_end=campaign.get("end_date"),
				response=self.response,
				response_date=response_date,
				refusal_reason=self.refusal_reason,
				today=getdate(today()),
			)
			+ rules.check_delivery(
				date_sent=date_sent,
				delivered_on=delivered_on,
				method=self.delivery_method,
				failure_reason=(self.delivery_failure_reason or "").strip(),
				today=getdate(today()),
			)
			+ rules.check_hrss_handling(
				handling=self.hrss_handling,
				handling_date=getdate(self.hrss_handling_date) if self.hrss_handling_date else None,
				response_date=response_date,
				today=getdate(today()),
				response=self.response,
			),
		)
		if self.response != categories.REFUSED:
			self.refusal_reason = None
		self.delivery_status = rules.delivery_status(delivered_on, (self.delivery_failure_reason or "").strip())
		self.total_covered_workers = sum(row.covered_workers or 0 for row in rows)
		# Art. 32: the 20 days run from the day the employer side received the offer
		self.response_due_date = clocks.response_due(delivered_on)
		self.is_overdue = int(self.response == categories.PENDING and clocks.is_overdue(self.response_due_date, getdate(today())))
		# Notifications (refusal, overdue) go to the HRSS officers of the offer's region.
		self.hrss_notify = ",".join(regional_officers(self.region, "HRSS Officer"))
		# An employer's online answer goes to the union officers of the offer's region (and its owner).
		self.union_notify = ",".join(regional_officers(self.region, "Trade Union Officer"))

	def check_negotiation(self):
		"""Once talks are on record the answer stays 同意协商, and the chief representatives are changed
		on the negotiation, which keeps the offer's two the same people."""
		from springoffer.springoffer.doctype.negotiation.negotiation import negotiation_of

		name = self.negotiation or negotiation_of(self.name)
		if not name or self.is_new():
			return
		if self.response != categories.AGREED and frappe.db.exists("Negotiation Meeting", {"parent": name, "parenttype": "Negotiation"}):
			frappe.throw(
				_("Negotiation {0} has meetings on record; the answer stays 同意协商. Record a suspension or a coordination on the negotiation instead").format(name)
			)
		for field in ("worker_chief_representative", "employer_chief_representative"):
			if self.has_value_changed(field) and self.get_doc_before_save().get(field):
				frappe.throw(
					_("{0} is kept on negotiation {1}; change the representatives there").format(_(self.meta.get_label(field)), name)
				)

	def on_update(self):
		annex_ledger.post(self)
		self.follow_negotiation()
		if self.has_value_changed("response"):
			# 真协商 on the contracts that name this offer follows its answer.
			frappe.db.set_value(
				"Contract",
				{"offer": self.name},
				"negotiated_on_record",
				int(self.response == categories.AGREED),
				update_modified=False,
			)

	def follow_negotiation(self):
		"""同意协商 opens the offer's negotiation; an answer changed back removes one with nothing on record."""
		from springoffer.springoffer.doctype.negotiation.negotiation import (
			negotiation_of,
			open_for_agreed_offer,
		)

		if self.response == categories.AGREED:
			open_for_agreed_offer(self)
		elif self.has_value_changed("response") and (name := negotiation_of(self.name)):
			frappe.delete_doc("Negotiation", name, ignore_permissions=True, force=True)
			self.db_set({"negotiation": None, "negotiation_state": None, "next_meeting_on": None}, update_modified=False)

	def on_trash(self):
		from springoffer.springoffer.doctype.negotiation.negotiation import remove_with_offer

		remove_with_offer(self.name)
		annex_ledger.unpost(self)


def on_doctype_update():
	"""One record per ledger number in a campaign, kept by the database too: two imports running at once
	both pass the Python check (neither sees the other's uncommitted row), the index refuses the second."""
	frappe.db.add_unique("Offer", ["ledger_no", "campaign"], constraint_name="unique_ledger_no_campaign")
	# What the desk asks most under the deadline's load: a city's records of a campaign (lists, counts of
	# open work, the board), newest first; and the province's, newest first (a full scan of the campaign
	# and a sort of every row without them).
	frappe.db.add_index("Offer", ["campaign", "region", "date_sent"], index_name="campaign_region")
	frappe.db.add_index("Offer", ["campaign", "date_sent"], index_name="campaign_date_sent")
	# the workspace's open work (pending, overdue, refusals to handle), counted from the index alone
	frappe.db.add_index("Offer", ["campaign", "response", "is_overdue", "region"], index_name="campaign_open_work")
	# A confined officer's list page (desk list, get_list; issue 27): Frappe's User Permission adds
	# `ifnull(region, '') = '' or region in (the city and its counties)`, which no index can range over,
	# so MariaDB walks an index in the page's order and stops at the 20th row of the city. Region (and
	# campaign, when the list is filtered to one) in the index let it check each entry without reading the
	# row. 71,000 offers: 85–140 ms before when the city's offers lay far down the order, 22–28 ms by
	# date sent (every offer sorted); 2–4 ms after, 16–30 ms when the whole index is walked.
	frappe.db.add_index("Offer", ["date_sent", "region", "campaign"], index_name="list_by_date_sent")  # the desk's sort
	frappe.db.add_index("Offer", ["modified", "region", "campaign"], index_name="list_by_modified")  # get_list's default
