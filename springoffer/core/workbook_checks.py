"""What is checked about an uploaded ledger workbook before anything reads it: its size and a
password (workbook_problem: the offline command and the bench command call it first), and each
sheet's reach — hundreds of thousands of empty rows, or two cells far apart — as the reader opens
it (sheet_extent_problem: every path reads through it). Cheap: the file's first bytes, then the
sheet's XML streamed through zlib without parsing it. Framework-free.

A province-scale ledger (100,000 enterprises, 200,000 offer coverage rows) is a 14 MB workbook with
at most 200,001 rows on a sheet: the limits leave it room.
"""

import re
import zipfile
from io import BytesIO
from pathlib import Path

from openpyxl.utils import get_column_letter

MAX_WORKBOOK_BYTES = 64 * 1024 * 1024
MAX_SHEET_ROWS = 500_000
MAX_SHEET_CELLS = MAX_SHEET_ROWS * 26  # half a million rows of A … Z

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .xls, or an encrypted .xlsx
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")


def _megabytes(size):
	return f"{size / 1024 / 1024:.1f} MB"


def workbook_problem(source, max_bytes=MAX_WORKBOOK_BYTES):
	"""A Chinese sentence saying what is wrong with the workbook and how to fix it, or None.

	`source` is a path, bytes or a binary file object. Whether the cells make a valid ledger is the
	reader's business; this only keeps files that cannot be one, or would take the server down, out."""
	if isinstance(source, (str, Path)):
		path = Path(source)
		if not path.is_file():
			return None  # the reader says the file is missing
		size = path.stat().st_size
		if size > max_bytes:
			return _too_large(size, max_bytes)
		with path.open("rb") as f:
			return _content_problem(f)
	if isinstance(source, (bytes, bytearray)):
		if len(source) > max_bytes:
			return _too_large(len(source), max_bytes)
		return _content_problem(BytesIO(source))
	position = source.tell()
	try:
		source.seek(0, 2)
		size = source.tell() - position
		source.seek(position)
		if size > max_bytes:
			return _too_large(size, max_bytes)
		return _content_problem(source)
	finally:
		source.seek(position)


def _too_large(size, max_bytes):
	return (
		f"台帐文件有 {_megabytes(size)}，超过 {_megabytes(max_bytes)} 的上限；"
		"请删去多余的工作表、图片和空行，或按市州拆分成几个台帐分别导入"
	)


def _content_problem(stream):
	head = stream.read(8)
	stream.seek(0)
	if head == _CFB_MAGIC:
		if _ENCRYPTED_STREAM in stream.read():
			return "工作簿设有打开密码；请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存，再导入"
		return "文件是旧版 .xls 工作簿；请在 Excel 中另存为 .xlsx（Excel 工作簿）后再导入"
	return None  # each sheet's extent is checked as the reader opens it: sheet_extent_problem


_ROW_PAST_LIMIT = re.compile(rb' r="[A-Z]*(?:[5-9]\d{5}|[1-9]\d{6,})"')  # a row number of MAX_SHEET_ROWS or more
_WIDE = re.compile(rb'<c r="[A-Z]{2}|<c(?:>| (?!r="))')  # past column Z, or a cell whose place is not first
_CELL_COLUMN = re.compile(rb'<c [^>]*?\br="([A-Z]+)')


def sheet_extent_problem(archive, member, title, max_cells=MAX_SHEET_CELLS):
	"""A Chinese sentence when the sheet reaches too far to be read, else None.

	The reader (calamine) holds a sheet as one rectangle from its first used cell to its last, so two
	cells far apart (A1 and XFD400000) would ask for billions of cells and bring the process down.
	Streamed through zlib without parsing. Rows past the limit are refused; a sheet within columns
	A … Z then fits max_cells. Only a sheet reaching past Z (rare in a ledger) has its columns and
	row numbers measured. Unreadable XML is left to the reader, which names it."""
	max_rows = MAX_SHEET_ROWS  # _ROW_PAST_LIMIT spells it out
	rows, wide, carry = 0, False, b""
	try:
		with archive.open(member) as f:
			while chunk := f.read(1 << 20):
				data = carry + chunk
				cut = data.rfind(b">") + 1  # whole tags only; the rest goes with the next chunk
				data, carry = data[:cut], data[cut:]
				rows += data.count(b"<row")
				if rows > max_rows or _ROW_PAST_LIMIT.search(data):
					return _too_many_rows(title, max_rows)
				wide = wide or _WIDE.search(data) is not None
	except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, KeyError):
		return None
	if wide:
		width, height = _measure(archive, member, rows)
		if width * height > max_cells:
			reach = f"{get_column_letter(width)} 列" if width <= 16384 else f"第 {width:,} 列"
			return (
				f"工作表「{title}」的内容铺得太开：最远到 {reach}、第 {height:,} 行，连成一块有 {width * height:,} 个单元格，"
				f"超过 {max_cells:,} 个的上限；请删去表格右侧和下方多余的内容（含只有空格或格式的单元格），或按市州拆分台帐"
			)
	return None


_ROW_NUMBER = re.compile(rb' r="[A-Z]*(\d+)"')


def _measure(archive, member, rows):
	"""(columns, rows) the sheet's rectangle may span: the widest cell reference (cells without one
	follow each other: at worst all in one row) and the highest row number. Reads every reference:
	only a sheet reaching past column Z comes here."""
	columns, last_row, bare_cells, carry = set(), 0, 0, b""
	with archive.open(member) as f:
		while chunk := f.read(1 << 20):
			data = carry + chunk
			cut = data.rfind(b">") + 1
			data, carry = data[:cut], data[cut:]
			placed = _CELL_COLUMN.findall(data)
			columns.update(placed)
			bare_cells += data.count(b"<c ") + data.count(b"<c>") - len(placed)
			last_row = max(last_row, *map(int, _ROW_NUMBER.findall(data)), 0)
	width = max((_column_number(c) for c in columns), default=0) + bare_cells
	return width, max(rows, last_row)


def _column_number(letters):
	number = 0
	for letter in letters:
		number = number * 26 + letter - 64
	return number


def _too_many_rows(title, max_rows):
	return f"工作表「{title}」有 {max_rows:,} 行以上（含空行），超过 {max_rows:,} 行的上限；请在 Excel 中选中末尾的空行删除，或按市州拆分台帐"


def sheet_parts(archive):
	"""{sheet title: its worksheet part}."""
	return {title: member for member, title in _sheet_names(archive).items()}


def _sheet_names(archive):
	"""{worksheet part: sheet title}, from workbook.xml and its relationships (best effort)."""
	try:
		workbook = archive.read("xl/workbook.xml").decode("utf-8", "ignore")
		rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "ignore")
	except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, ValueError):
		return {}
	targets = {}
	for rel in re.findall(r"<Relationship\b[^>]*>", rels):
		rid = re.search(r'Id="([^"]+)"', rel)
		target = re.search(r'Target="([^"]+)"', rel)
		if rid and target:
			path = target.group(1).lstrip("/")
			targets[rid.group(1)] = path if path.startswith("xl/") else f"xl/{path}"
	names = {}
	for sheet in re.findall(r"<sheet\b[^>]*>", workbook):
		name = re.search(r'name="([^"]+)"', sheet)
		rid = re.search(r'r:id="([^"]+)"', sheet)
		if name and rid and rid.group(1) in targets:
			from html import unescape

			names[targets[rid.group(1)]] = unescape(name.group(1))
	return names
