"""The negotiation of every agreed offer written in bulk (a ledger import, the patch for sites that had
agreed offers before negotiations were on record): what Offer.on_update does one document at a time
through springoffer.springoffer.doctype.negotiation.negotiation.open_for_agreed_offer, done with
multi-row INSERTs — the two chief representatives from the offer, the fields the Negotiation
controller derives (state, agreed_to_negotiate_on, next_meeting_on, quiet_since, employer_name, region,
campaign, scope), the offer's negotiation/negotiation_state/next_meeting_on, and, as a contract's save does
(follow_contract), a contract filed for the offer linked to its negotiation, which is then 已签订.
"""

import frappe
from frappe.utils import getdate

from springoffer.core import categories as c
from springoffer.core import negotiation as talks
from springoffer.workbook.bulk_rows import RowWriter, reserve_names

CHUNK = 5_000
NEGOTIATION = (
	"name", "offer", "employer_name", "scope", "campaign", "region", "state", "agreed_to_negotiate_on", "next_meeting_on", "quiet_since",
)  # fmt: skip
REPRESENTATIVE = ("name", "parent", "parenttype", "parentfield", "side", "representative_name", "is_chief")
CHIEFS = ((talks.WORKER_SIDE, "worker_chief_representative"), (talks.EMPLOYER_SIDE, "employer_chief_representative"))


def _chunks(values, size=CHUNK):
	values = list(values)
	for start in range(0, len(values), size):
		yield values[start : start + size]


def _agreed_offers_without_negotiation(offers):
	"""Agreed offers (of `offers`, or of the whole site when None) that have no negotiation yet."""
	query = """SELECT o.name, o.campaign, o.region, o.scope, o.employer_side_name, o.response_date, o.meeting_time,
			o.worker_chief_representative, o.employer_chief_representative,
			(SELECT cov.enterprise_name FROM `tabOffer Coverage` cov
				WHERE cov.parent = o.name AND cov.parenttype = 'Offer' ORDER BY cov.idx LIMIT 1) AS first_enterprise
		FROM `tabOffer` o LEFT JOIN `tabNegotiation` n ON n.offer = o.name
		WHERE o.response = %(agreed)s AND n.name IS NULL {names}
		ORDER BY o.name"""
	if offers is None:
		return frappe.db.sql(query.format(names=""), {"agreed": c.AGREED}, as_dict=True)
	found = []
	for chunk in _chunks(offers):
		found += frappe.db.sql(query.format(names="AND o.name IN %(names)s"), {"agreed": c.AGREED, "names": tuple(chunk)}, as_dict=True)
	return found


def open_negotiations(offers=None, progress=None):
	"""Open the negotiation of each agreed offer among `offers` (names; None: every offer of the site)
	that has none, then link the contracts filed for those offers. Returns how many were opened."""
	found = _agreed_offers_without_negotiation(offers)
	names = reserve_names("Negotiation", len(found))
	parents, children = [], []
	for name, offer in zip(names, found):
		proposed = getdate(offer.meeting_time) if offer.meeting_time else None
		parents.append(
			(
				0,
				(
					name, offer.name, offer.employer_side_name or offer.first_enterprise or offer.name, offer.scope, offer.campaign,
					offer.region, talks.state(), offer.response_date, talks.next_meeting([], proposed),
					offer.response_date,  # quiet since the agreement: no meeting yet
				),
			)
		)  # fmt: skip
		idx = 0
		for side, field in CHIEFS:
			if offer.get(field):
				idx += 1
				children.append((idx, (frappe.generate_hash(length=10), name, "Negotiation", "representatives", side, offer.get(field), 1)))
	writer = RowWriter(progress)
	writer.insert("Negotiation", NEGOTIATION, parents, "协商")
	writer.insert("Negotiation Representative", REPRESENTATIVE, children, "协商代表")
	for chunk in _chunks(names):
		_show_on_offers(chunk)
	link_contracts([offer.name for offer in found] if offers is None else offers)
	return len(names)


def _show_on_offers(negotiations):
	"""The offer shows its negotiation, where it stands and its next meeting (Negotiation.on_update)."""
	frappe.db.sql(
		"""UPDATE `tabOffer` o JOIN `tabNegotiation` n ON n.offer = o.name
		SET o.negotiation = n.name, o.negotiation_state = n.state, o.next_meeting_on = n.next_meeting_on
		WHERE n.name IN %(names)s""",
		{"names": tuple(negotiations)},
	)


def link_contracts(offers):
	"""A contract in force or under way filed for an offer with a negotiation names it, and the
	negotiation is 已签订 with that contract — what a contract's save does (follow_contract), for
	contracts and negotiations written in bulk."""
	for chunk in _chunks(offers):
		if not chunk:
			continue
		frappe.db.sql(
			"""UPDATE `tabNegotiation` n JOIN (
				SELECT offer, MIN(name) AS contract FROM `tabContract`
				WHERE offer IN %(offers)s AND is_cancelled = 0 GROUP BY offer
			) k ON k.offer = n.offer
			SET n.contract = k.contract, n.state = %(signed)s
			WHERE n.contract IS NULL OR n.contract = ''""",
			{"offers": tuple(chunk), "signed": talks.SIGNED},
		)
		frappe.db.sql(
			"""UPDATE `tabOffer` o JOIN `tabNegotiation` n ON n.offer = o.name
			SET o.negotiation_state = n.state
			WHERE o.name IN %(offers)s AND NOT (o.negotiation_state <=> n.state)""",
			{"offers": tuple(chunk)},
		)
		# every contract of these offers names the offer's negotiation (Contract.validate sets it)
		frappe.db.sql(
			"""UPDATE `tabContract` k JOIN `tabNegotiation` n ON n.offer = k.offer
			SET k.negotiation = n.name
			WHERE k.offer IN %(offers)s AND (k.negotiation IS NULL OR k.negotiation != n.name)""",
			{"offers": tuple(chunk)},
		)
