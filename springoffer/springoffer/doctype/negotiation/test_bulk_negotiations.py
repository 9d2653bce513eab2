"""Agreed offers written in bulk get their negotiation as an offer saved one by one does: the ledger
import (offers written without Offer.on_update) and the patch for sites that had agreed offers before
negotiations were on record. The chiefs come from the offer, the derived fields are the controller's,
the offer shows its negotiation, a contract filed for the offer is linked and makes it 已签订."""

from io import BytesIO

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from springoffer.core import categories as c
from springoffer.core.ledger import read_ledger, write_sample
from springoffer.patches import negotiations_for_agreed_offers
from springoffer.workbook.importer import import_ledger

CAMPAIGN = "2023年协商批量测试活动"


def sample_bytes():
	wb = load_workbook(BytesIO(write_sample(seed=5)))
	for ws in wb.worksheets:
		for row in ws.iter_rows():
			for cell in row:
				if cell.value == "2023年春季要约行动":
					cell.value = CAMPAIGN
	out = BytesIO()
	wb.save(out)
	return out.getvalue()


class TestBulkNegotiations(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.sample = sample_bytes()
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
