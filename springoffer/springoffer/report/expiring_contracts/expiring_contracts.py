"""到期集体合同: contracts in force whose term ends by the chosen campaign's end (and not more than a
year before it starts) — the enterprises to send next spring's offers to."""

import frappe
from frappe import _
from frappe.utils import add_years, getdate

from springoffer.annex import campaigns
from springoffer.core import categories as c


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	campaign = filters.get("campaign") or campaigns.latest_campaign()
	start, end = frappe.db.get_value("Campaign", campaign, ["start_date", "end_date"])
	window = (add_years(getdate(start), -1), getdate(end))
	# get_list applies the user's Region permissions
	contracts = frappe.get_list(
		"Contract",
		filters={"term_end": ("between", window), "is_cancelled": 0, "workflow_state": ("!=", c.CONTRACT_CANCELLED)},
		fields=["name", "region", "contract_kind", "term_end", "workflow_state"],
		order_by="term_end asc",
		limit=0,
	)
	by_name = {k.name: k for k in contracts}
	data = []
	for row in frappe.get_all(
		"Contract Coverage",
		filters={"parent": ("in", list(by_name) or [""]), "parenttype": "Contract"},
		fields=["parent", "enterprise", "enterprise_name", "covered_workers"],
		order_by="parent asc, idx asc",
	):
		k = by_name[row.parent]
		data.append({**row, "contract": k.name, "region": k.region, "contract_kind": k.contract_kind, "term_end": k.term_end, "status": k.workflow_state})
	data.sort(key=lambda r: (r["term_end"], r["contract"]))
	return columns(), data


def columns():
	return [
		{"fieldname": "enterprise", "label": _("Enterprise"), "fieldtype": "Link", "options": "Enterprise", "width": 180},
		{"fieldname": "enterprise_name", "label": _("Enterprise Name"), "fieldtype": "Data", "width": 220},
		{"fieldname": "region", "label": _("Region"), "fieldtype": "Link", "options": "Region", "width": 110},
		{"fieldname": "contract", "label": _("Contract"), "fieldtype": "Link", "options": "Contract", "width": 150},
		{"fieldname": "contract_kind", "label": _("Contract Kind"), "fieldtype": "Data", "width": 170},
		{"fieldname": "term_end", "label": _("Term End"), "fieldtype": "Date", "width": 110},
		{"fieldname": "covered_workers", "label": _("Covered Workers"), "fieldtype": "Int", "width": 110},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
	]
