"""Opening the workbook and its sheets: the header map and the non-blank rows of each."""

import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from io import BytesIO
from itertools import compress, repeat
from operator import eq, itemgetter
from pathlib import Path

from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook, PasswordError

from springoffer.core import categories
from springoffer.core.ledger.model import LedgerError
from springoffer.core.ledger.sheets import SHEET_ORDER
from springoffer.core.ledger.values import _options, is_blank
from springoffer.core.workbook_checks import sheet_extent_problem
from springoffer.core.workbook_checks import sheet_parts as _sheet_parts


class _Sheet:
	"""One worksheet: its header map, then its non-blank rows, read once and lazily; its cells are
	let go as soon as they are read (a province's ledger is not held in memory twice)."""

	def __init__(self, spec, ws, errors):
		self.spec = spec
		self._ws = ws
		self._errors = errors
		self._opened = False

	@property
	def usable(self):
		self._open()
		return self._usable

	@property
	def columns(self):
		self._open()
		return self._columns

	def _open(self):
		"""Load the sheet (or take it from the other core) and map its header, on first use."""
		if self._opened:
			return
		self._opened = True
		spec, errors = self.spec, self._errors
		self._usable = True
		self._rows, problem = self._ws.rows()
		self._ws = None
		if problem:
			self._usable = False
			errors.append(LedgerError(spec.name, None, problem))
			return
		header = next(self._rows, ())
		self._columns = {}
		wanted = {categories.normalize_label(c): c for c in spec.columns}
		for index, cell in enumerate(header or ()):
			label = categories.normalize_label(cell).strip("*")
			column = wanted.get(label)
			if column is None:
				continue
			if column in self._columns:
				errors.append(
					LedgerError(
						spec.name,
						1,
						f"列「{column}」出现了两次（第 {get_column_letter(self._columns[column] + 1)} 列和第 {get_column_letter(index + 1)} 列）；请删去其中一列",
					)
				)
				continue
			self._columns[column] = index
		self._names = tuple(self._columns)
		for column in spec.required:
			if column not in self._columns:
				self._usable = False
				errors.append(
					LedgerError(
						spec.name,
						1,
						f"缺少必填列「{column}」；请在第 1 行（标题行）加上该列。本表的列为：{_options(spec.columns)}",
					)
				)

	@property
	def rows(self):
		"""(excel row, {column: value}) for each row with something in a known column, blank cells
		None; one pass only."""
		record = self.record
		for number, cells in self.cells():
			yield number, record(cells)

	def cells(self):
		"""(excel row, cells) for each row with something in a known column: the cells of the known
		columns in `positions` order, as read ('' when empty); one pass only. Built with C-level
		steps: at a province's size this loop runs 350,000 times."""
		if not self.usable or self._rows is None:
			return
		rows, self._rows = self._rows, None
		indexes = tuple(self.columns.values())
		pick = itemgetter(*indexes) if len(indexes) > 1 else lambda values: (values[indexes[0]],)
		width = max(indexes) + 1
		empties = ("",) * len(indexes)
		for number, values in enumerate(rows, start=2):
			if len(values) < width:
				values = values + [""] * (width - len(values))
			cells = pick(values)
			if cells == empties:
				continue
			first = cells[0]
			if (not first or (first.__class__ is str and first.isspace())) and all(map(is_blank, cells)):
				continue  # only spaces
			yield number, cells

	@property
	def positions(self):
		"""{column: its index in the tuples cells() yields}."""
		return {column: index for index, column in enumerate(self.columns)}

	def record(self, cells):
		"""{column: value} of one row's cells, blank cells None."""
		names = self._names
		record = dict(zip(names, cells))
		if "" in cells:
			record.update(dict.fromkeys(compress(names, map(eq, cells, repeat(""))), None))
		return record


class _Worksheet:
	"""A sheet as calamine reads it (a Rust reader, ten times openpyxl's speed): rows of values from
	A1 on, '' for an empty cell, numbers as floats, date cells as dates."""

	def __init__(self, workbook, title):
		self.workbook = workbook
		self.title = title

	def rows(self):
		"""(row iterator, None) or (None, why the sheet cannot be read)."""
		sheet, problem = self.workbook.load(self.title)
		if problem:
			return None, problem
		# calamine yields rows from row 1 but columns from the first one used: pad to column A so
		# column letters in messages are the ones Excel shows.
		pad = [""] * sheet.start[1] if sheet.start else []
		return ((pad + row for row in sheet.iter_rows()) if pad else sheet.iter_rows()), None


_DAMAGED = "工作表「{}」无法读取（文件可能已损坏）；请在 Excel 中打开后另存为 .xlsx 再试"


class _Workbook:
	"""A calamine reader over the workbook (a path, read from disk as needed, or the bytes of an
	upload). Each sheet's reach is checked before calamine parses it (sheet_extent_problem). Sheets
	named in ahead() are parsed on another core while Python checks the ones before them: calamine
	lets go of the interpreter while it parses, and one calamine book serves one thread at a time,
	so that thread has a book of its own."""

	def __init__(self, source):
		self._source = source  # a Path or bytes
		self.book = self._open_book()
		self.sheetnames = self.book.sheet_names
		self._ahead = {}
		self._pool = None

	def _open_book(self):
		if isinstance(self._source, Path):
			return CalamineWorkbook.from_path(str(self._source))
		return CalamineWorkbook.from_filelike(BytesIO(self._source))

	def _open_archive(self):
		return zipfile.ZipFile(self._source if isinstance(self._source, Path) else BytesIO(self._source))

	def __getitem__(self, title):
		return _Worksheet(self, title)

	def ahead(self, titles):
		"""Start parsing these sheets, in this order, beside the caller. Each sheet's reach is checked
		here first: the check holds the interpreter, calamine's parse on the other core does not."""
		titles = [t for t in titles if t in self.sheetnames and t not in self._ahead]
		if not titles:
			return
		if self._pool is None:
			self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ledger-sheets")
			self._own_book = self._open_book()
		for title in titles:
			problem = self._extent_problem(title)
			if problem:
				self._ahead[title] = refused = Future()
				refused.set_result((None, problem))
			else:
				self._ahead[title] = self._pool.submit(self._parse, self._own_book, title)

	def load(self, title):
		"""(calamine sheet, None) or (None, why it cannot be read)."""
		future = self._ahead.pop(title, None)
		if future is not None:
			return future.result()
		problem = self._extent_problem(title)
		return (None, problem) if problem else self._parse(self.book, title)

	def _extent_problem(self, title):
		with self._open_archive() as archive:
			member = _sheet_parts(archive).get(title)
			# a sheet whose part cannot be found is not read unchecked
			return sheet_extent_problem(archive, member, title) if member else _DAMAGED.format(title)

	def _parse(self, book, title):
		try:
			return book.get_sheet_by_name(title), None
		except Exception:  # CalamineError, XmlError …: the sheet's XML is damaged
			return None, _DAMAGED.format(title)

	def close(self):
		if self._pool is not None:
			self._pool.shutdown(wait=True, cancel_futures=True)
			self._own_book.close()
		self._ahead.clear()
		self.book.close()


def _load(source):
	"""(workbook, None) or (None, LedgerError)."""
	try:
		if isinstance(source, (bytes, bytearray)):
			source = bytes(source)
		elif isinstance(source, (str, Path)):
			path = Path(source)
			if not path.exists():
				return None, LedgerError(None, None, f"找不到台帐文件 {path}；请检查路径和文件名")
			if path.is_dir():
				return None, LedgerError(None, None, f"{path} 是文件夹，不是台帐文件；请给出 .xlsx 文件的路径")
			source = path
		else:
			source = source.read()
		return _Workbook(source), None
	except PasswordError:
		return None, LedgerError(None, None, "工作簿设有打开密码；请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后再导入")
	except Exception:  # CalamineError, ZipError, XmlError … all mean the same here
		return None, LedgerError(
			None,
			None,
			"文件不是有效的 .xlsx 工作簿（Excel 2007 及以后的格式）；若是 .csv 或已损坏，请在 Excel 中另存为 .xlsx 后再试",
		)


def _find_sheets(workbook):
	found = {}
	by_label = {categories.normalize_label(name): name for name in SHEET_ORDER}
	for title in workbook.sheetnames:
		name = by_label.get(categories.normalize_label(title))
		if name and name not in found:
			found[name] = workbook[title]
	return found


