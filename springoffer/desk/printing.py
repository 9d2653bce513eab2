"""Helpers the print formats (要约书, 回复函, 集体合同受理通知, 报送单位统计表) call from Jinja
(hooks.jinja["methods"]): dates as Chinese documents write them, who sends and who receives a
letter, the HRSS office of a region, and the 附件 of a Unit Report as printed."""

import frappe
from frappe.utils import getdate

from springoffer.controllers import holidays  # noqa: F401 (the clocks below read the site's 节假日安排)
from springoffer.core import categories as c
from springoffer.core import clocks
from springoffer.core.counting import Annex, Figures


def so_cn_date(value):
	"""2026-03-10 → 2026年3月10日; empty → the blanks a form leaves for a hand-written date."""
	if not value:
		return "　　　　年　　月　　日"
	day = getdate(value)
	return f"{day.year}年{day.month}月{day.day}日"


def _enterprise_names(doc):
	return [row.enterprise_name or row.enterprise for row in doc.get("covered_enterprises") or []]


def so_offer_parties(doc):
	"""(sender, addressee) of an offer letter; the answer goes the other way. A single enterprise's
	union writes to its enterprise; an industry-wide or regional offer is the local union's to the
	enterprises it lists (and the other way round for an offer from the employer side)."""
	names = _enterprise_names(doc)
	single = doc.scope == c.SCOPE_SINGLE and len(names) == 1
	worker_side = doc.offering_side != "企业方"
	if single:
		enterprise = names[0]
		union = f"{enterprise}工会委员会"
		return (union, enterprise) if worker_side else (enterprise, union)
	union = f"{doc.region}总工会"
	enterprises = f"{names[0]}等 {len(names)} 家企业" if names else "有关企业"
	return (union, enterprises) if worker_side else (enterprises, union)


def so_response_due(doc):
	"""The offer's answer day, the legal clock's (20 days from the day it was received, moved past rest
	days); None until its delivery is on record (a letter printed to be delivered names no date)."""
	return clocks.response_due(getdate(doc.delivered_on)) if doc.get("delivered_on") else None


def so_hrss_office(region):
	"""湖南省人力资源和社会保障厅 for the province, 长沙市人力资源和社会保障局 for a city or county."""
	if not region:
		return "人力资源和社会保障部门"
	parent = frappe.db.get_value("Region", region, "parent_region")
	return f"{region}人力资源和社会保障{'局' if parent else '厅'}"


def so_takes_effect(doc):
	"""The day a received contract takes effect if HRSS raises no objection (Art. 47)."""
	return clocks.takes_effect_on(getdate(doc.hrss_received_on)) if doc.hrss_received_on else None


class PrintedAnnex(Annex):
	"""An Annex whose reason cells are the Unit Report's own texts (typed or filled from records)."""

	def __init__(self, unit, as_of, rows, campaign, reason_texts, remarks):
		super().__init__(unit=unit, as_of=as_of, rows={k: v or Figures() for k, v in rows.items()}, campaign=campaign)
		self.reason_texts = reason_texts
		self.remarks = remarks

	def reasons(self, category=None):
		return self.remarks if category is None else self.reason_texts.get(category, "")


def so_unit_report_annex(doc):
	"""The Unit Report's own figures as the printed 附件 (plain numbers, for paper)."""
	from springoffer.annex import printed as annex_print
	from springoffer.annex.campaigns import campaign_due_date

	figures = annex_print.figures_of(doc.rows or [])
	annex = PrintedAnnex(
		unit=doc.reporting_unit,
		as_of=getdate(doc.as_of_date),
		rows={category: figures.get(category) for category in c.REPORT_CATEGORIES},
		campaign=doc.campaign,
		reason_texts={row.report_category: row.reasons or "" for row in doc.rows or []},
		remarks=doc.remarks or "",
	)
	return annex_print.form_html(annex, doc.campaign, campaign_due_date(doc.campaign), links=False)


def so_unit_report_refusals(doc):
	"""The Unit Report's refusal sheet in its order (records of their own, not rows of the report)."""
	return doc.refusal_rows()


def so_coordination_parties(doc):
	"""Who a 《协调处理协议书》 names: the enterprise and the two chief representatives of the negotiation
	(the same people as on its offer), and the HRSS office and trade union of the negotiation's region."""
	from springoffer.core import negotiation as talks

	chiefs = {
		row.side: row.representative_name
		for row in frappe.get_all(
			"Negotiation Representative",
			filters={"parent": doc.negotiation, "parenttype": "Negotiation", "is_chief": 1},
			fields=["side", "representative_name"],
		)
	}
	return frappe._dict(
		enterprise=doc.employer_name or "",
		worker_chief=chiefs.get(talks.WORKER_SIDE) or "",
		employer_chief=chiefs.get(talks.EMPLOYER_SIDE) or "",
		hrss_office=so_hrss_office(doc.region),
		union=f"{doc.region}总工会" if doc.region else "工会",
		extension_days=sum(row.days or 0 for row in doc.get("extensions") or []),
	)
