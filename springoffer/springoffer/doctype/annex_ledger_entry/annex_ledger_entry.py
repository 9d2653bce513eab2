import frappe
from frappe.model.document import Document


class AnnexLedgerEntry(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		agreed_on: DF.Date | None
		bucket: DF.Int
		campaign: DF.Link | None
		category_no: DF.Int
		covered_workers: DF.Int
		enterprise: DF.Link | None
		handled: DF.Check
		handling_text: DF.SmallText | None
		offered_on: DF.Date | None
		reason_text: DF.SmallText | None
		refusal_bits: DF.Int
		refused_on: DF.Date | None
		region: DF.Link | None
		report_category: DF.Literal["\u56fd\u6709\u53ca\u56fd\u6709\u63a7\u80a1\u4f01\u4e1a\u6216\u96c6\u4f53\u4f01\u4e1a", "\u79c1\u8425\u4f01\u4e1a\uff08\u6c11\u8425\u4f01\u4e1a\uff09", "\u5916\u5546\u6295\u8d44\u4f01\u4e1a\uff08\u4e2d\u5916\u5408\u8d44\uff09", "\u5176\u4ed6\u4f01\u4e1a"]
		response_due_date: DF.Date | None
		signed_on: DF.Date | None
		voucher_no: DF.DynamicLink | None
		voucher_type: DF.Link | None
	# end: auto-generated types
	"""Derived data: rows are posted by Offer and Contract (springoffer.annex.ledger); nobody edits them."""


def on_doctype_update():
	from springoffer.annex import ledger as annex_ledger

	for old in ("annex_scan", "annex_figures", "annex_report"):  # earlier versions of the index below
		if frappe.db.has_index("tabAnnex Ledger Entry", old):
			frappe.db.sql_ddl(f"ALTER TABLE `tabAnnex Ledger Entry` DROP INDEX `{old}`")
	# One index the 附件 query reads alone: rows of a campaign in enterprise order, with every
	# column the per-enterprise grouping needs, so MariaDB never touches the table or a temp table.
	frappe.db.add_index(
		"Annex Ledger Entry",
		["campaign", "enterprise", "region", *annex_ledger.FIGURE_COLUMNS],
		index_name="annex_per_enterprise",
	)
	# The same columns led by region: one city's rows are a range of it, so a city's 附件 reads only
	# its own rows (a tenth of the province's time) instead of the whole campaign.
	frappe.db.add_index(
		"Annex Ledger Entry",
		["campaign", "region", "enterprise", *annex_ledger.FIGURE_COLUMNS],
		index_name="annex_per_region",
	)
	# One share (bucket) of a large region's rows: a write recounts only the share of the enterprises it
	# touched (springoffer.annex.figures), reading that range of this index alone.
	frappe.db.add_index(
		"Annex Ledger Entry",
		["campaign", "region", "bucket", "enterprise", *annex_ledger.FIGURE_COLUMNS],
		index_name="annex_per_bucket",
	)
	frappe.db.add_index("Annex Ledger Entry", ["voucher_no"], index_name="voucher_no")
