"""The negotiation between 同意协商 and the signed contract, as 集体合同规定 (劳动和社会保障部令第22号)
orders it, without Frappe: the representatives (Arts. 19–24), the meetings chaired in turn by the two
chief representatives with a neutral recorder (Arts. 33–34), suspension with the next meeting agreed
(Art. 35), signature only after the workers' congress approved the draft (Arts. 36–37), and the
coordination of a dispute by HRSS, closed within 30 days of its acceptance and extended once by at
most 15 (Arts. 49–55). Checks return Violations (springoffer.core.rules) whose messages name the rule
and its article; the desk translates them.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from springoffer.core import clocks
from springoffer.core.rules import Violation

MIN_PER_SIDE = 3  # Art. 19
COORDINATION_DAYS = 30  # Art. 52
MAX_EXTENSION_DAYS = 15  # Art. 52
STALLED_AFTER_DAYS = 30  # no meeting for this long: the workspace shows it
WORKER_SIDE, EMPLOYER_SIDE = "职工方", "企业方"

# What a negotiation is doing, derived from its record.
PREPARING = "准备"
NEGOTIATING = "协商中"
SUSPENDED = "中止"
IN_COORDINATION = "争议协调"
AGREED = "达成一致"
SIGNED = "已签订"
STATES = (PREPARING, NEGOTIATING, SUSPENDED, IN_COORDINATION, AGREED, SIGNED)

# Where a coordination stands (Negotiation Coordination.status).
COORDINATION_CLOSED = "已结案"
# Open talks: what the workspace's 协商停滞 and the form's headline look at.
OPEN_STATES = (PREPARING, NEGOTIATING, SUSPENDED)

# How a meeting ended.
CONTINUE, SUSPEND, AGREE = "继续协商", "中止协商", "达成一致"
OUTCOMES = (CONTINUE, SUSPEND, AGREE)


@dataclass(frozen=True)
class Representative:
	name: str
	side: str  # 职工方 or 企业方
	chief: bool = False
	outside_expert: bool = False  # Art. 23: someone from outside the enterprise, entrusted by one side


@dataclass(frozen=True)
class Meeting:
	held_on: date
	chair: str  # the chief representative who chaired it
	outcome: str = CONTINUE
	next_meeting: date | None = None  # agreed when the talks are suspended (Art. 35)


def check_representatives(representatives, recorder="", complete=True):
	"""Equal sides of at least three, one chief each, nobody on both sides, outside experts at most a
	third of a side, and a recorder who represents neither side. Before the first meeting the table may
	still be filling (`complete=False`): only who cannot sit at it, and a second chief, are refused."""
	found = []
	sides = {side: [r for r in representatives if r.side == side] for side in (WORKER_SIDE, EMPLOYER_SIDE)}
	for side, members in sides.items():
		if complete and len(members) < MIN_PER_SIDE:
			found.append(
				Violation(
					"representatives",
					"The {0} has {1} representatives; each side needs at least three (集体合同规定 Art. 19)",
					(side, len(members)),
				)
			)
		chiefs = [r.name for r in members if r.chief]
		if len(chiefs) > 1 or (complete and len(chiefs) != 1):
			found.append(
				Violation(
					"representatives",
					"The {0} has {1} chief representatives; mark exactly one (集体合同规定 Arts. 19–21)",
					(side, len(chiefs)),
				)
			)
		experts = sum(r.outside_expert for r in members)
		if complete and experts * 3 > len(members):
			found.append(
				Violation(
					"representatives",
					"{0} of the {1}'s {2} representatives come from outside the enterprise; at most a third may (集体合同规定 Art. 23)",
					(experts, side, len(members)),
				)
			)
	workers, employers = sides[WORKER_SIDE], sides[EMPLOYER_SIDE]
	if complete and workers and employers and len(workers) != len(employers):
		found.append(
			Violation(
				"representatives",
				"The sides are unequal: {0} workers' and {1} employer's representatives; make them the same number (集体合同规定 Art. 19)",
				(len(workers), len(employers)),
			)
		)
	both = sorted({r.name for r in workers} & {r.name for r in employers})
	if both:
		found.append(
			Violation("representatives", "{0} cannot represent both sides (集体合同规定 Art. 24)", ("、".join(both),))
		)
	if recorder and recorder.strip() in {r.name for r in representatives}:
		found.append(
			Violation("recorder", "The recorder {0} is a representative; choose someone neutral (集体合同规定 Art. 33)", (recorder.strip(),))
		)
	return found


def check_meetings(meetings, chiefs, answered_on, signed_on=None):
	"""Meetings on or after the offer was answered, in order, each chaired by a chief representative,
	the two taking turns; a suspension names the next meeting, after it; nothing after the signature."""
	found = []
	previous = None
	for number, meeting in enumerate(sorted(meetings, key=lambda m: m.held_on), start=1):
		if answered_on and meeting.held_on < answered_on:
			found.append(
				Violation(
					"meetings",
					"Meeting {0} on {1} is before the offer was answered on {2}; negotiation starts after the answer (集体合同规定 Art. 32)",
					(number, meeting.held_on, answered_on),
				)
			)
		if chiefs and meeting.chair not in chiefs:
			found.append(
				Violation(
					"meetings",
					"Meeting {0} was chaired by {1}; the chief representatives {2} chair the meetings (集体合同规定 Art. 34)",
					(number, meeting.chair or "—", "、".join(chiefs)),
				)
			)
		elif previous is not None and len(chiefs) == 2 and meeting.chair == previous.chair:
			found.append(
				Violation(
					"meetings",
					"Meetings {0} and {1} were both chaired by {2}; the two chief representatives take turns (集体合同规定 Art. 34)",
					(number - 1, number, meeting.chair),
				)
			)
		if meeting.outcome == SUSPEND:
			if not meeting.next_meeting:
				found.append(
					Violation(
						"meetings",
						"Meeting {0} suspended the talks without the next meeting's date; enter the date both sides agreed (集体合同规定 Art. 35)",
						(number,),
					)
				)
			elif meeting.next_meeting <= meeting.held_on:
				found.append(
					Violation(
						"meetings",
						"Meeting {0} on {1} set the next meeting on {2}, not after it; correct the date (集体合同规定 Art. 35)",
						(number, meeting.held_on, meeting.next_meeting),
					)
				)
		if signed_on and meeting.held_on > signed_on:
			found.append(
				Violation(
					"meetings",
					"Meeting {0} on {1} is after the contract was signed on {2}; correct one of the dates",
					(number, meeting.held_on, signed_on),
				)
			)
		previous = meeting
	return found


def check_signature(signed_on, voted_on, draft_agreed_on=None):
	"""The contract is signed after the workers' congress approved the draft, which comes after the two
	chief representatives agreed it (集体合同规定 Arts. 36–37)."""
	found = []
	if signed_on and not voted_on:
		found.append(
			Violation("signed_on", "Enter the workers' congress vote on the draft before the signature (集体合同规定 Art. 36)")
		)
	elif signed_on and voted_on and signed_on < voted_on:
		found.append(
			Violation(
				"signed_on",
				"Signed on {0}, before the workers' congress voted on {1}; the draft is signed after it is approved (集体合同规定 Art. 37)",
				(signed_on, voted_on),
			)
		)
	if voted_on and not draft_agreed_on:
		found.append(
			Violation(
				"draft_agreed_on",
				"Enter the day both chief representatives signed the draft; the workers' congress votes on that draft (集体合同规定 Arts. 34, 36)",
			)
		)
	if voted_on and draft_agreed_on and voted_on < draft_agreed_on:
		found.append(
			Violation(
				"voted_on",
				"The congress voted on {0}, before the chief representatives agreed the draft on {1}; correct one of the dates (集体合同规定 Art. 36)",
				(voted_on, draft_agreed_on),
			)
		)
	return found


def coordination_due(accepted_on, extension_days=0):
	"""The last day of a coordination accepted on `accepted_on`: 30 days, plus its one extension."""
	return clocks.period_end(accepted_on, COORDINATION_DAYS + (extension_days or 0))


def check_coordination(accepted_on, extensions, closed_on=None, today=None):
	"""HRSS closes a coordination within 30 days of accepting it; it may extend once, by at most 15 days
	(集体合同规定 Art. 52). `extensions`: the days of each extension granted."""
	found = []
	extensions = [days for days in extensions or () if days]
	if len(extensions) > 1:
		found.append(
			Violation("extensions", "The coordination was extended {0} times; it may be extended once (集体合同规定 Art. 52)", (len(extensions),))
		)
	for days in extensions:
		if days > MAX_EXTENSION_DAYS or days < 0:
			found.append(
				Violation(
					"extensions",
					"An extension of {0} days is more than the 15 allowed (集体合同规定 Art. 52)",
					(days,),
				)
			)
	if accepted_on and closed_on:
		if closed_on < accepted_on:
			found.append(
				Violation("closed_on", "Closed on {0}, before it was accepted on {1}; correct one of the dates", (closed_on, accepted_on))
			)
		else:
			due = coordination_due(accepted_on, min(sum(extensions), MAX_EXTENSION_DAYS))
			if closed_on > due:
				found.append(
					Violation(
						"closed_on",
						"Closed on {0}, after its last day {1}; a coordination ends within 30 days of acceptance, 45 with its one extension (集体合同规定 Art. 52)",
						(closed_on, due),
					)
				)
	if today and closed_on and closed_on > today:
		found.append(Violation("closed_on", "Closed on {0} is in the future", (closed_on,)))
	return found


def state(*, signed=False, agreed=False, coordination_open=False, meetings=(), today=None):
	"""What the negotiation is doing: 已签订, 达成一致, 争议协调, 中止 (its last meeting suspended it
	and the next has not been held), 协商中 (met at least once), or 准备."""
	if signed:
		return SIGNED
	if agreed or any(m.outcome == AGREE for m in meetings):
		return AGREED
	if coordination_open:
		return IN_COORDINATION
	if meetings:
		last = max(meetings, key=lambda m: m.held_on)
		return SUSPENDED if last.outcome == SUSPEND else NEGOTIATING
	return PREPARING


def stalled(meetings, today, started_on=None):
	"""Why an open negotiation needs attention, or None: its suspension passed the agreed date without a
	meeting, or no meeting for 30 days (since it started, when it has none)."""
	if not meetings:
		if started_on and (today - started_on).days > STALLED_AFTER_DAYS:
			return ("no meeting", (today - started_on).days)
		return None
	last = max(meetings, key=lambda m: m.held_on)
	if last.outcome == SUSPEND and last.next_meeting and today > last.next_meeting:
		return ("suspension overdue", (today - last.next_meeting).days)
	if last.outcome != AGREE and today - last.held_on > timedelta(days=STALLED_AFTER_DAYS):
		return ("no meeting", (today - last.held_on).days)
	return None


def next_meeting(meetings, proposed_first=None):
	"""The next meeting on record: the date agreed at the last meeting, or, before any, the first
	meeting the employer proposed in its answer; None once the sides agreed."""
	if not meetings:
		return proposed_first
	last = max(meetings, key=lambda m: m.held_on)
	if last.outcome == AGREE:
		return None
	return last.next_meeting if last.next_meeting and last.next_meeting > last.held_on else None


def check_meetings_held(meetings, today):
	"""A meeting goes on record once it was held; the next one is its date, not a meeting."""
	return [
		Violation(
			"meetings",
			"Meeting {0} on {1} has not been held yet; record it after it is held and enter its date as the previous meeting's next meeting",
			(number, meeting.held_on),
		)
		for number, meeting in enumerate(sorted(meetings, key=lambda m: m.held_on), start=1)
		if meeting.held_on > today
	]
