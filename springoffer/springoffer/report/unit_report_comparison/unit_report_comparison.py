"""统计表对照: one unit's four Unit Reports side by side with the figures counted from the records;
every figure that differs from the records is flagged."""

import frappe
from frappe import _

from springoffer.annex import figures as annex_db
from springoffer.core import categories as c
from springoffer.core.counting import Figures
from springoffer.core.rollup import FIGURE_LABELS, total
from springoffer.springoffer.doctype.unit_report.unit_report import city_figures
from springoffer.springoffer.report.spring_offer_annex.spring_offer_annex import resolve_filters

BODY_FIELDS = dict(zip(c.REPORTING_BODIES, ("hrss", "union", "enterprise_confederation", "commerce")))


def execute(filters: dict | None = None):
	filters = resolve_filters(filters)
	records = annex_db.count(filters.campaign, filters.unit, filters.as_of, with_refusals=False).rows
	reports = frappe.get_all(
		"Unit Report",
		filters={"campaign": filters.campaign, "reporting_unit": filters.unit},
		fields=["name", "reporting_body", "workflow_state"],
	)
	figures = city_figures([r.name for r in reports])
	by_body = {r.reporting_body: figures.get(r.name, {}) for r in reports}
	states = {r.reporting_body: r.workflow_state for r in reports}

	data, flagged = [], 0
	for category in (*c.REPORT_CATEGORIES, c.TOTAL_LABEL):
		def pick(rows, category=category):
			return total(rows) if category == c.TOTAL_LABEL else rows.get(category, Figures())

		for index, field in enumerate(Figures.FIELDS):
			row = {"category": category if index == 0 else "", "figure": FIGURE_LABELS[field], "records": pick(records).as_tuple()[index]}
			differs = []
			for body, key in BODY_FIELDS.items():
				if body in by_body:
					row[key] = pick(by_body[body]).as_tuple()[index]
					if row[key] != row["records"]:
						differs.append(body)
			row["differences"] = "、".join(differs)
			flagged += bool(differs)
			data.append(row)
	summary = [
		{"label": _(body), "value": states.get(body) or _("Not created"), "datatype": "Data", "indicator": "green" if states.get(body) == c.REPORT_APPROVED else "orange"}
		for body in c.REPORTING_BODIES
	]
	summary.append({"label": _("Figures differing from the records"), "value": flagged, "datatype": "Int", "indicator": "red" if flagged else "green"})
	return columns(), data, None, None, summary, True


def columns():
	cols = [
		{"fieldname": "category", "label": _(c.HEADER_CATEGORY), "fieldtype": "Data", "width": 220},
		{"fieldname": "figure", "label": _("Figure"), "fieldtype": "Data", "width": 180},
		{"fieldname": "records", "label": _("Counted from Records"), "fieldtype": "Int", "width": 120},
	]
	for body, key in BODY_FIELDS.items():
		cols.append({"fieldname": key, "label": body, "fieldtype": "Int", "width": 130})
	cols.append({"fieldname": "differences", "label": _("Differs from Records"), "fieldtype": "Data", "width": 220})
	return cols
