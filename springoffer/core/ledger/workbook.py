"""Opening the workbook and its sheets: the header map and the non-blank rows of each."""

from io import BytesIO
from pathlib import Path

from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook, PasswordError

from springoffer.core import categories
from springoffer.core.ledger.model import LedgerError
from springoffer.core.ledger.sheets import SHEET_ORDER
from springoffer.core.ledger.values import _options


class _Sheet:
	"""One worksheet: its header map, then its non-blank rows, read once and lazily (a province's
	ledger need not be held in memory twice)."""

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
		"""Load the sheet and map its header, on first use: the sheets of a province's ledger are
		held in memory one at a time."""
		if self._opened:
			return
		self._opened = True
		spec, errors = self.spec, self._errors
		self._usable = True
		self._rows = self._ws.rows()
		self._ws = None
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
		if not self.usable or self._rows is None:
			return
		rows, self._rows = self._rows, None
		pairs = tuple(self.columns.items())
		width = max(self.columns.values()) + 1
		for number, values in enumerate(rows, start=2):
			if len(values) < width:
				values = values + [""] * (width - len(values))
			record = {
				column: None if (v := values[i]) == "" or v is None or (v.__class__ is str and v.isspace()) else v
				for column, i in pairs
			}
			if any(v is not None for v in record.values()):
				yield number, record


class _Worksheet:
	"""A sheet as calamine reads it (a Rust reader, ten times openpyxl's speed): rows of values from
	A1 on, '' for an empty cell, numbers as floats, date cells as dates. Loaded when first read."""

	def __init__(self, book, title):
		self.book = book
		self.title = title

	def rows(self):
		sheet = self.book.get_sheet_by_name(self.title)
		# calamine yields rows from row 1 but columns from the first one used: pad to column A so
		# column letters in messages are the ones Excel shows.
		pad = [""] * sheet.start[1] if sheet.start else []
		for row in sheet.iter_rows():
			yield pad + row if pad else row


class _Workbook:
	def __init__(self, book):
		self.book = book
		self.sheetnames = book.sheet_names

	def __getitem__(self, title):
		return _Worksheet(self.book, title)

	def close(self):
		self.book.close()


def _load(source):
	"""(workbook, None) or (None, LedgerError)."""
	try:
		if isinstance(source, (bytes, bytearray)):
			stream = BytesIO(source)
		elif isinstance(source, (str, Path)):
			path = Path(source)
			if not path.exists():
				return None, LedgerError(None, None, f"找不到台帐文件 {path}；请检查路径和文件名")
			if path.is_dir():
				return None, LedgerError(None, None, f"{path} 是文件夹，不是台帐文件；请给出 .xlsx 文件的路径")
			stream = BytesIO(path.read_bytes())
		else:
			stream = BytesIO(source.read())
		return _Workbook(CalamineWorkbook.from_filelike(stream)), None
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


