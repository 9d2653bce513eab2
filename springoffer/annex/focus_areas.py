"""The notice's focus areas (二(一)–(三)), counted from the records: for each area, the enterprises
offered, those whose offer was answered 同意协商, and those covered by a contract not cancelled,
by region — two grouped queries, one over offers and one over contracts.

What puts an enterprise of an offer or contract in an area (e = Enterprise, o = Offer,
c = Contract, co = the offer the contract came from):
- 国有企业（工资总额核准制）: the enterprise is flagged 工资总额核准制;
- 劳动密集型行业（计件单价、劳动定额）: flagged 计件工资, or the offer's topic is 计件单价与劳动定额;
- 小微企业（区域性、行业性协商）: flagged 小微 and the offer is industry-wide or regional
  (the contract a 行业性 or 区域性 contract);
- 新就业形态平台企业: flagged as a platform enterprise;
- 技术工人薪酬专项集体协商: the offer's topic is 技术工人薪酬 (the contract a 技术工人薪酬专项集体协议,
  or from such an offer);
- 产业集聚乡镇（园区）: the enterprise lies in an industrial cluster township or park.
"""

import frappe
from frappe import _

from springoffer.annex import by_region
from springoffer.core import categories as c
from springoffer.security import regions

_PIECE = c.OFFER_TOPICS[1]
_SKILLED = c.OFFER_TOPICS[2]
_SCOPES = f"('{c.SCOPE_INDUSTRY}', '{c.SCOPE_REGIONAL}')"
_KINDS = f"('{c.CONTRACT_KINDS[3]}', '{c.CONTRACT_KINDS[4]}')"

# area → (condition on an offer row, condition on a contract row)
AREAS = {
	c.FOCUS_SOE: ("e.is_wage_total_approval = 1", "e.is_wage_total_approval = 1"),
	c.FOCUS_LABOUR_INTENSIVE: (
		f"(e.is_piece_rate = 1 OR o.main_topic = '{_PIECE}')",
		f"(e.is_piece_rate = 1 OR co.main_topic = '{_PIECE}')",
	),
	c.FOCUS_SMALL_MICRO: (f"(e.is_small_micro = 1 AND o.scope IN {_SCOPES})", f"(e.is_small_micro = 1 AND c.contract_kind IN {_KINDS})"),
	c.FOCUS_PLATFORM: ("e.is_platform = 1", "e.is_platform = 1"),
	c.FOCUS_SKILLED: (f"o.main_topic = '{_SKILLED}'", f"(c.contract_kind = '{c.CONTRACT_KINDS[2]}' OR co.main_topic = '{_SKILLED}')"),
	c.FOCUS_CLUSTER: ("IFNULL(e.industrial_cluster, '') != ''", "IFNULL(e.industrial_cluster, '') != ''"),
}
KEYS = dict(zip(c.FOCUS_AREAS, ("soe", "labour", "small", "platform", "skilled", "cluster")))
COLUMNS = ("offered", "agreed", "signed")

_OFFER_FROM = """
	FROM `tabOffer Coverage` oc
	JOIN `tabOffer` o ON o.name = oc.parent AND oc.parenttype = 'Offer'
	JOIN `tabEnterprise` e ON e.name = oc.enterprise
	{join}
	WHERE o.campaign = %(campaign)s
"""
_CONTRACT_FROM = """
	FROM `tabContract Coverage` cc
	JOIN `tabContract` c ON c.name = cc.parent AND cc.parenttype = 'Contract'
	LEFT JOIN `tabOffer` co ON co.name = c.offer
	JOIN `tabEnterprise` e ON e.name = cc.enterprise
	{join}
	WHERE c.campaign = %(campaign)s AND c.is_cancelled = 0
"""


# As of a day (for 同比): offered by then, answered 同意协商 by then, signed by then.
_OFFER_AS_OF = " AND o.date_sent <= %(as_of)s"
_AGREED_AS_OF = " AND o.response_date <= %(as_of)s"
_CONTRACT_AS_OF = " AND c.signing_date <= %(as_of)s"


def _offer_sql(as_of=None):
	counts = []
	agreed_by = _AGREED_AS_OF if as_of else ""
	for area, key in KEYS.items():
		condition = AREAS[area][0]
		counts.append(f"COUNT(DISTINCT CASE WHEN {condition} THEN oc.enterprise END) AS {key}_offered")
		counts.append(
			f"COUNT(DISTINCT CASE WHEN {condition} AND o.response = '{c.AGREED}'{agreed_by} THEN oc.enterprise END) AS {key}_agreed"
		)
	since = _OFFER_AS_OF if as_of else ""
	return f"SELECT {by_region.GROUP} AS region, {', '.join(counts)} {_OFFER_FROM.format(join=by_region.join('e.region'))}{since} GROUP BY 1"


def _contract_sql(as_of=None):
	counts = [f"COUNT(DISTINCT CASE WHEN {AREAS[area][1]} THEN cc.enterprise END) AS {key}_signed" for area, key in KEYS.items()]
	since = _CONTRACT_AS_OF if as_of else ""
	return f"SELECT {by_region.GROUP} AS region, {', '.join(counts)} {_CONTRACT_FROM.format(join=by_region.join('e.region'))}{since} GROUP BY 1"


def count(campaign, unit=None, as_of=None):
	"""(unit, [{region, <area>_offered, <area>_agreed, <area>_signed…}] in tree order with empty
	regions as zeros); with `as_of`, what the records held on that day."""
	unit, values, regions = by_region.scope(unit)
	values.update(campaign=campaign, as_of=as_of)
	found = {region: {"region": region} for region in regions}
	for sql in (_offer_sql(as_of), _contract_sql(as_of)):
		for row in frappe.db.sql(sql, values, as_dict=True):
			found.setdefault(row.pop("region"), {}).update(row)
	keys = [f"{key}_{column}" for key in KEYS.values() for column in COLUMNS]
	rows = []
	for region in regions:
		row = found[region]
		for key in keys:
			row[key] = int(row.get(key) or 0)
		if region != unit or any(row[key] for key in keys):  # the unit's own row only when it has records
			rows.append(row)
	return unit, rows


def enterprises(campaign, unit, area, column):
	"""The enterprises behind one count (drill-down), with the offers or contracts that put them there."""
	if area not in AREAS or column not in COLUMNS:
		frappe.throw(_("Unknown focus area or column: {0} {1}").format(area, column))
	bounds = frappe.db.get_value("Region", unit, ["lft", "rgt"], as_dict=True)
	if not bounds:
		frappe.throw(_("Region {0} does not exist").format(unit), frappe.DoesNotExistError)

	regions.check_unit_permission(unit)
	values = {"campaign": campaign, "unit": unit, "lft": bounds.lft, "rgt": bounds.rgt}
	offer_condition, contract_condition = AREAS[area]
	if column == "signed":
		sql = f"""SELECT e.name AS enterprise, e.enterprise_name, e.region, e.report_category,
			GROUP_CONCAT(DISTINCT c.name ORDER BY c.name SEPARATOR ', ') AS records
			{_CONTRACT_FROM.format(join=by_region.join('e.region'))} AND {contract_condition}
			GROUP BY e.name, e.enterprise_name, e.region, e.report_category ORDER BY e.region, e.name"""
	else:
		agreed = f" AND o.response = '{c.AGREED}'" if column == "agreed" else ""
		sql = f"""SELECT e.name AS enterprise, e.enterprise_name, e.region, e.report_category,
			GROUP_CONCAT(DISTINCT o.name ORDER BY o.name SEPARATOR ', ') AS records
			{_OFFER_FROM.format(join=by_region.join('e.region'))} AND {offer_condition}{agreed}
			GROUP BY e.name, e.enterprise_name, e.region, e.report_category ORDER BY e.region, e.name"""
	return frappe.db.sql(sql, values, as_dict=True)
