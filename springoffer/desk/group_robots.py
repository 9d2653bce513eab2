"""The campaign's reminders in the groups people read: each of the app's notifications (answer due
in 5 days, overdue, refusal, report due, report returned) is also posted to the 企业微信 / 钉钉 group
robots set up for the document's region (or a region above it) and the bodies it concerns.

Frappe's Notification sends the desk notification; `RobotNotification.send` (hooks.
override_doctype_class) then queues one post per robot after the transaction commits, so a slow or
unreachable robot never holds up a save or the daily job. springoffer.core.robots chooses the robots
and writes each platform's JSON.
"""

import json
import time
import urllib.request

import frappe
from frappe import _
from frappe.email.doctype.notification.notification import Notification

from springoffer.core import robots as core

TIMEOUT = 5  # seconds a robot has to answer


class RobotNotification(Notification):
	def send(self, doc):
		super().send(doc)
		if self.name in core.EVENTS:
			try:
				notify(self, doc)
			except Exception:
				frappe.log_error(title=f"springoffer: group robots for {self.name}")


def _region_chain(doc):
	from springoffer.security.regions import region_chain

	region = doc.get("region") or doc.get("reporting_unit")
	return region_chain(region) if region else []


def robots_for(event, doc):
	rows = frappe.get_all(
		"Group Robot",
		filters={"enabled": 1},
		fields=["name", "platform", "region", "reporting_body", *(setting for setting, _b in core.EVENTS.values())],
	)
	candidates = [
		core.Robot(
			name=row.name,
			platform=row.platform,
			region=row.region,
			body=row.reporting_body or "",
			url="",
			events=tuple(setting for setting, _b in core.EVENTS.values() if row.get(setting)),
		)
		for row in rows
	]
	return core.choose(candidates, event, _region_chain(doc), doc.get("reporting_body"))


def message(notification, doc):
	"""(title, text, link) of a notification about `doc`, rendered as the desk renders it."""
	context = {"doc": doc, "alert": notification, "comments": None}  # what Notification.send renders with
	title = frappe.render_template(notification.subject or notification.name, context)
	text = frappe.utils.strip_html(frappe.render_template(notification.message or "", context))
	return title.strip(), text.strip(), frappe.utils.get_url_to_form(doc.doctype, doc.name)


def notify(notification, doc):
	chosen = robots_for(notification.name, doc)
	if not chosen:
		return []
	title, text, link = message(notification, doc)
	for robot in chosen:
		frappe.enqueue(
			"springoffer.desk.group_robots.post",
			queue="short",
			robot=robot.name,
			title=title,
			text=text,
			link=link,
			enqueue_after_commit=True,
			now=bool(frappe.flags.in_test),
		)
	return [robot.name for robot in chosen]


def post(robot, title, text, link=None):
	"""Post one message to one robot and record the answer on it. Returns whether it was taken."""
	doc = frappe.get_doc("Group Robot", robot)
	target = core.Robot(
		name=doc.name,
		platform=doc.platform,
		region=doc.region,
		body=doc.reporting_body or "",
		url=doc.get_password("webhook_url"),
		secret=doc.get_password("secret", raise_exception=False) or "",
	)
	lang = frappe.get_system_settings("language") or "zh"  # the result is stored for the desk's users
	body = json.dumps(core.payload(target.platform, title, text, link), ensure_ascii=False).encode("utf-8")
	request = urllib.request.Request(
		core.signed_url(target, int(time.time() * 1000)),
		data=body,
		headers={"Content-Type": "application/json; charset=utf-8"},
		method="POST",
	)
	try:
		with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
			status, raw = response.status, response.read()
		try:
			answer = json.loads(raw or b"{}")
		except ValueError:
			answer = {"raw": raw[:200].decode("utf-8", "replace")}
		ok = core.accepted(target.platform, status, answer)
		if ok:
			result = _("Sent: {0}", lang=lang).format(title)
		else:
			result = _("Refused by the robot: {0}", lang=lang).format(json.dumps(answer, ensure_ascii=False)[:300])
	except Exception as error:
		ok = False
		result = _("Could not reach the robot: {0}", lang=lang).format(str(error)[:300])
	frappe.db.set_value("Group Robot", doc.name, {"last_sent_on": frappe.utils.now(), "last_result": result}, update_modified=False)
	if not ok:
		frappe.log_error(title=f"springoffer: group robot {doc.name}", message=result)
	return ok
