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
from springoffer.core.ledger import MEETINGS, LedgerError
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


# the 协商会议 sheet ---------------------------------------------------------------------------

MEETING = ("name", "parent", "parenttype", "parentfield", "held_on", "place", "chair", "outcome", "next_meeting_on")
# Who chaired a meeting the ledger lists, when the negotiation names no chief representative yet.
CHAIR_ROLES = {talks.WORKER_SIDE: "职工方首席代表", talks.EMPLOYER_SIDE: "企业方首席代表"}


class LedgerMeetings:
	"""The meetings of a ledger's 协商会议 sheet into their offers' negotiations, in bulk. A meeting is
	the same one when its negotiation holds a meeting on that day: its place and result are updated
	if the ledger says otherwise, nothing else of it is touched. A new one is chaired by the chief
	representative who did not chair the meeting before it (the workers' chief chairs the first,
	集体合同规定 Art. 34); a new suspension's next meeting is the next meeting the ledger lists."""

	def __init__(self, importer):
		self.importer = importer
		self.today = getdate(frappe.utils.today())
		self.counts = {"created": 0, "updated": 0, "unchanged": 0}
		self.out_of_order = set()  # negotiations given a meeting earlier than one they held

	def error(self, meeting, message, column):
		self.importer.errors.append(LedgerError(MEETINGS, meeting.row, message, column))

	def run(self, meetings):
		by_offer = {}
		for meeting in meetings:
			offer = self.importer.ledger.offers.get(meeting.offer)
			name = self.importer.offer_names.get((offer.campaign, offer.number)) if offer else None
			if name:  # an offer the import refused is reported on its own sheet
				by_offer.setdefault(name, []).append(meeting)
		if not by_offer:
			return self.counts
		negotiations = self.negotiations(list(by_offer))
		new_rows, touched = [], set()
		for offer, listed in by_offer.items():
			talk = negotiations.get(offer)
			if talk is None:
				continue
			written = self.merge(talk, listed, new_rows)
			if written:
				touched.add(talk.name)
		RowWriter(self.importer.progress).insert("Negotiation Meeting", MEETING, new_rows, "协商会议")
		self.derive(touched)
		return self.counts

	def negotiations(self, offers):
		found = {}
		for chunk in _chunks(offers):
			for row in frappe.get_all(
				"Negotiation", filters={"offer": ("in", chunk)}, fields=["name", "offer", "signed_on", "contract"], limit=0
			):
				found[row.offer] = row
				row.chiefs, row.meetings = {}, []
		contracts = [row.contract for row in found.values() if row.contract and not row.signed_on]
		for chunk in _chunks(contracts):
			signed = dict(frappe.get_all("Contract", filters={"name": ("in", chunk)}, fields=["name", "signing_date"], as_list=True))
			for row in found.values():
				row.signed_on = row.signed_on or signed.get(row.contract)  # signed when its contract was
		by_name = {row.name: row for row in found.values()}
		for chunk in _chunks(by_name):
			for rep in frappe.get_all(
				"Negotiation Representative",
				filters={"parent": ("in", chunk), "parenttype": "Negotiation", "is_chief": 1},
				fields=["parent", "side", "representative_name"],
				limit=0,
			):
				by_name[rep.parent].chiefs.setdefault(rep.side, (rep.representative_name or "").strip())
			for meeting in frappe.get_all(
				"Negotiation Meeting",
				filters={"parent": ("in", chunk), "parenttype": "Negotiation"},
				fields=["name", "parent", "idx", "held_on", "place", "chair", "outcome"],
				order_by="held_on asc, idx asc",
				limit=0,
			):
				by_name[meeting.parent].meetings.append(meeting)
		return found

	def merge(self, talk, listed, new_rows):
		"""The ledger's meetings of one negotiation; returns whether anything of it was written."""
		chiefs = [talk.chiefs.get(side) or role for side, role in CHAIR_ROLES.items()]
		signed_on = getdate(talk.signed_on) if talk.signed_on else None
		stored = {}
		for meeting in talk.meetings:
			stored.setdefault(getdate(meeting.held_on), []).append(meeting)
		timeline = [(getdate(m.held_on), m.idx, m.chair) for m in talk.meetings]
		added, written = [], False
		for meeting in listed:
			if meeting.held_on > self.today:
				self.error(meeting, f"会议日期 {meeting.held_on:%Y-%m-%d} 还没到；协商会议在召开后记录，请核对日期", "会议日期")
				continue
			if signed_on and meeting.held_on > signed_on:
				self.error(
					meeting,
					f"会议日期 {meeting.held_on:%Y-%m-%d} 晚于该协商签订集体合同的日期 {signed_on:%Y-%m-%d}；请核对日期，签订后不再召开协商会议",
					"会议日期",
				)
				continue
			same_day = stored.get(meeting.held_on)
			if same_day:
				match = same_day.pop(0)
				changed = {"outcome": meeting.outcome} if match.outcome != meeting.outcome else {}
				if meeting.place and meeting.place != (match.place or ""):
					changed["place"] = meeting.place
				if changed:
					frappe.db.set_value("Negotiation Meeting", match.name, changed, update_modified=False)
					self.counts["updated"] += 1
					written = True
				else:
					self.counts["unchanged"] += 1
				continue
			added.append(meeting)
		if not added:
			return written
		# chairs in turn over every meeting of the negotiation, in the order they were held
		timeline = [(getdate(m.held_on), 0, m.idx, m.chair, None) for m in talk.meetings]
		timeline += [(m.held_on, 1, m.row, None, m) for m in added]
		timeline.sort(key=lambda entry: entry[:3])
		idx = max((m.idx for m in talk.meetings), default=0)
		previous_chair = None
		for position, (held_on, _new, _order, chair, meeting) in enumerate(timeline):
			if meeting is not None:
				chair = chiefs[1] if previous_chair == chiefs[0] else chiefs[0]
				later = next((day for day, *_rest in timeline[position + 1 :] if day > held_on), None)
				idx += 1
				new_rows.append(
					(
						idx,
						(
							frappe.generate_hash(length=10), talk.name, "Negotiation", "meetings", held_on, meeting.place or None,
							chair, meeting.outcome, later if meeting.outcome == talks.SUSPEND else None,
						),
					)
				)  # fmt: skip
				self.counts["created"] += 1
			previous_chair = chair
		if talk.meetings and min(m.held_on for m in added) < max(getdate(m.held_on) for m in talk.meetings):
			self.out_of_order.add(talk.name)
		return True

	def derive(self, names):
		"""What the controller derives from the meetings (Negotiation.derive, on_update): the last and next
		meeting, the state, and the offer showing them; the rows numbered in the order held. Read in
		chunks, one UPDATE per negotiation."""
		moment, user = frappe.utils.now(), frappe.session.user
		for chunk in _chunks(names):
			found = frappe.db.sql(
				"""SELECT n.name, n.signed_on, n.contract, n.draft_agreed_on, n.open_coordination, n.agreed_to_negotiate_on,
					o.meeting_time
				FROM `tabNegotiation` n JOIN `tabOffer` o ON o.name = n.offer WHERE n.name IN %(names)s""",
				{"names": tuple(chunk)},
				as_dict=True,
			)
			rows = {}
			for row in frappe.get_all(
				"Negotiation Meeting",
				filters={"parent": ("in", chunk), "parenttype": "Negotiation"},
				fields=["name", "parent", "held_on", "chair", "outcome", "next_meeting_on"],
				order_by="parent asc, held_on asc, idx asc",
				limit=0,
			):
				rows.setdefault(row.parent, []).append(row)
			for talk in found:
				held = rows.get(talk.name, [])
				if talk.name in self.out_of_order:
					for idx, row in enumerate(held, start=1):
						frappe.db.set_value("Negotiation Meeting", row.name, "idx", idx, update_modified=False)
				meetings = [
					talks.Meeting(getdate(r.held_on), r.chair or "", r.outcome or talks.CONTINUE, getdate(r.next_meeting_on) if r.next_meeting_on else None)
					for r in held
				]
				last = max((m.held_on for m in meetings), default=None)
				state = talks.state(
					signed=bool(talk.signed_on or talk.contract),
					agreed=bool(talk.draft_agreed_on),
					coordination_open=bool(talk.open_coordination),
					meetings=meetings,
				)
				# modified too: a form open meanwhile must reload before it saves
				frappe.db.sql(
					"""UPDATE `tabNegotiation` SET last_meeting_on = %s, next_meeting_on = %s, state = %s, quiet_since = %s,
						modified = %s, modified_by = %s WHERE name = %s""",
					(
						last, talks.next_meeting(meetings, getdate(talk.meeting_time) if talk.meeting_time else None), state,
						last or talk.agreed_to_negotiate_on, moment, user, talk.name,
					),
				)  # fmt: skip
			_show_on_offers(chunk)
