"""The enterprises behind one count of the 附件 (the annex report's counts link here)."""

from frappe import _

from springoffer.annex import figures as annex_db
from springoffer.core import categories as c
from springoffer.springoffer.report.spring_offer_annex.spring_offer_annex import resolve_filters

COLUMN_LABELS = {
	"offered": c.HEADER_OFFERED,
	"responded": c.HEADER_RESPONDED,
	"signed": c.HEADER_SIGNED,
	"refused": c.HEADER_REFUSED,
}


def execute(filters: dict | None = None):
	filters = resolve_filters(filters)
	column = filters.get("column") or "offered"
	rows = annex_db.enterprises(filters.campaign, filters.unit, filters.as_of, column, filters.get("report_category") or "")
	return columns(), rows, f"{c.UNIT_PREFIX}{filters.unit} · {COLUMN_LABELS.get(column, column)}"


def columns():
	return [
		{"fieldname": "enterprise", "label": _("Unified Social Credit Code"), "fieldtype": "Link", "options": "Enterprise", "width": 200},
		{"fieldname": "enterprise_name", "label": _("Enterprise Name"), "fieldtype": "Data", "width": 240},
		{"fieldname": "region", "label": _("Region"), "fieldtype": "Link", "options": "Region", "width": 110},
		{"fieldname": "category", "label": _(c.HEADER_CATEGORY), "fieldtype": "Data", "width": 200},
		{"fieldname": "offer_workers", "label": f"{c.HEADER_OFFERED}·{c.HEADER_WORKERS}", "fieldtype": "Int", "width": 160},
		{"fieldname": "agreed_workers", "label": f"{c.HEADER_RESPONDED}·{c.HEADER_WORKERS}", "fieldtype": "Int", "width": 160},
		{"fieldname": "signed_workers", "label": f"{c.HEADER_SIGNED}·{c.HEADER_WORKERS}", "fieldtype": "Int", "width": 160},
		{"fieldname": "refusal_kind", "label": _("Kind"), "fieldtype": "Data", "width": 110},
	]
