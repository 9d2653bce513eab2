"""The negotiation on record (集体合同规定 Chapters 3, 4): opened by 同意协商 with the offer's chief
representatives, the sides at the table (Arts. 19–24), meetings chaired in turn with a neutral recorder
(Arts. 32–34), suspension with its next meeting (Art. 35), the congress vote and the signature (Arts.
36–37), the contract made from it without retyping, and a contract typed directly marked as having no
negotiation record. Each refusal names its article and changes nothing."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.devtools.testing import (
	contract_doc,
	make_campaign,
	make_enterprise,
	make_region,
	make_user,
	offer_doc,
	stamps_as_stored,
)
from springoffer.springoffer.doctype.negotiation.negotiation import make_contract

CAMPAIGN = "2026年协商记录测试活动"
COUNTY = "协商测试县"
OFFICER = "talks.union@example.com"
OUTSIDER = "talks.other.city@example.com"
PDF = b"%PDF-1.4\n%meeting record\n"


def people(side, *names, chief=0):
	return [{"side": side, "representative_name": name, "is_chief": int(i == chief), "appointed_by": "工会选派" if side == "职工方" else "法定代表人指派"} for i, name in enumerate(names)]


WORKERS = people("职工方", "王工会", "李职工", "赵职工")
EMPLOYERS = people("企业方", "张厂长", "钱经理", "孙主任")


class TestNegotiation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, "衡阳市")
		make_campaign(CAMPAIGN, "2026-03-01", "2026-06-30", "2026-06-30")
		make_user(OFFICER, ["Trade Union Officer"], region="衡阳市")
		make_user(OUTSIDER, ["Trade Union Officer"], region="岳阳市")

	def setUp(self):
		frappe.set_user("Administrator")

	def agreed_offer(self, **extra):
		values = {
			"response": c.AGREED,
			"response_date": "2026-03-20",
			"meeting_time": "2026-03-28 09:30:00",
			"worker_chief_representative": "王工会",
			"employer_chief_representative": "张厂长",
			**extra,
		}
		with self.set_user(OFFICER), self.freeze_time("2026-03-21"):
			return offer_doc(make_enterprise(region=COUNTY, name=f"协商测试企业{frappe.generate_hash(length=5)}"), date_sent="2026-03-05", campaign=CAMPAIGN, **values).insert()

	def negotiation(self, offer):
		return frappe.get_doc("Negotiation", {"offer": offer.name})

	def meeting(self, held_on, chair, outcome="继续协商", **extra):
		return {"held_on": held_on, "chair": chair, "place": "企业会议室", "outcome": outcome, "topics": "工资调整", **extra}

	def save_as_officer(self, doc, day="2026-06-10"):
		stamps_as_stored(doc)
		with self.set_user(OFFICER), self.freeze_time(day):
			return doc.save()

	def refused(self, doc, *words, day="2026-06-10"):
		"""The save is refused with a message naming `words`; the record in the database is unchanged."""
		before = frappe.get_doc(doc.doctype, doc.name).as_dict() if not doc.is_new() else None
		with self.assertRaises(frappe.ValidationError) as caught:
			self.save_as_officer(doc, day)
		message = str(caught.exception)
		for word in words:
			self.assertIn(word, message)
		if before:
			after = frappe.get_doc(doc.doctype, doc.name).as_dict()
			self.assertEqual(len(after.meetings), len(before.meetings))
			self.assertEqual(after.modified, before.modified)
		return message

	def test_agreeing_opens_the_negotiation_with_the_offers_chief_representatives(self):
		offer = self.agreed_offer()
		talks = self.negotiation(offer)
		self.assertEqual((talks.state, talks.region, talks.campaign), ("准备", COUNTY, CAMPAIGN))
		self.assertEqual({(r.side, r.representative_name, r.is_chief) for r in talks.representatives}, {("职工方", "王工会", 1), ("企业方", "张厂长", 1)})
		self.assertEqual(str(talks.next_meeting_on), "2026-03-28")  # the employer's proposed first meeting
		offer.reload()
		self.assertEqual((offer.negotiation, offer.negotiation_state, str(offer.next_meeting_on)), (talks.name, "准备", "2026-03-28"))
		# the chiefs are one record: changed on the negotiation, the offer follows; changed on the offer, refused
		talks.representatives[0].representative_name = "王主席"
		self.save_as_officer(talks)
		self.assertEqual(frappe.db.get_value("Offer", offer.name, "worker_chief_representative"), "王主席")
		offer.reload()
		offer.worker_chief_representative = "别人"
		with self.assertRaises(frappe.ValidationError):
			self.save_as_officer(offer)

	def test_meetings_suspension_and_state(self):
		talks = self.negotiation(self.agreed_offer())
		talks.set("representatives", WORKERS + EMPLOYERS)
		talks.recorder = "周记录"
		talks.append("meetings", self.meeting("2026-03-28", "王工会"))
		talks.append("meetings", self.meeting("2026-04-10", "张厂长", "中止协商", suspension_reason="企业需核算成本", next_meeting_on="2026-04-25"))
		self.save_as_officer(talks, "2026-04-11")
		self.assertEqual((talks.state, str(talks.last_meeting_on), str(talks.next_meeting_on)), ("中止", "2026-04-10", "2026-04-25"))
		talks.append("meetings", self.meeting("2026-04-25", "王工会", "达成一致"))
		self.save_as_officer(talks, "2026-04-26")
		self.assertEqual((talks.state, talks.next_meeting_on), ("达成一致", None))

	def test_bad_records_are_refused_with_their_article(self):
		talks = self.negotiation(self.agreed_offer())
		talks.set("representatives", WORKERS + EMPLOYERS[:2])
		talks.append("meetings", self.meeting("2026-03-28", "王工会"))
		self.refused(talks, "Art. 19")  # unequal sides at a meeting
		talks.set("representatives", WORKERS[:2] + EMPLOYERS[:2])
		self.refused(talks, "Art. 19")  # fewer than three a side
		talks.set("representatives", WORKERS + EMPLOYERS)
		talks.recorder = "李职工"
		self.refused(talks, "Art. 33")  # the recorder is a representative
		talks.recorder = "周记录"
		talks.meetings[0].held_on = "2026-03-19"
		self.refused(talks, "Art. 32")  # before the offer was answered
		talks.meetings[0].held_on = "2026-03-28"
		talks.append("meetings", self.meeting("2026-04-02", "王工会"))
		self.refused(talks, "Art. 34")  # the same chief chairs twice running
		talks.meetings[1].chair = "张厂长"
		talks.meetings[1].outcome = "中止协商"
		talks.meetings[1].suspension_reason = "待核算"
		self.refused(talks, "Art. 35")  # a suspension without its next meeting
		talks.meetings[1].next_meeting_on = "2026-04-20"
		talks.congress_voted_on, talks.draft_agreed_on = "2026-04-28", "2026-04-25"
		talks.congress_members, talks.congress_attending, talks.congress_approving = 100, 60, 55
		self.refused(talks, "Art. 36", "two thirds")  # fewer than two thirds present
		talks.congress_attending, talks.congress_approving = 80, 50
		self.refused(talks, "Art. 36", "more than half")  # not more than half of all approving
		talks.congress_approving = 70
		talks.signed_on = "2026-04-27"
		self.refused(talks, "Art. 37")  # signed before the vote
		talks.signed_on = "2026-04-30"
		self.save_as_officer(talks)
		self.assertEqual(talks.state, "已签订")

	def test_a_meeting_record_scan_is_checked_by_its_content(self):
		talks = self.negotiation(self.agreed_offer())
		talks.set("representatives", WORKERS + EMPLOYERS)
		fake = frappe.get_doc({"doctype": "File", "file_name": "记录.pdf", "content": b"MZ\x90\x00 not a pdf", "is_private": 1}).insert(ignore_permissions=True)
		talks.append("meetings", self.meeting("2026-03-28", "王工会", record_scan=fake.file_url))
		self.refused(talks, "PDF")
		real = frappe.get_doc({"doctype": "File", "file_name": "记录2.pdf", "content": PDF, "is_private": 1}).insert(ignore_permissions=True)
		talks.meetings[0].record_scan = real.file_url
		self.save_as_officer(talks)
		self.assertEqual(len(frappe.get_doc("Negotiation", talks.name).meetings), 1)

	def signed(self):
		offer = self.agreed_offer()
		talks = self.negotiation(offer)
		talks.set("representatives", WORKERS + EMPLOYERS)
		talks.recorder = "周记录"
		talks.append("meetings", self.meeting("2026-03-28", "王工会", "达成一致"))
		talks.update({"draft_agreed_on": "2026-03-28", "congress_voted_on": "2026-04-08", "congress_members": 50,
			"congress_attending": 45, "congress_approving": 40, "signed_on": "2026-04-10"})
		return offer, self.save_as_officer(talks)

	def test_the_contract_made_from_a_negotiation_carries_it_without_retyping(self):
		offer, talks = self.signed()
		with self.set_user(OFFICER):
			values = make_contract(talks.name)
		contract = frappe.get_doc(values)
		contract.update({"term_start": "2026-04-10", "term_end": "2027-04-09", "contract_kind": c.CONTRACT_KINDS[1]})
		with self.set_user(OFFICER), self.freeze_time("2026-04-12"):
			contract.insert()
		self.assertEqual(
			(contract.offer, contract.negotiation, contract.region, str(contract.signing_date), contract.congress_approving,
			 contract.worker_chief_representative, contract.employer_chief_representative, contract.negotiation_meetings),
			(offer.name, talks.name, COUNTY, "2026-04-10", 40, "王工会", "张厂长", 1),
		)
		self.assertEqual([r.enterprise for r in contract.covered_enterprises], [r.enterprise for r in offer.covered_enterprises])
		self.assertEqual(frappe.db.get_value("Negotiation", talks.name, ["contract", "state"]), (contract.name, "已签订"))
		with self.set_user(OFFICER), self.assertRaises(frappe.ValidationError):
			make_contract(talks.name)  # one contract per negotiation
		# signing a contract of this negotiation before its vote is refused
		contract.signing_date = "2026-04-07"
		with self.assertRaises(frappe.ValidationError) as caught:
			self.save_as_officer(contract, "2026-04-12")
		self.assertIn("Art. 37", str(caught.exception))

	def test_a_contract_typed_directly_is_marked_without_negotiation_record(self):
		with self.set_user(OFFICER), self.freeze_time("2026-05-30"):
			contract = contract_doc(make_enterprise(region=COUNTY), signing_date="2026-05-20", campaign=CAMPAIGN).insert()
		self.assertEqual((contract.negotiation, contract.negotiation_meetings), (None, 0))

	def test_answer_cannot_leave_agreed_once_meetings_are_on_record(self):
		offer = self.agreed_offer()
		talks = self.negotiation(offer)
		offer.reload()
		with self.set_user(OFFICER), self.freeze_time("2026-03-21"):
			offer.response = c.PENDING
			offer.response_date = None
			offer.save()  # nothing on record yet: the negotiation goes with the answer
		self.assertFalse(frappe.db.exists("Negotiation", talks.name))
		offer = self.agreed_offer()
		talks = self.negotiation(offer)
		talks.set("representatives", WORKERS + EMPLOYERS)
		talks.append("meetings", self.meeting("2026-03-28", "王工会"))
		self.save_as_officer(talks)
		offer.reload()
		offer.response, offer.response_date = c.PENDING, None
		with self.assertRaises(frappe.ValidationError):
			self.save_as_officer(offer)

	def test_an_officer_of_another_city_cannot_reach_it(self):
		talks = self.negotiation(self.agreed_offer())
		with self.set_user(OUTSIDER):
			self.assertFalse(frappe.has_permission("Negotiation", "read", talks.name))
			self.assertNotIn(talks.name, frappe.get_list("Negotiation", pluck="name"))
			self.assertRaises(frappe.PermissionError, make_contract, talks.name)

	def test_deleting_an_offer_or_a_contract_keeps_the_record_consistent(self):
		offer = self.agreed_offer()
		talks = self.negotiation(offer)
		frappe.delete_doc("Offer", offer.name)  # nothing recorded yet: its negotiation goes with it
		self.assertFalse(frappe.db.exists("Negotiation", talks.name))
		offer, talks = self.signed()
		with self.set_user(OFFICER):
			contract = frappe.get_doc(make_contract(talks.name))
		contract.update({"term_start": "2026-04-10", "term_end": "2027-04-09", "contract_kind": c.CONTRACT_KINDS[1]})
		with self.set_user(OFFICER), self.freeze_time("2026-04-12"):
			contract.insert()
		frappe.delete_doc("Contract", contract.name)
		self.assertEqual(frappe.db.get_value("Negotiation", talks.name, ["contract", "state"]), (None, "已签订"))  # signed_on stays
		with self.assertRaises(frappe.ValidationError):
			frappe.delete_doc("Offer", offer.name)  # meetings on record
		self.assertTrue(frappe.db.exists("Negotiation", talks.name))

