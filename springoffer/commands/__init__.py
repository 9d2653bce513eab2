"""bench commands: `bench --site S springoffer export-annex …`, `… import-ledger …` and `… rebuild-annex-ledger`.

They run as Administrator; relative paths resolve from the bench's sites/ folder.
"""

import sys

import click
from frappe.commands import get_site, pass_context


@click.group("springoffer")
def springoffer():
	"""集体协商“春季要约行动” (springoffer)."""


def _connect(context):
	import frappe

	frappe.init(site=get_site(context))
	frappe.connect()
	frappe.local.lang = "zh"  # CLI and jobs run in English otherwise
	return frappe


def _fail(message):
	click.secho(message, fg="red", err=True)
	sys.exit(2)


@springoffer.command("export-annex")
@click.option("--campaign", help="活动名称，默认最近的活动")
@click.option("--unit", help="报送单位（地区），默认湖南省")
@click.option("--as-of", "as_of", help="统计截止日期 YYYY-MM-DD，默认今天（活动结束后为结束日期）")
@click.option("--output", required=True, help="输出的 .xlsx 文件")
@pass_context
def export_annex(context, campaign, unit, as_of, output):
	"""导出《集体协商“春季要约行动”情况统计表》Excel。"""
	frappe = _connect(context)
	try:
		from springoffer.api import export_annex_file

		path, annex = export_annex_file(campaign, unit, as_of, output)
		total = annex.total
		click.echo(
			f"{annex.campaign} {annex.unit} 截至 {annex.as_of}：发出要约 {total.offered} 家 {total.offered_workers} 人，"
			f"回应 {total.responded} 家，签订 {total.signed} 家，不予回应 {total.refused} 家 → {path}"
		)
	except (frappe.ValidationError, ValueError) as e:
		_fail(frappe.utils.strip_html(str(e)) or repr(e))
	finally:
		frappe.destroy()


@springoffer.command("import-ledger")
@click.argument("path", type=click.Path())
@pass_context
def import_ledger(context, path):
	"""导入台帐工作簿（企业、要约、集体合同，可选地区、活动）：全部成功或全部不导入。"""
	frappe = _connect(context)
	try:
		from springoffer.core.ledger import LedgerInvalid
		from springoffer.ledger_import import import_ledger as run

		try:
			counts = run(path)
		except LedgerInvalid as e:
			frappe.db.rollback()
			_fail(f"台帐有 {len(e.errors)} 处错误，未导入任何记录：\n" + "\n".join(str(error) for error in e.errors))
		frappe.db.commit()
		labels = {"Region": "地区", "Campaign": "活动", "Enterprise": "企业", "Offer": "要约", "Contract": "集体合同"}
		for doctype, n in counts.items():
			click.echo(f"{labels[doctype]}：新增 {n['created']}，更新 {n['updated']}，未变 {n['unchanged']}")
	finally:
		frappe.destroy()


@springoffer.command("rebuild-annex-ledger")
@click.option("--campaign", help="只重建该活动的统计台账，默认全部活动")
@pass_context
def rebuild_annex_ledger(context, campaign):
	"""从要约和集体合同重建统计表所用的台账（Annex Ledger Entry），并报告重建前后是否一致。"""
	frappe = _connect(context)
	try:
		from springoffer import annex_ledger

		if campaign and not frappe.db.exists("Campaign", campaign):
			_fail(f"活动“{campaign}”不存在")
		before = annex_ledger.snapshot(campaign)
		rows = annex_ledger.rebuild(campaign)
		frappe.db.commit()
		after = annex_ledger.snapshot(campaign)
		changed = len(set(before).symmetric_difference(after))
		click.echo(
			f"{campaign or '全部活动'}：台账 {rows} 行，"
			+ ("与重建前一致" if not changed else f"重建前 {len(before)} 行，有 {changed} 处不一致，已按单据更正")
		)
	finally:
		frappe.destroy()


commands = [springoffer]
