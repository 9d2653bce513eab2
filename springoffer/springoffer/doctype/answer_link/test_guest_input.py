"""Malformed and hostile input to every guest method of the answer link: each gets a 4xx with a Chinese
message (never a 5xx, never a message from the database or from Python) and nothing is stored.

The methods are called as Frappe's handler calls them (frappe.call drops unknown arguments and passes
the rest); the status is the one Frappe's handler would answer for the exception."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer import api
from springoffer.core import categories as c
from springoffer.core import guest_input
from springoffer.devtools.testing import make_campaign, make_enterprise, make_region, make_user, offer_doc
from springoffer.springoffer.doctype.answer_link.test_answer_link import AGREE, SIGNED, token_of

CAMPAIGN = "2023年回复链接输入测试活动"
COUNTY = "回复链接输入测试县"
OFFICER = "guest.input.union@example.com"
DAY = "2023-03-20"
# Malformed for every field: wrong types, huge, markup, control characters.
HOSTILE = [["2023-03-28"], {"$ne": None}, "长" * 200_000, "<img src=x onerror=alert(1)>", "abc\x00def", True]
# Malformed for every field that is not free text (as text they are odd but legitimate).
ODD = ["' OR 1=1; --", "../../etc/passwd", -1, 10**30, "NaN"]
BY_KIND = {
	"date": ["2023-02-30", "下周三", "1900-01-01", "9999-12-31", "0000-00-00"],
	"datetime": ["下周三上午", "2023-03-28 25:61", "2020-01-01 09:00", "2099-01-01 09:00", "2023-03-28T09:30:00+08:00"],
	"count": ["三百", "-5", "1e400", "1.5"],
	"amount": ["两千", "-1", "inf"],
	"percent": ["五", "1000", "-101"],
	"flag": ["是", "7"],
	"choice": ["考虑中", ""],
	"phone": ["电话号码", "1"],
	"text": [],
}
ENGLISH_LEAKS = ("Traceback", "Incorrect", "tab", "Error", "should be of type", "argument", "None")


def chinese(text):
	return any("\u4e00" <= ch <= "\u9fff" for ch in text)


class TestGuestInput(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, "衡阳市")
		make_campaign(CAMPAIGN)
		make_user(OFFICER, ["Trade Union Officer"], region="衡阳市")

	def setUp(self):
		frappe.set_user("Administrator")

	def sent_offer(self):
		with self.set_user(OFFICER):
			enterprise = make_enterprise(region=COUNTY)
			offer = offer_doc(enterprise, workers=100, date_sent="2023-03-10", campaign=CAMPAIGN).insert()
			url = api.answer_link(offer.name)["url"]
		return offer, enterprise.name, token_of(url)

	def call(self, method, **kwargs):
		"""(status, message) as Frappe's handler would answer the guest."""
		frappe.set_user("Guest")
		frappe.local.message_log = []
		try:
			with self.freeze_time(DAY):
				frappe.call(getattr(api, method), **kwargs)
			return 200, ""
		except Exception as error:
			messages = " ".join(frappe.utils.strip_html(str(m)) for m in [error, *frappe.local.message_log])
			return getattr(error, "http_status_code", 500), messages
		finally:
			frappe.local.message_log = []
			frappe.set_user("Administrator")

	def stored(self, offer):
		return (
			frappe.db.get_value("Offer", offer, "modified"),
			frappe.db.count("Contract", {"offer": offer}),
			frappe.db.count("File", {"attached_to_doctype": "Contract"}),
			frappe.db.count("Answer Log", {"offer": offer, "event": ("!=", "拒绝访问")}),
		)

	def assert_refused(self, failures, case, status, message):
		if status < 400 or status >= 500:
			failures.append(f"{case}: HTTP {status} {message[:120]}")
		elif not chinese(message) or any(word in message for word in ENGLISH_LEAKS):
			failures.append(f"{case}: HTTP {status}, message not plain Chinese: {message[:160]}")

	def test_every_field_of_every_guest_method_refuses_hostile_values_and_stores_nothing(self):
		offer, code, token = self.sent_offer()
		before = self.stored(offer.name)
		failures, tried = [], 0
		good = {"answer_offer": {"response": c.AGREED, **AGREE}, "file_contract": SIGNED}
		for method, fields in (("answer_offer", guest_input.ANSWER), ("file_contract", guest_input.CONTRACT)):
			for name, spec in fields.items():
				if spec.kind in ("key", "code"):
					continue
				odd = [] if spec.kind == "text" else [v for v in ODD if not (spec.kind == "percent" and v == -1)]  # a 1 % cut
				for value in (*HOSTILE, *odd, *BY_KIND[spec.kind]):
					if spec.kind == "choice" and value == "" and not spec.required:
						continue  # an optional choice left empty is no choice
					kwargs = {**good[method], "token": token, "credit_code": code, name: value}
					status, message = self.call(method, **kwargs)
					tried += 1
					self.assert_refused(failures, f"{method}.{name}={str(value)[:30]!r}", status, message)
		for method in ("answer_view", "answer_offer", "answer_letter", "file_contract", "contract_notice"):
			for key in ("token", "credit_code"):
				for value in (*HOSTILE, *ODD, None, ""):
					kwargs = {"token": token, "credit_code": code, **good.get(method, {}), key: value}
					if value is None:
						del kwargs[key]
					status, message = self.call(method, **kwargs)
					tried += 1
					if status != 403:
						failures.append(f"{method}.{key}={str(value)[:30]!r}: HTTP {status}, not the one refusal")
					self.assert_refused(failures, f"{method}.{key}", status, message)
		self.assertGreater(tried, 300)
		if failures:
			self.fail(f"{len(failures)} of {tried} hostile inputs:\n" + "\n".join(failures[:60]))
		self.assertEqual(self.stored(offer.name), before)

	def test_a_meeting_in_the_past_or_beyond_the_horizon_is_refused(self):
		offer, code, token = self.sent_offer()
		for when in ("2020-01-01 09:00:00", "2023-03-19 09:00:00", "2023-07-01 09:00:00"):
			status, message = self.call("answer_offer", token=token, credit_code=code, response=c.AGREED, **{**AGREE, "meeting_time": when})
			self.assertEqual(status, 417, message)
			self.assertIn("建议首次协商时间", message)
		self.assertEqual(frappe.db.get_value("Offer", offer.name, "response"), c.PENDING)
		status, _message = self.call("answer_offer", token=token, credit_code=code, response=c.AGREED, **AGREE)
		self.assertEqual(status, 200)
		self.assertEqual(str(frappe.db.get_value("Offer", offer.name, "meeting_time")), "2023-03-28 09:30:00")

	def test_a_missing_response_is_named(self):
		offer, code, token = self.sent_offer()
		status, message = self.call("answer_offer", token=token, credit_code=code)
		self.assertEqual(status, 417)
		self.assertIn("回应情况", message)
		self.assertEqual(frappe.db.get_value("Offer", offer.name, "response"), c.PENDING)
