"""The employer answers its offer through its link: an officer's link, a guest's answer recorded at once
(offer, 附件, audit, notification), one refusal for every wrong key, limits on tries, the 回复函 PDF,
a confirmed answer read-only, and every other door shut to Guest."""

import importlib
import io
from types import SimpleNamespace
from unittest.mock import patch
from urllib.parse import parse_qs, urlparse

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from springoffer import api
from springoffer.annex import figures as annex_db
from springoffer.core import categories as c
from springoffer.devtools.testing import make_campaign, make_enterprise, make_region, make_user, offer_doc
from springoffer.portal import contracts, links

CAMPAIGN = "2023年回复链接测试活动"
COUNTY = "回复链接测试县"
OFFICER = "answer.link.union@example.com"
HRSS = "answer.link.hrss@example.com"
PDF = b"%PDF-1.4\n%fake but well-formed enough\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
SIGNED = {
	"contract_kind": "工资专项集体协议",
	"signing_date": "2023-03-27",
	"term_start": "2023-04-01",
	"term_end": "2024-03-31",
	"wage_adjustment": "增长",
	"wage_growth_percent": "5",
	"lowest_monthly_wage": "2200",
	"congress_members": "100",
	"congress_attending": "80",
	"congress_approving": "70",
}
GUEST_METHODS = {"answer_view", "answer_offer", "answer_letter", "file_contract", "contract_notice"}
AGREE = {
	"meeting_time": "2023-03-28 09:30:00",
	"meeting_place": "企业二楼会议室",
	"contact_name": "张经理",
	"contact_phone": "13812345678",
	"chief_representative": "李厂长",
}


def token_of(url):
	return parse_qs(urlparse(url).query)["t"][0]


def file_as_guest(test, token, code, uploads, ip="198.51.100.7", **values):
	"""A guest's multipart POST to springoffer.api.file_contract, on 2023-03-28."""
	frappe.set_user("Guest")
	frappe.local.request = SimpleNamespace(method="POST", headers={}, host=None, environ={}, files={k: io.BytesIO(v) for k, v in uploads.items()})
	frappe.local.request_ip = ip
	frappe.local.form_dict = frappe._dict(cmd="springoffer.api.file_contract", token=token)
	try:
		with test.freeze_time("2023-03-28"):
			return api.file_contract(token=token, credit_code=code, **values)
	finally:
		del frappe.local.request
		frappe.cache.delete_keys("rl:springoffer.api.file_contract")
		frappe.set_user("Administrator")


class TestAnswerLink(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, "衡阳市")
		make_campaign(CAMPAIGN)
		make_user(OFFICER, ["Trade Union Officer"], region="衡阳市")
		make_user(HRSS, ["HRSS Officer"], region="衡阳市")

	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")
		if hasattr(frappe.local, "request"):  # outside a request, as the suite runs
			del frappe.local.request

	def sent_offer(self, workers=120):
		with self.set_user(OFFICER):
			enterprise = make_enterprise(region=COUNTY)
			offer = offer_doc(enterprise, workers=workers, date_sent="2023-03-10", campaign=CAMPAIGN).insert()
		return offer, enterprise

	def link(self, offer):
		with self.set_user(OFFICER):
			return api.answer_link(offer.name)["url"]

	def as_guest(self, method, day="2023-03-20", **kwargs):
		frappe.set_user("Guest")
		try:
			with self.freeze_time(day):
				return getattr(api, method)(**kwargs)
		finally:
			frappe.set_user("Administrator")

	def test_a_guest_answer_is_recorded_at_once_everywhere(self):
		offer, enterprise = self.sent_offer(workers=150)
		url = self.link(offer)
		token = token_of(url)
		self.assertGreaterEqual(len(token), 43)  # 256 bits, URL-safe
		stored = frappe.db.get_value("Answer Link", {"offer": offer.name}, ["token_hash", "status"], as_dict=True)
		self.assertEqual((stored.token_hash, stored.status), (links.token_hash(token), links.ACTIVE))
		self.assertNotIn(token, str(frappe.db.sql("SELECT * FROM `tabAnswer Link` WHERE offer = %s", offer.name)))
		self.assertEqual(self.link(offer), url)  # the same link every time it is printed
		before = [annex_db.count(CAMPAIGN, unit, getdate("2023-03-20")).total for unit in (COUNTY, "衡阳市", "湖南省")]

		view = self.as_guest("answer_view", token=token, credit_code=enterprise.name)
		self.assertEqual((view["response"], view["response_due_date"], view["covered_workers"]), (c.PENDING, "2023-03-30", 150))
		listed = {k: v for k, v in AGREE.items() if k != "chief_representative"}  # the fields scripts are told to send
		result = self.as_guest("answer_offer", token=token, credit_code=enterprise.name, response=c.AGREED, **listed)
		self.assertEqual(result["response"], c.AGREED)

		doc = frappe.get_doc("Offer", offer.name)
		self.assertEqual((doc.response, str(doc.response_date), doc.meeting_place), (c.AGREED, "2023-03-20", "企业二楼会议室"))
		self.assertTrue(doc.answered_online_on)
		for unit, old in zip((COUNTY, "衡阳市", "湖南省"), before):
			new = annex_db.count(CAMPAIGN, unit, getdate("2023-03-20")).total
			self.assertEqual((new.responded - old.responded, new.responded_workers - old.responded_workers), (1, 150), unit)
			self.assertEqual(new.offered, old.offered, unit)
		events = frappe.get_all("Answer Log", filters={"offer": offer.name}, fields=["event", "ip_address", "logged_at"])
		self.assertEqual(sorted(e.event for e in events), ["回复", "打开"])
		self.assertTrue(all(e.logged_at for e in events))
		self.assertTrue(frappe.db.exists("Notification Log", {"document_name": offer.name, "for_user": OFFICER}))
		with self.set_user(OFFICER):  # the officer reads the audit of its region's offer
			self.assertEqual(len(frappe.get_list("Answer Log", filters={"offer": offer.name})), 2)

	def test_every_wrong_key_gets_the_same_refusal_and_is_logged(self):
		offer, enterprise = self.sent_offer()
		other, _other_enterprise = self.sent_offer()
		token = token_of(self.link(offer))
		other_token = token_of(self.link(other))
		tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
		messages = set()
		for key, code in (
			("no-such-secret", enterprise.name),
			(tampered, enterprise.name),
			(other_token, enterprise.name),  # another offer's link with this enterprise's code
			(token, make_enterprise(region=COUNTY).name),  # a real code of another enterprise
			(token, "ABCDEF"),
			(token, ""),
		):
			with self.assertRaises(frappe.PermissionError) as caught:
				self.as_guest("answer_offer", token=key, credit_code=code, response=c.AGREED, **AGREE)
			messages.add(str(caught.exception))
		self.assertEqual(len(messages), 1)
		self.assertEqual(frappe.db.get_value("Offer", offer.name, "response"), c.PENDING)
		self.assertGreaterEqual(frappe.db.count("Answer Log", {"event": "拒绝访问", "offer": offer.name}), 3)
		self.assertEqual(self.as_guest("answer_view", token=token, credit_code=enterprise.name[-6:])["offer"], offer.name)

		with self.set_user(OFFICER):
			new_url = api.withdraw_answer_link(offer.name)["url"]
		with self.assertRaises(frappe.PermissionError) as caught:
			self.as_guest("answer_view", token=token, credit_code=enterprise.name)  # the withdrawn link
		self.assertEqual(str(caught.exception), messages.pop())
		self.assertEqual(self.as_guest("answer_view", token=token_of(new_url), credit_code=enterprise.name)["offer"], offer.name)

	def test_a_confirmed_answer_is_read_only_and_a_refusal_needs_its_reason(self):
		offer, enterprise = self.sent_offer()
		token = token_of(self.link(offer))
		with self.assertRaises(frappe.ValidationError):
			self.as_guest("answer_offer", token=token, credit_code=enterprise.name, response=c.REFUSED)
		self.as_guest("answer_offer", token=token, credit_code=enterprise.name, response=c.REFUSED, refusal_reason=c.REFUSAL_REASONS[1], refusal_detail="订单下滑")
		self.assertEqual(frappe.db.get_value("Offer", offer.name, "refusal_reason"), c.REFUSAL_REASONS[1])
		frappe.db.set_value("Offer", offer.name, "answer_confirmed", 1)
		self.assertTrue(self.as_guest("answer_view", token=token, credit_code=enterprise.name)["closed"])
		with self.assertRaises(frappe.ValidationError):
			self.as_guest("answer_offer", token=token, credit_code=enterprise.name, response=c.AGREED, **AGREE)
		self.assertEqual(frappe.db.get_value("Offer", offer.name, "response"), c.REFUSED)

	def test_the_reply_letter_is_a_pdf_of_the_answer(self):
		offer, enterprise = self.sent_offer()
		token = token_of(self.link(offer))
		with self.assertRaises(frappe.ValidationError):
			self.as_guest("answer_letter", token=token, credit_code=enterprise.name)  # not answered yet
		self.as_guest("answer_offer", token=token, credit_code=enterprise.name, response=c.AGREED, **AGREE)
		# wkhtmltopdf fetches the site's styles over HTTP, which a test run does not serve: the HTML it is given
		with patch("frappe.utils.pdf.get_pdf", return_value=b"%PDF-1.4") as pdf:
			self.as_guest("answer_letter", token=token, credit_code=enterprise.name)
		html = pdf.call_args.args[0]
		self.assertIn("关于工资集体协商要约的回复函", html)
		self.assertIn("企业二楼会议室", html)
		self.assertIn("2023年3月28日", html)
		self.assertEqual((frappe.local.response.type, frappe.local.response.filename), ("pdf", f"reply-{offer.name}.pdf"))

	def test_the_offer_letter_prints_the_link_and_its_qr_code(self):
		offer, _enterprise = self.sent_offer()
		html = frappe.get_print("Offer", offer.name, "要约书")
		self.assertIn(self.link(offer), html)
		self.assertIn("data:image/svg+xml;base64,", html)

	def file(self, token, code, uploads, **values):
		return file_as_guest(self, token, code, uploads, **values)

	def test_the_signed_contract_is_filed_through_the_link_and_follows_its_review(self):
		offer, enterprise = self.sent_offer(workers=150)
		token = token_of(self.link(offer))
		uploads = {"contract_text": PDF, "congress_minutes": PNG}
		with self.assertRaises(frappe.ValidationError):  # not agreed yet
			self.file(token, enterprise.name, uploads, **SIGNED)
		self.as_guest("answer_offer", token=token, credit_code=enterprise.name, response=c.AGREED, **AGREE)
		for bad in (b"MZ\x90\x00 not a scan", b"", b"%PDF-" + b"0" * contracts.MAX_BYTES):
			with self.assertRaises(frappe.ValidationError):
				self.file(token, enterprise.name, {"contract_text": bad, "congress_minutes": PNG}, **SIGNED)
		self.assertFalse(frappe.db.exists("Contract", {"offer": offer.name}))

		status = self.file(token, enterprise.name, uploads, **SIGNED)
		contract = frappe.get_doc("Contract", status["contract"])
		self.assertEqual((status["state"], contract.offer, contract.total_covered_workers), ("已报送", offer.name, 150))
		self.assertEqual(str(contract.submitted_on), "2023-03-28")
		files = frappe.get_all("File", filters={"attached_to_name": contract.name}, fields=["file_url", "is_private"])
		self.assertEqual(len(files), 2)
		self.assertTrue(all(f.is_private and f.file_url.startswith("/private/files/") for f in files))
		self.assertTrue(contract.contract_text.endswith(".pdf") and contract.congress_minutes.endswith(".png"))
		self.assertEqual(self.file(token, enterprise.name, uploads, **SIGNED), status)  # the same filing again: taken once
		with self.assertRaises(frappe.ValidationError):  # filed once; changed only when HRSS asks
			self.file(token, enterprise.name, uploads, **{**SIGNED, "congress_approving": "71"})

		with self.set_user(HRSS), self.freeze_time("2023-03-29"):  # HRSS asks for a correction
			doc = frappe.get_doc("Contract", contract.name)
			doc.correction_note = "请补充职代会决议的签字页"
			doc.save()
			apply_workflow(doc, "要求补正")
		view = self.as_guest("answer_view", day="2023-03-30", token=token, credit_code=enterprise.name)
		self.assertEqual((view["contract"]["state"], view["contract"]["correction_note"]), ("需补正", "请补充职代会决议的签字页"))
		self.assertTrue(view["contract"]["may_file"])
		status = self.file(token, enterprise.name, {"congress_minutes": PDF})
		self.assertEqual(status["state"], "已报送")
		self.assertTrue(frappe.db.get_value("Contract", contract.name, "congress_minutes").endswith(".pdf"))

		with self.assertRaises(frappe.ValidationError):
			self.as_guest("contract_notice", token=token, credit_code=enterprise.name)  # not received yet
		with self.set_user(HRSS), self.freeze_time("2023-03-31"):
			apply_workflow(frappe.get_doc("Contract", contract.name), "受理")
		self.assertTrue(self.as_guest("answer_view", token=token, credit_code=enterprise.name)["contract"]["notice"])
		with patch("frappe.utils.pdf.get_pdf", return_value=b"%PDF-1.4") as pdf:
			self.as_guest("contract_notice", token=token, credit_code=enterprise.name)
		self.assertIn(contract.name, pdf.call_args.args[0])
		self.assertIn("报送合同", frappe.get_all("Answer Log", filters={"offer": offer.name}, pluck="event"))

	def test_tries_are_limited_per_address(self):
		offer, enterprise = self.sent_offer()
		token = token_of(self.link(offer))
		frappe.cache.delete_keys("rl:springoffer.api.answer_view")
		frappe.set_user("Guest")
		frappe.local.request = SimpleNamespace(method="POST", headers={}, host=None, environ={})  # as a guest's POST arrives
		frappe.local.request_ip = "203.0.113.9"
		frappe.local.form_dict = frappe._dict(cmd="springoffer.api.answer_view", token=token)
		try:
			for _try in range(api.GUEST_TRIES):
				with self.assertRaises(frappe.PermissionError):
					api.answer_view(token=token, credit_code="WRONG1")
			with self.assertRaises(frappe.RateLimitExceededError):
				api.answer_view(token=token, credit_code=enterprise.name)  # the right code, too late
		finally:
			frappe.cache.delete_keys("rl:springoffer.api.answer_view")
			del frappe.local.request
			frappe.set_user("Administrator")

	def test_every_other_door_is_shut_to_guest(self):
		offer, _enterprise = self.sent_offer()
		import pkgutil

		import springoffer

		for module in pkgutil.walk_packages(springoffer.__path__, "springoffer."):  # every door registers on import
			if ".devtools" not in module.name and ".test_" not in module.name and not module.name.endswith("__main__"):
				importlib.import_module(module.name)
		whitelisted = [(f"{fn.__module__}.{fn.__qualname__}", fn) for fn in frappe.whitelisted if fn.__module__.startswith("springoffer.")]
		self.assertGreater(len(whitelisted), 20)
		self.assertEqual(
			{name.rsplit(".", 1)[1] for name, fn in whitelisted if fn in frappe.guest_methods}, GUEST_METHODS
		)
		frappe.set_user("Guest")
		try:
			for name, fn in whitelisted:
				if name.rsplit(".", 1)[1] in GUEST_METHODS:
					frappe.is_whitelisted(fn)  # open
					continue
				with self.assertRaises(frappe.PermissionError, msg=name):
					frappe.is_whitelisted(fn)
			for doctype in frappe.get_all("DocType", filters={"module": "Springoffer", "istable": 0}, pluck="name"):
				self.assertFalse(frappe.has_permission(doctype, "read"), doctype)
				with self.assertRaises(frappe.PermissionError, msg=doctype):
					frappe.get_list(doctype, limit=1)
			for report in frappe.get_all("Report", filters={"module": "Springoffer"}, pluck="name"):
				with self.assertRaises(frappe.PermissionError, msg=report):
					frappe.get_attr("frappe.desk.query_report.run")(report, filters={})
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Offer", offer.name).check_permission("read")
		finally:
			frappe.set_user("Administrator")
