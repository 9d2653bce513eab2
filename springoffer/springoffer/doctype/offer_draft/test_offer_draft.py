"""Next spring in one step: the campaign opened from this year's records, each drafting reason read
from the records, closed enterprises left out and listed, demonstration sites carried over, the old
campaign untouched, bulk sending that starts the Art. 203 clock, and the worklist confined to the
officer's region."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from springoffer import api
from springoffer.annex import figures as annex_db
from springoffer.core import categories as c
from springoffer.core import clocks
from springoffer.core import offer_drafts as od
from springoffer.devtools.testing import (
	contract_doc,
	make_campaign,
	make_enterprise,
	make_region,
	make_site,
	make_user,
	offer_doc,
)
from springoffer.planning import opening

SOURCE = "草稿测试2023年春季要约行动"
COUNTY = "要约草稿测试县"
OFFICER = "draft-officer-cs@springoffer.test"
OTHER_CITY = "draft-officer-zz@springoffer.test"
PROVINCE_USER = "draft-reviewer@springoffer.test"


class TestOfferDraft(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, "长沙市")
		make_campaign(SOURCE, start="2023-03-01", end="2023-06-30", due="2023-06-30")
		make_user(OFFICER, ["Trade Union Officer"], region="长沙市")
		make_user(OTHER_CITY, ["Trade Union Officer"], region="株洲市")
		make_user(PROVINCE_USER, ["HRSS Reviewer"])
		e = cls.e = {}
		e["expiring"] = make_enterprise(region=COUNTY, union_established=1)
		contract_doc(e["expiring"], signing_date="2023-05-20", campaign=SOURCE).insert()  # ends 2024-05-20
		e["lasting"] = make_enterprise(region=COUNTY, union_established=1)
		contract_doc(e["lasting"], signing_date="2023-05-20", campaign=SOURCE, term_end="2025-05-19").insert()
		e["refused"] = make_enterprise(region=COUNTY)
		offer_doc(
			e["refused"], campaign=SOURCE, response=c.REFUSED, response_date="2023-03-20", refusal_reason=c.REFUSAL_REASONS[0]
		).insert()
		e["silent"] = make_enterprise(region=COUNTY)
		cls.silent_offer = offer_doc(e["silent"], campaign=SOURCE, date_sent="2023-03-10").insert()
		e["union"] = make_enterprise(region=COUNTY, union_established=1)
		e["agreed"] = make_enterprise(region=COUNTY)  # answered, no union: bargaining goes on, no new offer
		offer_doc(e["agreed"], campaign=SOURCE, response=c.AGREED, response_date="2023-03-15").insert()
		e["never"] = make_enterprise(region=COUNTY, employees=321)
		e["closed"] = make_enterprise(region=COUNTY, operating_status=od.CLOSED, status_date="2023-12-31")
		e["small_1"] = make_enterprise(region=COUNTY, is_small_micro=1, industry=c.INDUSTRIES[2], employees=12)
		e["small_2"] = make_enterprise(region=COUNTY, is_small_micro=1, industry=c.INDUSTRIES[2], employees=30)
		cls.site = make_site([e["never"]], COUNTY, campaign=SOURCE)
		cls.closed_site = make_site([e["closed"]], COUNTY, campaign=SOURCE)
		cls.before = annex_db.count(SOURCE, "长沙市", getdate("2023-06-30"))
		cls.offers_before = frappe.get_all("Offer", filters={"campaign": SOURCE}, fields=["name", "modified"], order_by="name")
		cls.target = opening.open_next(SOURCE, "草稿测试2024年春季要约行动", "2024-03-01", "2024-06-30", "2024-06-30").campaign

	def drafts_of(self, enterprise):
		parents = frappe.get_all(
			"Offer Coverage", filters={"parenttype": "Offer Draft", "enterprise": enterprise.name}, pluck="parent"
		)
		return frappe.get_all(
			"Offer Draft",
			filters={"name": ("in", parents), "campaign": self.target},
			fields=["name", "status", "reason", "reason_detail", "scope", "source_name", "total_covered_workers", "offer"],
		)

	def test_each_enterprise_is_drafted_for_what_its_records_say(self):
		e = self.e
		reasons = {key: [(d.reason, d.status) for d in self.drafts_of(e[key])] for key in e}
		self.assertEqual(reasons["expiring"], [(od.REASON_EXPIRING, od.TO_SEND)])
		self.assertEqual(reasons["refused"], [(od.REASON_REFUSED, od.TO_SEND)])
		self.assertEqual(reasons["silent"], [(od.REASON_UNANSWERED, od.TO_SEND)])
		self.assertEqual(reasons["union"], [(od.REASON_UNION_NO_CONTRACT, od.TO_SEND)])
		self.assertEqual(reasons["never"], [(od.REASON_NEVER_OFFERED, od.TO_SEND)])
		self.assertEqual(reasons["closed"], [])  # listed under its own name, not as a coverage line
		self.assertEqual(reasons["lasting"], [])
		self.assertEqual(reasons["agreed"], [])
		silent = self.drafts_of(e["silent"])[0]
		self.assertEqual(silent.source_name, self.silent_offer.name)
		self.assertIn(str(self.silent_offer.response_due_date), silent.reason_detail)
		self.assertEqual(self.drafts_of(e["never"])[0].total_covered_workers, 321)  # the head count, none offered yet
		left = frappe.get_all("Offer Draft", filters={"campaign": self.target, "source_name": e["closed"].name}, fields=["status", "reason"])
		self.assertEqual([(x.status, x.reason) for x in left], [(od.LEFT_OUT, "企业已注销")])

	def test_small_firms_of_one_industry_get_one_industry_offer(self):
		pooled = self.drafts_of(self.e["small_1"])
		self.assertEqual([(d.scope, d.reason, d.total_covered_workers) for d in pooled], [(c.SCOPE_INDUSTRY, od.REASON_SMALL_MICRO, 42)])
		self.assertEqual(pooled, self.drafts_of(self.e["small_2"]))

	def test_nothing_is_sent_and_the_old_campaign_is_untouched(self):
		self.assertFalse(frappe.db.exists("Offer", {"campaign": self.target}))
		self.assertFalse(frappe.db.exists("Offer Draft", {"campaign": self.target, "date_sent": ("is", "set")}))
		self.assertEqual(annex_db.count(SOURCE, "长沙市", getdate("2023-06-30")), self.before)
		after = frappe.get_all("Offer", filters={"campaign": SOURCE}, fields=["name", "modified"], order_by="name")
		self.assertEqual(after, self.offers_before)

	def test_the_campaign_says_what_it_carried_and_where_from(self):
		campaign = frappe.get_doc("Campaign", self.target)
		self.assertEqual(campaign.previous_campaign, SOURCE)
		self.assertIn(f"承接自 {SOURCE}", campaign.carryover_note)
		carried = frappe.get_all("Demonstration Site", filters={"campaign": self.target, "region": COUNTY}, pluck="carried_from")
		self.assertEqual(carried, [self.site.name])  # the site of a closed enterprise stays behind
		self.assertEqual(frappe.db.get_value("Demonstration Site", self.site.name, "campaign"), SOURCE)

	def test_a_second_opening_is_refused(self):
		with self.assertRaises(frappe.DuplicateEntryError):
			opening.open_next(SOURCE, self.target, "2024-03-01", "2024-06-30", "2024-06-30")
		with self.assertRaises(frappe.ValidationError):
			opening.open_next(SOURCE, "草稿测试重叠行动", "2023-06-01", "2023-12-31", "2023-12-31")

	def test_bulk_sending_makes_offers_whose_clock_starts_on_delivery(self):
		names = [d.name for key in ("expiring", "refused", "silent", "union", "never") for d in self.drafts_of(self.e[key])]
		frappe.db.savepoint("bulk_send")  # the other tests read the worklist as opened, nothing sent
		frappe.set_user(OFFICER)
		try:
			with self.freeze_time("2024-04-12"):
				result = api.send_offer_drafts(names, "2024-04-12")
				self.assertEqual(result["failed"], [])
				again = api.send_offer_drafts(names[:1], "2024-04-12")
			frappe.set_user("Administrator")
			self.assertEqual(len(again["sent"]), 0)
			self.assertIn("待发送", again["failed"][0][1])
			self.assertEqual(len(result["sent"]), len(names))
			for draft, offer in result["sent"]:
				doc = frappe.get_doc("Offer", offer)
				# sent, not yet received: no due date until its delivery is on record (Art. 32)
				self.assertEqual((doc.response_due_date, doc.delivery_status), (None, c.NOT_DELIVERED))
				self.assertEqual((doc.campaign, doc.response, doc.owner), (self.target, c.PENDING, OFFICER))
				self.assertEqual(frappe.db.get_value("Offer Draft", draft, ["status", "offer"]), (od.SENT, offer))
			with self.set_user(OFFICER), self.freeze_time("2024-04-12"):
				doc = frappe.get_doc("Offer", result["sent"][0][1])
				doc.delivered_on, doc.delivery_method = "2024-04-12", c.DELIVERY_BY_HAND
				doc.save()
			self.assertEqual(getdate(doc.response_due_date), clocks.response_due(getdate("2024-04-12")))
			self.assertEqual(getdate(doc.response_due_date), getdate("2024-05-06"))  # 05-02 in the May Day holiday
		finally:
			frappe.set_user("Administrator")
			frappe.db.rollback(save_point="bulk_send")

	def test_sending_before_the_campaign_starts_is_refused_and_keeps_the_draft(self):
		name = self.drafts_of(self.e["small_1"])[0].name
		with self.freeze_time("2024-02-20"):
			result = api.send_offer_drafts([name], "2024-02-20")
		self.assertEqual(result["sent"], [])
		self.assertIn("2024-02-20", result["failed"][0][1])
		self.assertEqual(frappe.db.get_value("Offer Draft", name, "status"), od.TO_SEND)

	def test_the_worklist_is_confined_to_the_officers_region(self):
		mine = frappe.get_list("Offer Draft", filters={"campaign": self.target, "region": COUNTY}, user=OFFICER, pluck="name")
		self.assertTrue(mine)
		other = frappe.get_list("Offer Draft", filters={"campaign": self.target, "region": COUNTY}, user=OTHER_CITY, pluck="name")
		self.assertEqual(other, [])
		frappe.set_user(OTHER_CITY)
		try:
			with self.freeze_time("2024-04-12"), self.assertRaises(frappe.PermissionError):
				api.send_offer_drafts(mine[:1], "2024-04-12")
			with self.assertRaises(frappe.PermissionError):
				opening.check_may_open()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Offer Draft", mine[0], "status"), od.TO_SEND)

	def test_only_a_province_user_opens_a_campaign(self):
		frappe.set_user(PROVINCE_USER)
		try:
			opening.check_may_open()  # HRSS reviewers create campaigns and are not confined
		finally:
			frappe.set_user("Administrator")
		frappe.set_user(OFFICER)
		try:
			with self.assertRaises(frappe.PermissionError):
				api.open_next_campaign(SOURCE, "草稿测试越权行动", "2024-03-01", "2024-06-30", "2024-06-30")
		finally:
			frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Campaign", "草稿测试越权行动"))

	def test_a_draft_becomes_sent_only_by_sending(self):
		draft = frappe.get_doc("Offer Draft", self.drafts_of(self.e["small_2"])[0].name)
		draft.status = od.SENT
		with self.assertRaises(frappe.ValidationError):
			draft.save()
		draft.reload()
		draft.status = od.SET_ASIDE
		draft.save()
		self.assertEqual(frappe.db.get_value("Offer Draft", draft.name, "status"), od.SET_ASIDE)
		draft.status = od.TO_SEND  # set aside, then taken back: the officer's choice
		draft.save()
