"""Group robots: which robots a reminder reaches, and each platform's webhook JSON (no Frappe)."""

import base64
import hashlib
import hmac
from urllib.parse import unquote_plus

import pytest

from springoffer.core import categories as c
from springoffer.core import robots as r

CHAIN = ["芙蓉区", "长沙市", "湖南省"]  # a county, its city, the province


def robot(name, region, body="", events=None, platform=r.WECOM):
	return r.Robot(name, platform, region, body, f"https://example.invalid/{name}", events=events or r.Robot.events)


def test_a_refusal_reaches_its_region_and_above_for_hrss_and_union():
	robots = [
		robot("county-hrss", "芙蓉区", c.BODY_HRSS),
		robot("city-all", "长沙市"),
		robot("province-union", "湖南省", c.BODY_UNION),
		robot("city-ec", "长沙市", c.BODY_ENTERPRISE_CONFEDERATION),
		robot("other-city", "株洲市"),
		robot("muted", "长沙市", events=("notify_overdue",)),
	]
	chosen = [x.name for x in r.choose(robots, "企业拒绝协商", CHAIN)]
	assert chosen == ["county-hrss", "city-all", "province-union"]


def test_report_reminders_follow_the_reports_own_body():
	robots = [robot("union", "长沙市", c.BODY_UNION), robot("hrss", "长沙市", c.BODY_HRSS), robot("all", "长沙市")]
	assert [x.name for x in r.choose(robots, "统计表被退回", ["长沙市", "湖南省"], c.BODY_HRSS)] == ["hrss", "all"]
	assert [x.name for x in r.choose(robots, "统计表上报提醒", ["长沙市", "湖南省"], c.BODY_UNION)] == ["union", "all"]


def test_every_app_notification_has_a_robot_setting():
	from app_files import APP, load

	names = {n["name"] for n in load(APP / "setup" / "notifications.json")}
	assert set(r.EVENTS) == names
	assert r.choose([robot("x", "长沙市")], "Some other notification", ["长沙市"]) == []


def test_wecom_payload_is_markdown_with_the_link_and_fits_4096_bytes():
	body = r.payload(r.WECOM, "要约 SO-1 已逾期未回应", "要约 SO-1（长沙市）的应约期限已过。", "https://x/app/offer/SO-1")
	assert body["msgtype"] == "markdown"
	content = body["markdown"]["content"]
	assert content.startswith("**要约 SO-1 已逾期未回应**\n> 要约 SO-1")
	assert "[在系统中查看](https://x/app/offer/SO-1)" in content
	long = r.payload(r.WECOM, "标题", "长" * 5000)["markdown"]["content"]
	assert len(long.encode("utf-8")) <= r.WECOM_LIMIT


def test_dingtalk_payload_and_signature():
	body = r.payload(r.DINGTALK, "企业拒绝协商", "原因：企业经营困难", None)
	assert body == {"msgtype": "markdown", "markdown": {"title": "企业拒绝协商", "text": "#### 企业拒绝协商\n\n原因：企业经营困难"}}
	secret, ts = "SEC0123456789", 1700000000000
	expected = base64.b64encode(hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()).decode()
	assert unquote_plus(r.dingtalk_sign(secret, ts)) == expected
	signed = r.signed_url(r.Robot("d", r.DINGTALK, "长沙市", "", "https://oapi.dingtalk.com/robot/send?access_token=abc", secret), ts)
	assert signed.startswith("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=")
	plain = r.Robot("w", r.WECOM, "长沙市", "", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "ignored")
	assert r.signed_url(plain, ts) == plain.url


def test_answer_accepted_only_with_errcode_zero():
	assert r.accepted(r.WECOM, 200, {"errcode": 0, "errmsg": "ok"})
	assert not r.accepted(r.WECOM, 200, {"errcode": 93000, "errmsg": "invalid webhook url"})
	assert not r.accepted(r.DINGTALK, 500, {})
	with pytest.raises(ValueError):
		r.payload("飞书", "t", "x")
