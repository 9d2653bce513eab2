"""Reminders posted to 企业微信 / 钉钉 group robots, against a local HTTP server on 127.0.0.1 that
records what was posted (no message leaves the machine)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote_plus, urlparse

import frappe
from frappe.email.doctype.notification.notification import evaluate_alert
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.core import robots
from springoffer.devtools.testing import make_enterprise, offer_doc


class _Recorder(BaseHTTPRequestHandler):
	posts = []

	def do_POST(self):
		length = int(self.headers.get("Content-Length") or 0)
		body = self.rfile.read(length)
		self.posts.append({"path": self.path, "type": self.headers.get("Content-Type"), "json": json.loads(body)})
		answer = json.dumps({"errcode": 0, "errmsg": "ok"}).encode()
		self.send_response(200)
		self.send_header("Content-Type", "application/json")
		self.send_header("Content-Length", str(len(answer)))
		self.end_headers()
		self.wfile.write(answer)

	def log_message(self, *args):
		pass


class TestGroupRobot(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
		cls.port = cls.server.server_address[1]
		threading.Thread(target=cls.server.serve_forever, daemon=True).start()

	@classmethod
	def tearDownClass(cls):
		cls.server.shutdown()
		cls.server.server_close()
		super().tearDownClass()

	def setUp(self):
		_Recorder.posts.clear()
		frappe.db.delete("Group Robot", {"robot_name": ("like", "测试机器人%")})

	def robot(self, name, platform, region, body="", path="/robot", **settings):
		return frappe.get_doc(
			{
				"doctype": "Group Robot",
				"robot_name": f"测试机器人{name}",
				"platform": platform,
				"region": region,
				"reporting_body": body,
				"webhook_url": f"http://127.0.0.1:{self.port}{path}?key={name}",
				"secret": "SECtest" if platform == robots.DINGTALK else None,
				**settings,
			}
		).insert(ignore_permissions=True)

	def posted_to(self):
		return sorted(parse_qs(urlparse(p["path"]).query)["key"][0] if "key=" in p["path"] else p["path"] for p in _Recorder.posts)

	def test_refusal_goes_to_the_region_and_bodies_it_concerns(self):
		self.robot("hrss", robots.WECOM, "株洲市", c.BODY_HRSS, path="/wecom")
		self.robot("province", robots.DINGTALK, "湖南省", "", path="/dingtalk")
		self.robot("othercity", robots.WECOM, "长沙市", c.BODY_HRSS)
		self.robot("ec", robots.WECOM, "株洲市", c.BODY_ENTERPRISE_CONFEDERATION)  # not concerned by a refusal
		self.robot("muted", robots.WECOM, "株洲市", c.BODY_UNION, notify_refusal=0)
		self.robot("off", robots.WECOM, "株洲市", "", enabled=0)
		offer = offer_doc(make_enterprise(region="株洲市")).insert(ignore_permissions=True)
		self.assertEqual(_Recorder.posts, [])  # sending an offer is not one of the reminders

		offer.response = c.REFUSED
		offer.response_date = "2023-03-20"
		offer.refusal_reason = c.REFUSAL_REASONS[0]
		offer.save(ignore_permissions=True)

		self.assertEqual(self.posted_to(), ["hrss", "province"])
		wecom = next(p for p in _Recorder.posts if p["path"].startswith("/wecom"))
		self.assertEqual(wecom["json"]["msgtype"], "markdown")
		self.assertIn("企业拒绝协商", wecom["json"]["markdown"]["content"])
		self.assertIn(offer.name, wecom["json"]["markdown"]["content"])
		self.assertIn("application/json", wecom["type"])
		dingtalk = next(p for p in _Recorder.posts if p["path"].startswith("/dingtalk"))
		query = parse_qs(urlparse(dingtalk["path"]).query)
		self.assertEqual(query["sign"][0], unquote_plus(robots.dingtalk_sign("SECtest", query["timestamp"][0])))
		self.assertEqual(dingtalk["json"]["markdown"]["title"], f"要约 {offer.name}：企业拒绝协商")
		self.assertIn("已推送", frappe.db.get_value("Group Robot", "测试机器人hrss", "last_result"))

	def test_answer_due_reminder_goes_through_the_notification(self):
		self.robot("union", robots.WECOM, "株洲市", c.BODY_UNION)
		self.robot("hrss", robots.WECOM, "株洲市", c.BODY_HRSS)  # the 5-day reminder is the union's
		offer = offer_doc(make_enterprise(region="株洲市")).insert(ignore_permissions=True)
		evaluate_alert(offer, "要约应约期限提醒", "Days Before")
		self.assertEqual(self.posted_to(), ["union"])
		self.assertIn("应约期限", _Recorder.posts[0]["json"]["markdown"]["content"])

	def test_unreachable_robot_is_recorded_not_raised(self):
		robot = self.robot("gone", robots.WECOM, "株洲市")
		robot = frappe.get_doc("Group Robot", robot.name)
		robot.webhook_url = "http://127.0.0.1:9/nothing-listens-here"
		robot.save(ignore_permissions=True)
		result = robot.send_test()
		self.assertFalse(result["ok"])
		self.assertIn("无法连接机器人", result["result"])

	def test_a_city_officer_sets_up_only_their_own_city(self):
		from springoffer.devtools.testing import make_user

		user = make_user("robot.city@example.com", ["HRSS Officer"], region="株洲市")
		with self.set_user(user):
			self.robot("mine", robots.WECOM, "株洲市", c.BODY_HRSS)
			with self.assertRaises(frappe.PermissionError):
				self.robot("theirs", robots.WECOM, "长沙市", c.BODY_HRSS)
