"""The reader's cell checks: each reports a wrong cell with its sheet, row and how to fix it."""

from springoffer.core import categories
from springoffer.core.ledger import spellings
from springoffer.core.ledger.model import LedgerError
from springoffer.core.ledger.sheets import CONTRACTS, ENTERPRISES, OFFERS, SPECS
from springoffer.core.ledger.values import _clean, _options, is_blank, parse_date, parse_int
from springoffer.core.ledger.workbook import _find_sheets, _Sheet


class CellReader:
	"""Reader part: the sheets found, the errors collected, and each cell's check."""

	def __init__(self, workbook, base_regions):
		self.errors = []
		self.base_regions = dict(base_regions)
		worksheets = _find_sheets(workbook)
		self.sheets = {name: _Sheet(SPECS[name], ws, self.errors) for name, ws in worksheets.items()}
		# parsed on another core while the 企业 sheet is checked here (the 集体合同 rows are read next)
		workbook.ahead([worksheets[name].title for name in (CONTRACTS, OFFERS) if name in worksheets])
		if ENTERPRISES not in self.sheets:
			self.errors.append(
				LedgerError(
					ENTERPRISES,
					None,
					f"缺少必需的工作表「{ENTERPRISES}」；请添加该表，第 1 行写列标题：{_options(SPECS[ENTERPRISES].columns)}",
				)
			)

	def error(self, sheet, row, message, column=None):
		self.errors.append(LedgerError(sheet, row, message, column))

	def usable(self, name):
		sheet = self.sheets.get(name)
		return sheet is not None and sheet.usable

	def rows(self, name):
		sheet = self.sheets.get(name)
		return sheet.rows if sheet is not None and sheet.usable else []

	def sheet(self, name):
		"""The usable sheet called `name`, or None."""
		sheet = self.sheets.get(name)
		return sheet if sheet is not None and sheet.usable else None

	# cells ----------------------------------------------------------

	def text(self, sheet, row, record, column, required=True):
		value = _clean(record.get(column))
		if required and not value:
			self.error(sheet, row, f"请填写「{column}」", column)
		return value

	def date(self, sheet, row, record, column, required=True):
		value = record.get(column)
		if is_blank(value):
			if required:
				self.error(sheet, row, f"请填写「{column}」，格式如 2023-03-15", column)
			return None
		try:
			return parse_date(value)
		except ValueError:
			self.error(sheet, row, f"「{column}」的“{_clean(value)}”不是日期；请填 Excel 日期或 2023-03-15 这样的文字", column)
			return None

	def positive(self, sheet, row, record, column):
		value = record.get(column)
		if is_blank(value):
			self.error(sheet, row, f"请填写「{column}」（大于 0 的整数）", column)
			return None
		try:
			number = parse_int(value)
		except ValueError:
			self.error(sheet, row, f"「{column}」的“{_clean(value)}”不是整数；请填大于 0 的整数", column)
			return None
		if number <= 0:
			self.error(sheet, row, f"「{column}」为 {number}，应大于 0；请填实际人数", column)
			return None
		return number

	def choice(self, sheet, row, record, column, options, blank=None):
		value = _clean(record.get(column))
		if not value:
			if blank is not None:
				return blank
			self.error(sheet, row, f"请填写「{column}」，可选：{_options(options)}", column)
			return None
		option = spellings.meaning(column, value) if column in spellings.SPELLINGS else categories.match_option(value, options)
		if option is None:
			self.error(sheet, row, f"「{column}」的“{value}”不是可选值；请填：{_options(options)}", column)
		return option

	# sheets ---------------------------------------------------------

