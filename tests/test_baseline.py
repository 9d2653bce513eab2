"""The 等保 2.0 baseline as data: what a fresh Frappe site misses, and that the values the app sets
meet every requirement."""

from springoffer.core import baseline

FRESH_SITE = {  # Frappe v15's defaults
	"enable_password_policy": 1,
	"minimum_password_score": "2",
	"force_user_to_reset_password": 0,
	"allow_consecutive_login_attempts": 10,
	"allow_login_after_fail": 60,
	"session_expiry": "170:00",
	"enable_two_factor_auth": 0,
	"allow_error_traceback": 1,
}
FRESH_LOGS = {"Activity Log": 90, "Access Log": None, "Version": None, "Annex Export Log": None}


def test_a_fresh_site_misses_eight_items():
	titles = [title for title, _current, _fix in baseline.unmet(FRESH_SITE, FRESH_LOGS)]
	assert len(titles) == 8
	assert any("调用栈" in title for title in titles)
	assert any("Activity Log" in title for title in titles)
	assert all(any("\u4e00" <= ch <= "\u9fff" for ch in fix) for _t, _c, fix in baseline.unmet(FRESH_SITE, FRESH_LOGS))


def test_the_values_the_app_sets_meet_everything():
	applied = {r.key: r.value for r in baseline.SYSTEM_SETTINGS}
	logs = {log: baseline.LOG_RETENTION_DAYS for log in baseline.AUDIT_LOGS}
	assert baseline.unmet(applied, logs) == []


def test_retention_zero_days_is_not_forever():
	assert baseline.retention_met(None)  # never cleared
	assert baseline.retention_met(180) and baseline.retention_met(365)
	assert not baseline.retention_met(0)  # Frappe's clean-up would delete everything older than today
	assert not baseline.retention_met(90)


def test_unreadable_values_do_not_pass():
	settings = dict(FRESH_SITE, session_expiry="forever", allow_consecutive_login_attempts="many")
	titles = [title for title, _c, _f in baseline.unmet(settings, FRESH_LOGS)]
	assert any("会话" in t for t in titles) and any("登录失败处理" in t for t in titles)
	assert baseline._session_minutes("00:30") == 30 and baseline._session_minutes("1:15") == 75
