"""The 要约草稿 worklist of a new campaign: each enterprise's history read in a few grouped queries,
the core's rules (springoffer.core.offer_drafts) deciding whom to offer, the drafts written in bulk."""

import frappe
from frappe.utils import getdate, now_datetime

from springoffer.core import categories as c
from springoffer.core import offer_drafts as od

SEPARATOR = "\x1f"  # splits CONCAT'd values; cannot occur in typed text
CHUNK = 2000

_ENTERPRISES = """
	SELECT name, enterprise_name, region, report_category, industry, is_small_micro, union_established,
		COALESCE(NULLIF(operating_status, ''), %(operating)s) AS operating_status, status_date, merged_into, employees
	FROM `tabEnterprise`
"""
# The last contract covering each enterprise that was not cancelled: its end and covered workers.
_CONTRACTS = f"""
	SELECT cc.enterprise, MAX(CONCAT(ct.term_end, '{SEPARATOR}', ct.name, '{SEPARATOR}', COALESCE(cc.covered_workers, 0)))
	FROM `tabContract Coverage` cc JOIN `tabContract` ct ON ct.name = cc.parent AND cc.parenttype = 'Contract'
	WHERE ct.is_cancelled = 0 AND ct.docstatus < 2 AND ct.term_end IS NOT NULL
		AND COALESCE(ct.workflow_state, '') != %(cancelled)s
	GROUP BY cc.enterprise
"""
# The previous campaign's answers per enterprise: agreed at all; the last refusal; the last offer
# that ran out unanswered; the largest covered-worker figure.
_OFFERS = f"""
	SELECT oc.enterprise,
		MAX(o.response = %(agreed)s) AS agreed,
		MAX(CASE WHEN o.response = %(refused)s THEN CONCAT(o.response_date, '{SEPARATOR}', o.name, '{SEPARATOR}',
			COALESCE(o.refusal_reason, '')) END) AS refusal,
		MAX(CASE WHEN o.response = %(pending)s AND o.response_due_date < %(next_start)s
			THEN CONCAT(o.response_due_date, '{SEPARATOR}', o.name) END) AS unanswered,
		MAX(oc.covered_workers) AS workers
	FROM `tabOffer Coverage` oc JOIN `tabOffer` o ON o.name = oc.parent AND oc.parenttype = 'Offer'
	WHERE o.campaign = %(campaign)s AND o.docstatus < 2
	GROUP BY oc.enterprise
"""
_EVER_OFFERED = """
	SELECT DISTINCT oc.enterprise FROM `tabOffer Coverage` oc
	WHERE oc.parenttype = 'Offer' AND oc.parent IN (SELECT name FROM `tabOffer` WHERE docstatus < 2)
"""


def histories(from_campaign, next_start):
	"""One core History per enterprise of the site, as the records stand."""
	values = {
		"operating": od.OPERATING,
		"cancelled": c.CONTRACT_CANCELLED,
		"agreed": c.AGREED,
		"refused": c.REFUSED,
		"pending": c.PENDING,
		"campaign": from_campaign,
		"next_start": next_start,
	}
	contracts = dict(frappe.db.sql(_CONTRACTS, values))
	offers = {row[0]: row for row in frappe.db.sql(_OFFERS, values)}
	ever = {row[0] for row in frappe.db.sql(_EVER_OFFERED)}
	found = []
	for e in frappe.db.sql(_ENTERPRISES, values, as_dict=True):
		contract = contracts.get(e.name)
		end, contract_name, contract_workers = contract.split(SEPARATOR) if contract else (None, "", 0)
		_name, agreed, refusal, unanswered, offered_workers = offers.get(e.name) or (e.name, 0, None, None, None)
		refused_on, refused_offer, refusal_reason = refusal.split(SEPARATOR) if refusal and not agreed else (None, "", "")
		answer_due, unanswered_offer = unanswered.split(SEPARATOR) if unanswered and not agreed and not refusal else (None, "")
		found.append(
			od.History(
				enterprise=e.name,
				enterprise_name=e.enterprise_name,
				region=e.region,
				category=e.report_category,
				industry=e.industry or "",
				small_micro=bool(e.is_small_micro),
				union=bool(e.union_established),
				status=e.operating_status,
				status_note=_status_note(e),
				workers=int(contract_workers or 0) or int(offered_workers or 0) or int(e.employees or 0),
				contract=contract_name,
				contract_end=getdate(end) if end else None,
				refused_offer=refused_offer,
				refused_on=getdate(refused_on) if refused_on else None,
				refusal_reason=refusal_reason,
				unanswered_offer=unanswered_offer,
				answer_due=getdate(answer_due) if answer_due else None,
				ever_offered=e.name in ever,
			)
		)
	return found


def _status_note(enterprise):
	if enterprise.operating_status == od.MERGED:
		return f"{enterprise.status_date or ''} 并入 {enterprise.merged_into or ''}".strip()
	if enterprise.operating_status == od.CLOSED:
		return f"{enterprise.status_date or ''} 注销".strip()
	return ""


def draft(campaign, from_campaign):
	"""Write the worklist of `campaign` from `from_campaign`'s records; {reason: (drafts, enterprises)}
	plus the enterprises left out."""
	if frappe.db.exists("Offer Draft", {"campaign": campaign}):
		frappe.throw(frappe._("{0} already has its worklist of draft offers").format(campaign))
	this = frappe.db.get_value("Campaign", campaign, ["start_date", "end_date"], as_dict=True)
	previous_start = frappe.db.get_value("Campaign", from_campaign, "start_date")
	drafts, left = od.draft_offers(
		histories(from_campaign, this.start_date),
		previous_start=getdate(previous_start),
		next_start=getdate(this.start_date),
		next_end=getdate(this.end_date),
	)
	_write(campaign, from_campaign, drafts, left)
	counts = od.counts_by_reason(drafts)
	counts.update({reason: (n, n) for reason, n in _left_counts(left).items()})
	return counts


def _left_counts(left):
	counts = {reason: 0 for reason in od.LEFT_OUT_REASONS}
	for entry in left:
		counts[od.LEFT_OUT_REASON[entry.status]] += 1
	return counts


def _title(draft):
	if draft.scope == c.SCOPE_SINGLE:
		return draft.members[0].enterprise_name
	return f"{draft.industry or draft.region} 小微企业{draft.scope}要约（{len(draft.members)} 家）"


def _names(count):
	"""`count` names of the Offer Draft series (OD-YYYY-######), reserved in one step."""
	prefix = f"OD-{now_datetime().year}-"
	current = frappe.db.sql("SELECT current FROM `tabSeries` WHERE name = %s FOR UPDATE", prefix)
	start = int(current[0][0]) if current else 0
	if current:
		frappe.db.sql("UPDATE `tabSeries` SET current = %s WHERE name = %s", (start + count, prefix))
	else:
		frappe.db.sql("INSERT INTO `tabSeries` (name, current) VALUES (%s, %s)", (prefix, count))
	return [f"{prefix}{n:06d}" for n in range(start + 1, start + count + 1)]


PARENT_FIELDS = (
	"name", "creation", "modified", "owner", "modified_by", "docstatus", "title", "campaign", "status", "reason",
	"reason_detail", "region", "report_category", "industry", "from_campaign", "source_doctype", "source_name",
	"scope", "main_topic", "total_covered_workers",
)  # fmt: skip
CHILD_FIELDS = (
	"name", "creation", "modified", "owner", "modified_by", "docstatus", "parent", "parenttype", "parentfield", "idx",
	"enterprise", "enterprise_name", "report_category", "region", "covered_workers",
)  # fmt: skip


def _write(campaign, from_campaign, drafts, left):
	"""Multi-row INSERTs: a province's worklist is tens of thousands of drafts (FRAPPE-NOTES §12)."""
	stamp, user = now_datetime(), frappe.session.user
	names = iter(_names(len(drafts) + len(left)))
	parents, children = [], []
	common = (stamp, stamp, user, user, 0)
	for d in drafts:
		name = next(names)
		parents.append(
			(name, *common, _title(d), campaign, od.TO_SEND, d.reason, d.detail, d.region, d.category, d.industry,
			 from_campaign, d.source_doctype or None, d.source_name or None, d.scope, c.OFFER_TOPICS[0], d.workers)
		)  # fmt: skip
		for idx, m in enumerate(d.members, 1):
			children.append(
				(frappe.generate_hash(length=10), *common, name, "Offer Draft", "covered_enterprises", idx,
				 m.enterprise, m.enterprise_name, m.category, m.region, m.workers)
			)  # fmt: skip
	for entry in left:
		parents.append(
			(next(names), *common, entry.enterprise_name, campaign, od.LEFT_OUT, od.LEFT_OUT_REASON[entry.status],
			 entry.note, entry.region, None, None, from_campaign, "Enterprise", entry.enterprise, c.SCOPE_SINGLE,
			 c.OFFER_TOPICS[0], 0)
		)  # fmt: skip
	frappe.db.bulk_insert("Offer Draft", PARENT_FIELDS, parents, chunk_size=CHUNK)
	frappe.db.bulk_insert("Offer Coverage", CHILD_FIELDS, children, chunk_size=CHUNK)
