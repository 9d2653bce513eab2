"""Group robots (企业微信 / 钉钉 群机器人): which robots a reminder goes to, and the JSON each platform's
webhook takes. Plain Python; springoffer.desk.group_robots posts it from the desk's notifications.

Webhook formats (as the platforms document them):
- 企业微信: POST {"msgtype": "markdown", "markdown": {"content": "..."}} to
  https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY (content at most 4096 bytes).
- 钉钉: POST {"msgtype": "markdown", "markdown": {"title": "...", "text": "..."}} to
  https://oapi.dingtalk.com/robot/send?access_token=TOKEN; a robot set to 加签 also needs
  &timestamp=<ms>&sign=<urlencoded base64 HMAC-SHA256 of "timestamp\\nsecret" keyed by the secret>.
"""

import base64
import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import quote_plus

from springoffer.core import categories as c

WECOM = "企业微信"
DINGTALK = "钉钉"
PLATFORMS = (WECOM, DINGTALK)
WECOM_LIMIT = 4096  # bytes of markdown content

# The app's notifications (fixtures) → the robot setting that switches each on, and the bodies whose
# groups it concerns (None: the document's own reporting body).
EVENTS = {
	"要约应约期限提醒": ("notify_answer_due", (c.BODY_UNION,)),
	"要约逾期未回应": ("notify_overdue", (c.BODY_UNION, c.BODY_HRSS)),
	"企业拒绝协商": ("notify_refusal", (c.BODY_HRSS, c.BODY_UNION)),
	"企业在线回复要约": ("notify_online_answer", (c.BODY_UNION,)),
	"统计表上报提醒": ("notify_report_due", None),
	"统计表被退回": ("notify_report_returned", None),
}


@dataclass
class Robot:
	name: str
	platform: str
	region: str
	body: str  # "" = every body's reminders
	url: str
	secret: str = ""
	events: tuple = tuple(setting for setting, _bodies in EVENTS.values())


def bodies_for(event, document_body=None):
	"""The bodies a notification concerns."""
	bodies = EVENTS[event][1]
	return bodies if bodies is not None else ((document_body,) if document_body else c.REPORTING_BODIES)


def choose(robots, event, region_chain, document_body=None):
	"""Robots that take `event` for a document in the first region of `region_chain` (its ancestors
	follow): a robot of that region or an ancestor, for every body or one the event concerns."""
	if event not in EVENTS:
		return []
	setting = EVENTS[event][0]
	bodies = set(bodies_for(event, document_body))
	chain = set(region_chain)
	return [
		robot
		for robot in robots
		if robot.region in chain and (not robot.body or robot.body in bodies) and setting in robot.events
	]


def _clip(text, limit):
	data = text.encode("utf-8")
	if len(data) <= limit:
		return text
	return data[: limit - 3].decode("utf-8", "ignore") + "…"


def payload(platform, title, text, link=None):
	"""The JSON body for one message."""
	lines = [text.strip()]
	if link:
		lines.append(f"[在系统中查看]({link})")
	if platform == WECOM:
		content = f"**{title}**\n" + "\n".join(f"> {line}" if i == 0 else line for i, line in enumerate(lines))
		return {"msgtype": "markdown", "markdown": {"content": _clip(content, WECOM_LIMIT)}}
	if platform == DINGTALK:
		return {"msgtype": "markdown", "markdown": {"title": title, "text": f"#### {title}\n\n" + "\n\n".join(lines)}}
	raise ValueError(f"unknown platform {platform}")


def dingtalk_sign(secret, timestamp_ms):
	"""钉钉 加签: base64 of HMAC-SHA256("timestamp\\nsecret") keyed by the secret, URL-encoded."""
	digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
	return quote_plus(base64.b64encode(digest))


def signed_url(robot, timestamp_ms):
	if robot.platform != DINGTALK or not robot.secret:
		return robot.url
	joiner = "&" if "?" in robot.url else "?"
	return f"{robot.url}{joiner}timestamp={timestamp_ms}&sign={dingtalk_sign(robot.secret, timestamp_ms)}"


def accepted(platform, status, body):
	"""Whether the platform took the message: HTTP 200 and errcode 0 in its JSON answer."""
	if status != 200:
		return False
	return isinstance(body, dict) and body.get("errcode", 0) == 0
