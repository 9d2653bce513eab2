"""The ledger workbook (台帐) into the site: `bench --site S springoffer import-ledger <file.xlsx>`.

All or nothing: the workbook is checked whole by springoffer.core.ledger, then every record goes
through its DocType's own rules; any error anywhere rolls everything back and is reported with its
sheet and row. Records are matched by 统一社会信用代码, (活动, 要约编号) and (活动, 合同编号), so
importing the same file twice changes nothing.
"""

from datetime import date

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate, strip_html

from springoffer.core import categories as c
from springoffer.core.ledger import (
	CONTRACTS,
	ENTERPRISES,
	OFFERS,
	REGIONS,
	LedgerError,
	LedgerInvalid,
	read_ledger,
	split_choice,
)

CANCEL_ACTION = "撤销"
KINDS = ("Region", "Campaign", "Enterprise", "Offer", "Contract")


def import_ledger(source):
	"""Import the workbook; returns {doctype: {"created": n, "updated": n, "unchanged": n}}.
	Raises LedgerInvalid (nothing written) when the workbook or any record is refused."""
	regions = dict(frappe.get_all("Region", fields=["name", "parent_region"], as_list=True))
	ledger = read_ledger(source, base_regions=regions)
	frappe.db.savepoint("ledger_import")
	importer = _Importer(ledger)
	importer.run()
	if importer.errors:
		frappe.db.rollback(save_point="ledger_import")
		raise LedgerInvalid(sorted(importer.errors, key=lambda e: (e.sheet or "", e.row or 0)))
	return importer.counts


def _same(stored, wanted):
	if isinstance(wanted, date):
		return stored is not None and stored != "" and getdate(stored) == wanted
	if isinstance(wanted, int | float) and not isinstance(wanted, bool):
		return (stored or 0) == wanted
	return (stored or "") == (wanted or "")


class _Importer:
	def __init__(self, ledger):
		self.ledger = ledger
		self.errors = []
		self.counts = {kind: {"created": 0, "updated": 0, "unchanged": 0} for kind in KINDS}
		self.tree = ledger.tree()
		self.regions = {e.key: e.region for e in ledger.enterprises}

	def run(self):
		self.import_regions()
		self.import_campaigns()
		self.import_enterprises()
		self.import_offers()
		self.import_contracts()

	def guarded(self, sheet, row, write):
		"""Run one record's write inside a savepoint; a refusal becomes a LedgerError of its row."""
		savepoint = "ledger_row"
		frappe.db.savepoint(savepoint)
		try:
			write()
		except (frappe.ValidationError, frappe.PermissionError) as e:
			frappe.db.rollback(save_point=savepoint)
			message = strip_html(str(e)).replace("\n", " ") or e.__class__.__name__
			self.errors.append(LedgerError(sheet, row, message))
		finally:
			frappe.clear_messages()

	def upsert(self, doctype, name, values, sheet, row, tables=None):
		"""Insert, or update only what differs; counts what happened."""

		def write():
			if name and frappe.db.exists(doctype, name):
				doc = frappe.get_doc(doctype, name)
				changed = {k: v for k, v in values.items() if not _same(doc.get(k), v)}
				if tables and self.table_differs(doc, tables):
					changed.update(tables)
				if not changed:
					self.counts[doctype]["unchanged"] += 1
					return doc
				doc.update(changed)
				doc.save()
				self.counts[doctype]["updated"] += 1
				return doc
			doc = frappe.get_doc({"doctype": doctype, **values, **(tables or {})}).insert()
			self.counts[doctype]["created"] += 1
			return doc

		result = {}
		self.guarded(sheet, row, lambda: result.setdefault("doc", write()))
		return result.get("doc")

	@staticmethod
	def table_differs(doc, tables):
		for fieldname, rows in tables.items():
			stored = [(r.enterprise, r.covered_workers) for r in doc.get(fieldname)]
			if stored != [(r["enterprise"], r["covered_workers"]) for r in rows]:
				return True
		return False

	def import_regions(self):
		pending = dict(self.ledger.added_regions)
		while pending:  # parents first
			ready = [name for name, parent in pending.items() if parent not in pending]
			for name in ready:
				parent = pending.pop(name)
				if frappe.db.exists("Region", name):
					self.counts["Region"]["unchanged"] += 1
					continue

				def write(name=name, parent=parent):
					frappe.db.set_value("Region", parent, "is_group", 1)
					frappe.get_doc({"doctype": "Region", "region_name": name, "parent_region": parent, "region_level": "县市区"}).insert()
					self.counts["Region"]["created"] += 1

				self.guarded(REGIONS, None, write)

	def import_campaigns(self):
		for campaign in self.ledger.campaigns.values():
			values = {
				"campaign_name": campaign.name,
				"year": campaign.year,
				"start_date": campaign.start,
				"end_date": campaign.end,
				"report_due_date": campaign.report_due,
			}
			if frappe.db.exists("Campaign", campaign.name):
				self.counts["Campaign"]["unchanged"] += 1  # a site's campaign is its own: never overwritten
				continue
			self.upsert("Campaign", None, values, "活动", None)

	def import_enterprises(self):
		rows = {key: index + 2 for index, key in enumerate(e.key for e in self.ledger.enterprises)}
		for e in self.ledger.enterprises:
			values = {
				"enterprise_name": e.name,
				"credit_code": e.key,
				"report_category": e.category,
				"region": e.region,
				"employees": self.ledger.employees.get(e.key) or 0,
			}
			self.upsert("Enterprise", e.key, values, ENTERPRISES, rows.get(e.key))

	def common_region(self, keys):
		"""The lowest region holding every covered enterprise: an industry offer of two counties
		belongs to their city."""
		chains = [self.tree.chain(self.regions[k]) for k in keys if k in self.regions]
		if not chains:
			return None
		shared = set(chains[0]).intersection(*chains[1:])
		return next(region for region in chains[0] if region in shared)

	def existing(self, doctype, campaign, number):
		return frappe.db.get_value(doctype, {"campaign": campaign, "ledger_no": number}, "name")

	def import_offers(self):
		for offer in self.ledger.offers.values():
			reason, reason_detail = split_choice(offer.refusal_reason, c.REFUSAL_REASONS)
			handling, handling_detail = split_choice(offer.hrss_handling, c.HRSS_HANDLINGS)
			values = {
				"campaign": offer.campaign,
				"ledger_no": offer.number,
				"scope": offer.scope,
				"region": self.common_region([code for code, _workers in offer.coverage]),
				"date_sent": offer.date_sent,
				"response": offer.response,
				"response_date": offer.response_date,
				"refusal_reason": reason if offer.response == c.REFUSED else "",
				"refusal_detail": reason_detail,
				"hrss_handling": handling,
				"hrss_handling_detail": handling_detail,
				# the ledger may leave the handling undated: the day of the response stands in for it
				"hrss_handling_date": (offer.hrss_handling_date or offer.response_date or offer.date_sent) if handling else None,
			}
			tables = {"covered_enterprises": [{"enterprise": code, "covered_workers": workers} for code, workers in offer.coverage]}
			self.upsert("Offer", self.existing("Offer", offer.campaign, offer.number), values, OFFERS, offer.row, tables)

	def import_contracts(self):
		for contract in self.ledger.contracts.values():
			values = {
				"campaign": contract.campaign,
				"ledger_no": contract.number,
				"contract_kind": contract.kind,
				"region": self.common_region([code for code, _workers in contract.coverage]),
				"signing_date": contract.signing_date,
				"offer": self.existing("Offer", contract.campaign, contract.offer) if contract.offer else None,
			}
			if contract.cancelled:
				values["cancellation_reason"] = contract.cancellation_reason or "台帐记为已撤销"
			tables = {"covered_enterprises": [{"enterprise": code, "covered_workers": workers} for code, workers in contract.coverage]}
			doc = self.upsert("Contract", self.existing("Contract", contract.campaign, contract.number), values, CONTRACTS, contract.row, tables)
			if doc and contract.cancelled and not doc.is_cancelled:
				self.guarded(CONTRACTS, contract.row, lambda doc=doc: apply_workflow(doc, CANCEL_ACTION))
