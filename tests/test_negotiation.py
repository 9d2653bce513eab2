"""The negotiation's rules without Frappe (集体合同规定 Chs. 3, 4, 7): each rule refused with its article,
the dispute clock with the holiday rule, the state and the stalled mark."""

from datetime import date

import pytest
from app_files import translations

from springoffer.core import negotiation as n
from springoffer.core.negotiation import EMPLOYER_SIDE, WORKER_SIDE, Meeting, Representative


def side(who, count, chief=0, experts=0, prefix=None):
	prefix = prefix or ("职" if who == WORKER_SIDE else "企")
	return [Representative(f"{prefix}{i}", who, chief=i == chief, outside_expert=i < experts) for i in range(count)]


GOOD = side(WORKER_SIDE, 3) + side(EMPLOYER_SIDE, 3)


def fields(found):
	return [v.field for v in found]


def articles(found):
	return " ".join(v.message for v in found)


def test_equal_sides_of_three_with_a_chief_each_and_a_neutral_recorder_pass():
	assert n.check_representatives(GOOD, recorder="记录员") == []


@pytest.mark.parametrize(
	("representatives", "recorder", "article"),
	[
		(side(WORKER_SIDE, 2) + side(EMPLOYER_SIDE, 2), "", "Art. 19"),  # fewer than three a side
		(side(WORKER_SIDE, 4) + side(EMPLOYER_SIDE, 3), "", "Art. 19"),  # unequal
		(side(WORKER_SIDE, 3, chief=None) + side(EMPLOYER_SIDE, 3), "", "Arts. 19–21"),  # no chief
		([*side(WORKER_SIDE, 3), *side(EMPLOYER_SIDE, 2), Representative("职1", EMPLOYER_SIDE)], "", "Art. 24"),  # both sides
		(side(WORKER_SIDE, 3, experts=2) + side(EMPLOYER_SIDE, 3), "", "Art. 23"),  # outside experts over a third
		(GOOD, "职1", "Art. 33"),  # the recorder is a representative
	],
)
def test_each_representation_rule_is_refused_with_its_article(representatives, recorder, article):
	found = n.check_representatives(representatives, recorder)
	assert found and article in articles(found)


def test_meetings_after_the_answer_chaired_in_turn():
	chiefs = ["职0", "企0"]
	ok = [Meeting(date(2026, 4, 20), "职0"), Meeting(date(2026, 4, 27), "企0"), Meeting(date(2026, 5, 6), "职0", n.AGREE)]
	assert n.check_meetings(ok, chiefs, answered_on=date(2026, 4, 15)) == []
	early = n.check_meetings([Meeting(date(2026, 4, 10), "职0")], chiefs, answered_on=date(2026, 4, 15))
	assert "Art. 32" in articles(early)
	same_chair = n.check_meetings([Meeting(date(2026, 4, 20), "职0"), Meeting(date(2026, 4, 27), "职0")], chiefs, date(2026, 4, 15))
	assert "take turns" in articles(same_chair)
	stranger = n.check_meetings([Meeting(date(2026, 4, 20), "外人")], chiefs, date(2026, 4, 15))
	assert "Art. 34" in articles(stranger)
	after_signing = n.check_meetings(ok, chiefs, date(2026, 4, 15), signed_on=date(2026, 5, 1))
	assert fields(after_signing) == ["meetings"]


def test_a_suspension_names_the_next_meeting_after_it():
	chiefs = ["职0", "企0"]
	assert "Art. 35" in articles(n.check_meetings([Meeting(date(2026, 4, 20), "职0", n.SUSPEND)], chiefs, date(2026, 4, 15)))
	backwards = [Meeting(date(2026, 4, 20), "职0", n.SUSPEND, next_meeting=date(2026, 4, 19))]
	assert "Art. 35" in articles(n.check_meetings(backwards, chiefs, date(2026, 4, 15)))
	fine = [Meeting(date(2026, 4, 20), "职0", n.SUSPEND, next_meeting=date(2026, 5, 20))]
	assert n.check_meetings(fine, chiefs, date(2026, 4, 15)) == []


def test_signing_comes_after_the_congress_vote():
	assert n.check_signature(date(2026, 6, 1), date(2026, 5, 28), date(2026, 5, 20)) == []
	assert "Art. 37" in articles(n.check_signature(date(2026, 5, 27), date(2026, 5, 28)))
	assert "Art. 36" in articles(n.check_signature(date(2026, 6, 1), None))
	assert "Art. 36" in articles(n.check_signature(date(2026, 6, 1), date(2026, 5, 18), draft_agreed_on=date(2026, 5, 20)))


def test_the_coordination_clock_thirty_days_and_one_extension_of_fifteen():
	accepted = date(2026, 4, 1)
	assert n.coordination_due(accepted) == date(2026, 5, 6)  # day 30 is 05-01, in the May Day holiday
	assert n.coordination_due(accepted, 15) == date(2026, 5, 18)  # day 45: Saturday 05-16 → Monday 05-18
	assert n.check_coordination(accepted, [15], closed_on=date(2026, 5, 18)) == []
	assert "45" in articles(n.check_coordination(accepted, [15], closed_on=date(2026, 5, 19)))
	assert "once" in articles(n.check_coordination(accepted, [5, 5]))
	assert "15" in articles(n.check_coordination(accepted, [20]))
	assert fields(n.check_coordination(accepted, [], closed_on=date(2026, 3, 30))) == ["closed_on"]


def test_the_state_and_what_stalls():
	suspended = [Meeting(date(2026, 4, 20), "职0", n.SUSPEND, next_meeting=date(2026, 5, 10))]
	assert n.state(meetings=()) == n.PREPARING
	assert n.state(meetings=[Meeting(date(2026, 4, 20), "职0")]) == n.NEGOTIATING
	assert n.state(meetings=suspended) == n.SUSPENDED
	assert n.state(meetings=suspended, coordination_open=True) == n.IN_COORDINATION
	assert n.state(meetings=[Meeting(date(2026, 5, 1), "企0", n.AGREE)]) == n.AGREED
	assert n.state(signed=True, meetings=suspended) == n.SIGNED
	assert n.stalled(suspended, today=date(2026, 5, 10)) is None
	assert n.stalled(suspended, today=date(2026, 5, 12)) == ("suspension overdue", 2)
	assert n.stalled([Meeting(date(2026, 4, 1), "职0")], today=date(2026, 5, 2)) == ("no meeting", 31)
	assert n.stalled([], today=date(2026, 5, 2), started_on=date(2026, 4, 1)) == ("no meeting", 31)
	assert n.stalled([Meeting(date(2026, 4, 1), "职0", n.AGREE)], today=date(2026, 6, 2)) is None


def test_before_the_first_meeting_the_table_may_still_be_filling():
	"""complete=False (no meeting yet): only the two chiefs on record is fine, but a second chief, a
	person on both sides or a recorder who represents a side is refused already."""
	chiefs_only = [Representative("王工会", WORKER_SIDE, chief=True), Representative("张厂长", EMPLOYER_SIDE, chief=True)]
	assert n.check_representatives(chiefs_only, complete=False) == []
	assert n.check_representatives(side(WORKER_SIDE, 3) + side(EMPLOYER_SIDE, 1), complete=False) == []  # unequal, for now
	assert n.check_representatives([], complete=False) == []
	assert "Art. 19" in articles(n.check_representatives(chiefs_only))  # the same table at a meeting: too few
	two_chiefs = [*chiefs_only, Representative("李职工", WORKER_SIDE, chief=True)]
	assert "Arts. 19–21" in articles(n.check_representatives(two_chiefs, complete=False))
	both = [*chiefs_only, Representative("王工会", EMPLOYER_SIDE)]
	assert "Art. 24" in articles(n.check_representatives(both, complete=False))
	assert fields(n.check_representatives(chiefs_only, recorder=" 张厂长 ", complete=False)) == ["recorder"]
	experts = [Representative("专家甲", WORKER_SIDE, outside_expert=True), Representative("专家乙", WORKER_SIDE, outside_expert=True)]
	assert n.check_representatives([*chiefs_only, *experts], complete=False) == []  # the third is judged at the table


def test_the_next_meeting_on_record():
	proposed = date(2026, 3, 28)
	assert n.next_meeting([], proposed) == proposed  # before any meeting: the one the employer proposed
	assert n.next_meeting([]) is None
	suspended = Meeting(date(2026, 4, 10), "企0", n.SUSPEND, next_meeting=date(2026, 4, 25))
	first = Meeting(date(2026, 3, 28), "职0", next_meeting=date(2026, 4, 10))
	assert n.next_meeting([suspended, first], proposed) == date(2026, 4, 25)  # the latest meeting's, in any order
	assert n.next_meeting([first], proposed) == date(2026, 4, 10)
	assert n.next_meeting([Meeting(date(2026, 3, 28), "职0")], proposed) is None  # none agreed: not the proposal again
	agreed = Meeting(date(2026, 4, 25), "职0", n.AGREE, next_meeting=date(2026, 5, 1))
	assert n.next_meeting([first, suspended, agreed], proposed) is None  # the sides agreed: no next meeting
	same_day = Meeting(date(2026, 4, 10), "企0", n.SUSPEND, next_meeting=date(2026, 4, 10))
	assert n.next_meeting([same_day]) is None  # a date not after the meeting is no next meeting


def test_a_meeting_goes_on_record_once_held():
	today = date(2026, 4, 10)
	held = [Meeting(date(2026, 3, 28), "职0"), Meeting(today, "企0")]
	assert n.check_meetings_held(held, today) == []
	ahead = [Meeting(date(2026, 4, 20), "职0"), *held]
	(found,) = n.check_meetings_held(ahead, today)
	assert found.field == "meetings" and found.args == (3, date(2026, 4, 20))  # numbered in date order
	assert "has not been held yet" in found.message


def test_every_message_has_its_chinese():
	zh = translations()
	import ast
	from pathlib import Path

	source = Path(n.__file__).read_text(encoding="utf-8")
	messages = {
		node.args[1].value
		for node in ast.walk(ast.parse(source))
		if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Violation" and isinstance(node.args[1], ast.Constant)
	}
	assert len(messages) >= 18
	assert all(m in zh for m in messages), [m for m in messages if m not in zh]
