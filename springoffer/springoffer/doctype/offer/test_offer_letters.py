"""发送要约书 by e-mail and SMS, against real servers on 127.0.0.1: an SMTP server (aiosmtpd) that
receives the letter with its PDF and answer link, one that refuses it (the offer becomes 送达失败 and
its sender is told), an HTTP SMS gateway that takes the message, and one that is down. A batch goes on
past a failure. Sending is not delivery: no date received is recorded by sending."""

import contextlib
import email
import http.server
import socket
import threading
from email import policy
from unittest.mock import patch
from urllib.parse import parse_qs, urlparse

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer import api
from springoffer.core import categories as c
from springoffer.devtools.commits import no_commit
from springoffer.devtools.testing import make_campaign, make_enterprise, make_region, make_user, offer_doc
from springoffer.portal import letters

CAMPAIGN = "2026年要约书发送测试活动"
COUNTY = "要约书发送测试县"
OFFICER = "letters.union@example.com"
ACCOUNT = "springoffer 测试发信"
LETTER_PDF = b"%PDF-1.4\n%the offer letter\n"


def free_port():
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


class Mailbox:
	"""aiosmtpd handler: keeps each message received."""

	def __init__(self):
		self.messages = []

	async def handle_DATA(self, server, session, envelope):
		self.messages.append((envelope.rcpt_tos, envelope.content))
		return "250 OK"


class Gateway(http.server.BaseHTTPRequestHandler):
	received = []
	status = 200

	def do_GET(self):
		Gateway.received.append(parse_qs(urlparse(self.path).query))
		self.send_response(Gateway.status)
		self.end_headers()
		self.wfile.write(b"ok")

	def log_message(self, *args):
		pass


class TestOfferLetters(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		from aiosmtpd.controller import Controller

		super().setUpClass()
		make_region(COUNTY, "永州市")
		make_campaign(CAMPAIGN, "2026-03-01", "2026-06-30", "2026-06-30")
		make_user(OFFICER, ["Trade Union Officer"], region="永州市")
		cls.mailbox = Mailbox()
		cls.smtp_port = free_port()
		cls.smtp = Controller(cls.mailbox, hostname="127.0.0.1", port=cls.smtp_port)
		cls.smtp.start()
		cls.addClassCleanup(cls.smtp.stop)
		cls.gateway = http.server.HTTPServer(("127.0.0.1", 0), Gateway)
		threading.Thread(target=cls.gateway.serve_forever, daemon=True).start()
		cls.addClassCleanup(cls.gateway.shutdown)
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": ACCOUNT,
				"email_id": "offers@springoffer.example",
				"smtp_server": "127.0.0.1",
				"smtp_port": cls.smtp_port,
				"use_tls": 0,
				"use_ssl_for_outgoing": 0,
				"no_smtp_authentication": 1,
				"enable_outgoing": 1,
				"default_outgoing": 1,
			}
		).insert(ignore_permissions=True)
		settings = frappe.get_doc("SMS Settings")
		settings.update(
			{
				"sms_gateway_url": f"http://127.0.0.1:{cls.gateway.server_port}/send",
				"message_parameter": "text",
				"receiver_parameter": "mobile",
				"use_post": 0,
			}
		)
		settings.save(ignore_permissions=True)

	def setUp(self):
		frappe.set_user("Administrator")
		Gateway.received, Gateway.status = [], 200
		self.mailbox.messages.clear()

	def offer(self, **enterprise):
		with self.set_user(OFFICER), self.freeze_time("2026-04-01"):
			firm = make_enterprise(region=COUNTY, **enterprise)
			return offer_doc(firm, workers=60, date_sent="2026-04-01", campaign=CAMPAIGN, delivered_on=None, delivery_method=None).insert()

	def send(self, names, channels):
		with self.set_user(OFFICER), patch("frappe.utils.pdf.get_pdf", return_value=LETTER_PDF):
			return api.send_offer_letters(names=names, channels=channels)

	def flush(self, offer, retry=0):
		"""Send the offer's queued e-mail through the SMTP server now, as the queue's job does."""
		name = frappe.db.get_value("Email Queue", {"reference_doctype": "Offer", "reference_name": offer}, "name")
		frappe.db.set_value("Email Queue", name, "retry", retry)
		frappe.flags.testing_email = True
		try:
			with no_commit(), contextlib.suppress(frappe.ValidationError, OSError):  # a refusing server: the queue records it
				frappe.get_doc("Email Queue", name).send()
		finally:
			frappe.flags.testing_email = False
		return frappe.db.get_value("Email Queue", name, "status")

	def test_the_letter_arrives_by_email_with_its_pdf_and_link(self):
		offer = self.offer(contact_email="hr@firm.example")
		result = self.send([offer.name], ["email"])
		self.assertEqual(result, {"sent": [offer.name], "failed": []})
		self.assertEqual(self.flush(offer.name), "Sent")
		self.assertEqual(len(self.mailbox.messages), 1)
		recipients, content = self.mailbox.messages[0]
		self.assertEqual(recipients, ["hr@firm.example"])
		message = email.message_from_bytes(content, policy=policy.default)
		attachments = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
		self.assertEqual(attachments.get(f"offer-{offer.name}.pdf"), LETTER_PDF)
		body = message.get_body(("html",)).get_content()
		link = frappe.db.get_value("Answer Link", {"offer": offer.name, "status": "有效"}, "name")
		self.assertTrue(link)
		self.assertIn("/offer-answer?t=", body)
		self.assertIn("20 日内", body)
		doc = frappe.get_doc("Offer", offer.name)
		self.assertEqual((doc.delivery_method, doc.delivered_on, doc.delivery_status), (c.DELIVERY_ELECTRONIC, None, c.NOT_DELIVERED), doc.delivery_log)
		self.assertIn("hr@firm.example", doc.delivery_log)

	def test_an_email_the_server_refuses_marks_the_offer_undelivered_and_tells_its_sender(self):
		from frappe.email.doctype.email_queue.email_queue import get_email_retry_limit

		offer = self.offer(contact_email="hr@refused.example")
		self.send([offer.name], ["email"])
		frappe.db.set_value("Email Account", ACCOUNT, "smtp_port", free_port())  # nothing listens there
		try:
			self.assertEqual(self.flush(offer.name, retry=get_email_retry_limit()), "Error")
		finally:
			frappe.db.set_value("Email Account", ACCOUNT, "smtp_port", self.smtp_port)
		with no_commit():
			self.assertEqual(len(letters.check_failed_emails()), 1)
			self.assertEqual(letters.check_failed_emails(), [])  # once
		doc = frappe.get_doc("Offer", offer.name)
		self.assertEqual(doc.delivery_status, c.DELIVERY_FAILED)
		self.assertIn("未能发出", doc.delivery_failure_reason)
		self.assertTrue(frappe.db.exists("Notification Log", {"document_type": "Offer", "document_name": offer.name, "for_user": OFFICER}))

	def test_the_link_goes_by_sms_through_the_gateway(self):
		offer = self.offer(contact_phone="138 1234 5678")
		result = self.send([offer.name], ["sms"])
		self.assertEqual(result["sent"], [offer.name], result)
		self.assertEqual(len(Gateway.received), 1)
		sent = Gateway.received[0]
		self.assertEqual(sent["mobile"], ["13812345678"])
		self.assertIn("/offer-answer?t=", sent["text"][0])
		self.assertIn("统一社会信用代码", sent["text"][0])
		self.assertIn("短信已发往 13812345678", frappe.db.get_value("Offer", offer.name, "delivery_log"))

	def test_a_batch_goes_on_past_failures_and_says_which_did_not_go(self):
		good = self.offer(contact_email="a@firm.example", contact_phone="13900000001")
		no_address = self.offer()
		bad_address = self.offer(contact_phone="13900000002")
		frappe.db.set_value("Enterprise", bad_address.covered_enterprises[0].enterprise, "contact_email", "不是邮箱", update_modified=False)
		Gateway.status = 503  # the gateway is down
		result = self.send([good.name, no_address.name, bad_address.name], ["email", "sms"])
		failed = dict(result["failed"])
		self.assertEqual(result["sent"], [])
		self.assertEqual(set(failed), {good.name, no_address.name, bad_address.name})
		self.assertIn("短信网关未接受", failed[good.name])
		self.assertIn("没有邮箱", failed[no_address.name])
		self.assertIn("不是邮箱地址", failed[bad_address.name])
		# e-mail went out for the first: not 送达失败; the others went out by no channel
		self.assertEqual(frappe.db.get_value("Offer", good.name, "delivery_status"), c.NOT_DELIVERED)
		self.assertEqual(frappe.db.get_value("Offer", no_address.name, "delivery_status"), c.DELIVERY_FAILED)
		self.assertTrue(frappe.db.exists("Email Queue", {"reference_name": good.name}))
		self.assertFalse(frappe.db.exists("Email Queue", {"reference_name": bad_address.name}))

	def test_an_answered_offer_or_another_citys_is_not_sent(self):
		offer = self.offer(contact_email="x@firm.example")
		frappe.db.set_value("Offer", offer.name, {"response": c.AGREED, "response_date": "2026-04-01"})
		self.assertIn("已有回应", dict(self.send([offer.name], ["email"])["failed"])[offer.name])
		other = make_user("letters.other@example.com", ["Trade Union Officer"], region="长沙市")
		with self.set_user(other), self.assertRaises(frappe.PermissionError):
			letters.send(frappe.get_doc("Offer", offer.name), ["email"])
