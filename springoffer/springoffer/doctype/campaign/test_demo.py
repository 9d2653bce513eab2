"""`bench --site S springoffer demo`: a province made through the documents and the Workflow, and
`--remove` deleting exactly what it made (run twice: still clean)."""

from collections import Counter
from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.core import demo as plan_demo
from springoffer.devtools import demo

# Tables the demo writes to, directly or through the framework.
TABLES = (
	"User", "Has Role", "User Permission", "Block Module", "Campaign", "Enterprise", "Offer", "Offer Coverage",
	"Offer Follow Up", "Contract", "Contract Coverage", "Unit Report", "Unit Report Row", "Unit Report Refusal",
	"Annex Ledger Entry", "Version", "Comment", "Workflow Action", "Notification Log", "Deleted Document", "DefaultValue",
	"Negotiation", "Negotiation Representative", "Negotiation Meeting", "Negotiation Coordination", "Coordination Extension",
)


def counts():
	return {table: frappe.db.count(table) for table in TABLES}


class TestDemo(FrappeTestCase):
	def setUp(self):
		if demo.is_present():
			self.skipTest("this site holds a demo (bench … springoffer demo --remove first)")

	def test_plan_is_a_province(self):
		plan = plan_demo.build(date(2026, 11, 25), enterprises=600)
		self.assertEqual({e.city for e in plan.enterprises}, set(plan_demo.CITY_WEIGHTS))
		self.assertEqual({e.category for e in plan.enterprises}, set(c.REPORT_CATEGORIES))
		current = [o for o in plan.offers if o.campaign == "2026年春季要约行动"]
		self.assertEqual({o.scope for o in current}, set(c.OFFER_SCOPES))
		self.assertEqual({o.response for o in current}, set(c.RESPONSES))
		self.assertTrue(any(o.hrss_handling for o in current if o.response == c.REFUSED))
		self.assertEqual({k.state for k in plan.contracts if k.campaign == "2026年春季要约行动"}, set(c.CONTRACT_STATES))
		self.assertEqual({r.state for r in plan.reports}, set(c.REPORT_STATES))
		self.assertEqual(len(plan.users), 20)
		self.assertEqual(plan_demo.build(date(2026, 2, 1)).campaigns[-1].name, "2025年春季要约行动")  # before 1 March: last year's

	def test_plan_has_negotiations_in_every_state(self):
		today = date(2026, 12, 7)
		plan = plan_demo.build(today)
		agreed = [o for o in plan.offers if o.response == c.AGREED]
		self.assertEqual(len(plan.negotiations), len(agreed))
		current = [n for n in plan.negotiations if n.campaign == "2026年春季要约行动"]
		states = Counter(n.expected_state() for n in current)
		self.assertEqual(set(states), {"准备", "协商中", "中止", "争议协调", "达成一致", "已签订"})
		self.assertGreater(sum(1 <= len(n.meetings) <= 3 for n in plan.negotiations), len(plan.negotiations) * 0.8)
		# signed talks carry their contract's day and vote; the chiefs take turns in the chair
		contracts = {k.offer_key: k for k in plan.contracts}
		for n in plan.negotiations:
			if n.offer_key in contracts:
				k = contracts[n.offer_key]
				self.assertEqual((n.signed_on, n.congress), (k.signing_date, k.congress))
				self.assertTrue(n.meetings[-1].held_on <= n.draft_agreed_on <= n.congress_voted_on <= n.signed_on)
			self.assertTrue(all(a.chair != b.chair for a, b in zip(n.meetings, n.meetings[1:])))
			sides = Counter(side for side, *_rest in n.representatives)
			self.assertTrue(sides["职工方"] == sides["企业方"] >= 3)
		# suspended talks whose next meeting passed, and coordinations: one overdue, one closed
		suspended = [n for n in current if n.expected_state() == "中止"]
		self.assertTrue(any(n.meetings[-1].next_meeting_on < today for n in suspended))
		self.assertTrue(any(n.meetings[-1].next_meeting_on > today for n in suspended))
		coordinations = [n.coordination for n in current if n.coordination]
		self.assertTrue(any(k.closed_on and k.result for k in coordinations))
		self.assertTrue(any(not k.closed_on and (today - k.accepted_on).days > 45 for k in coordinations))
		self.assertEqual(plan_demo.build(today).counts(), plan.counts())  # deterministic

	def test_create_and_remove_twice_leaves_the_site_as_it_was(self):
		before = counts()
		series = demo._series_values()
		for _round in range(2):
			plan = demo.create(enterprises=60, seed=7, echo=lambda *_a: None)
			frappe.db.commit()
			made = counts()
			self.assertEqual(made["Enterprise"] - before["Enterprise"], len(plan.enterprises))
			self.assertEqual(made["Offer"] - before["Offer"], len(plan.offers))
			# one negotiation per agreed offer: the plan's, and those the employers agreed to online
			agreed = frappe.db.count("Offer", {"owner": ("in", demo.demo_users()), "response": c.AGREED})
			self.assertEqual(made["Negotiation"] - before["Negotiation"], agreed)
			self.assertGreaterEqual(agreed, len(plan.negotiations))
			self.assertEqual(made["Negotiation Meeting"] - before["Negotiation Meeting"], sum(len(n.meetings) for n in plan.negotiations))
			self.assertEqual(made["User"] - before["User"], 20)
			states = Counter(frappe.get_all("Unit Report", filters={"owner": ("in", demo.demo_users())}, pluck="workflow_state"))
			self.assertTrue(set(states) <= set(c.REPORT_STATES) and states)
			# a city officer of the demo is confined to the city and lands on the campaign
			user = frappe.get_doc("User", f"changsha.hrss@{plan_demo.EMAIL_DOMAIN}")
			self.assertEqual(user.default_workspace, "Spring Offer Action")
			self.assertEqual(frappe.get_all("User Permission", filters={"user": user.name}, pluck="for_value"), ["长沙市"])
			self.assertNotIn("System Manager", frappe.get_roles(user.name))
			with self.assertRaises(frappe.ValidationError):
				demo.create(enterprises=60, echo=lambda *_a: None)  # twice: refused, nothing doubled
			demo.remove(echo=lambda *_a: None)
			self.assertEqual(counts(), before)
			self.assertEqual(demo._series_values(), series)
			self.assertFalse(demo.is_present())
		self.assertEqual(demo.remove(echo=lambda *_a: None).get("User"), 0)  # nothing left to remove
