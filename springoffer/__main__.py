"""The offline command: the 附件 from a ledger workbook, without Frappe.

	python -m springoffer annex 台帐.xlsx --unit 长沙市 --as-of 2023-06-30 --output 附件.xlsx
	python -m springoffer sample-ledger --output 示例台帐.xlsx
	python -m springoffer sample            # both at once: 台帐样例.xlsx and the 附件 from it, 附件样例.xlsx
	python -m springoffer template --output 台帐模板.xlsx

Bad input gives a Chinese message on stderr and exit code 2, never a traceback.
"""

import argparse
import gc
import re
import sys
from datetime import date
from pathlib import Path

from springoffer.core import categories, clocks, i18n
from springoffer.core.allocation import collector_paused
from springoffer.core.ledger import LedgerInvalid, parse_date, read_ledger, write_sample, write_template

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class UsageError(Exception):
	"""Bad input: the message is shown as is."""


# argparse's own wording, in Chinese
_ARGPARSE_MESSAGES = (
	(r"the following arguments are required: (.*)", "缺少必填参数：{0}"),
	(r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
	(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", "参数 {0} 的值 {1} 无效，可选：{2}"),
	(r"argument (\S+): invalid int value: (.*)", "参数 {0} 应为整数，实为 {1}"),
	(r"argument (\S+): expected one argument", "参数 {0} 后面要跟一个值"),
)


def _chinese(message):
	for pattern, template in _ARGPARSE_MESSAGES:
		match = re.fullmatch(pattern, message)
		if match:
			return template.format(*match.groups())
	return message


class _Parser(argparse.ArgumentParser):
	def __init__(self, *args, **kwargs):
		kwargs.setdefault("add_help", False)
		super().__init__(*args, **kwargs)
		self._positionals.title = "位置参数"
		self._optionals.title = "选项"
		self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

	def format_usage(self):
		return super().format_usage().replace("usage: ", "用法：", 1)

	def format_help(self):
		return super().format_help().replace("usage: ", "用法：", 1)

	def error(self, message):
		raise UsageError(f"参数有误：{_chinese(message)}\n{self.format_usage().strip()}\n用 -h 查看帮助。")


def _parser():
	parser = _Parser(
		prog="python -m springoffer",
		description="集体协商“春季要约行动”离线工具：从台帐工作簿统计并生成附件，或生成台帐模板和示例台帐。",
	)
	commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

	annex = commands.add_parser(
		"annex",
		help="从台帐统计并生成附件（集体协商“春季要约行动”情况统计表）",
		description="读取台帐工作簿，按报送单位（含下级地区）统计附件的各项数字，写出附件 Excel。",
	)
	annex.add_argument("ledger", metavar="台帐.xlsx", help="台帐工作簿（企业、要约、集体合同等工作表）")
	annex.add_argument("--unit", required=True, metavar="地区", help="报送单位，即统计的地区，如 湖南省、长沙市（含其下级地区）")
	annex.add_argument(
		"--as-of",
		metavar="YYYY-MM-DD",
		help="统计截至日期；默认为今天，活动已结束时为活动结束日期",
	)
	annex.add_argument("--campaign", metavar="活动名称", help="活动名称，如 2023年春季要约行动；默认为台帐中开始最晚的活动")
	annex.add_argument("--output", "-o", required=True, metavar="附件.xlsx", help="写出的附件 Excel 文件")

	sample = commands.add_parser("sample-ledger", help="生成示例台帐（2023年春季要约行动，湖南多个市州）", description="生成一份示例台帐工作簿。")
	sample.add_argument("--output", "-o", required=True, metavar="文件.xlsx", help="写出的示例台帐文件")
	sample.add_argument("--seed", type=int, default=2023, metavar="种子", help="随机种子，相同种子生成相同内容（默认 2023）")

	both = commands.add_parser(
		"sample",
		help="一步生成示例台帐和由它统计出的附件（先试一下）",
		description="生成示例台帐（2023年春季要约行动），并按报送单位统计写出附件 Excel。",
	)
	both.add_argument("--ledger", default="台帐样例.xlsx", metavar="台帐.xlsx", help="写出的示例台帐（默认 台帐样例.xlsx）")
	both.add_argument("--output", "-o", default="附件样例.xlsx", metavar="附件.xlsx", help="写出的附件（默认 附件样例.xlsx）")
	both.add_argument("--unit", default="湖南省", metavar="地区", help="报送单位（默认 湖南省）")

	template = commands.add_parser("template", help="生成空白台帐模板", description="生成只有标题行的空白台帐工作簿。")
	template.add_argument("--output", "-o", required=True, metavar="文件.xlsx", help="写出的模板文件")
	return parser


def _write(path, content):
	path = Path(path)
	try:
		path.write_bytes(content)
	except OSError as error:
		raise UsageError(f"无法写出文件 {path}：{error.strerror or error}；请检查文件夹是否存在、文件是否正被 Excel 打开") from None
	return path


def _annex(args, out):
	from springoffer.core.workbook_checks import workbook_problem
	from springoffer.core.xlsx import write_annex

	problem = workbook_problem(args.ledger)
	if problem:
		raise UsageError("无法读取台帐：" + problem)
	try:
		ledger = read_ledger(args.ledger)
	except LedgerInvalid as invalid:
		if all(error.sheet is None for error in invalid.errors):
			raise UsageError("无法读取台帐：" + "；".join(error.message for error in invalid.errors)) from None
		lines = [f"台帐 {args.ledger} 有 {len(invalid.errors)} 处错误，未生成附件；请改正后重试："]
		lines += [f"  {error}" for error in invalid.errors]
		raise UsageError("\n".join(lines)) from None

	if args.campaign:
		campaign = ledger.campaigns.get(args.campaign.strip())
		if campaign is None:
			known = "、".join(ledger.campaigns) or "（无）"
			raise UsageError(f"台帐中没有活动「{args.campaign}」；台帐中的活动有：{known}")
	else:
		campaign = ledger.latest_campaign()
		if campaign is None:
			raise UsageError("台帐中没有任何活动（要约、集体合同和活动工作表都是空的），无法统计；请先填写台帐")

	unit = args.unit.strip()
	if unit not in ledger.regions:
		cities = "、".join(r for r, parent in ledger.regions.items() if parent is None or ledger.regions.get(parent) is None)
		raise UsageError(f"报送单位「{unit}」不在地区树中；请填地区名称，如 {cities}，县市区须在台帐的「地区」工作表中列出")

	if args.as_of:
		try:
			as_of = parse_date(args.as_of)
		except ValueError:
			raise UsageError(f"统计截至日期“{args.as_of}”不是日期；请写成 2023-06-30 这样的格式") from None
	else:
		as_of = clocks.default_as_of(date.today(), campaign.end)

	annex = ledger.annex(unit, campaign.name, as_of)
	del ledger  # the refusal sheet is written from the annex alone
	path = _write(args.output, write_annex(annex, unit_label=unit, due_date=campaign.report_due))
	total = annex.total
	print(f"已生成附件：{path}", file=out)
	print(f"报送单位：{unit}　活动：{campaign.name}　统计截至：{as_of.isoformat()}", file=out)
	print(
		f"{categories.TOTAL_LABEL}：发出要约 {total.offered} 家（覆盖职工 {total.offered_workers} 人）；"
		f"回应要约 {total.responded} 家（{total.responded_workers} 人）；"
		f"签订集体合同 {total.signed} 家（{total.signed_workers} 人）；"
		f"不予回应（拒绝协商）{total.refused} 家",
		file=out,
	)
	return EXIT_OK


def main(argv=None, out=None, err=None):
	"""Run the command; returns the exit code (0 done, 2 bad input)."""
	out = out or sys.stdout
	err = err or sys.stderr
	parser = _parser()
	try:
		try:
			args = parser.parse_args(argv)
		except SystemExit as done:  # -h / --help
			return done.code if isinstance(done.code, int) else EXIT_OK
		if args.command == "annex":
			# A province's ledger is a million small objects without cycles: the cyclic collector
			# would scan them again and again and at exit, and find nothing to free.
			with collector_paused():
				return _annex(args, out)
		if args.command == "sample-ledger":
			path = _write(args.output, write_sample(args.seed))
			print(f"已生成示例台帐：{path}", file=out)
			return EXIT_OK
		if args.command == "sample":
			path = _write(args.ledger, write_sample(2023))
			print(f"已生成示例台帐：{path}", file=out)
			return _annex(argparse.Namespace(ledger=str(path), unit=args.unit, as_of=None, campaign=None, output=args.output), out)
		if args.command == "template":
			path = _write(args.output, write_template())
			print(f"已生成台帐模板：{path}", file=out)
			return EXIT_OK
		parser.print_help(err)
		return EXIT_BAD_INPUT
	except UsageError as error:
		print(str(error), file=err)
		return EXIT_BAD_INPUT
	except clocks.CalendarNotCovered as error:
		print(i18n.translate(clocks.CalendarNotCovered.message, (error.year,)), file=err)
		return EXIT_BAD_INPUT


if __name__ == "__main__":
	# A short-lived process over a province's ledger: a million objects without cycles. The cyclic
	# collector would scan them and, at exit, the openpyxl workbook just written; the process ends
	# instead, and the operating system takes its memory back.
	gc.disable()
	code = main()
	gc.freeze()
	sys.exit(code)
