"""集体协商质效评估: by region, the 集体合同建制率 (enterprises covered by a contract in force ÷
enterprises; and among unionised enterprises), contracts in force by kind, and the signs that
bargaining was not real: contracts of the campaign with no offer answered 同意协商 on record, and
contracts in force never checked for performance (履约). Those two counts link to the contracts' list.

真协商 (issue 28): of the campaign's contracts (not cancelled, by the contract's region) those whose
negotiation record holds a meeting and the workers' congress vote, the meetings per contract, the mean
days from 同意协商 to signature; and the campaign's coordinations (by the negotiation's region) closed
by their last day, after it, or open past it. These counts open the enterprises behind them (the
report Quality Evaluation Enterprises, whose rows come from the same FROM clauses).
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from springoffer.annex import by_region, campaigns
from springoffer.annex.printed import previous_as_of, previous_campaign
from springoffer.core import categories as c
from springoffer.core import quality

# quality.in_force in SQL: taken effect, not cancelled, within its term on the as-of date.
IN_FORCE = f"""c.workflow_state = '{c.CONTRACT_EFFECTIVE}' AND c.is_cancelled = 0
	AND (c.term_start IS NULL OR c.term_start <= %(as_of)s) AND (c.term_end IS NULL OR c.term_end >= %(as_of)s)"""

ENTERPRISES_SQL = f"""
SELECT {by_region.GROUP} AS region, COUNT(*) AS enterprises, SUM(e.union_established) AS union_enterprises
FROM `tabEnterprise` e {by_region.join('e.region')}
GROUP BY 1
"""
COVERED_SQL = f"""
SELECT {by_region.GROUP} AS region, COUNT(DISTINCT cc.enterprise) AS covered,
	COUNT(DISTINCT CASE WHEN e.union_established = 1 THEN cc.enterprise END) AS covered_union
FROM `tabContract Coverage` cc
JOIN `tabContract` c ON c.name = cc.parent AND cc.parenttype = 'Contract'
JOIN `tabEnterprise` e ON e.name = cc.enterprise
{by_region.join('e.region')}
WHERE {IN_FORCE}
GROUP BY 1
"""
CONTRACTS_SQL = f"""
SELECT {by_region.GROUP} AS region, c.contract_kind,
	SUM(CASE WHEN {IN_FORCE} THEN 1 ELSE 0 END) AS in_force,
	SUM(CASE WHEN {IN_FORCE} AND c.last_performance_check IS NULL THEN 1 ELSE 0 END) AS never_checked,
	SUM(CASE WHEN c.campaign = %(campaign)s AND c.is_cancelled = 0 AND c.negotiated_on_record = 0 THEN 1 ELSE 0 END) AS without_negotiation
FROM `tabContract` c {by_region.join('c.region')}
GROUP BY 1, 2
"""
KIND_KEYS = {kind: f"kind_{i}" for i, kind in enumerate(c.CONTRACT_KINDS)}

# The campaign's contracts with their negotiation (through the contract's link), the meetings on
# record in it and the offer's 同意协商 date. {join} is by_region.join('c.region'), {lines} an optional
# join of the contracts' enterprises (the drill-down).
TALKS_FROM = f"""
FROM `tabContract` c
LEFT JOIN `tabNegotiation` n ON n.name = c.negotiation
LEFT JOIN (
	SELECT mt.parent, COUNT(*) AS meetings FROM `tabNegotiation Meeting` mt
	WHERE mt.parenttype = 'Negotiation'
		AND mt.parent IN (SELECT cn.negotiation FROM `tabContract` cn WHERE cn.campaign = %(campaign)s)
	GROUP BY mt.parent
) m ON m.parent = n.name
LEFT JOIN `tabOffer` o ON o.name = c.offer AND o.response = '{c.AGREED}' AND o.response_date IS NOT NULL
{{lines}}
{{join}}
WHERE c.campaign = %(campaign)s AND c.is_cancelled = 0
"""
# quality.real_negotiation in SQL
REAL_NEGOTIATION = "COALESCE(m.meetings, 0) >= 1 AND n.congress_voted_on IS NOT NULL"
TALKS_SQL = f"""
SELECT {by_region.GROUP} AS region, COUNT(*) AS signed,
	SUM(CASE WHEN {REAL_NEGOTIATION} THEN 1 ELSE 0 END) AS real_negotiation,
	SUM(COALESCE(m.meetings, 0)) AS meetings,
	SUM(CASE WHEN o.name IS NOT NULL AND c.signing_date IS NOT NULL THEN DATEDIFF(c.signing_date, o.response_date) ELSE 0 END) AS days_to_signature,
	SUM(CASE WHEN o.name IS NOT NULL AND c.signing_date IS NOT NULL THEN 1 ELSE 0 END) AS days_counted
{TALKS_FROM.format(lines="", join=by_region.join('c.region'))}
GROUP BY 1
"""

# The campaign's coordinations; each standing is quality.coordination_standing in SQL.
COORDINATIONS_FROM = """
FROM `tabNegotiation Coordination` x
{lines}
{join}
WHERE x.campaign = %(campaign)s
"""
STANDING = {
	quality.CLOSED_IN_TIME: "x.closed_on IS NOT NULL AND x.due_date IS NOT NULL AND x.closed_on <= x.due_date",
	quality.CLOSED_LATE: "x.closed_on IS NOT NULL AND (x.due_date IS NULL OR x.closed_on > x.due_date)",
	quality.OPEN_OVERDUE: "x.closed_on IS NULL AND x.due_date < %(as_of)s",
}
COORDINATIONS_SQL = f"""
SELECT {by_region.GROUP} AS region, COUNT(*) AS coordinations,
	{", ".join(f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END) AS {key}" for key, condition in STANDING.items())}
{COORDINATIONS_FROM.format(lines="", join=by_region.join('x.region'))}
GROUP BY 1
"""
TALKS_COUNTS = ("signed", "real_negotiation", "meetings", "days_to_signature", "days_counted")
COORDINATION_COUNTS = ("coordinations", *STANDING)


CONTRACT_LINES = """
LEFT JOIN `tabContract Coverage` cc ON cc.parent = c.name AND cc.parenttype = 'Contract'
LEFT JOIN `tabEnterprise` e ON e.name = cc.enterprise
"""
COORDINATION_LINES = """
LEFT JOIN `tabOffer Coverage` oc ON oc.parent = x.offer AND oc.parenttype = 'Offer'
LEFT JOIN `tabEnterprise` e ON e.name = oc.enterprise
"""
# The drill-down's columns: the count each opens → the condition on its FROM clause.
CONTRACT_DRILLS = {"signed": "", "real_negotiation": f" AND {REAL_NEGOTIATION}"}
COORDINATION_DRILLS = {"coordinations": "", **{key: f" AND {condition}" for key, condition in STANDING.items()}}


def enterprises(campaign, unit, as_of, column, region=None):
	"""The enterprises behind one 真协商 count of a row (`region`, the row's region; None: the whole
	unit), one line per enterprise and record: the contracts' coverage, or the coordinated offers'."""
	unit, values, _regions = by_region.scope(unit)
	values.update(campaign=campaign, as_of=getdate(as_of), row=region)
	in_row = f" AND {by_region.GROUP} = %(row)s" if region else ""
	if column in CONTRACT_DRILLS:
		sql = f"""SELECT e.name AS enterprise, e.enterprise_name, e.region, c.name AS record, c.negotiation,
			COALESCE(m.meetings, 0) AS meetings, n.congress_voted_on, o.response_date AS agreed_on, c.signing_date,
			CASE WHEN o.name IS NOT NULL THEN DATEDIFF(c.signing_date, o.response_date) END AS days_to_signature
			{TALKS_FROM.format(lines=CONTRACT_LINES, join=by_region.join('c.region'))}{CONTRACT_DRILLS[column]}{in_row}
			ORDER BY c.region, e.name, c.name"""
	elif column in COORDINATION_DRILLS:
		sql = f"""SELECT e.name AS enterprise, e.enterprise_name, e.region, x.name AS record, x.negotiation,
			x.status, x.due_date, x.closed_on
			{COORDINATIONS_FROM.format(lines=COORDINATION_LINES, join=by_region.join('x.region'))}{COORDINATION_DRILLS[column]}{in_row}
			ORDER BY x.region, e.name, x.name"""
	else:
		frappe.throw(_("Unknown column {0}").format(column))
	return frappe.db.sql(sql, values, as_dict=True)


def evaluate(campaign, unit, as_of):
	"""(unit, {region: core RegionQuality}) in tree order: five grouped queries."""
	unit, values, regions = by_region.scope(unit)
	values.update(campaign=campaign, as_of=getdate(as_of))
	found = {region: quality.RegionQuality(region) for region in regions}
	for row in frappe.db.sql(ENTERPRISES_SQL, values, as_dict=True):
		q = found[row.region]
		q.enterprises, q.union_enterprises = int(row.enterprises), int(row.union_enterprises or 0)
	for row in frappe.db.sql(COVERED_SQL, values, as_dict=True):
		q = found[row.region]
		q.covered, q.covered_union = int(row.covered), int(row.covered_union)
	for row in frappe.db.sql(CONTRACTS_SQL, values, as_dict=True):
		q = found[row.region]
		if row.in_force:
			q.contracts_by_kind[row.contract_kind] = int(row.in_force)
		q.never_checked += int(row.never_checked or 0)
		q.without_negotiation += int(row.without_negotiation or 0)
	for sql, counts in ((TALKS_SQL, TALKS_COUNTS), (COORDINATIONS_SQL, COORDINATION_COUNTS)):
		for row in frappe.db.sql(sql, values, as_dict=True):
			q = found[row.region]
			for key in counts:
				setattr(q, key, int(row[key] or 0))
	return unit, found


def _row(q, label=None):
	row = {
		"region": q.region,
		"label": label or q.region,
		"enterprises": q.enterprises,
		"union_enterprises": q.union_enterprises,
		"covered": q.covered,
		"rate": q.rate,
		"covered_union": q.covered_union,
		"union_rate": q.union_rate,
		"contracts_in_force": q.contracts_in_force,
		"without_negotiation": q.without_negotiation,
		"never_checked": q.never_checked,
		"signed": q.signed,
		"real_negotiation": q.real_negotiation,
		"real_negotiation_rate": q.real_negotiation_rate,
		"meetings": q.meetings,
		"meetings_per_contract": q.meetings_per_contract,
		"average_days_to_signature": q.average_days_to_signature,
		"coordinations": q.coordinations,
		"closed_in_time": q.closed_in_time,
		"closed_late": q.closed_late,
		"open_overdue": q.open_overdue,
	}
	row.update({key: q.contracts_by_kind.get(kind, 0) for kind, key in KIND_KEYS.items()})
	return row


# Compared with the previous campaign on the same day of its own (同比): rates in percentage points.
COMPARED = ("rate", "union_rate", "contracts_in_force")


def _previous(campaign, unit, as_of):
	"""{region: row, None: the total} of the previous campaign on the same day, or None."""
	previous = previous_campaign(campaign)
	if not previous:
		return None
	_unit, found = evaluate(previous, unit, previous_as_of(campaign, previous, as_of))
	total = quality.RegionQuality(unit)
	rows = {}
	for region, q in found.items():
		total.add(q)
		rows[region] = _row(q)
	rows[None] = _row(total)
	return rows


def _compare(row, then):
	for key in COMPARED:
		before = (then or {}).get(key)
		row[f"previous_{key}"] = before
		now = row.get(key)
		row[f"change_{key}"] = round(now - before, 1) if now is not None and before is not None else None


def _with_previous(columns):
	out = []
	for column in columns:
		out.append(column)
		if column["fieldname"] in COMPARED:
			fieldtype = {"fieldtype": "Float", "precision": 1} if "rate" in column["fieldname"] else {"fieldtype": "Int"}
			out.append({"fieldname": f"previous_{column['fieldname']}", "label": _("Same Day Last Campaign"), "width": 120, **fieldtype})
			out.append({"fieldname": f"change_{column['fieldname']}", "label": _("Change"), "width": 90, **fieldtype})
	return out


def talks_columns():
	return [
		{"fieldname": "signed", "label": _("Contracts Signed in the Campaign"), "fieldtype": "Int", "width": 130},
		{"fieldname": "real_negotiation", "label": _("Of Them with Meetings and a Congress Vote on Record"), "fieldtype": "Int", "width": 190},
		{"fieldname": "real_negotiation_rate", "label": _("Share with Meetings and a Congress Vote on Record (%)"), "fieldtype": "Float", "precision": 1, "width": 190},
		{"fieldname": "meetings", "label": _("Negotiation Meetings Held"), "fieldtype": "Int", "width": 110},
		{"fieldname": "meetings_per_contract", "label": _("Meetings per Contract"), "fieldtype": "Float", "precision": 1, "width": 130},
		{"fieldname": "average_days_to_signature", "label": _("Average Days from Agreement to Signature"), "fieldtype": "Float", "precision": 1, "width": 170},
		{"fieldname": "coordinations", "label": _("Coordinations Opened"), "fieldtype": "Int", "width": 110},
		{"fieldname": "closed_in_time", "label": _("Closed by Their Last Day"), "fieldtype": "Int", "width": 110},
		{"fieldname": "closed_late", "label": _("Closed after Their Last Day"), "fieldtype": "Int", "width": 110},
		{"fieldname": "open_overdue", "label": _("Open past Their Last Day"), "fieldtype": "Int", "width": 110},
	]


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	campaign = filters.get("campaign") or campaigns.latest_campaign()
	as_of = filters.get("as_of_date") or today()
	unit, found = evaluate(campaign, filters.get("reporting_unit"), as_of)
	data, total = [], quality.RegionQuality(unit)
	for region, q in found.items():
		total.add(q)
		if region != unit or q.enterprises or q.contracts_in_force or q.without_negotiation or q.signed or q.coordinations:
			data.append(_row(q, by_region.label(region, unit)))
	data.append({**_row(total, _("Total")), "bold": 1})
	before = _previous(campaign, unit, as_of) if filters.get("compare_previous") else None
	if before is not None:
		for row in data:
			_compare(row, before.get(row["region"]) if not row.get("bold") else before[None])
	columns = [
		{"fieldname": "label", "label": _("Region"), "fieldtype": "Data", "width": 150},
		{"fieldname": "enterprises", "label": _("Enterprises"), "fieldtype": "Int", "width": 90},
		{"fieldname": "covered", "label": _("Enterprises with a Contract in Force"), "fieldtype": "Int", "width": 150},
		{"fieldname": "rate", "label": _("Contract Coverage Rate (%)"), "fieldtype": "Float", "precision": 1, "width": 130},
		{"fieldname": "union_enterprises", "label": _("Enterprises with a Union"), "fieldtype": "Int", "width": 120},
		{"fieldname": "covered_union", "label": _("Of Them with a Contract in Force"), "fieldtype": "Int", "width": 150},
		{"fieldname": "union_rate", "label": _("Coverage Rate among Unionised Enterprises (%)"), "fieldtype": "Float", "precision": 1, "width": 170},
		{"fieldname": "contracts_in_force", "label": _("Contracts in Force"), "fieldtype": "Int", "width": 110},
	]
	if before is not None:
		columns = _with_previous(columns)
	columns += [{"fieldname": key, "label": kind, "fieldtype": "Int", "width": 120} for kind, key in KIND_KEYS.items()]
	columns += [
		{"fieldname": "without_negotiation", "label": _("Contracts without Offer and Agreement on Record"), "fieldtype": "Int", "width": 180},
		{"fieldname": "never_checked", "label": _("Contracts in Force Never Checked"), "fieldtype": "Int", "width": 160},
		*talks_columns(),
		{"fieldname": "region", "label": _("Region"), "fieldtype": "Link", "options": "Region", "hidden": 1},
	]
	summary = [
		{"label": _("Contract Coverage Rate (%)"), "value": total.rate if total.rate is not None else "—", "datatype": "Data"},
		{"label": _("Coverage Rate among Unionised Enterprises (%)"), "value": total.union_rate if total.union_rate is not None else "—", "datatype": "Data"},
		{
			"label": _("Contracts without Offer and Agreement on Record"),
			"value": total.without_negotiation,
			"datatype": "Int",
			"indicator": "red" if total.without_negotiation else "green",
		},
		{"label": _("Contracts in Force Never Checked"), "value": total.never_checked, "datatype": "Int", "indicator": "red" if total.never_checked else "green"},
		{
			"label": _("Share with Meetings and a Congress Vote on Record (%)"),
			"value": total.real_negotiation_rate if total.real_negotiation_rate is not None else "—",
			"datatype": "Data",
		},
		{
			"label": _("Coordinations Open past Their Last Day"),
			"value": total.open_overdue,
			"datatype": "Int",
			"indicator": "red" if total.open_overdue else "green",
		},
	]
	return columns, data, None, None, summary
