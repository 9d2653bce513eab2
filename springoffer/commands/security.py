"""`bench --site S springoffer security-check`: which parts of the 等保 2.0 baseline the site does not
meet (exit code 1 if any), and `--apply` to set them through System Settings and Log Settings."""

import sys

import click
from frappe.commands import pass_context

from springoffer.commands import _connect, springoffer


@springoffer.command("security-check")
@click.option("--apply", "apply_", is_flag=True, help="把未达到的项目按基线设置（系统设置、日志设置）")
@pass_context
def security_check(context, apply_):
	"""检查站点是否达到网络安全等级保护 2.0 基线（口令、登录失败锁定、会话超时、双因素认证、日志保存 6 个月）。"""
	frappe = _connect(context)
	try:
		from springoffer.core import baseline
		from springoffer.security import baseline as site_baseline

		if apply_:
			changed = site_baseline.apply_baseline(force=True)
			frappe.db.commit()
			click.echo(f"已按基线设置：{'、'.join(changed) or '（无需改动）'}")
		gaps = site_baseline.unmet()
		total = len(baseline.SYSTEM_SETTINGS) + len(baseline.AUDIT_LOGS)
		if not gaps:
			click.echo(f"{frappe.local.site}：{total} 项安全基线全部达到。")
			return
		click.secho(f"{frappe.local.site}：{total} 项安全基线中有 {len(gaps)} 项未达到：", fg="red")
		for title, current, fix in gaps:
			click.echo(f"  ✗ {title}（当前：{current if current not in (None, '') else '未设置'}）— {fix}")
		click.echo("可运行 bench --site <站点> springoffer security-check --apply 按基线设置。")
		sys.exit(1)
	finally:
		frappe.destroy()
