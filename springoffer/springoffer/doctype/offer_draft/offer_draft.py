import frappe
from frappe import _
from frappe.model.document import Document

from springoffer.core import categories
from springoffer.core import offer_drafts as od


class OfferDraft(Document):
	"""One offer the next campaign proposes to send, and why (springoffer.planning): the officer edits,
	sets aside or sends it; sending makes the Offer and is the only way to 已发送."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from springoffer.springoffer.doctype.offer_coverage.offer_coverage import OfferCoverage

		campaign: DF.Link
		covered_enterprises: DF.Table[OfferCoverage]
		date_sent: DF.Date | None
		from_campaign: DF.Link | None
		industry: DF.Literal["", "A \u519c\u3001\u6797\u3001\u7267\u3001\u6e14\u4e1a", "B \u91c7\u77ff\u4e1a", "C \u5236\u9020\u4e1a", "D \u7535\u529b\u3001\u70ed\u529b\u3001\u71c3\u6c14\u53ca\u6c34\u751f\u4ea7\u548c\u4f9b\u5e94\u4e1a", "E \u5efa\u7b51\u4e1a", "F \u6279\u53d1\u548c\u96f6\u552e\u4e1a", "G \u4ea4\u901a\u8fd0\u8f93\u3001\u4ed3\u50a8\u548c\u90ae\u653f\u4e1a", "H \u4f4f\u5bbf\u548c\u9910\u996e\u4e1a", "I \u4fe1\u606f\u4f20\u8f93\u3001\u8f6f\u4ef6\u548c\u4fe1\u606f\u6280\u672f\u670d\u52a1\u4e1a", "J \u91d1\u878d\u4e1a", "K \u623f\u5730\u4ea7\u4e1a", "L \u79df\u8d41\u548c\u5546\u52a1\u670d\u52a1\u4e1a", "M \u79d1\u5b66\u7814\u7a76\u548c\u6280\u672f\u670d\u52a1\u4e1a", "N \u6c34\u5229\u3001\u73af\u5883\u548c\u516c\u5171\u8bbe\u65bd\u7ba1\u7406\u4e1a", "O \u5c45\u6c11\u670d\u52a1\u3001\u4fee\u7406\u548c\u5176\u4ed6\u670d\u52a1\u4e1a", "P \u6559\u80b2", "Q \u536b\u751f\u548c\u793e\u4f1a\u5de5\u4f5c", "R \u6587\u5316\u3001\u4f53\u80b2\u548c\u5a31\u4e50\u4e1a", "S \u516c\u5171\u7ba1\u7406\u3001\u793e\u4f1a\u4fdd\u969c\u548c\u793e\u4f1a\u7ec4\u7ec7", "T \u56fd\u9645\u7ec4\u7ec7"]
		main_topic: DF.Literal["\u5de5\u8d44\u8c03\u6574", "\u8ba1\u4ef6\u5355\u4ef7\u4e0e\u52b3\u52a8\u5b9a\u989d", "\u6280\u672f\u5de5\u4eba\u85aa\u916c", "\u4f11\u606f\u4f11\u5047", "\u52b3\u52a8\u5b89\u5168\u536b\u751f", "\u65b0\u5c31\u4e1a\u5f62\u6001\u52b3\u52a8\u8005\u6743\u76ca", "\u5176\u4ed6"]
		offer: DF.Link | None
		reason: DF.Literal["\u5408\u540c\u5373\u5c06\u5230\u671f", "\u4e0a\u6b21\u62d2\u7edd\u534f\u5546", "\u4e0a\u6b21\u903e\u671f\u672a\u56de\u5e94", "\u5df2\u5efa\u4f1a\u65e0\u6709\u6548\u5408\u540c", "\u4ece\u672a\u53d1\u51fa\u8981\u7ea6", "\u5c0f\u5fae\u4f01\u4e1a\u533a\u57df\u6027\u3001\u884c\u4e1a\u6027\u534f\u5546", "\u4f01\u4e1a\u5df2\u6ce8\u9500", "\u4f01\u4e1a\u5df2\u5408\u5e76"]
		reason_detail: DF.SmallText | None
		region: DF.Link
		report_category: DF.Literal["", "\u56fd\u6709\u53ca\u56fd\u6709\u63a7\u80a1\u4f01\u4e1a\u6216\u96c6\u4f53\u4f01\u4e1a", "\u79c1\u8425\u4f01\u4e1a\uff08\u6c11\u8425\u4f01\u4e1a\uff09", "\u5916\u5546\u6295\u8d44\u4f01\u4e1a\uff08\u4e2d\u5916\u5408\u8d44\uff09", "\u5176\u4ed6\u4f01\u4e1a"]
		scope: DF.Literal["\u5355\u4e2a\u4f01\u4e1a", "\u884c\u4e1a\u6027", "\u533a\u57df\u6027"]
		source_doctype: DF.Link | None
		source_name: DF.DynamicLink | None
		status: DF.Literal["\u5f85\u53d1\u9001", "\u5df2\u53d1\u9001", "\u4e0d\u53d1\u9001", "\u5df2\u6392\u9664"]
		title: DF.Data | None
		total_covered_workers: DF.Int
	# end: auto-generated types

	def validate(self):
		before = self.get_doc_before_save()
		if before and before.status in (od.SENT, od.LEFT_OUT) and not self.flags.sending:
			frappe.throw(_("Draft {0} is {1} and no longer changes").format(self.name, before.status))
		if self.status == od.SENT and not self.flags.sending:
			frappe.throw(_("A draft is 已发送 only by sending it: select it in the list and choose Send Offers"))
		if self.status == od.LEFT_OUT and not (before and before.status == od.LEFT_OUT):
			frappe.throw(_("Only the worklist leaves an enterprise out; choose 不发送 to set this draft aside"))
		rows = self.covered_enterprises or []
		if self.status == od.TO_SEND and not rows:
			frappe.throw(_("Add the enterprise this offer is sent to"))
		if self.scope == categories.SCOPE_SINGLE and len(rows) > 1:
			frappe.throw(
				_("A single-enterprise offer covers exactly one enterprise, this one covers {0}; choose 行业性 or 区域性 for more").format(
					len(rows)
				)
			)
		self.total_covered_workers = sum(row.covered_workers or 0 for row in rows)
