"""质效评估企业明细: the enterprises behind one 真协商 count of the quality evaluation (its cells link
here with the row's region and the column)."""

import frappe
from frappe import _
from frappe.utils import today

from springoffer.annex import campaigns
from springoffer.springoffer.report.quality_evaluation import quality_evaluation as quality_report


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	column = filters.get("column") or "signed"
	campaign = filters.get("campaign") or campaigns.latest_campaign()
	rows = quality_report.enterprises(
		campaign, filters.get("reporting_unit"), filters.get("as_of_date") or today(), column, filters.get("region") or None
	)
	return columns(column), rows


def columns(column):
	common = [
		{"fieldname": "enterprise", "label": _("Unified Social Credit Code"), "fieldtype": "Link", "options": "Enterprise", "width": 190},
		{"fieldname": "enterprise_name", "label": _("Enterprise Name"), "fieldtype": "Data", "width": 220},
		{"fieldname": "region", "label": _("Region"), "fieldtype": "Link", "options": "Region", "width": 110},
	]
	if column in quality_report.CONTRACT_DRILLS:
		return [
			*common,
			{"fieldname": "record", "label": _("Contract"), "fieldtype": "Link", "options": "Contract", "width": 150},
			{"fieldname": "negotiation", "label": _("Negotiation"), "fieldtype": "Link", "options": "Negotiation", "width": 140},
			{"fieldname": "meetings", "label": _("Meetings on Record"), "fieldtype": "Int", "width": 110},
			{"fieldname": "congress_voted_on", "label": _("Workers' Congress Voted On"), "fieldtype": "Date", "width": 120},
			{"fieldname": "agreed_on", "label": _("Agreed to Negotiate On"), "fieldtype": "Date", "width": 120},
			{"fieldname": "signing_date", "label": _("Signing Date"), "fieldtype": "Date", "width": 110},
			{"fieldname": "days_to_signature", "label": _("Days from Agreement to Signature"), "fieldtype": "Int", "width": 130},
		]
	return [
		*common,
		{"fieldname": "record", "label": _("Negotiation Coordination"), "fieldtype": "Link", "options": "Negotiation Coordination", "width": 150},
		{"fieldname": "negotiation", "label": _("Negotiation"), "fieldtype": "Link", "options": "Negotiation", "width": 140},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 90},
		{"fieldname": "due_date", "label": _("Last Day"), "fieldtype": "Date", "width": 120},
		{"fieldname": "closed_on", "label": _("Closed On"), "fieldtype": "Date", "width": 110},
	]
