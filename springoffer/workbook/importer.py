"""The ledger workbook (台帐) into the site: `bench --site S springoffer import-ledger <file.xlsx>` and
the desk's 台帐导入.

All or nothing: the workbook is checked whole by springoffer.core.ledger; new records are checked by
the core rules their controllers apply and written in bulk (springoffer.workbook.bulk_rows); records that
exist and differ are saved as documents, through every rule of their DocType; any error anywhere
rolls everything back and is reported with its sheet and row. Records are matched by 统一社会信用代码,
(活动, 要约编号) and (活动, 合同编号), so importing the same file twice changes nothing.
"""

from datetime import date

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate, strip_html

from springoffer.annex import ledger as annex_ledger
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
from springoffer.workbook.bulk_negotiations import LedgerMeetings, open_negotiations
from springoffer.workbook.bulk_rows import NewRecords

CANCEL_ACTION = "撤销"
KINDS = ("Region", "Campaign", "Enterprise", "Offer", "Contract", "Negotiation Meeting")


def import_ledger(source, progress=None, user=None):
	"""Import the workbook; returns {doctype: {"created": n, "updated": n, "unchanged": n}}.
	progress(stage, done, total) is told as rows are written; user confines the rows to the
	regions of that user's User Permissions (a city user imports only their city's records).
	Raises LedgerInvalid (nothing written) when the workbook or any record is refused."""
	regions = dict(frappe.get_all("Region", fields=["name", "parent_region"], as_list=True))
	ledger = read_ledger(source, base_regions=regions)
	frappe.db.savepoint("ledger_import")
	importer = _Importer(ledger, progress, user)
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


def _in_chunks(doctype, field, values, fields, size=10_000):
	"""frappe.get_all over a long IN list, a chunk at a time."""
	values = list(values)
	found = []
	for start in range(0, len(values), size):
		found += frappe.get_all(doctype, filters={field: ("in", values[start : start + size])}, fields=fields, limit=0)
	return found


class _Importer:
	def __init__(self, ledger, progress=None, user=None):
		self.ledger = ledger
		self.progress = progress or (lambda stage, done, total: None)
		self.user = user
		self.errors = []
		self.counts = {kind: {"created": 0, "updated": 0, "unchanged": 0} for kind in KINDS}
		self.tree = ledger.tree()
		self.regions = {e.key: e.region for e in ledger.enterprises}
		self.enterprise_facts = {e.key: (e.name, e.category, e.region) for e in ledger.enterprises}
		self.offer_facts = {}  # Offer name → (date sent, response), for the contracts that name it
		self.campaigns = {}
		# campaigns whose offers or contracts were written in bulk (no controller posted their ledger rows)
		self.bulk_written = set()

	def run(self):
		self.check_scope()
		if self.errors:
			return  # a workbook reaching outside the user's region is refused whole
		self.import_regions()
		self.import_campaigns()
		self.new_records = NewRecords(self)
		self.import_enterprises()
		self.import_offers()
		self.import_contracts()
		if not self.errors:
			# Offers written in bulk skipped Offer.on_update: their negotiations are opened here, and
			# contracts written in bulk are linked to their offers' negotiations.
			open_negotiations(list(self.offer_names.values()), self.progress)
			self.counts["Negotiation Meeting"] = LedgerMeetings(self).run(self.ledger.meetings)
			# Records saved one by one posted their own rows; only campaigns with records written in bulk
			# need the ledger rebuilt. An unchanged re-import writes nothing, and keeps every cached figure.
			for campaign in sorted(self.bulk_written):
				annex_ledger.rebuild(campaign)

	def check_scope(self):
		"""A city or county user imports only enterprises of their own region."""
		from springoffer.security.regions import permitted_regions

		allowed = permitted_regions(self.user) if self.user else None
		if allowed is None:
			return
		for e in self.ledger.enterprises:
			if e.region not in allowed:
				self.errors.append(
					LedgerError(
						ENTERPRISES,
						self.ledger.enterprise_rows.get(e.key),
						frappe._("{0} lies in {1}, outside your region; import only your own region's ledger, or ask the province to import it").format(
							e.name, e.region
						),
						"所在地区",
					)
				)

	def campaign(self, name):
		if name not in self.campaigns:
			self.campaigns[name] = frappe.db.get_value("Campaign", name, ["start_date", "end_date"], as_dict=True)
		return self.campaigns[name]

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

	def save(self, doctype, name, changed, sheet, row):
		"""An existing record that differs: saved as a document, through all of its rules."""

		def write():
			doc = frappe.get_doc(doctype, name)
			doc.update(changed)
			doc.save()
			self.counts[doctype]["updated"] += 1
			return doc

		result = {}
		self.guarded(sheet, row, lambda: result.setdefault("doc", write()))
		return result.get("doc")

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
			if frappe.db.exists("Campaign", campaign.name):
				self.counts["Campaign"]["unchanged"] += 1  # a site's campaign is its own: never overwritten
				continue

			def write(campaign=campaign):
				frappe.get_doc(
					{
						"doctype": "Campaign",
						"campaign_name": campaign.name,
						"year": campaign.year,
						"start_date": campaign.start,
						"end_date": campaign.end,
						"report_due_date": campaign.report_due,
					}
				).insert()
				self.counts["Campaign"]["created"] += 1

			self.guarded("活动", None, write)

	def import_enterprises(self):
		rows = self.ledger.enterprise_rows
		fields = ["name", "enterprise_name", "report_category", "region", "employees"]
		stored = {r.name: r for r in _in_chunks("Enterprise", "name", rows, fields)}
		new = []
		for e in self.ledger.enterprises:
			values = {
				"enterprise_name": e.name,
				"report_category": e.category,
				"region": e.region,
				"employees": self.ledger.employees.get(e.key) or 0,
			}
			if e.key not in stored:
				new.append((rows[e.key], e))
				continue
			changed = {k: v for k, v in values.items() if not _same(stored[e.key][k], v)}
			if changed:
				self.save("Enterprise", e.key, changed, ENTERPRISES, rows[e.key])
			else:
				self.counts["Enterprise"]["unchanged"] += 1
		self.counts["Enterprise"]["created"] += self.new_records.enterprises(new)

	def common_region(self, keys):
		"""The lowest region holding every covered enterprise: an industry offer of two counties
		belongs to their city."""
		chains = [self.tree.chain(self.regions[k]) for k in keys if k in self.regions]
		if not chains:
			return None
		shared = set(chains[0]).intersection(*chains[1:])
		return next(region for region in chains[0] if region in shared)

	def stored_records(self, doctype, fields):
		"""(campaign, 编号) → stored record with its coverage, for the campaigns of the ledger."""
		records = frappe.get_all(
			doctype,
			filters={"campaign": ("in", list(self.ledger.campaigns) or [""]), "ledger_no": ("is", "set")},
			fields=["name", "campaign", "ledger_no", *fields],
			limit=0,
		)
		coverage = {}
		for row in _in_chunks(f"{doctype} Coverage", "parent", [r.name for r in records], ["parent", "idx", "enterprise", "covered_workers"]):
			coverage.setdefault(row.parent, []).append((row.idx, row.enterprise, row.covered_workers))
		for record in records:
			record.coverage = [(code, workers) for _idx, code, workers in sorted(coverage.get(record.name, []))]
		return {(r.campaign, r.ledger_no): r for r in records}

	def update(self, doctype, record, values, coverage, sheet, row):
		"""Save a stored record whose values or coverage the ledger changes; count it either way."""
		changed = {k: v for k, v in values.items() if not _same(record.get(k), v)}
		if list(coverage) != record.coverage:
			changed["covered_enterprises"] = [{"enterprise": code, "covered_workers": workers} for code, workers in coverage]
		if not changed:
			self.counts[doctype]["unchanged"] += 1
			return frappe._dict(record)
		return self.save(doctype, record.name, changed, sheet, row)

	def import_offers(self):
		fields = [
			"scope", "date_sent", "response", "response_date", "refusal_reason", "refusal_detail", "hrss_handling", "hrss_handling_detail",
			"delivered_on", "delivery_method",
		]  # fmt: skip
		stored = self.stored_records("Offer", fields)
		new = []
		for offer in self.ledger.offers.values():
			record = stored.get((offer.campaign, offer.number))
			if record is None:
				new.append(offer)
				continue
			reason, reason_detail = split_choice(offer.refusal_reason, c.REFUSAL_REASONS)
			handling, handling_detail = split_choice(offer.hrss_handling, c.HRSS_HANDLINGS)
			values = {
				"scope": offer.scope,
				"date_sent": offer.date_sent,
				"response": offer.response,
				"response_date": offer.response_date,
				"refusal_reason": reason if offer.response == c.REFUSED else "",
				"refusal_detail": reason_detail,
				"hrss_handling": handling,
				"hrss_handling_detail": handling_detail,
			}
			# A delivery the ledger names replaces the site's; a blank cell or a ledger without the column
			# keeps what the site holds (a receipt recorded there, e.g. through the answer link).
			if offer.delivered_on and offer.delivery_method != c.DELIVERY_UNRECORDED:
				values.update(delivered_on=offer.delivered_on, delivery_method=offer.delivery_method)
			if self.update("Offer", record, values, offer.coverage, OFFERS, offer.row):
				self.offer_facts[record.name] = (offer.date_sent, offer.response)
		written = self.new_records.offers(new)
		self.counts["Offer"]["created"] += len(written)
		self.bulk_written |= {campaign for campaign, _number in written}
		for offer in new:
			name = written.get((offer.campaign, offer.number))
			if name:
				self.offer_facts[name] = (offer.date_sent, offer.response)
		self.offer_names = {key: record.name for key, record in stored.items()} | written

	def import_contracts(self):
		stored = self.stored_records("Contract", ["contract_kind", "signing_date", "offer", "is_cancelled"])
		new = []
		for contract in self.ledger.contracts.values():
			record = stored.get((contract.campaign, contract.number))
			if record is None:
				new.append(contract)
				continue
			values = {
				"contract_kind": contract.kind,
				"signing_date": contract.signing_date,
				"offer": self.offer_names.get((contract.campaign, contract.offer)) if contract.offer else None,
			}
			doc = self.update("Contract", record, values, contract.coverage, CONTRACTS, contract.row)
			if doc and contract.cancelled and not record.is_cancelled:

				def cancel(name=record.name, reason=contract.cancellation_reason):
					doc = frappe.get_doc("Contract", name)
					doc.cancellation_reason = doc.cancellation_reason or reason or "台帐记为已撤销"
					doc.save()
					apply_workflow(doc, CANCEL_ACTION)

				self.guarded(CONTRACTS, contract.row, cancel)
		created = self.new_records.contracts(new, self.offer_names)
		self.counts["Contract"]["created"] += created
		if created:
			self.bulk_written |= {contract.campaign for contract in new}
