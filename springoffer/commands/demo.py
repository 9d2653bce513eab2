"""`bench --site S springoffer demo` builds a realistic province to try the desk with;
`… demo --remove` deletes exactly what it made."""

import click
from frappe.commands import pass_context

from springoffer.commands import _connect, _fail, springoffer


@springoffer.command("demo")
@click.option("--remove", is_flag=True, help="删除演示数据（只删除演示命令创建的记录和用户）")
@click.option("--enterprises", default=2400, show_default=True, help="演示企业数")
@click.option("--seed", default=2023, show_default=True, help="随机种子：同一种子、同一天生成同样的数据")
@pass_context
def demo(context, remove, enterprises, seed):
	"""生成演示数据：14 个市州的企业、要约、回应、拒绝、集体合同、统计表和各部门用户；--remove 删除。"""
	frappe = _connect(context)
	try:
		from springoffer.devtools import demo as demo_data

		if remove:
			counts = demo_data.remove(echo=click.echo)
			if not any(counts.values()):
				click.echo("本站点没有演示数据，无需删除。")
				return
			labels = {
				"Unit Report": "报送单位统计表", "Typical Case": "典型案例", "Demonstration Site": "示范点",
				"Contract Performance Check": "履约检查", "Spot Check": "抽查", "Negotiation Coordination": "协商争议协调处理",
				"Negotiation": "集体协商", "Contract": "集体合同", "Offer": "要约",
				"Bargaining Instructor": "指导员", "Enterprise": "企业", "Campaign": "活动", "User": "用户",
			}
			click.echo("已删除演示数据：" + "，".join(f"{labels.get(k, k)} {v}" for k, v in counts.items() if v))
			return
		if demo_data.is_present():
			_fail("本站点已有演示数据。请先运行 bench --site <site> springoffer demo --remove")
		try:
			demo_data.create(enterprises=enterprises, seed=seed, echo=click.echo)
		except Exception:
			frappe.db.rollback()
			click.secho("生成演示数据失败，正在删除已生成的部分……", fg="red", err=True)
			demo_data.remove(echo=click.echo)
			raise
		from springoffer.core import demo as plan

		click.echo("\n演示用户（密码均为 " + plan.PASSWORD + "）：")
		for email, name, role, region in demo_data.logins():
			click.echo(f"  {email:<42} {name:<16} {frappe._(role, lang='zh'):<14} {region}")
		click.echo("\n登录后进入“春季要约行动”工作台。删除演示数据：bench --site <site> springoffer demo --remove")
		from frappe.twofactor import two_factor_is_enabled, two_factor_is_enabled_for_

		user = f"changsha.hrss@{plan.EMAIL_DOMAIN}"
		if two_factor_is_enabled(user) and two_factor_is_enabled_for_(user):
			click.secho(
				"注意：本站点要求这些用户使用双因素认证（系统设置 → 登录，及角色“所有”的“双因素认证”），"
				"首次登录须通过邮件绑定动态口令，站点须已配置发件邮箱。",
				fg="yellow",
			)
	except frappe.ValidationError as e:
		_fail(frappe.utils.strip_html(str(e)))
	finally:
		frappe.destroy()
