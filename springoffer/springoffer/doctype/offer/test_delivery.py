"""集体合同规定 Art. 32: the 20 days run from the day the employer side received the offer. Delivery on
record (method, date, evidence, a returned letter), the clock from it with the holiday rule, the 附件
and its refusal sheet following a change of the date at once, the employer's first opening of its
link as 电子送达, the patch that gives old offers their date sent, and the reminder of undelivered ones."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from springoffer import api
from springoffer.annex import figures as annex_db
from springoffer.controllers import daily
from springoffer.core import categories as c
from springoffer.devtools.commits import no_commit
from springoffer.devtools.testing import make_campaign, make_enterprise, make_region, make_user, offer_doc
from springoffer.springoffer.doctype.answer_link.test_answer_link import token_of

CAMPAIGN = "2026年送达测试活动"  # 2026-03-01 … 2026-06-30
COUNTY = "送达测试县"
OFFICER = "delivery.union@example.com"
PDF = b"%PDF-1.4\n%receipt\n"


class TestDelivery(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, "郴州市")
		make_campaign(CAMPAIGN, "2026-03-01", "2026-06-30", "2026-06-30")
		make_user(OFFICER, ["Trade Union Officer"], region="郴州市")

	def setUp(self):
		frappe.set_user("Administrator")

	def offer(self, sent="2026-04-01", **extra):
		with self.set_user(OFFICER), self.freeze_time("2026-06-30"):
			return offer_doc(make_enterprise(region=COUNTY), workers=80, date_sent=sent, campaign=CAMPAIGN, **extra).insert()

	def refused_on(self, day, unit=COUNTY):
		annex = annex_db.count(CAMPAIGN, unit, getdate(day))
		return annex.total.refused, {r.credit_code for r in annex.refusals}

	def test_posted_on_the_first_received_on_the_eighth(self):
		offer = self.offer(delivered_on="2026-04-08", delivery_method=c.DELIVERY_BY_POST, postal_tracking_no="1151234567890")
		self.assertEqual((str(offer.response_due_date), offer.delivery_status), ("2026-04-28", c.DELIVERED))
		code = offer.covered_enterprises[0].enterprise
		self.assertNotIn(code, self.refused_on("2026-04-28")[1])  # day 20 is still in time
		self.assertIn(code, self.refused_on("2026-04-29")[1])
		with self.freeze_time("2026-04-28"):
			self.assertEqual(frappe.get_doc("Offer", offer.name).save().is_overdue, 0)
		with self.freeze_time("2026-04-29"):
			self.assertEqual(frappe.get_doc("Offer", offer.name).save().is_overdue, 1)

	def test_day_twenty_in_the_may_day_holiday_moves_to_the_first_working_day(self):
		offer = self.offer(sent="2026-04-10", delivered_on="2026-04-11")  # day 20: 2026-05-01
		self.assertEqual(str(offer.response_due_date), "2026-05-06")

	def test_an_offer_with_no_delivery_on_record_is_never_overdue(self):
		offer = self.offer(sent="2026-03-02", delivered_on=None, delivery_method=None)
		self.assertEqual((offer.response_due_date, offer.is_overdue, offer.delivery_status), (None, 0, c.NOT_DELIVERED))
		self.assertNotIn(offer.covered_enterprises[0].enterprise, self.refused_on("2026-06-30")[1])
		with no_commit():
			daily.mark_overdue_offers()
		self.assertEqual(frappe.db.get_value("Offer", offer.name, "is_overdue"), 0)

	def test_the_annex_moves_by_exactly_that_enterprise_when_the_delivery_date_changes(self):
		offer = self.offer(sent="2026-04-01", delivered_on=None, delivery_method=None)
		code = offer.covered_enterprises[0].enterprise
		before, listed = self.refused_on("2026-05-10", "郴州市")
		self.assertNotIn(code, listed)
		for received, overdue in (("2026-04-01", True), ("2026-04-25", False), ("2026-04-08", True)):
			with self.set_user(OFFICER), self.freeze_time("2026-06-30"):
				doc = frappe.get_doc("Offer", offer.name)
				doc.delivered_on, doc.delivery_method = received, c.DELIVERY_BY_HAND
				doc.save()
			for unit in (COUNTY, "郴州市", "湖南省"):
				_count, listed = self.refused_on("2026-05-10", unit)
				self.assertEqual(code in listed, overdue, (received, unit))
			self.assertEqual(self.refused_on("2026-05-10", "郴州市")[0], before + int(overdue), received)

	def test_a_returned_letter_is_delivered_again(self):
		offer = self.offer(delivered_on=None, delivery_method=c.DELIVERY_BY_POST, delivery_failure_reason="查无此单位，邮件退回")
		self.assertEqual(offer.delivery_status, c.DELIVERY_FAILED)
		with self.set_user(OFFICER), self.freeze_time("2026-06-30"):
			doc = frappe.get_doc("Offer", offer.name)
			doc.delivery_failure_reason, doc.delivery_method, doc.delivered_on = None, c.DELIVERY_BY_HAND, "2026-04-15"
			doc.save()
		self.assertEqual((doc.delivery_status, str(doc.response_due_date)), (c.DELIVERED, "2026-05-06"))

	def test_bad_delivery_input_is_refused_in_chinese_and_changes_nothing(self):
		offer = self.offer(delivered_on=None, delivery_method=None)
		frappe.local.lang = "zh"
		receipt = frappe.get_doc({"doctype": "File", "file_name": "receipt.pdf", "content": b"MZ\x90 not a scan", "is_private": 1}).insert()
		for values, words in (
			({"delivered_on": "2026-03-31", "delivery_method": c.DELIVERY_BY_HAND}, "早于发出日期"),
			({"delivered_on": "2026-07-01", "delivery_method": c.DELIVERY_BY_HAND}, "在今天之后"),
			({"delivered_on": "2026-04-02"}, "送达方式"),
			({"delivered_on": "2026-04-02", "delivery_method": c.DELIVERY_BY_POST, "delivery_failure_reason": "退回"}, "送达失败"),
			({"delivery_receipt": receipt.file_url, "delivery_method": c.DELIVERY_BY_HAND}, "不是 PDF"),
		):
			with self.set_user(OFFICER), self.freeze_time("2026-06-30"):
				doc = frappe.get_doc("Offer", offer.name)
				doc.update(values)
				with self.assertRaises(frappe.ValidationError, msg=str(values)) as caught:
					doc.save()
			self.assertIn(words, str(caught.exception), values)
			frappe.clear_messages()
			self.assertEqual(frappe.db.get_value("Offer", offer.name, ["delivered_on", "delivery_receipt"]), (None, None))
		good = frappe.get_doc({"doctype": "File", "file_name": "receipt-ok.pdf", "content": PDF, "is_private": 1}).insert()
		with self.set_user(OFFICER), self.freeze_time("2026-06-30"):
			doc = frappe.get_doc("Offer", offer.name)
			doc.update({"delivery_receipt": good.file_url, "delivery_method": c.DELIVERY_BY_HAND, "delivered_on": "2026-04-02"})
			doc.save()
		self.assertEqual(doc.delivery_status, c.DELIVERED)

	def test_the_employers_first_opening_of_its_link_is_electronic_delivery(self):
		offer = self.offer(sent="2026-04-01", delivered_on=None, delivery_method=None)
		code = offer.covered_enterprises[0].enterprise
		with self.set_user(OFFICER):
			token = token_of(api.answer_link(offer.name)["url"])

		def open_link(credit_code, day):
			frappe.set_user("Guest")
			try:
				with self.freeze_time(day):
					return api.answer_view(token=token, credit_code=credit_code)
			finally:
				frappe.set_user("Administrator")

		with self.assertRaises(frappe.PermissionError):
			open_link("ABCDEF", "2026-04-03")  # a wrong code records nothing
		self.assertIsNone(frappe.db.get_value("Offer", offer.name, "delivered_on"))
		view = open_link(code, "2026-04-05")
		self.assertEqual((view["delivered_on"], view["delivery_method"], view["response_due_date"]), ("2026-04-05", c.DELIVERY_ELECTRONIC, "2026-04-27"))
		open_link(code[-6:], "2026-04-09")  # a second opening changes nothing
		stored = frappe.db.get_value("Offer", offer.name, ["delivered_on", "delivery_method", "response_due_date", "delivery_status"])
		self.assertEqual(tuple(map(str, stored)), ("2026-04-05", c.DELIVERY_ELECTRONIC, "2026-04-27", c.DELIVERED))
		self.assertEqual(frappe.db.count("Answer Log", {"offer": offer.name, "event": "电子送达"}), 1)

	def test_a_delivery_already_on_record_is_kept_when_the_link_is_opened(self):
		offer = self.offer(sent="2026-04-01", delivered_on="2026-04-02", delivery_method=c.DELIVERY_BY_HAND)
		with self.set_user(OFFICER):
			token = token_of(api.answer_link(offer.name)["url"])
		frappe.set_user("Guest")
		try:
			with self.freeze_time("2026-04-06"):
				api.answer_view(token=token, credit_code=offer.covered_enterprises[0].enterprise)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(str(frappe.db.get_value("Offer", offer.name, "delivered_on")), "2026-04-02")

	def test_the_patch_gives_old_offers_their_date_sent_and_no_figure_moves(self):
		from springoffer.patches import offer_delivery_from_date_sent

		offers = [self.offer(sent=day) for day in ("2026-03-05", "2026-04-20", "2026-06-20")]
		names = [o.name for o in offers]
		frappe.db.sql(  # as a site before delivery was recorded holds them
			"UPDATE `tabOffer` SET delivered_on = NULL, delivery_method = NULL, delivery_status = %s WHERE name IN %s",
			(c.NOT_DELIVERED, tuple(names)),
		)
		before = {day: annex_db.count(CAMPAIGN, "郴州市", getdate(day)).total.as_tuple() for day in ("2026-04-30", "2026-06-30")}
		dues = dict(frappe.get_all("Offer", filters={"name": ("in", names)}, fields=["name", "response_due_date"], as_list=True))
		offer_delivery_from_date_sent.execute()
		for name in names:
			doc = frappe.get_doc("Offer", name)
			self.assertEqual((doc.delivered_on, doc.delivery_method, doc.delivery_status), (doc.date_sent, c.DELIVERY_UNRECORDED, c.DELIVERED))
			with self.freeze_time("2026-06-30"):
				doc.save()  # the controller computes the same due date from it
			self.assertEqual(doc.response_due_date, dues[name])
		after = {day: annex_db.count(CAMPAIGN, "郴州市", getdate(day)).total.as_tuple() for day in before}
		self.assertEqual(after, before)

	def test_the_sender_is_reminded_of_an_offer_out_for_the_set_days_without_delivery(self):
		frappe.db.set_value("Campaign", CAMPAIGN, "undelivered_after_days", 7)
		waiting = self.offer(sent="2026-04-01", delivered_on=None, delivery_method=None)
		delivered = self.offer(sent="2026-04-01")
		with self.freeze_time("2026-04-08"), no_commit():
			reminded = daily.remind_undelivered_offers()
			from springoffer.desk import workspace

			with self.set_user(OFFICER):
				card = workspace.open_work({"item": "offers_undelivered", "campaign": CAMPAIGN})
		self.assertIn(waiting.name, reminded)
		self.assertNotIn(delivered.name, reminded)
		self.assertTrue(frappe.db.exists("Notification Log", {"document_name": waiting.name, "for_user": OFFICER}))
		self.assertGreaterEqual(card["value"], 1)
		self.assertEqual(card["route_options"]["delivered_on"], ["is", "not set"])
		with self.freeze_time("2026-04-09"), no_commit():
			self.assertNotIn(waiting.name, daily.remind_undelivered_offers())  # once
