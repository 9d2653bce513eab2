"""A service unavailable while a request runs (issue 29): the cache Redis refusing connections,
MariaDB gone, a lock waited for in vain. The user gets a short Chinese message with 503 — JSON for
API calls, a page otherwise — never a traceback nor Frappe's bare 500; the employer's door and an
officer's API calls keep answering while only the cache Redis is down; other errors are Frappe's."""

import json
from unittest.mock import patch

import frappe
import frappe.tests.test_api as api_test
import pymysql
from frappe.utils.password import update_password
from redis.exceptions import ConnectionError as RedisConnectionError

from springoffer.core import categories as c
from springoffer.devtools.commits import delete_records
from springoffer.devtools.testing import cache_redis_refusing, make_enterprise, make_user, offer_doc
from springoffer.portal import links
from springoffer.security import faults

OFFICER = "faults.officer@example.cn"
PASSWORD = "Faults-Drill-2024!"
BUSY = "系统繁忙，请稍后重试。"


class TestServiceFaults(api_test.FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICER, ["Trade Union Officer"], region="益阳市")
		update_password(OFFICER, PASSWORD)
		cls.enterprise = make_enterprise(region="益阳市")
		cls.offer = offer_doc([cls.enterprise], 80, date_sent="2023-03-06").insert()
		cls.token = links.ensure(cls.offer).split("t=")[1]
		frappe.db.commit()  # the requests run on their own connections
		cls.addClassCleanup(cls.remove)

	@classmethod
	def remove(cls):
		frappe.db.delete("Annex Export Log", {"exported_by": OFFICER})  # the figures the officer's requests pulled
		frappe.db.delete("Answer Log", {"offer": cls.offer.name})
		frappe.db.delete("Answer Link", {"offer": cls.offer.name})
		delete_records("Offer", [cls.offer.name])
		delete_records("Enterprise", [cls.enterprise.name])
		frappe.db.commit()

	def officer(self):
		client = frappe.utils.get_test_client()
		logged_in = api_test.make_request(client.post, ("/api/method/login",), {"data": {"usr": OFFICER, "pwd": PASSWORD}})
		self.assertEqual(logged_in.status_code, 200)
		return client

	def call(self, client, method, path, **kwargs):
		return api_test.make_request(getattr(client, method), (path,), kwargs)

	def assert_busy_json(self, response):
		self.assertEqual(response.status_code, 503)
		self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
		self.assertEqual(response.headers["Retry-After"], str(faults.RETRY_AFTER_SECONDS))
		body = response.json
		self.assertEqual(body["_error_message"], BUSY)
		self.assertEqual(json.loads(json.loads(body["_server_messages"])[0])["message"], BUSY)
		self.assertNotIn("Traceback", response.get_data(as_text=True))

	def assert_busy_page(self, response):
		self.assertEqual(response.status_code, 503)
		self.assertTrue(response.headers["Content-Type"].startswith("text/html"))
		text = response.get_data(as_text=True)
		self.assertIn(BUSY, text)
		self.assertNotIn("Traceback", text)

	def guest_view(self):
		return self.call(
			frappe.utils.get_test_client(), "post", "/api/method/springoffer.api.answer_view",
			data={"token": self.token, "credit_code": self.enterprise.name},
		)  # fmt: skip

	def test_what_counts_as_a_service_unavailable(self):
		for error in (
			RedisConnectionError("Error 111 connecting to 127.0.0.1:13000. Connection refused."),
			pymysql.err.OperationalError(2003, "Can't connect to MySQL server"),
			pymysql.err.OperationalError(2013, "Lost connection to MySQL server during query"),
			pymysql.err.InterfaceError(0, ""),
			frappe.QueryTimeoutError("Lock wait timeout exceeded"),
		):
			self.assertTrue(faults.is_unavailable(error), error)
		try:
			try:
				raise RedisConnectionError("refused")
			except RedisConnectionError as e:
				raise frappe.SessionBootFailed from e  # what the desk's boot raises
		except frappe.SessionBootFailed as wrapped:
			self.assertTrue(faults.is_unavailable(wrapped))
		for error in (pymysql.err.OperationalError(1054, "Unknown column"), frappe.ValidationError("bad"), KeyError("x")):
			self.assertFalse(faults.is_unavailable(error), error)

	def test_with_the_cache_redis_down_the_employer_and_the_officer_keep_answering(self):
		officer = self.officer()
		with cache_redis_refusing():
			guest = self.guest_view()  # its limit of tries goes uncounted meanwhile
			self.assertEqual(guest.status_code, 200, guest.get_data(as_text=True)[:300])
			self.assertEqual(guest.json["message"]["offer"], self.offer.name)
			listed = self.call(officer, "get", "/api/resource/Offer?limit_page_length=5")
			self.assertEqual(listed.status_code, 200)
			figures = self.call(
				officer, "get", "/api/method/springoffer.api.annex_figures",
				query_string={"campaign": self.offer.campaign, "unit": "益阳市", "as_of": "2023-06-30"},
			)  # fmt: skip
			self.assertEqual(figures.status_code, 200)
			self.assertGreaterEqual(figures.json["message"]["total"]["offered"], 1)
			# the desk's page itself cannot boot without the cache (Frappe's boot asks Redis directly)
			self.assert_busy_page(self.call(officer, "get", "/app"))

	def test_the_database_lost_mid_request_answers_busy_json_to_a_script_and_the_page(self):
		lost = pymysql.err.OperationalError(2013, "Lost connection to MySQL server during query")
		with patch("springoffer.portal.answers.open_offer", side_effect=lost):
			self.assert_busy_json(self.guest_view())
		with patch("springoffer.controllers.holidays.use_site_calendar", side_effect=lost):  # a before_request hook
			self.assert_busy_page(self.call(frappe.utils.get_test_client(), "get", "/login"))
			self.assert_busy_json(self.call(frappe.utils.get_test_client(), "get", "/api/method/ping"))

	def test_a_database_gone_for_the_rollback_too_still_gets_the_message(self):
		"""Frappe rolls back after its handler; a dead connection would raise there (a bare 500)."""
		gone = pymysql.err.OperationalError(2006, "MySQL server has gone away")
		with (
			patch("springoffer.portal.answers.open_offer", side_effect=gone),
			patch("frappe.database.database.Database.rollback", side_effect=gone),
		):
			self.assert_busy_json(self.guest_view())

	def test_a_lock_waited_for_in_vain_is_busy_too(self):
		with patch("springoffer.portal.answers.open_offer", side_effect=frappe.QueryTimeoutError("Lock wait timeout exceeded")):
			self.assert_busy_json(self.guest_view())

	def test_other_errors_stay_frappes(self):
		refused = self.call(
			frappe.utils.get_test_client(), "post", "/api/method/springoffer.api.answer_offer",
			data={"token": self.token, "credit_code": "ABCDEF", "response": c.AGREED},
		)  # fmt: skip
		self.assertEqual(refused.status_code, 403)  # a wrong key: the one refusal, not "busy"
		with patch("springoffer.portal.answers.open_offer", side_effect=KeyError("a bug")):
			failed = self.guest_view()
		self.assertEqual(failed.status_code, 500)
		self.assertNotIn("Traceback", failed.get_data(as_text=True))
