"""Agreed offers written in bulk get their negotiation as an offer saved one by one does: the ledger
import (offers written without Offer.on_update) and the patch for sites that had agreed offers before
negotiations were on record. The chiefs come from the offer, the derived fields are the controller's,
the offer shows its negotiation, a contract filed for the offer is linked and makes it 已签订."""

from io import BytesIO

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate
from openpyxl import load_workbook

from springoffer.core import categories as c
from springoffer.core.ledger import read_ledger
from springoffer.devtools.testing import sample_ledger, workbook_bytes
from springoffer.patches import negotiations_for_agreed_offers
from springoffer.workbook.importer import import_ledger

CAMPAIGN = "2023年协商批量测试活动"


def sample_bytes(meetings=True):
	return workbook_bytes(sample_ledger(CAMPAIGN, seed=5, without=() if meetings else ("协商会议",)))


class TestBulkNegotiations(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.sample = sample_bytes(meetings=False)  # the negotiations as opened (the meetings: below)
		cls.ledger = read_ledger(cls.sample)

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint("bulk_negotiations")

	def tearDown(self):
		frappe.db.rollback(save_point="bulk_negotiations")

	def offers_of_campaign(self):
		return frappe.get_all(
			"Offer",
			filters={"campaign": CAMPAIGN},
			fields=["name", "ledger_no", "response", "response_date", "region", "scope", "negotiation", "negotiation_state", "next_meeting_on"],
		)

	def test_imported_agreed_offers_get_their_negotiation_and_contracts_link_it(self):
		import_ledger(self.sample)
		offers = self.offers_of_campaign()
		agreed = [o for o in offers if o.response == c.AGREED]
		self.assertTrue(agreed and len(agreed) < len(offers))
		negotiations = {
			n.offer: n
			for n in frappe.get_all(
				"Negotiation",
				filters={"campaign": CAMPAIGN},
				fields=["name", "offer", "state", "region", "campaign", "scope", "employer_name", "agreed_to_negotiate_on", "contract", "next_meeting_on"],
			)
		}
		self.assertEqual(set(negotiations), {o.name for o in agreed})  # agreed ones only, one each
		signed_offers = {
			k.offer: k.name for k in frappe.get_all("Contract", filters={"campaign": CAMPAIGN, "is_cancelled": 0}, fields=["name", "offer"]) if k.offer
		}
		self.assertTrue(set(signed_offers) & set(negotiations))
		for offer in agreed:
			talks = negotiations[offer.name]
			self.assertRegex(talks.name, r"^NG-\d{4}-\d{5}$")
			self.assertEqual(
				(talks.region, talks.campaign, talks.scope, talks.agreed_to_negotiate_on), (offer.region, CAMPAIGN, offer.scope, offer.response_date)
			)
			first = frappe.db.get_value("Offer Coverage", {"parent": offer.name, "parenttype": "Offer", "idx": 1}, "enterprise_name")
			self.assertEqual(talks.employer_name, first)
			expected = ("已签订", signed_offers[offer.name]) if offer.name in signed_offers else ("准备", None)
			self.assertEqual((talks.state, talks.contract), expected)
			self.assertEqual((offer.negotiation, offer.negotiation_state, offer.next_meeting_on), (talks.name, talks.state, None))
		for offer, contract in signed_offers.items():
			self.assertEqual(frappe.db.get_value("Contract", contract, "negotiation"), negotiations[offer].name if offer in negotiations else None)
		# the document reads back and saves through its controller unchanged
		doc = frappe.get_doc("Negotiation", negotiations[agreed[0].name].name)
		doc.save()
		self.assertEqual(doc.state, negotiations[agreed[0].name].state)
		# importing the same file again opens nothing twice
		import_ledger(self.sample)
		self.assertEqual(frappe.db.count("Negotiation", {"campaign": CAMPAIGN}), len(agreed))

	def test_the_patch_opens_the_missing_ones_with_the_offers_chiefs(self):
		import_ledger(self.sample)
		agreed = [o for o in self.offers_of_campaign() if o.response == c.AGREED]
		signed = frappe.db.get_value("Contract", {"campaign": CAMPAIGN, "is_cancelled": 0, "offer": ("in", [o.name for o in agreed])}, "offer")
		unsigned = next(o.name for o in agreed if o.name != signed)
		# a site from before negotiations: agreed offers without one, chiefs and a proposed meeting on the offer
		for name in (signed, unsigned):
			talks = frappe.db.get_value("Offer", name, "negotiation")
			frappe.db.delete("Negotiation Representative", {"parent": talks})
			frappe.db.delete("Negotiation", talks)
			frappe.db.set_value(
				"Offer",
				name,
				{"negotiation": None, "negotiation_state": None, "worker_chief_representative": "周工会", "employer_chief_representative": "吴厂长",
				 "meeting_time": "2023-06-20 09:30:00"},
				update_modified=False,
			)  # fmt: skip
		frappe.db.sql("UPDATE `tabContract` SET negotiation = NULL WHERE offer = %s", signed)
		before = frappe.db.count("Negotiation")
		negotiations_for_agreed_offers.execute()
		self.assertEqual(frappe.db.count("Negotiation"), before + 2)
		for name, state in ((signed, "已签订"), (unsigned, "准备")):
			talks = frappe.get_doc("Negotiation", {"offer": name})
			self.assertEqual(talks.state, state)
			self.assertEqual({(r.side, r.representative_name, r.is_chief) for r in talks.representatives}, {("职工方", "周工会", 1), ("企业方", "吴厂长", 1)})
			self.assertEqual(str(talks.next_meeting_on), "2023-06-20")  # the employer's proposed first meeting
			self.assertEqual(frappe.db.get_value("Offer", name, ["negotiation", "negotiation_state"]), (talks.name, state))
		self.assertEqual(frappe.db.get_value("Contract", {"offer": signed, "is_cancelled": 0}, "negotiation"), frappe.db.get_value("Offer", signed, "negotiation"))
		negotiations_for_agreed_offers.execute()  # run again: nothing more
		self.assertEqual(frappe.db.count("Negotiation"), before + 2)


def with_meeting_rows(source, rows):
	"""The workbook `source` with its 协商会议 sheet holding `rows` only."""
	wb = load_workbook(BytesIO(source))
	if "协商会议" in wb.sheetnames:
		del wb["协商会议"]
	ws = wb.create_sheet("协商会议")
	ws.append(["要约编号", "会议日期", "地点", "结果"])
	for row in rows:
		ws.append(list(row))
	out = BytesIO()
	wb.save(out)
	return out.getvalue()


class TestLedgerMeetings(FrappeTestCase):
	"""The ledger's 协商会议 sheet (issue 28 item 5) into the offers' negotiations."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.sample = sample_bytes()
		cls.ledger = read_ledger(cls.sample)
		signed = {k.offer for k in cls.ledger.contracts.values() if k.offer and not k.cancelled}
		agreed = sorted((o for o in cls.ledger.offers.values() if o.response == c.AGREED), key=lambda o: o.number)
		cls.unsigned = next(o for o in agreed if o.number not in signed)
		cls.signed = next(o for o in agreed if o.number in signed)
		cls.signed_on = next(k.signing_date for k in cls.ledger.contracts.values() if k.offer == cls.signed.number)

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint("ledger_meetings")

	def tearDown(self):
		frappe.db.rollback(save_point="ledger_meetings")

	def talks_of(self, offer):
		name = frappe.db.get_value("Offer", {"campaign": CAMPAIGN, "ledger_no": offer.number}, "negotiation")
		return frappe.get_doc("Negotiation", name)

	def day(self, offer, days):
		from datetime import timedelta

		return offer.response_date + timedelta(days=days)

	def test_the_sample_imports_its_meetings(self):
		counts = import_ledger(self.sample)
		self.assertEqual(counts["Negotiation Meeting"], {"created": len(self.ledger.meetings), "updated": 0, "unchanged": 0})
		stored = frappe.db.sql(
			"""SELECT COUNT(*) FROM `tabNegotiation Meeting` m JOIN `tabNegotiation` n ON n.name = m.parent
			WHERE n.campaign = %s""",
			CAMPAIGN,
		)[0][0]
		self.assertEqual(stored, len(self.ledger.meetings))
		again = import_ledger(self.sample)  # the same file again: the same meetings, nothing written
		self.assertEqual(again["Negotiation Meeting"], {"created": 0, "updated": 0, "unchanged": len(self.ledger.meetings)})

	def test_rows_become_meetings_chaired_in_turn_and_derive_the_state(self):
		o = self.unsigned
		rows = [
			(o.number, self.day(o, 9), "企业会议室", "中止协商"),
			(o.number, self.day(o, 2), "工会活动室", None),
			(o.number, self.day(o, 20), None, "继续"),
		]
		counts = import_ledger(with_meeting_rows(self.sample, rows))
		self.assertEqual(counts["Negotiation Meeting"]["created"], 3)
		talks = self.talks_of(o)
		self.assertEqual(
			[(m.held_on, m.place, m.chair, m.outcome, m.next_meeting_on) for m in talks.meetings],
			[
				(self.day(o, 2), "工会活动室", "职工方首席代表", "继续协商", None),
				(self.day(o, 9), "企业会议室", "企业方首席代表", "中止协商", self.day(o, 20)),  # the next one the ledger lists
				(self.day(o, 20), None, "职工方首席代表", "继续协商", None),
			],
		)
		self.assertEqual((talks.state, talks.last_meeting_on), ("协商中", self.day(o, 20)))
		offer = frappe.db.get_value("Offer", talks.offer, ["negotiation_state", "next_meeting_on"], as_dict=True)
		self.assertEqual((offer.negotiation_state, offer.next_meeting_on), ("协商中", None))

		# a changed result updates that meeting; a new, earlier one is chaired by the workers' chief named
		# on the negotiation, and the rows are numbered in the order held
		talks.set("representatives", [{"side": "职工方", "representative_name": "周工会", "is_chief": 1}])
		talks.db_update_all()
		rows[2] = (o.number, self.day(o, 20), None, "达成一致")
		rows.append((o.number, self.day(o, 1), None, None))
		counts = import_ledger(with_meeting_rows(self.sample, rows))
		self.assertEqual(
			(counts["Negotiation Meeting"]["created"], counts["Negotiation Meeting"]["updated"], counts["Negotiation Meeting"]["unchanged"]),
			(1, 1, 2),
		)
		talks = self.talks_of(o)
		first = talks.meetings[0]
		self.assertEqual((first.idx, first.held_on, first.chair), (1, self.day(o, 1), "周工会"))
		self.assertEqual([m.held_on for m in talks.meetings], sorted(m.held_on for m in talks.meetings))
		self.assertEqual((talks.state, talks.next_meeting_on), ("达成一致", None))
		self.assertEqual(frappe.db.get_value("Offer", talks.offer, "negotiation_state"), "达成一致")

	def test_a_signed_negotiations_meeting_stays_signed_and_bad_rows_change_nothing(self):
		o = self.signed
		import_ledger(with_meeting_rows(self.sample, [(o.number, self.day(o, 1), None, "达成一致")]))
		self.assertEqual(self.talks_of(o).state, "已签订")
		before = frappe.db.count("Negotiation Meeting")
		from datetime import timedelta

		from springoffer.core.ledger import LedgerInvalid

		late = (o.number, self.signed_on + timedelta(days=2), None, None)
		future = (self.unsigned.number, getdate(frappe.utils.today()) + timedelta(days=30), None, None)
		with self.assertRaises(LedgerInvalid) as caught:
			import_ledger(with_meeting_rows(self.sample, [(o.number, self.day(o, 1), None, "达成一致"), late, future, (self.unsigned.number, self.day(self.unsigned, 3), None, None)]))
		problems = {(e.sheet, e.row): e.message for e in caught.exception.errors}
		self.assertEqual(set(problems), {("协商会议", 3), ("协商会议", 4)})
		self.assertIn("晚于该协商签订集体合同的日期", problems[("协商会议", 3)])
		self.assertIn("还没到", problems[("协商会议", 4)])
		self.assertEqual(frappe.db.count("Negotiation Meeting"), before)  # the good row of the same file was rolled back too

	def test_without_the_sheet_nothing_changes(self):
		counts = import_ledger(sample_bytes(meetings=False))
		self.assertEqual(counts["Negotiation Meeting"], {"created": 0, "updated": 0, "unchanged": 0})
		self.assertEqual(
			frappe.db.sql("SELECT COUNT(*) FROM `tabNegotiation Meeting` m JOIN `tabNegotiation` n ON n.name = m.parent WHERE n.campaign = %s", CAMPAIGN)[0][0],
			0,
		)


class TestProvinceData(FrappeTestCase):
	"""The benchmark's province, written in bulk, has its agreed offers' negotiations; cleanup removes them."""

	def test_loaded_agreed_offers_have_negotiations_and_cleanup_removes_them(self):
		from springoffer.devtools import province_data

		if province_data.loaded_shape():
			self.skipTest("this site holds the benchmark's province")
		data = province_data.generate(200, 300, 60)
		try:
			province_data.load(data)
			agreed = {o[0] for o in data.offers if o[4] == c.AGREED}
			talks = frappe.get_all("Negotiation", filters={"campaign": province_data.CAMPAIGN}, fields=["offer", "state"])
			self.assertEqual({t.offer for t in talks}, agreed)
			self.assertEqual({t.state for t in talks}, {"准备"})
		finally:
			province_data.cleanup()
		self.assertEqual(frappe.db.count("Negotiation", {"campaign": province_data.CAMPAIGN}), 0)
		orphans = frappe.db.sql(
			"""SELECT COUNT(*) FROM `tabNegotiation Representative` r LEFT JOIN `tabNegotiation` n ON n.name = r.parent
			WHERE r.parenttype = 'Negotiation' AND n.name IS NULL"""
		)[0][0]
		self.assertEqual(orphans, 0)
