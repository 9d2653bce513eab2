"""The security baseline a government system of this kind is assessed against (网络安全等级保护 2.0,
GB/T 22239-2019: 身份鉴别, 访问控制, 安全审计; 网络安全法 Art. 21 for keeping logs at least six months),
as the Frappe settings that carry it. Plain data and checks, no Frappe: springoffer.security applies
them on install and `bench … springoffer security-check` reports what a site does not meet.
"""

from dataclasses import dataclass

LOG_RETENTION_DAYS = 180  # at least six months
AUDIT_LOGS = ("Activity Log", "Access Log", "Version", "Annex Export Log")  # logins, exports, changes


def _session_minutes(value):
	"""Frappe's session_expiry "HH:MM" (idle time) in minutes; None if unreadable."""
	try:
		hours, minutes = str(value or "").split(":")
		return int(hours) * 60 + int(minutes)
	except ValueError:
		return None


@dataclass(frozen=True)
class Requirement:
	key: str  # System Settings field
	title: str  # what 等保 asks, in Chinese
	value: object  # what the app sets on install
	met: object  # value → bool
	fix: str  # where an administrator changes it

	def check(self, current):
		try:
			return bool(self.met(current))
		except (TypeError, ValueError):
			return False


SYSTEM_SETTINGS = (
	Requirement(
		"enable_password_policy", "口令复杂度检查（身份鉴别）", 1, lambda v: int(v or 0) == 1,
		"系统设置 → 密码 → 启用密码策略",
	),
	Requirement(
		"minimum_password_score", "口令强度不低于 3 级（共 4 级）", "3", lambda v: int(v or 0) >= 3,
		"系统设置 → 密码 → 最低密码强度，选 3 或 4",
	),
	Requirement(
		"force_user_to_reset_password", "口令定期更换（不超过 90 天）", 90, lambda v: 0 < int(v or 0) <= 90,
		"系统设置 → 密码 → 强制用户重置密码的天数，填 1 至 90",
	),
	Requirement(
		"allow_consecutive_login_attempts", "登录失败处理：连续失败不超过 5 次即锁定", 5, lambda v: 0 < int(v or 0) <= 5,
		"系统设置 → 登录 → 允许连续登录尝试次数，填 1 至 5",
	),
	Requirement(
		"allow_login_after_fail", "登录失败锁定不少于 10 分钟", 600, lambda v: int(v or 0) >= 600,
		"系统设置 → 登录 → 登录失败后多少秒可再次登录，填 600 以上",
	),
	Requirement(
		"session_expiry", "会话空闲超时不超过 30 分钟", "00:30", lambda v: 0 < (_session_minutes(v) or 0) <= 30,
		"系统设置 → 登录 → 会话过期时间，填 00:30 或更短",
	),
	Requirement(
		"enable_two_factor_auth", "可启用双因素认证（口令 + 动态口令）", 1, lambda v: int(v or 0) == 1,
		"系统设置 → 登录 → 启用双因素认证；再在角色中勾选“双因素认证”要求相应人员使用",
	),
	Requirement(  # Frappe otherwise puts the Python traceback in every error answer, a guest's too
		"allow_error_traceback", "出错时不向用户和访客显示程序调用栈（不暴露系统内部信息）", 0, lambda v: int(v or 0) == 0,
		"系统设置 → 取消勾选“显示完整错误信息并允许向开发者报告问题”",
	),
)


def retention_met(days):
	"""A log kept `days` days meets the six months; None means Frappe never clears it. (0 is not
	"forever": Frappe's clean-up then deletes everything older than today.)"""
	return days is None or int(days) >= LOG_RETENTION_DAYS


def unmet(settings, log_days):
	"""[(title, current value, how to fix)] for what a site does not meet. `settings` maps System
	Settings fields to values; `log_days` maps a log DocType to the days Log Settings keeps it."""
	found = []
	for requirement in SYSTEM_SETTINGS:
		current = settings.get(requirement.key)
		if not requirement.check(current):
			found.append((requirement.title, current, requirement.fix))
	for log in AUDIT_LOGS:
		days = log_days.get(log)
		if not retention_met(days):
			found.append(
				(f"审计日志（{log}）保存不少于 {LOG_RETENTION_DAYS} 天", days, f"日志设置 → 将 {log} 的保留天数改为 {LOG_RETENTION_DAYS} 或以上")
			)
	return found
