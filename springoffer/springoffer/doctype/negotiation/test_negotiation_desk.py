"""What officers and leaders see of the negotiations (issue 28): the workspace's cards 协商停滞 and
中止逾期未复谈 counted by the core's rules in the officer's region, the coordination cards on HRSS's
view only, the daily reminders of a suspension past its date and of a coordination's last day, the
form's headline, the 《协调处理协议书》 as printed, and the next meeting on the employer's link."""

from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from springoffer.controllers import daily
from springoffer.core import categories as c
from springoffer.core import negotiation as core
from springoffer.desk import workspace
from springoffer.devtools.commits import no_commit
from springoffer.devtools.testing import make_campaign, make_enterprise, make_region, make_user, offer_doc
from springoffer.portal import answers

CAMPAIGN = "2026年协商工作台测试活动"
COUNTY = "协商工作台测试县"
UNION = "desk.talks.union@example.com"
HRSS = "desk.talks.hrss@example.com"
OUTSIDER = "desk.talks.other@example.com"


def people(side, *names):
	return [{"side": side, "representative_name": name, "is_chief": int(i == 0)} for i, name in enumerate(names)]


TABLE = people("职工方", "王工会", "李职工", "赵职工") + people("企业方", "张厂长", "钱经理", "孙主任")


class TestNegotiationDesk(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, "衡阳市")
		make_campaign(CAMPAIGN, "2026-03-01", "2026-06-30", "2026-06-30")
		make_user(UNION, ["Trade Union Officer"], region="衡阳市")
		make_user(HRSS, ["HRSS Officer"], region="衡阳市")
		make_user(OUTSIDER, ["Trade Union Officer", "HRSS Officer"], region="岳阳市")

	def setUp(self):
		frappe.set_user("Administrator")

	def talks(self, *meetings, place=None):
		"""A negotiation of a new offer agreed on 2026-03-20 (first meeting proposed for 28 March 09:30),
		with `meetings` (held_on, outcome, next_meeting_on) chaired in turn."""
		with self.set_user(UNION), self.freeze_time("2026-03-21"):
			offer = offer_doc(
				make_enterprise(region=COUNTY, name=f"工作台测试企业{frappe.generate_hash(length=5)}"),
				date_sent="2026-03-05",
				campaign=CAMPAIGN,
				response=c.AGREED,
				response_date="2026-03-20",
				meeting_time="2026-03-28 09:30:00",
				meeting_place="企业三楼会议室",
				worker_chief_representative="王工会",
				employer_chief_representative="张厂长",
			).insert()
		doc = frappe.get_doc("Negotiation", {"offer": offer.name})
		if meetings:
			doc.set("representatives", TABLE)
			doc.recorder = "周记录"
			for number, (held_on, outcome, next_on) in enumerate(meetings):
				doc.append(
					"meetings",
					{
						"held_on": held_on,
						"chair": ("王工会", "张厂长")[number % 2],
						"place": "企业会议室",
						"outcome": outcome,
						"next_meeting_on": next_on,
						"next_meeting_place": place if next_on else None,
						"suspension_reason": "企业需核算成本" if outcome == core.SUSPEND else None,
					},
				)
			doc.modified = frappe.db.get_value("Negotiation", doc.name, "modified")
			with self.set_user(UNION), self.freeze_time(max(m[0] for m in meetings)):
				doc.save()
		return doc

	def card(self, item, user, day):
		with self.set_user(user), self.freeze_time(day):
			return workspace.open_work({"item": item, "campaign": CAMPAIGN})

	def test_stalled_and_suspension_cards_follow_the_core_rules_in_the_officers_region(self):
		quiet = self.talks()  # no meeting since the agreement on 20 March
		met = self.talks(("2026-04-20", core.CONTINUE, None))
		suspended = self.talks(("2026-04-02", core.CONTINUE, None), ("2026-04-05", core.SUSPEND, "2026-04-25"))
		resuming = self.talks(("2026-04-02", core.CONTINUE, None), ("2026-04-20", core.SUSPEND, "2026-05-20"))
		day = "2026-05-10"
		stalled = self.card("negotiations_stalled", UNION, day)
		overdue = self.card("suspensions_overdue", UNION, day)
		self.assertEqual(stalled["route_options"]["quiet_since"], ["<", "2026-04-10"])
		self.assertEqual(stalled["route_options"]["state"], ["in", list(core.OPEN_STATES)])
		self.assertEqual(overdue["route_options"]["next_meeting_on"], ["<", "2026-05-10"])
		# a hand count over the campaign's negotiations: open and more than 30 days without a meeting
		# (since the agreement while none); suspended past the agreed date, as core.stalled says
		today = getdate(day)
		quiet_for_long, past_date, by_core = set(), set(), set()
		for name in frappe.get_all("Negotiation", filters={"campaign": CAMPAIGN}, pluck="name"):
			doc = frappe.get_doc("Negotiation", name)
			if doc.state not in core.OPEN_STATES:
				continue
			if (today - getdate(doc.last_meeting_on or doc.agreed_to_negotiate_on)).days > core.STALLED_AFTER_DAYS:
				quiet_for_long.add(name)
			why = core.stalled(doc.core_meetings(), today, getdate(doc.agreed_to_negotiate_on))
			if why:
				by_core.add(name)
				if why[0] == "suspension overdue":
					past_date.add(name)
		self.assertEqual(in_list(stalled), quiet_for_long)
		self.assertEqual(in_list(overdue), past_date)
		self.assertEqual((stalled["value"], overdue["value"]), (len(quiet_for_long), len(past_date)))
		self.assertEqual(in_list(stalled) | in_list(overdue), by_core)  # every negotiation the core calls stalled is on a card
		self.assertTrue({quiet.name, suspended.name} <= quiet_for_long and suspended.name in past_date)
		self.assertFalse({met.name, resuming.name} & (quiet_for_long | past_date))
		# another city's officer counts none of them
		self.assertEqual(self.card("negotiations_stalled", OUTSIDER, day)["value"], 0)
		self.assertEqual(self.card("suspensions_overdue", OUTSIDER, day)["value"], 0)
		# the form says why (core.stalled through onload)
		for doc, reason in ((quiet, "no meeting"), (suspended, "suspension overdue"), (met, None)):
			doc = frappe.get_doc("Negotiation", doc.name)
			with self.freeze_time(day):
				doc.run_method("onload")
			self.assertEqual(((doc.get_onload() or {}).get("stalled") or {}).get("reason"), reason)

	def coordination(self, negotiation, accepted_on, **extra):
		doc = frappe.get_doc(
			{
				"doctype": "Negotiation Coordination",
				"negotiation": negotiation,
				"applicant": "职工方",
				"applied_on": accepted_on,
				"accepted_on": accepted_on,
				"dispute_facts": "双方对工资增长幅度分歧较大。\n经三次协商未能达成一致。",
				**extra,
			}
		)
		with self.set_user(HRSS), self.freeze_time(accepted_on):
			return doc.insert()

	def two_coordinations(self):
		ending = self.coordination(self.talks().name, "2026-05-11")
		late = self.coordination(self.talks().name, "2026-05-06")
		day = getdate(ending.due_date) - timedelta(days=2)
		self.assertLess(getdate(late.due_date), day)
		return ending, late, day

	def test_coordination_cards_count_by_the_last_day_on_hrss_view_only(self):
		ending, late, day = self.two_coordinations()
		soon = self.card("coordinations_due_soon", HRSS, str(day))
		overdue = self.card("coordinations_overdue", HRSS, str(day))
		self.assertIn(ending.name, in_list(soon))
		self.assertNotIn(late.name, in_list(soon))
		self.assertIn(late.name, in_list(overdue))
		self.assertNotIn(ending.name, in_list(overdue))
		self.assertGreaterEqual(soon["value"], 1)
		self.assertEqual(self.card("coordinations_overdue", OUTSIDER, str(day))["value"], 0)
		# closed, it leaves both cards
		closed = frappe.get_doc("Negotiation Coordination", late.name)
		closed.update({"closed_on": str(day - timedelta(days=3)), "hrss_coordinator": "刘科长", "union_coordinator": "陈部长", "enterprise_coordinator": "黄秘书长", "result": "同意按5%调整。"})
		closed.creation, closed.modified = frappe.db.get_value(closed.doctype, closed.name, ["creation", "modified"])
		with self.set_user(HRSS), self.freeze_time(str(day)):
			closed.save()
		self.assertNotIn(late.name, in_list(self.card("coordinations_overdue", HRSS, str(day))))
		# HRSS's view shows the coordination cards; a union officer's does not, but keeps the others
		for name in workspace.HRSS_CARDS:
			self.assertTrue(frappe.has_permission("Number Card", doc=name, user=HRSS))
			self.assertFalse(frappe.has_permission("Number Card", doc=name, user=UNION))
		self.assertTrue(frappe.has_permission("Number Card", doc="Stalled Negotiations", user=UNION))
		self.assertFalse(frappe.has_permission("Number Card", doc="Stalled Negotiations", user="Guest"))

	def test_reminders_of_a_suspension_past_its_date_and_a_coordinations_last_day(self):
		suspended = self.talks(("2026-04-02", core.CONTINUE, None), ("2026-04-10", core.SUSPEND, "2026-04-25"))
		with self.freeze_time("2026-04-25"), no_commit():
			self.assertNotIn(suspended.name, daily.remind_suspensions_overdue())  # the day itself: not yet
		with self.freeze_time("2026-04-26"), no_commit():
			self.assertIn(suspended.name, daily.remind_suspensions_overdue())
			self.assertEqual(daily.remind_suspensions_overdue(), [])  # once
		told = frappe.get_all("Notification Log", filters={"document_name": suspended.name}, fields=["for_user", "subject"])
		self.assertEqual([row.for_user for row in told], [UNION])  # the offer's owner
		self.assertIn("2026-04-25", told[0].subject)
		with self.freeze_time("2026-04-27"), no_commit():
			self.assertNotIn(suspended.name, daily.remind_suspensions_overdue())

		ending, late, _day = self.two_coordinations()
		with self.freeze_time(str(getdate(ending.due_date) - timedelta(days=3))), no_commit():
			self.assertIn(ending.name, daily.remind_coordinations_due())
		with self.freeze_time(str(getdate(late.due_date) + timedelta(days=1))), no_commit():
			self.assertIn(late.name, daily.remind_coordinations_due())
		for doc in (ending, late):
			users = set(frappe.get_all("Notification Log", filters={"document_name": doc.name}, pluck="for_user"))
			self.assertIn(HRSS, users)  # the region's HRSS officer
			self.assertFalse(users & {UNION, OUTSIDER})

	def test_the_coordination_agreement_prints_the_parties_coordinators_and_result(self):
		talks = self.talks()
		doc = self.coordination(talks.name, "2026-05-11")
		doc.update(
			{
				"closed_on": "2026-05-28",
				"hrss_coordinator": "刘科长",
				"union_coordinator": "陈部长",
				"enterprise_coordinator": "黄秘书长",
				"result": "双方同意2026年工资平均增长5%。",
				"remaining_issues": "高温津贴标准另行协商。",
			}
		)
		doc.creation, doc.modified = frappe.db.get_value(doc.doctype, doc.name, ["creation", "modified"])
		with self.set_user(HRSS), self.freeze_time("2026-05-28"):
			doc.save()
		html = frappe.get_print("Negotiation Coordination", doc.name, print_format="协调处理协议书", doc=doc)
		for text in (
			"协调处理协议书",
			talks.employer_name,
			"职工方首席代表",
			"王工会",
			"张厂长",
			f"{COUNTY}人力资源和社会保障局",
			f"{COUNTY}总工会",
			"刘科长",
			"陈部长",
			"黄秘书长",
			"2026年5月11日",  # applied and accepted
			"2026年5月28日",  # signed
			"<p>经三次协商未能达成一致。</p>",  # the facts, a paragraph per line
			"双方同意2026年工资平均增长5%。",
			"高温津贴标准另行协商。",
		):
			self.assertIn(text, html)
		self.assertNotIn("尚未结案", html)
		self.assertNotIn("{{", html)

	def test_the_employers_link_shows_the_next_meeting(self):
		proposed = self.talks()
		offer = frappe.get_doc("Offer", proposed.offer)
		with self.freeze_time("2026-03-25"):
			self.assertEqual(answers.view(offer)["next_meeting"], {"date": "2026-03-28", "time": "09:30", "place": "企业三楼会议室"})
		with self.freeze_time("2026-03-29"):
			self.assertIsNone(answers.view(offer)["next_meeting"])  # its day passed without a meeting on record
		suspended = self.talks(("2026-04-02", core.CONTINUE, None), ("2026-04-10", core.SUSPEND, "2026-04-25"), place="区职工服务中心")
		offer = frappe.get_doc("Offer", suspended.offer)
		with self.freeze_time("2026-04-25"):
			self.assertEqual(answers.view(offer)["next_meeting"], {"date": "2026-04-25", "time": "", "place": "区职工服务中心"})
		agreed = self.talks(("2026-04-02", core.CONTINUE, None), ("2026-04-10", core.AGREE, None))
		with self.freeze_time("2026-04-11"):
			self.assertIsNone(answers.view(frappe.get_doc("Offer", agreed.offer))["next_meeting"])


def in_list(card):
	"""What the list the card opens holds (its route options back to get_all filters)."""
	filters = {field: tuple(value) if isinstance(value, list) else value for field, value in card["route_options"].items()}
	return set(frappe.get_all(card["route"][1], filters=filters, pluck="name"))
