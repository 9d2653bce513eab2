"""bench commands: `bench --site S springoffer export-annex …`, `… import-ledger …` and `… rebuild-annex-ledger`.

They run as Administrator; relative paths resolve from the bench's sites/ folder.
"""

import json
import sys
from pathlib import Path

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
		from springoffer.annex.files import export_annex_file

		path, annex = export_annex_file(campaign, unit, as_of, output)
		frappe.db.commit()  # the export's log
		total = annex.total
		click.echo(
			f"{annex.campaign} {annex.unit} 截至 {annex.as_of}：发出要约 {total.offered} 家 {total.offered_workers} 人，"
			f"回应 {total.responded} 家，签订 {total.signed} 家，不予回应 {total.refused} 家 → {path}"
		)
	except (frappe.ValidationError, ValueError) as e:
		_fail(frappe.utils.strip_html(str(e)) or repr(e))
	finally:
		frappe.destroy()


def _progress_bar(width=30):
	"""progress(stage, done, total) drawing one line per stage on the terminal, with rows per second."""
	import time

	began = {}

	def progress(stage, done, total):
		start = began.setdefault(stage, time.monotonic())
		elapsed = max(time.monotonic() - start, 1e-6)
		filled = int(width * done / total) if total else width
		rate = done / elapsed
		end = "\n" if done >= total else ""
		click.echo(f"\r写入{stage} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} 行，{rate:,.0f} 行/秒", nl=False, err=True)
		if end:
			click.echo("", err=True)

	return progress


@springoffer.command("import-ledger")
@click.argument("path", type=click.Path())
@pass_context
def import_ledger(context, path):
	"""导入台帐工作簿（企业、要约、集体合同，可选地区、活动、协商会议）：全部成功或全部不导入。"""
	frappe = _connect(context)
	try:
		import time

		from springoffer.core.ledger import LedgerInvalid
		from springoffer.core.workbook_checks import workbook_problem
		from springoffer.workbook.importer import import_ledger as run

		problem = workbook_problem(path)
		if problem:
			_fail(problem)
		from springoffer.workbook.desk_import import log_command_import

		started = time.monotonic()
		started_at = frappe.utils.now_datetime()
		click.echo("读取并校验台帐……", err=True)
		try:
			counts = run(path, progress=_progress_bar())
		except LedgerInvalid as e:
			frappe.db.rollback()
			_fail(f"台帐有 {len(e.errors)} 处错误，未导入任何记录：\n" + "\n".join(str(error) for error in e.errors))
		log = log_command_import(path, counts, started_at, frappe.utils.now_datetime())
		frappe.db.commit()
		labels = {"Region": "地区", "Campaign": "活动", "Enterprise": "企业", "Offer": "要约", "Contract": "集体合同", "Negotiation Meeting": "协商会议"}
		for doctype, n in counts.items():
			click.echo(f"{labels[doctype]}：新增 {n['created']}，更新 {n['updated']}，未变 {n['unchanged']}")
		click.echo(f"用时 {time.monotonic() - started:.1f} 秒；导入记录 {log}")
	finally:
		frappe.destroy()


@springoffer.command("rebuild-annex-ledger")
@click.option("--campaign", help="只重建该活动的统计台账，默认全部活动")
@pass_context
def rebuild_annex_ledger(context, campaign):
	"""从要约和集体合同重建统计表所用的台账（Annex Ledger Entry），并报告重建前后是否一致。"""
	frappe = _connect(context)
	try:
		from springoffer.annex import ledger as annex_ledger

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


def _write(path, content):
	import os

	path = os.path.abspath(path)
	try:
		with open(path, "wb") as f:
			f.write(content)
	except OSError as error:
		_fail(f"无法写入 {path}：{error.strerror or error}。请检查文件夹是否存在、文件是否在 Excel 或 Word 中打开")
	return path


@springoffer.command("export-report")
@click.option("--name", "name", help="报送单位统计表的名称（如 2023年春季要约行动-长沙市-总工会）")
@click.option("--campaign", help="活动名称（不给 --name 时与 --unit、--body 一起确定统计表）")
@click.option("--unit", help="报送单位（地区）")
@click.option("--body", help="报送部门：人力资源和社会保障部门、总工会、企业和工业经济联合会、工商业联合会")
@click.option("--output", required=True, help="输出文件：.zip 为附件 Excel 与工作总结 Word 的报送包；.xlsx 或 .docx 只写其一")
@pass_context
def export_report(context, name, campaign, unit, body, output):
	"""导出报送单位的报送包：附件 Excel 与工作总结（含示范点、典型案例）Word。"""
	frappe = _connect(context)
	try:
		from springoffer.annex import package as report_package

		if not name:
			if not (campaign and unit and body):
				_fail("请给出 --name，或同时给出 --campaign、--unit、--body")
			name = frappe.db.get_value("Unit Report", {"campaign": campaign, "reporting_unit": unit, "reporting_body": body}, "name")
			if not name:
				_fail(f"没有 {campaign} {unit} {body} 的报送单位统计表")
		if not frappe.db.exists("Unit Report", name):
			_fail(f"报送单位统计表“{name}”不存在")
		doc = frappe.get_doc("Unit Report", name)
		files = report_package.package_files(doc)
		suffix = output.rsplit(".", 1)[-1].lower()
		if suffix == "zip":
			content = report_package.package_zip(doc)
		elif suffix in ("xlsx", "docx"):
			content = next(data for filename, data in files if filename.endswith(suffix))
		else:
			_fail("输出文件应以 .zip、.xlsx 或 .docx 结尾")
		path = _write(output, content)
		from springoffer.security.audit import record_export

		record_export(
			"报送单位统计表 Excel" if suffix == "xlsx" else "报送包",
			unit=doc.reporting_unit, campaign=doc.campaign, body=doc.reporting_body, as_of=doc.as_of_date,
			reference=("Unit Report", doc.name), file_name=path,
		)
		frappe.db.commit()
		click.echo(
			f"{doc.name}（{doc.workflow_state or '草稿'}）：示范点 {len(doc.demonstration_sites)} 个，典型案例 {len(doc.typical_cases)} 个 → {path}"
		)
	finally:
		frappe.destroy()


@springoffer.command("compile-cases")
@click.option("--campaign", help="活动名称，默认最近的活动")
@click.option("--group-by", "group_by", type=click.Choice(["topic", "region"]), default="topic", help="按主题（topic）或地区（region）分组")
@click.option("--body", help="只汇编该部门审核通过的案例，默认四个部门全部")
@click.option("--output", required=True, help="输出的 .docx 文件")
@pass_context
def compile_cases(context, campaign, group_by, body, output):
	"""把活动中审核通过的典型案例汇编成一份 Word 文档（封面、目录、按主题或地区分组）。"""
	frappe = _connect(context)
	try:
		from springoffer.annex import campaigns
		from springoffer.annex import package as report_package

		campaign = campaign or campaigns.latest_campaign()
		if not campaign or not frappe.db.exists("Campaign", campaign):
			_fail(f"活动“{campaign or ''}”不存在")
		data, count = report_package.compile_cases(campaign, group_by, body)
		path = _write(output, data)
		click.echo(f"{campaign}：汇编审核通过的典型案例 {count} 个 → {path}")
	finally:
		frappe.destroy()


@springoffer.command("compare-site")
@click.option("--other", required=True, help="另一个站点（例如由备份恢复的站点）")
@pass_context
def compare_site(context, other):
	"""比较两个站点：各类记录数、全省和各市州每次活动的附件数字、附件文件的哈希值；一致时输出 identical。"""
	import frappe

	from springoffer.core.snapshots import differences
	from springoffer.setup.site_snapshot import snapshot

	taken = {}
	for site in (get_site(context), other):
		frappe.init(site=site)
		frappe.connect()
		try:
			taken[site] = snapshot()
		finally:
			frappe.destroy()
	found = differences(*taken.values())
	if not found:
		click.echo("identical")
		return
	for line in found:
		click.echo(line)
	sys.exit(1)


@springoffer.command("load-test")
@click.option("--users", default=50, show_default=True, help="模拟的同时在线用户数")
@click.option("--minutes", default=5.0, show_default=True, help="持续时间（分钟）")
@click.option("--port", default=8700, show_default=True, help="gunicorn 在 127.0.0.1 上的端口")
@click.option("--workers", type=int, help="gunicorn worker 数，默认 2 × CPU 核数 + 1")
@click.option("--out", default="load-test", show_default=True, help="结果目录（locust 的 CSV、写入标记）")
@click.option(
	"--shape",
	type=click.Choice(["counties", "cities"]),
	default="counties",
	show_default=True,
	help="基准数据的形态：counties 企业登记在县市区；cities 各市州的企业登记在市州本级（无县市区）。站点已有另一种形态的数据时拒绝运行，须先清除",
)
@pass_context
def load_test(context, users, minutes, port, workers, out, shape):
	"""6 月 30 日前的负载：全省规模数据上，多名经办人、审核人和企业同时使用，按请求类型报告 p50、p95 和错误，并核对每次写入。"""
	import os

	from springoffer.devtools import load_test as lt
	from springoffer.devtools import province_data

	site = get_site(context)
	folder = os.path.abspath(out)
	os.makedirs(folder, exist_ok=True)
	frappe = _connect(context)
	try:
		plan = lt.prepare(users, shape=shape)
	finally:
		frappe.destroy()
	plan_path = os.path.join(folder, "plan.json")
	with open(plan_path, "w", encoding="utf-8") as f:
		json.dump(plan, f, ensure_ascii=False)
	workbook = os.path.join(folder, "province-ledger.xlsx")
	if not os.path.exists(workbook):
		province_data.write_ledger_workbook(workbook)
	reference = lt.openpyxl_read_seconds(workbook)
	server = lt.serve(site, port, workers or 2 * (os.cpu_count() or 1) + 1, os.getcwd())
	try:
		marks = lt.run_locust(site, port, users, minutes, plan_path, Path(folder))
	finally:
		server.terminate()
		server.wait(30)
	rows, rate = lt.stats(Path(folder))
	ping = next((p95 for kind, _n, _f, _p50, p95 in rows if kind.startswith("ping")), 0)
	frappe = _connect(context)
	try:
		checked = lt.verify(marks)
	finally:
		frappe.destroy()
	if not lt.report(rows, rate, reference, ping, checked, minutes):
		sys.exit(1)


@springoffer.command("fault-drill")
@click.option("--users", default=50, show_default=True, help="模拟的同时在线用户数")
@click.option("--outage-seconds", "outage", default=60, show_default=True, help="缓存 Redis、队列 Redis 各停止的秒数")
@click.option("--quiet-seconds", "quiet", default=60, show_default=True, help="每次故障之后（和第一次之前）的平静时间（秒）")
@click.option("--warmup-seconds", "warmup", default=60, show_default=True, help="开始计数之前的预热时间（秒）：刚启动时缓存是空的")
@click.option("--import-rows", default=100_000, show_default=True, help="中途被终止的台帐导入的行数（新企业）")
@click.option("--port", default=8710, show_default=True, help="gunicorn 在 127.0.0.1 上的端口")
@click.option("--workers", type=int, help="gunicorn worker 数，默认 2 × CPU 核数 + 1")
@click.option("--out", default="fault-drill", show_default=True, help="结果目录（请求记录、写入标记、locust 的 CSV、worker 日志）")
@pass_context
def fault_drill(context, users, outage, quiet, warmup, import_rows, port, workers, out):
	"""故障演练：负载测试运行中依次停止缓存 Redis、队列 Redis，重启 MariaDB，杀掉一个 gunicorn worker，在十万行台帐导入进行到一半时杀掉后台 worker；
	报告每次故障中和故障后失败的请求、p95 恢复所需秒数和每次写入是否恰好一次。只对 127.0.0.1 上本站点的服务，结束时重新启动停止的一切。"""
	import os

	from springoffer.devtools.fault_drill import Drill

	folder = Path(os.path.abspath(out))
	folder.mkdir(parents=True, exist_ok=True)
	workers = workers or 2 * (os.cpu_count() or 1) + 1
	drill = Drill(get_site(context), os.getcwd(), folder, users, outage, quiet, port, workers, import_rows, warmup)
	drill.prepare()
	drill.run()
	if not drill.report():
		sys.exit(1)


@springoffer.command("restore-drill")
@click.option("--scratch", help="恢复到的临时站点名，默认 restore-drill.<站点>")
@click.option("--keep", is_flag=True, default=False, help="保留临时站点（默认比较后删除）")
@click.option("--db-root-password", default=None, help="MariaDB root 密码（建立、删除临时站点用），默认取 common_site_config 的 root_password")
@pass_context
def restore_drill(context, scratch, keep, db_root_password):
	"""恢复演练：把本站点最近一次完整备份（数据库、公开和私有文件、站点配置）恢复到一个临时站点，带上加密密钥，
	用 compare-site 比较两者，并检查每条回复链接在恢复的站点上仍能打开其要约；最后一行是结论。只用本机数据库。"""
	import os

	from springoffer.setup import restore_drill as drill

	site = get_site(context)
	passed = drill.run(site, scratch or f"restore-drill.{site}", keep, db_root_password, os.getcwd())
	if not passed:
		sys.exit(1)


from springoffer.commands import campaigns, demo, security  # noqa: F401

commands = [springoffer]
