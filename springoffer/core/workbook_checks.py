"""What is checked about an uploaded ledger workbook before anything reads it: its size, a password,
and a sheet padded with hundreds of thousands of empty rows. Cheap (the file's first bytes, then the
sheets' XML streamed through zlib, counting rows without parsing them) and framework-free: the
offline command, the bench command and the desk import call it first.

A province-scale ledger (100,000 enterprises, 200,000 offer coverage rows) is a 14 MB workbook with
at most 200,001 rows on a sheet: the limits leave it room.
"""

import zipfile
from io import BytesIO
from pathlib import Path

MAX_WORKBOOK_BYTES = 64 * 1024 * 1024
MAX_SHEET_ROWS = 500_000

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .xls, or an encrypted .xlsx
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")


def _megabytes(size):
	return f"{size / 1024 / 1024:.1f} MB"


def workbook_problem(source, max_bytes=MAX_WORKBOOK_BYTES, max_rows=MAX_SHEET_ROWS):
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
			return _content_problem(f, max_rows)
	if isinstance(source, (bytes, bytearray)):
		if len(source) > max_bytes:
			return _too_large(len(source), max_bytes)
		return _content_problem(BytesIO(source), max_rows)
	position = source.tell()
	try:
		source.seek(0, 2)
		size = source.tell() - position
		source.seek(position)
		if size > max_bytes:
			return _too_large(size, max_bytes)
		return _content_problem(source, max_rows)
	finally:
		source.seek(position)


def _too_large(size, max_bytes):
	return (
		f"台帐文件有 {_megabytes(size)}，超过 {_megabytes(max_bytes)} 的上限；"
		"请删去多余的工作表、图片和空行，或按市州拆分成几个台帐分别导入"
	)


def _content_problem(stream, max_rows):
	head = stream.read(8)
	stream.seek(0)
	if head == _CFB_MAGIC:
		if _ENCRYPTED_STREAM in stream.read():
			return "工作簿设有打开密码；请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存，再导入"
		return "文件是旧版 .xls 工作簿；请在 Excel 中另存为 .xlsx（Excel 工作簿）后再导入"
	try:
		archive = zipfile.ZipFile(stream)
	except (zipfile.BadZipFile, OSError, ValueError):
		return None  # not a zip: the reader names it as not an .xlsx
	names = _sheet_names(archive)
	for member in archive.namelist():
		if not (member.startswith("xl/worksheets/") and member.endswith(".xml")):
			continue
		rows = _count_rows(archive, member, max_rows)
		if rows is not None and rows > max_rows:
			title = names.get(member, member)
			return (
				f"工作表「{title}」有 {max_rows:,} 行以上（含空行），超过 {max_rows:,} 行的上限；"
				"请在 Excel 中选中末尾的空行删除，或按市州拆分台帐"
			)
	return None


def _count_rows(archive, member, max_rows):
	"""Rows on a sheet (<row elements), streamed: stops once past max_rows. None if unreadable."""
	count, tail = 0, b""
	try:
		with archive.open(member) as f:
			while chunk := f.read(1 << 20):
				data = tail + chunk
				count += data.count(b"<row ") + data.count(b"<row>")
				tail = data[-5:]
				count -= tail.count(b"<row ") + tail.count(b"<row>")  # counted again with the next chunk
				if count > max_rows:
					return count
			count += tail.count(b"<row ") + tail.count(b"<row>")
	except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
		return None  # truncated or damaged: the reader says so
	return count


def _sheet_names(archive):
	"""{worksheet part: sheet title}, from workbook.xml and its relationships (best effort)."""
	import re

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
