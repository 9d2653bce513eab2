"""统计表报送情况: for one campaign, the state of every unit's report of every body, with the
reports not submitted by the due date flagged — the province sees who is late."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from springoffer.annex import campaigns
from springoffer.core import categories as c
from springoffer.core.regions import PROVINCE
from springoffer.security import regions

BODY_FIELDS = dict(zip(c.REPORTING_BODIES, ("hrss", "union", "enterprise_confederation", "commerce")))
DONE = (c.REPORT_SUBMITTED, c.REPORT_APPROVED)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	campaign = filters.get("campaign") or campaigns.latest_campaign()
	due = getdate(frappe.db.get_value("Campaign", campaign, "report_due_date"))
	late = getdate(today()) > due
	units = [PROVINCE, *frappe.get_all("Region", filters={"parent_region": PROVINCE}, order_by="lft asc", pluck="name")]
	allowed = regions.permitted_regions()
	if allowed is not None:
		units = [u for u in units if u in allowed]
	states = {
		(r.reporting_unit, r.reporting_body): r.workflow_state
		for r in frappe.get_all(
			"Unit Report",
			filters={"campaign": campaign, "reporting_unit": ("in", units)},
			fields=["reporting_unit", "reporting_body", "workflow_state"],
		)
	}
	data, overdue = [], 0
	for unit in units:
		row = {"unit": unit}
		for body, key in BODY_FIELDS.items():
			state = states.get((unit, body))
			row[key] = state or _("Not created")
			if late and state not in DONE:
				row[key] += "（" + _("Overdue") + "）"
				overdue += 1
		data.append(row)
	cols = [{"fieldname": "unit", "label": _("Reporting Unit"), "fieldtype": "Link", "options": "Region", "width": 200}]
	cols += [{"fieldname": key, "label": body, "fieldtype": "Data", "width": 170} for body, key in BODY_FIELDS.items()]
	summary = [
		{"label": _("Report Due Date"), "value": frappe.format(due, "Date"), "datatype": "Data"},
		{"label": _("Overdue Reports"), "value": overdue, "datatype": "Int", "indicator": "red" if overdue else "green"},
	]
	return cols, data, None, None, summary
