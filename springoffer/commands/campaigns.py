"""`bench --site S springoffer new-campaign …`: next spring opened from this year's records."""

import click
from frappe.commands import pass_context

from springoffer.commands import _connect, _fail, springoffer


@springoffer.command("new-campaign")
@click.option("--from", "source", required=True, help="承接的活动，例如 2026年春季要约行动")
@click.option("--name", required=True, help="新活动名称，例如 2027年春季要约行动")
@click.option("--start", required=True, help="开始日期 YYYY-MM-DD")
@click.option("--end", required=True, help="结束日期 YYYY-MM-DD")
@click.option("--report-due", "report_due", required=True, help="报送截止日期 YYYY-MM-DD")
@click.option("--notice", "notice_reference", help="通知文号")
@pass_context
def new_campaign(context, source, name, start, end, report_due, notice_reference):
	"""开启下一年度行动：新建活动，沿用仍有效的工资指导线、最低工资、群机器人、指导员，承接示范点，为各工会单位生成要约草稿（不发送）。"""
	frappe = _connect(context)
	try:
		from springoffer.core import offer_drafts as od
		from springoffer.planning import opening

		frappe.set_user("Administrator")
		done = opening.open_next(source, name, start, end, report_due, notice_reference)
		frappe.db.commit()
		click.echo(f"{done.campaign}：承接示范点 {len(done.sites)} 个")
		for reason, (drafts, enterprises) in done.counts.items():
			what = "家企业未列入" if reason in od.LEFT_OUT_REASONS else f"份草稿，{enterprises} 家企业"
			click.echo(f"  {reason}：{drafts} {what}")
		units = set(frappe.get_all("Offer Draft", filters={"campaign": done.campaign, "status": od.TO_SEND}, pluck="region"))
		click.echo(f"  要约草稿分布于 {len(units)} 个地区；在“要约草稿”列表中按原因、地区、企业类型筛选后发送")
	except (frappe.ValidationError, ValueError) as e:
		frappe.db.rollback()
		_fail(frappe.utils.strip_html(str(e)) or repr(e))
	finally:
		frappe.destroy()
