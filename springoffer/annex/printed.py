"""The 附件 as the officer signs it, for the desk report and the print formats: the form's two-row
header and wording as HTML, the previous campaign's figures beside it (同比), and the figures by the
unit's 市州 (or 县市区) for the chart — each counted by springoffer.annex.figures's rules.
"""

from datetime import timedelta
from html import escape
from urllib.parse import urlencode, urlsplit

import frappe
from frappe.utils import get_url_to_report_with_filters, getdate

from springoffer.annex import cache
from springoffer.annex import figures as annex_db
from springoffer.core import categories as c
from springoffer.core.counting import Figures

COUNT_COLUMNS = ("offered", "responded", "signed", "refused")
CHART_SERIES = (("offered", "发出要约企业数"), ("responded", "回应要约企业数"), ("signed", "签订集体合同企业数"))


def by_child_region(campaign, unit, as_of):
	"""[(region, {offered, responded, signed, refused})] for each child of `unit` in tree order (a
	county user's unit has none: then the unit itself), and the unit's own enterprises as 本级 —
	from the same cached counts as the 附件 (springoffer.annex.figures), so no query of its own."""
	as_of = getdate(as_of)
	children = cache.children(unit)
	own = annex_db._own_count(campaign, unit, as_of, False)
	if not children:
		return [(unit, _counts(own.total))]
	rows = [(child, _counts(annex_db._unit_count(campaign, child, as_of, False).total)) for child in children]
	if any(_counts(own.total).values()):
		rows.append((f"{unit}（本级）", _counts(own.total)))
	return rows


def _counts(total):
	return {key: int(getattr(total, key)) for key in COUNT_COLUMNS}


def chart(campaign, unit, as_of):
	"""A bar chart of offers, answers and contracts (enterprises) by 市州 — or by 县市区 for a city."""
	rows = by_child_region(campaign, unit, as_of)
	return {
		"data": {
			"labels": [name for name, _counts in rows],
			"datasets": [{"name": label, "values": [counts[key] for _name, counts in rows]} for key, label in CHART_SERIES],
		},
		"type": "bar",
		"fieldtype": "Int",  # enterprises: whole numbers in the tooltips
		"colors": ["#2490EF", "#29CD42", "#ECAD4B"],
		"barOptions": {"spaceRatio": 0.4},
	}


def previous_campaign(campaign):
	"""The campaign that started last before `campaign` (its 同比), or None."""
	start = frappe.db.get_value("Campaign", campaign, "start_date")
	if not start:
		return None
	return frappe.db.get_value("Campaign", {"start_date": ("<", start)}, "name", order_by="start_date desc")


def previous_as_of(campaign, previous, as_of):
	"""The same day of the previous campaign: as many days after its start, at most its end."""
	this = frappe.db.get_value("Campaign", campaign, ["start_date", "end_date"], as_dict=True)
	then = frappe.db.get_value("Campaign", previous, ["start_date", "end_date"], as_dict=True)
	as_of = getdate(as_of)
	if as_of >= getdate(this.end_date):
		return getdate(then.end_date)
	return min(getdate(then.end_date), getdate(then.start_date) + timedelta(days=(as_of - getdate(this.start_date)).days))


def same_day_of(campaign, previous, today=None):
	"""The day of `previous` to compare `campaign`'s records to date with: as many days after its
	start as today is after `campaign`'s; None (its whole record) once `campaign` has ended."""
	this = frappe.db.get_value("Campaign", campaign, ["start_date", "end_date"], as_dict=True)
	today = getdate(today or frappe.utils.today())
	if today >= getdate(this.end_date):
		return None
	return previous_as_of(campaign, previous, today)


def _link(value, column, category, filters):
	if not value or column not in COUNT_COLUMNS:
		return f"{value:,}" if isinstance(value, int) else escape(str(value))
	args = urlencode(
		{
			"campaign": filters["campaign"],
			"reporting_unit": filters["unit"],
			"as_of_date": str(filters["as_of"]),
			"column": column,
			"report_category": category,
		}
	)
	# Frappe's helper knows the desk's prefix (/app in v15, /desk in v16); the link stays relative
	url = urlsplit(get_url_to_report_with_filters("Spring Offer Annex Enterprises", args))
	return f'<a href="{escape(url.path)}?{escape(url.query)}">{value:,}</a>'


def _cell(figures, previous, field, category, filters):
	value = getattr(figures, field)
	html = _link(value, field, category, filters)
	if previous is not None:
		before = getattr(previous, field)
		change = value - before
		sign = "+" if change > 0 else ""
		html += f'<div class="so-annex-prev">上年同期 {before:,}（{sign}{change:,}）</div>'
	return f'<td class="so-annex-num">{html}</td>'


STYLE = """
<style>
.so-annex { color: var(--text-color, #1f272e); font-size: 13px; margin: 4px 0 12px; }
.so-annex h3 { text-align: center; font-size: 18px; font-weight: 600; margin: 4px 0 10px; }
.so-annex .so-annex-unit { margin-bottom: 6px; }
.so-annex table { border-collapse: collapse; width: 100%; table-layout: fixed; background: var(--card-bg, #fff); }
.so-annex th, .so-annex td { border: 1px solid #8d99a6; padding: 6px 6px; text-align: center; vertical-align: middle; word-break: break-all; }
.so-annex th { font-weight: 600; background: var(--subtle-fg, #f4f5f6); }
.so-annex td.so-annex-cat { text-align: left; }
.so-annex td.so-annex-reason { text-align: left; font-size: 12px; }
.so-annex tr.so-annex-total td { font-weight: 600; }
.so-annex .so-annex-prev { color: #7c7c7c; font-size: 11px; font-weight: normal; white-space: nowrap; }
.so-annex a { text-decoration: underline; }
.so-annex .so-annex-notes { margin-top: 6px; line-height: 1.8; }
</style>
"""


def form_html(annex, campaign, due_date, previous=None, previous_label="", filters=None, links=True, style=True):
	"""The 附件 as printed: title, 报送单位, the two-row header, four category rows and 合计, 备注 1
	and 2. `previous`: the previous campaign's Annex (同比), shown under each figure. `links`: each
	count opens the enterprises it counts (desk); plain numbers for printing."""
	filters = filters or {"campaign": campaign, "unit": annex.unit, "as_of": annex.as_of}
	fields = ("offered", "offered_workers", "responded", "responded_workers", "signed", "signed_workers", "refused")
	head = (
		"<thead><tr>"
		f'<th rowspan="2" style="width:17%">{c.HEADER_CATEGORY}</th>'
		f'<th colspan="2">{c.HEADER_OFFERED}</th><th colspan="2">{c.HEADER_RESPONDED}</th>'
		f'<th colspan="2">{c.HEADER_SIGNED}</th>'
		f'<th rowspan="2" style="width:10%">{c.HEADER_REFUSED}</th>'
		f'<th rowspan="2" style="width:24%">{c.HEADER_REASONS}</th>'
		"</tr><tr>"
		+ f"<th>{c.HEADER_ENTERPRISES}</th><th>{c.HEADER_WORKERS}</th>" * 3
		+ "</tr></thead>"
	)
	body = []
	rows = [(category, annex.rows[category], annex.reasons(category), category) for category in c.REPORT_CATEGORIES]
	rows.append((c.TOTAL_LABEL, annex.total, annex.reasons(), ""))
	for label, figures, reasons, category in rows:
		before = None
		if previous is not None:
			before = previous.total if label == c.TOTAL_LABEL else previous.rows[category]
		cells = "".join(
			_cell(figures, before, field, category, filters)
			if links
			else f'<td class="so-annex-num">{getattr(figures, field):,}</td>'
			for field in fields
		)
		klass = ' class="so-annex-total"' if label == c.TOTAL_LABEL else ""
		body.append(
			f'<tr{klass}><td class="so-annex-cat">{escape(label)}</td>{cells}'
			f'<td class="so-annex-reason">{escape(reasons or "")}</td></tr>'
		)
	compare = f'<div class="so-annex-prev">同比：{escape(previous_label)}</div>' if previous is not None and previous_label else ""
	return (
		(STYLE if style else "")
		+ '<div class="so-annex">'
		+ f"<h3>{c.ANNEX_TITLE}</h3>"
		+ f'<div class="so-annex-unit">{c.UNIT_PREFIX}{escape(annex.unit)}'
		+ f'<span style="float:right">{escape(campaign)}　统计截至 {annex.as_of}</span></div>'
		+ f"<table>{head}<tbody>{''.join(body)}</tbody></table>"
		+ f'<div class="so-annex-notes">{c.note_1(due_date)}<br>{c.NOTE_2}</div>{compare}'
		+ "</div>"
	)


def previous_annex(campaign, unit, as_of):
	"""(Annex of the previous campaign on the same day, its label) or (None, '') when there is none."""
	previous = previous_campaign(campaign)
	if not previous:
		return None, ""
	day = previous_as_of(campaign, previous, as_of)
	return annex_db.count(previous, unit, day, with_refusals=False), f"{previous}（截至 {day}）"


def figures_of(rows):
	"""Figures from Unit Report Rows (the print format of a Unit Report)."""
	return {row.report_category: Figures(*(row.get(field) or 0 for field in annex_db.ROW_FIELDS.values())) for row in rows}
