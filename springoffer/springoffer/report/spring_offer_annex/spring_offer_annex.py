"""集体协商“春季要约行动”情况统计表 — the 附件 counted from the records (springoffer.annex.figures)."""

import frappe
from frappe import _

from springoffer.annex import campaigns
from springoffer.annex import figures as annex_db
from springoffer.annex import printed as annex_print
from springoffer.core import categories as c
from springoffer.core.counting import Figures
from springoffer.security import regions

FIGURE_COLUMNS = (
	("offered", f"{c.HEADER_OFFERED}·{c.HEADER_ENTERPRISES}"),
	("offered_workers", f"{c.HEADER_OFFERED}·{c.HEADER_WORKERS}"),
	("responded", f"{c.HEADER_RESPONDED}·{c.HEADER_ENTERPRISES}"),
	("responded_workers", f"{c.HEADER_RESPONDED}·{c.HEADER_WORKERS}"),
	("signed", f"{c.HEADER_SIGNED}·{c.HEADER_ENTERPRISES}"),
	("signed_workers", f"{c.HEADER_SIGNED}·{c.HEADER_WORKERS}"),
	("refused", c.HEADER_REFUSED),
)


def execute(filters: dict | None = None):
	filters = resolve_filters(filters)
	annex = annex_db.count(filters.campaign, filters.unit, filters.as_of, with_refusals=False)
	data = []
	for category in c.REPORT_CATEGORIES:
		data.append(_row(category, annex.rows[category], annex.reasons(category)))
	data.append(_row(c.TOTAL_LABEL, annex.total, annex.reasons(), bold=1))
	# The form as printed above the grid (two-row header, the notice's wording, counts as links),
	# the previous campaign's figures on demand (同比), and the figures by 市州 as a chart.
	previous, label = annex_print.previous_annex(filters.campaign, filters.unit, filters.as_of) if filters.get("compare_previous") else (None, "")
	if previous is not None:
		for row, category in zip(data, [*c.REPORT_CATEGORIES, None]):
			figures = previous.rows[category] if category else previous.total
			row.update({f"previous_{field}": value for field, value in zip(Figures.FIELDS, figures.as_tuple())})
	message = annex_print.form_html(
		annex, filters.campaign, campaigns.campaign_due_date(filters.campaign), previous=previous, previous_label=label, filters=filters
	)
	chart = annex_print.chart(filters.campaign, filters.unit, filters.as_of)
	return columns(previous is not None), data, message, chart, None, True


def resolve_filters(filters):
	"""Fill the defaults (latest campaign, the user's own region, today capped at the campaign's end)
	and refuse a region outside the user's own."""
	filters = frappe._dict(filters or {})
	filters.campaign = filters.get("campaign") or campaigns.latest_campaign()
	if not filters.campaign:
		frappe.throw(_("Create a Campaign first"))
	filters.unit = filters.get("reporting_unit") or filters.get("unit") or regions.default_unit()
	regions.check_unit_permission(filters.unit)
	filters.as_of = frappe.utils.getdate(filters.get("as_of_date") or filters.get("as_of") or campaigns.default_as_of(filters.campaign))
	return filters


def columns(with_previous=False):
	cols = [{"fieldname": "category", "label": _(c.HEADER_CATEGORY), "fieldtype": "Data", "width": 230}]
	for fieldname, label in FIGURE_COLUMNS:
		# wide enough for the whole heading (发出要约·覆盖职工数 is 10 characters)
		cols.append({"fieldname": fieldname, "label": _(label), "fieldtype": "Int", "width": 170 if fieldname != "refused" else 230})
		if with_previous:
			cols.append({"fieldname": f"previous_{fieldname}", "label": f"{_(label)}（上年同期）", "fieldtype": "Int", "width": 230})
	cols.append({"fieldname": "reasons", "label": _(c.HEADER_REASONS), "fieldtype": "Small Text", "width": 420})
	return cols


def _row(label, figures: Figures, reasons, bold=0):
	row = {"category": label, "reasons": reasons, "bold": bold}
	row.update(zip(Figures.FIELDS, figures.as_tuple()))
	return row
