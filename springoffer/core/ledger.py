"""The ledger workbook (台帐): one .xlsx format for the desk's import and the offline command.

Sheets and columns are found by their header text in row 1 (column order is free, extra columns and
extra sheets are ignored, blank rows are skipped):

- 企业 (required): 统一社会信用代码, 企业名称, 企业类型, 所在地区, 职工人数
- 要约: 要约编号, 活动, 要约范围, 统一社会信用代码, 覆盖职工数, 发出日期, 回应情况, 回应日期, 拒绝原因,
  人社部门处理情况 (+ optional 人社部门处理日期). One row per covered enterprise; rows sharing a
  要约编号 are one offer.
- 集体合同: 合同编号, 活动, 合同类型, 统一社会信用代码, 覆盖职工数, 签订日期, 状态 (+ optional 要约编号,
  撤销原因). One row per covered enterprise; rows sharing a 合同编号 are one contract.
- 地区 (optional): 地区, 上级地区 — regions added under the shipped tree.
- 活动 (optional): 名称, 开始日期, 结束日期, 上报截止日期. A campaign named with a year and not listed
  here (2024年春季要约行动) runs 03-01 … 06-30 of that year and is due 06-30.

read_ledger() checks everything and raises LedgerInvalid with every error found (sheet, Excel row,
a Chinese message saying how to fix it) — a ledger is taken whole or not at all. No Frappe here.
"""

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from springoffer.core import categories, clocks, credit_code, i18n
from springoffer.core.categories import split_choice  # noqa: F401  (part of this module's API)
from springoffer.core.counting import ContractLine, Enterprise, OfferLine, RegionTree, count_annex

# Sheets
ENTERPRISES = "企业"
OFFERS = "要约"
CONTRACTS = "集体合同"
REGIONS = "地区"
CAMPAIGNS = "活动"
SHEET_ORDER = (ENTERPRISES, OFFERS, CONTRACTS, REGIONS, CAMPAIGNS)

# Columns
CODE = "统一社会信用代码"
NAME = "企业名称"
CATEGORY = "企业类型"
REGION = "所在地区"
EMPLOYEES = "职工人数"
OFFER_NO = "要约编号"
CAMPAIGN = "活动"
SCOPE = "要约范围"
WORKERS = "覆盖职工数"
DATE_SENT = "发出日期"
RESPONSE = "回应情况"
RESPONSE_DATE = "回应日期"
REFUSAL_REASON = "拒绝原因"
HRSS_HANDLING = "人社部门处理情况"
HRSS_HANDLING_DATE = "人社部门处理日期"
CONTRACT_NO = "合同编号"
KIND = "合同类型"
SIGNING_DATE = "签订日期"
STATUS = "状态"
CANCELLATION_REASON = "撤销原因"
REGION_NAME = "地区"
PARENT_REGION = "上级地区"
CAMPAIGN_NAME = "名称"
START = "开始日期"
END = "结束日期"
DUE = "上报截止日期"

CANCELLED = "已撤销"


@dataclass(frozen=True)
class SheetSpec:
	name: str
	required: tuple
	optional: tuple = ()
	widths: dict = field(default_factory=dict)

	@property
	def columns(self):
		return self.required + self.optional


SPECS = {
	ENTERPRISES: SheetSpec(
		ENTERPRISES,
		(CODE, NAME, CATEGORY, REGION, EMPLOYEES),
		widths={CODE: 22, NAME: 36, CATEGORY: 30, REGION: 14, EMPLOYEES: 10},
	),
	OFFERS: SheetSpec(
		OFFERS,
		(OFFER_NO, CAMPAIGN, SCOPE, CODE, WORKERS, DATE_SENT, RESPONSE, RESPONSE_DATE, REFUSAL_REASON, HRSS_HANDLING),
		(HRSS_HANDLING_DATE,),
		widths={OFFER_NO: 16, CAMPAIGN: 22, SCOPE: 10, CODE: 22, WORKERS: 11, DATE_SENT: 12, RESPONSE: 11, RESPONSE_DATE: 12, REFUSAL_REASON: 36, HRSS_HANDLING: 40, HRSS_HANDLING_DATE: 16},
	),
	CONTRACTS: SheetSpec(
		CONTRACTS,
		(CONTRACT_NO, CAMPAIGN, KIND, CODE, WORKERS, SIGNING_DATE, STATUS),
		(OFFER_NO, CANCELLATION_REASON),
		widths={CONTRACT_NO: 16, CAMPAIGN: 22, KIND: 26, CODE: 22, WORKERS: 11, SIGNING_DATE: 12, STATUS: 9, OFFER_NO: 16, CANCELLATION_REASON: 30},
	),
	REGIONS: SheetSpec(REGIONS, (REGION_NAME, PARENT_REGION), widths={REGION_NAME: 18, PARENT_REGION: 18}),
	CAMPAIGNS: SheetSpec(
		CAMPAIGNS,
		(CAMPAIGN_NAME, START, END, DUE),
		widths={CAMPAIGN_NAME: 24, START: 12, END: 12, DUE: 14},
	),
}
DATE_COLUMNS = {DATE_SENT, RESPONSE_DATE, HRSS_HANDLING_DATE, SIGNING_DATE, START, END, DUE}

# Campaigns named only by their year run over the notice's spring months.
DEFAULT_START = (3, 1)
DEFAULT_END = (6, 30)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass(frozen=True)
class LedgerError:
	"""One thing wrong in the workbook. row is the Excel row number (None: the sheet or file as a whole)."""

	sheet: str | None
	row: int | None
	message: str

	def __str__(self):
		if self.sheet is None:
			return f"台帐文件：{self.message}"
		if self.row is None:
			return f"工作表「{self.sheet}」：{self.message}"
		return f"工作表「{self.sheet}」第 {self.row} 行：{self.message}"


class LedgerInvalid(Exception):
	"""The workbook has errors; `errors` lists every one of them."""

	def __init__(self, errors):
		self.errors = list(errors)
		super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class Campaign:
	name: str
	start: date
	end: date
	report_due: date

	@property
	def year(self):
		return self.start.year


@dataclass(frozen=True)
class Offer:
	"""One 要约编号: the offer-level fields and the enterprises it covers."""

	number: str
	campaign: str
	scope: str
	date_sent: date
	response: str
	response_date: date | None
	refusal_reason: str
	hrss_handling: str
	hrss_handling_date: date | None
	coverage: tuple  # ((credit code, covered workers), …) in row order
	row: int  # first Excel row of the offer

	@property
	def response_due(self):
		return clocks.response_due(self.date_sent)


@dataclass(frozen=True)
class Contract:
	"""One 合同编号: the contract-level fields and the enterprises it covers."""

	number: str
	campaign: str
	kind: str
	signing_date: date
	cancelled: bool
	offer: str  # 要约编号 it came from, or ""
	cancellation_reason: str
	coverage: tuple  # ((credit code, covered workers), …)
	row: int


@dataclass
class Ledger:
	enterprises: list  # counting.Enterprise, key = normalised 统一社会信用代码, in row order
	employees: dict  # credit code → 职工人数
	offer_lines: list  # counting.OfferLine, one per 要约 row
	contract_lines: list  # counting.ContractLine, one per 集体合同 row
	regions: dict  # region → parent: the shipped tree plus the 地区 sheet
	campaigns: dict  # name → Campaign: the 活动 sheet plus campaigns named with a year
	offers: dict = field(default_factory=dict)  # 要约编号 → Offer
	contracts: dict = field(default_factory=dict)  # 合同编号 → Contract
	added_regions: dict = field(default_factory=dict)  # region → parent, from the 地区 sheet only

	@property
	def offer_scopes(self):
		return {number: offer.scope for number, offer in self.offers.items()}

	@property
	def contract_kinds(self):
		return {number: contract.kind for number, contract in self.contracts.items()}

	def enterprise(self, key):
		return next((e for e in self.enterprises if e.key == key), None)

	def tree(self):
		return RegionTree(self.regions)

	def latest_campaign(self):
		"""The campaign that starts last (the only one, usually); None in an empty ledger."""
		if not self.campaigns:
			return None
		return max(self.campaigns.values(), key=lambda c: (c.start, c.name))

	def annex(self, unit, campaign, as_of):
		"""counting.count_annex over this ledger (campaign: a name)."""
		return count_annex(self.enterprises, self.offer_lines, self.contract_lines, self.tree(), campaign, unit, as_of)


# ---------------------------------------------------------------- cell values


def _clean(value):
	"""A cell as stripped text ('' for empty); whole floats lose their '.0'."""
	if value is None:
		return ""
	if isinstance(value, float) and value.is_integer():
		value = int(value)
	if isinstance(value, datetime):
		value = value.date() if value.time() == datetime.min.time() else value
	if isinstance(value, date):
		return value.isoformat()
	return str(value).strip()


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def parse_date(value):
	"""A date from an Excel date/datetime cell or a 'YYYY-MM-DD' text; ValueError otherwise."""
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	if isinstance(value, str):
		text = unicodedata.normalize("NFKC", value).strip()
		match = _DATE_TEXT.match(text)
		if match:
			return date(*(int(g) for g in match.groups()))  # ValueError for 2023-02-30
	raise ValueError(value)


def parse_int(value):
	"""A whole number from a number cell or a text of digits; ValueError otherwise."""
	if isinstance(value, bool):
		raise ValueError(value)
	if isinstance(value, int):
		return value
	if isinstance(value, float):
		if value.is_integer():
			return int(value)
		raise ValueError(value)
	if isinstance(value, str):
		text = unicodedata.normalize("NFKC", value).strip().replace(",", "")
		if re.fullmatch(r"[+-]?\d+", text):
			return int(text)
		if re.fullmatch(r"[+-]?\d+\.0*", text):
			return int(text.split(".")[0])
	raise ValueError(value)


def normalize_code(value):
	return credit_code.normalize(unicodedata.normalize("NFKC", _clean(value)))


# Chinese wording of credit_code.check's messages, used when translations/zh.csv lacks one.
_CODE_MESSAGES = {
	"Unified Social Credit Code must have 18 characters, got {0}; copy it from the business licence": "统一社会信用代码应为 18 位，实为 {0} 位，请照营业执照填写",
	"Unified Social Credit Code contains characters not allowed (I, O, S, V, Z and symbols): {0}": "统一社会信用代码含有不允许的字符（I、O、S、V、Z 及符号）：{0}",
	"Unified Social Credit Code starts with {0}, which is not a registration authority and organisation type pair; check the first two characters": "统一社会信用代码以 {0} 开头，不是有效的登记管理部门和机构类别代码，请核对前两位",
	"Characters 3 to 8 of the Unified Social Credit Code must be the 6-digit administrative division code, got {0}; check the code": "统一社会信用代码第 3 至 8 位应为 6 位行政区划码，实为 {0}，请核对代码",
	"The organisation code {0} inside the Unified Social Credit Code has a wrong check character (expected {1}); check the code against the business licence": "统一社会信用代码中的组织机构代码 {0} 校验位错误（应为 {1}），请对照营业执照核对",
	"The last character of the Unified Social Credit Code is wrong (expected {0} for {1}); check the code against the business licence": "统一社会信用代码校验码错误（{1} 的校验码应为 {0}），请对照营业执照核对",
}


def code_error_text(error):
	"""credit_code.check's CodeError in Chinese."""
	translated = i18n.messages("zh").get(error.message)
	template = translated or _CODE_MESSAGES.get(error.message) or "统一社会信用代码无效，请对照营业执照核对"
	try:
		return template.format(*error.args)
	except (IndexError, KeyError):
		return template


def _options(values):
	return "、".join(values)


# ---------------------------------------------------------------- reading


class _Sheet:
	"""One worksheet: its header map and its non-blank rows as (excel row, {column: value})."""

	def __init__(self, spec, ws, errors):
		self.spec = spec
		self.usable = True
		if hasattr(ws, "reset_dimensions"):
			ws.reset_dimensions()  # read-only mode trusts the file's <dimension>, which some writers get wrong
		rows = ws.iter_rows(values_only=True)
		header = next(rows, ())
		self.columns = {}
		wanted = {categories.normalize_label(c): c for c in spec.columns}
		for index, cell in enumerate(header or ()):
			label = categories.normalize_label(cell).strip("*")
			column = wanted.get(label)
			if column is None:
				continue
			if column in self.columns:
				errors.append(
					LedgerError(
						spec.name,
						1,
						f"列「{column}」出现了两次（第 {get_column_letter(self.columns[column] + 1)} 列和第 {get_column_letter(index + 1)} 列）；请删去其中一列",
					)
				)
				continue
			self.columns[column] = index
		for column in spec.required:
			if column not in self.columns:
				self.usable = False
				errors.append(
					LedgerError(
						spec.name,
						1,
						f"缺少必填列「{column}」；请在第 1 行（标题行）加上该列。本表的列为：{_options(spec.columns)}",
					)
				)
		self.rows = []
		if not self.usable:
			return
		for number, values in enumerate(rows, start=2):
			record = {}
			for column, index in self.columns.items():
				value = values[index] if index < len(values) else None
				if isinstance(value, str) and not value.strip():
					value = None
				record[column] = value
			if any(v is not None for v in record.values()):
				self.rows.append((number, record))


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
		return load_workbook(stream, read_only=True, data_only=True), None
	except Exception:  # zipfile.BadZipFile, InvalidFileException, KeyError … all mean the same here
		return None, LedgerError(
			None,
			None,
			"文件不是有效的 .xlsx 工作簿（Excel 2007 及以后的格式）；若是 .xls 或 .csv，请在 Excel 中另存为 .xlsx 后再试",
		)


def _find_sheets(workbook):
	found = {}
	by_label = {categories.normalize_label(name): name for name in SHEET_ORDER}
	for title in workbook.sheetnames:
		name = by_label.get(categories.normalize_label(title))
		if name and name not in found:
			found[name] = workbook[title]
	return found


class _Reader:
	def __init__(self, workbook, base_regions):
		self.errors = []
		self.base_regions = dict(base_regions)
		worksheets = _find_sheets(workbook)
		self.sheets = {name: _Sheet(SPECS[name], ws, self.errors) for name, ws in worksheets.items()}
		if ENTERPRISES not in self.sheets:
			self.errors.append(
				LedgerError(
					ENTERPRISES,
					None,
					f"缺少必需的工作表「{ENTERPRISES}」；请添加该表，第 1 行写列标题：{_options(SPECS[ENTERPRISES].columns)}",
				)
			)

	def error(self, sheet, row, message):
		self.errors.append(LedgerError(sheet, row, message))

	def usable(self, name):
		sheet = self.sheets.get(name)
		return sheet is not None and sheet.usable

	def rows(self, name):
		sheet = self.sheets.get(name)
		return sheet.rows if sheet is not None and sheet.usable else []

	# cells ----------------------------------------------------------

	def text(self, sheet, row, record, column, required=True):
		value = _clean(record.get(column))
		if required and not value:
			self.error(sheet, row, f"请填写「{column}」")
		return value

	def date(self, sheet, row, record, column, required=True):
		value = record.get(column)
		if value is None:
			if required:
				self.error(sheet, row, f"请填写「{column}」，格式如 2023-03-15")
			return None
		try:
			return parse_date(value)
		except ValueError:
			self.error(sheet, row, f"「{column}」的“{_clean(value)}”不是日期；请填 Excel 日期或 2023-03-15 这样的文字")
			return None

	def positive(self, sheet, row, record, column):
		value = record.get(column)
		if value is None:
			self.error(sheet, row, f"请填写「{column}」（大于 0 的整数）")
			return None
		try:
			number = parse_int(value)
		except ValueError:
			self.error(sheet, row, f"「{column}」的“{_clean(value)}”不是整数；请填大于 0 的整数")
			return None
		if number <= 0:
			self.error(sheet, row, f"「{column}」为 {number}，应大于 0；请填实际人数")
			return None
		return number

	def choice(self, sheet, row, record, column, options, blank=None):
		value = _clean(record.get(column))
		if not value:
			if blank is not None:
				return blank
			self.error(sheet, row, f"请填写「{column}」，可选：{_options(options)}")
			return None
		option = categories.match_option(value, options)
		if option is None:
			self.error(sheet, row, f"「{column}」的“{value}”不是可选值；请填：{_options(options)}")
		return option

	# sheets ---------------------------------------------------------

	def read_regions(self):
		"""The shipped tree plus the 地区 sheet, each added region hanging from a known one."""
		self.regions = dict(self.base_regions)
		self.added_regions = {}
		pending = []  # (row, region, parent)
		seen = {}
		for row, record in self.rows(REGIONS):
			region = self.text(REGIONS, row, record, REGION_NAME)
			parent = self.text(REGIONS, row, record, PARENT_REGION)
			if not region or not parent:
				continue
			if region == parent:
				self.error(REGIONS, row, f"地区「{region}」的上级地区不能是它自己；请填它所属的市州或县市区")
				continue
			if region in self.base_regions:
				if self.base_regions[region] != parent:
					self.error(
						REGIONS,
						row,
						f"地区「{region}」已在内置地区树中，上级为「{self.base_regions[region]}」，不能改为「{parent}」；请删去此行或改正上级地区",
					)
				continue
			if region in seen:
				if seen[region][1] != parent:
					self.error(
						REGIONS,
						row,
						f"地区「{region}」在第 {seen[region][0]} 行已填上级「{seen[region][1]}」，此处又填「{parent}」；一个地区只能有一个上级",
					)
				continue
			seen[region] = (row, parent)
			pending.append((row, region, parent))
		# Parents may come after their children: add whatever hangs from a known region until nothing moves.
		progress = True
		while pending and progress:
			progress = False
			for item in list(pending):
				row, region, parent = item
				if parent in self.regions:
					self.regions[region] = parent
					self.added_regions[region] = parent
					pending.remove(item)
					progress = True
		names = set(self.regions) | {region for _, region, _ in pending}
		for row, region, parent in pending:
			if parent not in names:
				self.error(
					REGIONS,
					row,
					f"上级地区「{parent}」不在内置地区树中，也未在本表列出；请填湖南省或市州名称，或先在本表添加「{parent}」",
				)
			else:
				self.error(
					REGIONS,
					row,
					f"地区「{region}」与上级「{parent}」互为上下级（循环）；请让每个地区最终归属到湖南省或某个市州",
				)
		# Regions of an unreadable 地区 sheet are unknown, not wrong: do not blame every enterprise for them.
		self.regions_checked = REGIONS not in self.sheets or self.sheets[REGIONS].usable

	def read_campaigns(self):
		self.campaigns = {}
		self.campaign_rows = {}
		for row, record in self.rows(CAMPAIGNS):
			name = self.text(CAMPAIGNS, row, record, CAMPAIGN_NAME)
			start = self.date(CAMPAIGNS, row, record, START)
			end = self.date(CAMPAIGNS, row, record, END)
			due = self.date(CAMPAIGNS, row, record, DUE)
			if not name:
				continue
			if name in self.campaign_rows:
				self.error(CAMPAIGNS, row, f"活动「{name}」在第 {self.campaign_rows[name]} 行已列出；请删去重复的一行")
				continue
			self.campaign_rows[name] = row
			if start and end and end < start:
				self.error(CAMPAIGNS, row, f"结束日期 {end} 早于开始日期 {start}；请改正日期")
				continue
			if start and due and due < start:
				self.error(CAMPAIGNS, row, f"上报截止日期 {due} 早于开始日期 {start}；请改正日期")
				continue
			if start and end and due:
				self.campaigns[name] = Campaign(name, start, end, due)
		self.campaigns_checked = CAMPAIGNS not in self.sheets or self.sheets[CAMPAIGNS].usable

	def campaign(self, sheet, row, name):
		"""The Campaign a row names, inventing the spring default for a '2024年…' name; None if unknown."""
		if not name:
			return None
		if name in self.campaigns:
			return self.campaigns[name]
		if name in self.campaign_rows or not self.campaigns_checked:
			return None  # its 活动 row is already reported
		match = _YEAR.search(name)
		if match is None:
			self.error(
				sheet,
				row,
				f"活动「{name}」不在「{CAMPAIGNS}」工作表中，名称里也没有年份；请在「{CAMPAIGNS}」工作表添加该活动"
				f"（{_options(SPECS[CAMPAIGNS].columns)}），或用“2024年春季要约行动”这样带年份的名称",
			)
			return None
		year = int(match.group(1))
		campaign = Campaign(name, date(year, *DEFAULT_START), date(year, *DEFAULT_END), date(year, *DEFAULT_END))
		self.campaigns[name] = campaign
		return campaign

	def read_enterprises(self):
		self.enterprises = []
		self.employees = {}
		self.known = {}  # credit code → (row, employees or None): enterprises other sheets may name
		self.enterprises_checked = self.usable(ENTERPRISES)
		for row, record in self.rows(ENTERPRISES):
			raw = _clean(record.get(CODE))
			code = normalize_code(raw)
			valid = False
			if not code:
				self.error(ENTERPRISES, row, f"请填写「{CODE}」（18 位，见营业执照）")
			else:
				problem = credit_code.check(code)
				if problem:
					self.error(ENTERPRISES, row, f"{code_error_text(problem)}（所填：{raw}）")
				elif code in self.known:
					self.error(
						ENTERPRISES,
						row,
						f"{CODE} {code} 与第 {self.known[code][0]} 行重复；同一企业只登记一行，请删去或改正其中一行",
					)
				else:
					valid = True
			name = self.text(ENTERPRISES, row, record, NAME)
			category = self.choice(ENTERPRISES, row, record, CATEGORY, categories.REPORT_CATEGORIES)
			region = self.text(ENTERPRISES, row, record, REGION)
			if region and self.regions_checked and region not in self.regions:
				self.error(
					ENTERPRISES,
					row,
					f"所在地区「{region}」不在地区树中；请填湖南省、市州或县市区名称，县市区须先在「{REGIONS}」工作表中列出（地区、上级地区）",
				)
				region = None
			employees = self.positive(ENTERPRISES, row, record, EMPLOYEES)
			if valid:
				self.known[code] = (row, employees)
				if name and category and region:
					self.enterprises.append(Enterprise(key=code, name=name, category=category, region=region))
				if employees is not None:
					self.employees[code] = employees

	def covered(self, sheet, row, record):
		"""(credit code, workers) of one coverage row; code None when it names no registered enterprise."""
		raw = _clean(record.get(CODE))
		code = normalize_code(raw)
		if not code:
			self.error(sheet, row, f"请填写「{CODE}」（须是「{ENTERPRISES}」工作表中已登记的企业）")
			code = None
		elif self.enterprises_checked and code not in self.known:
			problem = credit_code.check(code)
			if problem:
				self.error(sheet, row, f"{code_error_text(problem)}（所填：{raw}）")
			else:
				self.error(
					sheet,
					row,
					f"{CODE} {code} 的企业不在「{ENTERPRISES}」工作表中；请先在「{ENTERPRISES}」工作表登记该企业，或改正代码",
				)
			code = None
		elif not self.enterprises_checked:
			code = None
		workers = self.positive(sheet, row, record, WORKERS)
		if code and workers is not None:
			employees = self.known[code][1]
			if employees is not None and workers > employees:
				self.error(
					sheet,
					row,
					f"覆盖职工数 {workers} 超过该企业的职工人数 {employees}（「{ENTERPRISES}」工作表第 {self.known[code][0]} 行）；请改正其中一个数字",
				)
		return code, workers

	def _agree(self, sheet, key_label, key, rows, fields):
		"""Every row of one offer/contract repeats the same `fields`; report the rows that differ from the first."""
		first_row, first = rows[0]
		for row, values in rows[1:]:
			for label in fields:
				a, b = first.get(label), values.get(label)
				if a is _UNREADABLE or b is _UNREADABLE:
					continue
				if a != b:
					self.error(
						sheet,
						row,
						f"{key_label} {key} 的「{label}」为“{_show(b)}”，与第 {first_row} 行的“{_show(a)}”不一致；同一{key_label[:2]}的各行应填得相同",
					)

	def _coverage(self, sheet, key_label, key, rows):
		coverage, seen = [], {}
		for row, values in rows:
			code, workers = values["_code"], values["_workers"]
			if code is None:
				continue
			if code in seen:
				self.error(
					sheet,
					row,
					f"{key_label} {key} 已在第 {seen[code]} 行覆盖企业 {code}；同一企业在一个{key_label[:2]}中只填一行，请删去重复行",
				)
				continue
			seen[code] = row
			if workers is not None:
				coverage.append((code, workers))
		return coverage

	def read_offers(self):
		self.offers = {}
		self.offer_lines = []
		groups = {}
		for row, record in self.rows(OFFERS):
			number = self.text(OFFERS, row, record, OFFER_NO)
			name = self.text(OFFERS, row, record, CAMPAIGN)
			campaign = self.campaign(OFFERS, row, name)
			values = {
				CAMPAIGN: name,
				SCOPE: self.choice(OFFERS, row, record, SCOPE, categories.OFFER_SCOPES) or _UNREADABLE,
				DATE_SENT: self.date(OFFERS, row, record, DATE_SENT) or _UNREADABLE,
				RESPONSE: self.choice(OFFERS, row, record, RESPONSE, categories.RESPONSES, blank=categories.PENDING) or _UNREADABLE,
				RESPONSE_DATE: _or_unreadable(record.get(RESPONSE_DATE), self.date(OFFERS, row, record, RESPONSE_DATE, required=False)),
				REFUSAL_REASON: _clean(record.get(REFUSAL_REASON)),
				HRSS_HANDLING: _clean(record.get(HRSS_HANDLING)),
				HRSS_HANDLING_DATE: _or_unreadable(
					record.get(HRSS_HANDLING_DATE), self.date(OFFERS, row, record, HRSS_HANDLING_DATE, required=False)
				),
				"_campaign": campaign,
			}
			values["_code"], values["_workers"] = self.covered(OFFERS, row, record)
			if number:
				groups.setdefault(number, []).append((row, values))
		for number, rows in groups.items():
			self._offer(number, rows)

	def _offer(self, number, rows):
		self._agree(OFFERS, OFFER_NO, number, rows, (CAMPAIGN, SCOPE, DATE_SENT, RESPONSE, RESPONSE_DATE))
		first_row, first = rows[0]
		# Texts of the whole offer may be written on one row only, but must not contradict each other.
		texts = {}
		for label in (REFUSAL_REASON, HRSS_HANDLING, HRSS_HANDLING_DATE):
			filled = [(row, v[label]) for row, v in rows if v[label] not in ("", None, _UNREADABLE)]
			for row, value in filled[1:]:
				if value != filled[0][1]:
					self.error(
						OFFERS,
						row,
						f"要约编号 {number} 的「{label}」与第 {filled[0][0]} 行不一致；一个要约只有一个{label}，请只填一处或填得相同",
					)
			texts[label] = filled[0][1] if filled else (_UNREADABLE if any(v[label] is _UNREADABLE for _, v in rows) else None)
		coverage = self._coverage(OFFERS, OFFER_NO, number, rows)
		scope, sent, response, answered = first[SCOPE], first[DATE_SENT], first[RESPONSE], first[RESPONSE_DATE]
		campaign = first["_campaign"]
		if scope == categories.SCOPE_SINGLE and len(rows) > 1:
			self.error(
				OFFERS,
				first_row,
				f"要约编号 {number} 的要约范围为「{categories.SCOPE_SINGLE}」，却有 {len(rows)} 行（第 {'、'.join(str(r) for r, _ in rows)} 行）；"
				f"覆盖多家企业请填「{categories.SCOPE_INDUSTRY}」或「{categories.SCOPE_REGIONAL}」，否则请给每个要约单独编号",
			)
		if campaign and sent is not _UNREADABLE and not (campaign.start <= sent <= campaign.end):
			self.error(
				OFFERS,
				first_row,
				f"发出日期 {sent} 不在活动「{campaign.name}」期间（{campaign.start} 至 {campaign.end}）；"
				f"请核对日期，或在「{CAMPAIGNS}」工作表写明该活动的起止日期",
			)
		if response is not _UNREADABLE and answered is not _UNREADABLE:
			if response == categories.PENDING and answered:
				self.error(
					OFFERS,
					first_row,
					f"回应情况为「{categories.PENDING}」（或空白），却填了回应日期 {answered}；企业已回应请填回应情况，否则请清除回应日期",
				)
			elif response != categories.PENDING and not answered:
				self.error(OFFERS, first_row, f"回应情况为「{response}」，请填写回应日期")
			elif answered and sent is not _UNREADABLE and answered < sent:
				self.error(OFFERS, first_row, f"回应日期 {answered} 早于发出日期 {sent}；请核对两个日期")
		reason = texts[REFUSAL_REASON]
		if response == categories.REFUSED and not reason:
			self.error(
				OFFERS,
				first_row,
				f"回应情况为「{categories.REFUSED}」，请填写拒绝原因（如：{categories.REFUSAL_REASONS[0]}：具体情况）",
			)
		handled_on = texts[HRSS_HANDLING_DATE]
		if handled_on not in (None, _UNREADABLE):
			if not texts[HRSS_HANDLING]:
				self.error(OFFERS, first_row, f"填了人社部门处理日期 {handled_on}，请同时填写人社部门处理情况，或清除该日期")
			if answered not in (None, _UNREADABLE) and handled_on < answered:
				self.error(OFFERS, first_row, f"人社部门处理日期 {handled_on} 早于回应日期 {answered}；请核对两个日期")
		broken = (
			campaign is None
			or any(v is _UNREADABLE for v in (scope, sent, response, answered))
			or any(values["_code"] is None or values["_workers"] is None for _, values in rows)
		)
		if broken or number in self.offers:
			return
		offer = Offer(
			number=number,
			campaign=campaign.name,
			scope=scope,
			date_sent=sent,
			response=response,
			response_date=answered,
			refusal_reason=reason or "",
			hrss_handling=texts[HRSS_HANDLING] or "",
			hrss_handling_date=handled_on if handled_on is not _UNREADABLE else None,
			coverage=tuple(coverage),
			row=first_row,
		)
		self.offers[number] = offer
		for code, workers in coverage:
			self.offer_lines.append(
				OfferLine(
					offer=number,
					campaign=campaign.name,
					enterprise=code,
					workers=workers,
					date_sent=sent,
					response=response,
					response_date=answered,
					refusal_reason=offer.refusal_reason,
					hrss_handling=offer.hrss_handling,
				)
			)

	def read_contracts(self):
		self.contracts = {}
		self.contract_lines = []
		groups = {}
		for row, record in self.rows(CONTRACTS):
			number = self.text(CONTRACTS, row, record, CONTRACT_NO)
			name = self.text(CONTRACTS, row, record, CAMPAIGN)
			campaign = self.campaign(CONTRACTS, row, name)
			status = _clean(record.get(STATUS))
			if status and categories.normalize_label(status) != CANCELLED:
				self.error(
					CONTRACTS,
					row,
					f"「{STATUS}」的“{status}”无法识别；已签订的合同请留空，已撤销的合同请填「{CANCELLED}」",
				)
				cancelled = _UNREADABLE
			else:
				cancelled = bool(status)
			values = {
				CAMPAIGN: name,
				KIND: self.choice(CONTRACTS, row, record, KIND, categories.CONTRACT_KINDS) or _UNREADABLE,
				SIGNING_DATE: self.date(CONTRACTS, row, record, SIGNING_DATE) or _UNREADABLE,
				STATUS: cancelled,
				OFFER_NO: _clean(record.get(OFFER_NO)),
				CANCELLATION_REASON: _clean(record.get(CANCELLATION_REASON)),
				"_campaign": campaign,
			}
			values["_code"], values["_workers"] = self.covered(CONTRACTS, row, record)
			offer_no = values[OFFER_NO]
			if offer_no and self.usable(OFFERS):
				offer = self.offers.get(offer_no)
				if offer is None:
					if not any(_clean(r.get(OFFER_NO)) == offer_no for _, r in self.rows(OFFERS)):
						self.error(
							CONTRACTS,
							row,
							f"要约编号 {offer_no} 不在「{OFFERS}」工作表中；请改正编号，或清空此格（合同可以没有要约）",
						)
				else:
					if campaign and offer.campaign != campaign.name:
						self.error(
							CONTRACTS,
							row,
							f"合同属于活动「{campaign.name}」，其要约 {offer_no} 却属于「{offer.campaign}」；请核对活动或要约编号",
						)
					if values["_code"] and values["_code"] not in {code for code, _ in offer.coverage}:
						self.error(
							CONTRACTS,
							row,
							f"要约 {offer_no} 没有覆盖企业 {values['_code']}；请核对要约编号或统一社会信用代码",
						)
			if offer_no and not self.usable(OFFERS) and OFFERS not in self.sheets:
				self.error(CONTRACTS, row, f"填了要约编号 {offer_no}，但台帐中没有「{OFFERS}」工作表；请补上该表或清空此格")
			if number:
				groups.setdefault(number, []).append((row, values))
		for number, rows in groups.items():
			self._contract(number, rows)

	def _contract(self, number, rows):
		self._agree(CONTRACTS, CONTRACT_NO, number, rows, (CAMPAIGN, KIND, SIGNING_DATE, STATUS, OFFER_NO))
		first_row, first = rows[0]
		coverage = self._coverage(CONTRACTS, CONTRACT_NO, number, rows)
		campaign, kind, signed, cancelled = first["_campaign"], first[KIND], first[SIGNING_DATE], first[STATUS]
		reasons = [v[CANCELLATION_REASON] for _, v in rows if v[CANCELLATION_REASON]]
		broken = (
			campaign is None
			or any(v is _UNREADABLE for v in (kind, signed, cancelled))
			or any(values["_code"] is None or values["_workers"] is None for _, values in rows)
		)
		if broken or number in self.contracts:
			return
		self.contracts[number] = Contract(
			number=number,
			campaign=campaign.name,
			kind=kind,
			signing_date=signed,
			cancelled=cancelled,
			offer=first[OFFER_NO],
			cancellation_reason=reasons[0] if reasons else "",
			coverage=tuple(coverage),
			row=first_row,
		)
		for code, workers in coverage:
			self.contract_lines.append(ContractLine(number, campaign.name, code, workers, signed, cancelled))


class _Unreadable:
	"""A cell that was reported as wrong: compares with nothing, counts as missing."""

	def __repr__(self):
		return "<unreadable>"


_UNREADABLE = _Unreadable()


def _or_unreadable(raw, parsed):
	if raw is None:
		return None
	return _UNREADABLE if parsed is None else parsed


def _show(value):
	if value is None or value == "":
		return "（空白）"
	if value is True:
		return CANCELLED
	if value is False:
		return "（空白）"
	return str(value)


def _default_regions():
	from springoffer.core import regions

	shipped = getattr(regions, "BASE_REGIONS", None)
	return dict(shipped) if shipped is not None else regions.base_regions()


def _sort_key(error):
	sheet = SHEET_ORDER.index(error.sheet) if error.sheet in SHEET_ORDER else -1
	return (sheet, error.row or 0)


def read_ledger(source, base_regions=None):
	"""The Ledger in `source` (a path, bytes or a binary file object); LedgerInvalid lists every error.

	base_regions: region → parent of the shipped tree (default: springoffer.core.regions').
	"""
	if base_regions is None:
		base_regions = _default_regions()
	workbook, problem = _load(source)
	if problem:
		raise LedgerInvalid([problem])
	try:
		reader = _Reader(workbook, base_regions)
		reader.read_regions()
		reader.read_campaigns()
		reader.read_enterprises()
		reader.read_offers()
		reader.read_contracts()
	finally:
		workbook.close()
	if reader.errors:
		raise LedgerInvalid(sorted(reader.errors, key=_sort_key))
	return Ledger(
		enterprises=reader.enterprises,
		employees=reader.employees,
		offer_lines=reader.offer_lines,
		contract_lines=reader.contract_lines,
		regions=reader.regions,
		campaigns=reader.campaigns,
		offers=reader.offers,
		contracts=reader.contracts,
		added_regions=reader.added_regions,
	)


# ---------------------------------------------------------------- writing

HEADER_FONT = Font(bold=True)
DATE_FORMAT = "yyyy-mm-dd"

NOTES = (
	"台帐填写说明",
	"1. 每张表第 1 行是列标题，按标题认列：列的顺序可以调整，可以增加其他列，空行会被跳过。",
	f"2. 「{ENTERPRISES}」表必填；「{OFFERS}」「{CONTRACTS}」表每行是一家被覆盖的企业，同一编号的多行是同一份要约或合同，活动、范围或类型、日期、回应须一致。",
	f"3. 企业类型四选一：{_options(categories.REPORT_CATEGORIES)}（括号全角半角均可）。",
	f"4. 要约范围：{_options(categories.OFFER_SCOPES)}；回应情况：{_options(categories.RESPONSES)}，空白视为待回应；拒绝协商须填拒绝原因。",
	f"5. 合同类型：{_options(categories.CONTRACT_KINDS)}；状态留空表示已签订，已撤销的合同填「{CANCELLED}」。",
	"6. 日期填 Excel 日期或 2023-03-15 这样的文字；人数填大于 0 的整数，覆盖职工数不超过企业职工人数。",
	f"7. 县市区请先在「{REGIONS}」表列出（地区、上级地区）；「{CAMPAIGNS}」表可写明活动的起止和上报截止日期，未列出的“2024年春季要约行动”按当年 3 月 1 日至 6 月 30 日计。",
)

_DROPDOWNS = {
	CATEGORY: categories.REPORT_CATEGORIES,
	SCOPE: categories.OFFER_SCOPES,
	RESPONSE: categories.RESPONSES,
	KIND: categories.CONTRACT_KINDS,
	STATUS: (CANCELLED,),
}


def _write_workbook(rows_by_sheet):
	wb = Workbook()
	wb.remove(wb.active)
	for name in SHEET_ORDER:
		spec = SPECS[name]
		ws = wb.create_sheet(name)
		for index, column in enumerate(spec.columns, start=1):
			cell = ws.cell(row=1, column=index, value=column)
			cell.font = HEADER_FONT
			cell.alignment = Alignment(horizontal="center", vertical="center")
			ws.column_dimensions[get_column_letter(index)].width = spec.widths.get(column, 14)
		ws.freeze_panes = "A2"
		for r, record in enumerate(rows_by_sheet.get(name, ()), start=2):
			for index, column in enumerate(spec.columns, start=1):
				value = record.get(column)
				if value is None or value == "":
					continue
				cell = ws.cell(row=r, column=index, value=value)
				if isinstance(value, date):
					cell.number_format = DATE_FORMAT
				elif isinstance(value, str):
					cell.data_type = "s"  # text stays text, even one starting with '='
		for column, options in _DROPDOWNS.items():
			if column in spec.columns:
				letter = get_column_letter(spec.columns.index(column) + 1)
				check = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
				check.error = f"请从下拉列表中选择：{_options(options)}"
				check.errorTitle = column
				ws.add_data_validation(check)
				check.add(f"{letter}2:{letter}2000")
		for column in spec.columns:
			if column in DATE_COLUMNS:
				letter = get_column_letter(spec.columns.index(column) + 1)
				for r in range(2, max(ws.max_row, 200) + 1):
					ws[f"{letter}{r}"].number_format = DATE_FORMAT
	notes = wb.create_sheet("填写说明")
	notes.column_dimensions["A"].width = 120
	for r, text in enumerate(NOTES, start=1):
		cell = notes.cell(row=r, column=1, value=text)
		cell.alignment = Alignment(wrap_text=True, vertical="top")
		if r == 1:
			cell.font = Font(bold=True, size=13)
	out = BytesIO()
	wb.save(out)
	return out.getvalue()


def write_template():
	"""An empty ledger: every sheet with its header row, dropdowns for the fixed options, and notes."""
	return _write_workbook({})


# ---------------------------------------------------------------- the sample ledger

SAMPLE_CAMPAIGN = "2023年春季要约行动"

# (city, short name, division code) of the cities the sample covers
_SAMPLE_CITIES = (
	("长沙市", "长沙", "430100"),
	("株洲市", "株洲", "430200"),
	("湘潭市", "湘潭", "430300"),
	("衡阳市", "衡阳", "430400"),
	("岳阳市", "岳阳", "430600"),
	("常德市", "常德", "430700"),
	("郴州市", "郴州", "431000"),
	("怀化市", "怀化", "431200"),
	("娄底市", "娄底", "431300"),
	("湘西土家族苗族自治州", "湘西", "433100"),
)
_SAMPLE_COUNTIES = (("芙蓉区", "430102"), ("天心区", "430103"), ("岳麓区", "430104"))
_BRANDS = (
	"湘江", "洞庭", "韶峰", "潇湘", "楚天", "麓山", "星城", "雁峰", "桃源", "梅山", "紫鹊", "金穗", "宏达",
	"恒信", "鑫盛", "瑞丰", "华新", "兴湘", "三湘", "南岳", "舜华", "湘楚", "金凯", "远航", "通达", "福源",
	"银河", "天元", "鼎盛", "九嶷", "武陵", "沅澧", "资江", "莲城", "炎帝", "东江", "凤凰", "云溪", "君山",
)
_FOREIGN_BRANDS = ("德美", "中美", "新日", "韩星", "泰和", "欧亚", "港湘", "中德", "台丰", "新湘科")
_INDUSTRIES = (
	"机械制造", "电子科技", "食品加工", "建材", "物流", "纺织服饰", "化工", "汽车零部件", "医药", "印刷包装",
	"新材料", "软件技术", "酒店管理", "陶瓷", "竹木制品", "家居", "农业科技", "电力设备", "环保科技", "轨道交通装备",
)
_SAMPLE_REFUSALS = (
	("企业经营困难", "一季度订单下滑三成，申请暂缓至下半年协商"),
	("认为无协商必要", "企业认为工资已高于同行业水平"),
	("企业已有有效集体合同", "2022 年签订的集体合同尚在有效期内"),
	("职工方要求过高", "职工方提出涨薪 15%，企业无法承受"),
	("企业未建立工会", "企业尚未建会，不认可职工代表资格"),
)
_SAMPLE_HANDLINGS = (
	("督促企业应约", "区人社局发函督促企业在 15 日内书面回应"),
	("约谈企业负责人", "市人社局会同工会约谈企业负责人，企业承诺下季度启动协商"),
	("组织调解协调", "三方协调后双方同意以技术工人薪酬为议题先行协商"),
	("下达限期整改意见", "责令企业限期应约"),
)
_OVERDUE_HANDLING = ("督促企业应约", "工会已两次发函提醒，人社部门电话督促")


def _sample_enterprises(rng):
	"""[(code, name, category, region, employees, city short name)] — 60 enterprises, codes valid and unique."""
	plan = (
		[categories.STATE_OWNED] * 12
		+ [categories.PRIVATE] * 30
		+ [categories.FOREIGN] * 10
		+ [categories.OTHER] * 8
	)
	rng.shuffle(plan)
	bodies, names, found = set(), set(), []
	for index, category in enumerate(plan):
		# A quarter of the sample is in 长沙 (some in its districts), the rest spread over nine cities.
		if index % 4 == 0:
			city, short, division = _SAMPLE_CITIES[0]
			if index % 8 == 0:
				county, division = _SAMPLE_COUNTIES[(index // 8) % len(_SAMPLE_COUNTIES)]
				region = county
			else:
				region = city
		else:
			city, short, division = _SAMPLE_CITIES[1 + index % (len(_SAMPLE_CITIES) - 1)]
			region = city
		while True:
			industry = rng.choice(_INDUSTRIES)
			if category == categories.STATE_OWNED:
				name = rng.choice((f"湖南{rng.choice(_BRANDS)}{industry}集团有限公司", f"{short}市{rng.choice(_BRANDS)}{industry}有限责任公司"))
				employees = rng.randrange(300, 3000)
			elif category == categories.PRIVATE:
				name = f"{short}{rng.choice(_BRANDS)}{industry}{rng.choice(('有限公司', '有限公司', '股份有限公司'))}"
				employees = rng.randrange(40, 900)
			elif category == categories.FOREIGN:
				name = f"{short}{rng.choice(_FOREIGN_BRANDS)}{industry}有限公司"
				employees = rng.randrange(120, 1600)
			else:
				name = rng.choice(
					(
						f"{short}{rng.choice(_BRANDS)}{industry}合伙企业（有限合伙）",
						f"{short}{rng.choice(_BRANDS)}{industry}股份合作公司",
						f"{short}{rng.choice(_BRANDS)}种养专业合作社",
					)
				)
				employees = rng.randrange(15, 150)
			if name not in names:
				break
		names.add(name)
		kind = "3" if name.endswith("专业合作社") else "1"
		while True:
			if category == categories.STATE_OWNED:
				body = "".join(rng.choice("0123456789") for _ in range(8))
			else:
				body = "MA4" + "".join(rng.choice(credit_code.CHARSET) for _ in range(5))
			if body not in bodies:
				break
		bodies.add(body)
		code = credit_code.make_code(division=division, org_body=body, authority="9", kind=kind)
		found.append((code, name, category, region, employees, short))
	return found


def _catering(rng, taken_bodies):
	"""Six small 长沙 restaurants under one 行业性 offer (长沙市餐饮行业工资专项协商)."""
	brands = list(_BRANDS)
	rng.shuffle(brands)
	found = []
	bodies = set(taken_bodies)
	for index in range(6):
		region, division = _SAMPLE_COUNTIES[index % len(_SAMPLE_COUNTIES)]
		category = categories.PRIVATE if index < 4 else categories.OTHER
		while True:
			body = "MA4" + "".join(rng.choice(credit_code.CHARSET) for _ in range(5))
			if body not in bodies:
				break
		bodies.add(body)
		name = f"长沙{brands[index]}餐饮管理有限公司" if category == categories.PRIVATE else f"长沙{brands[index]}餐饮合伙企业（有限合伙）"
		found.append((credit_code.make_code(division=division, org_body=body), name, category, region, rng.randrange(25, 120), "长沙"))
	return found


def _sample_rows(seed):
	rng = random.Random(seed)
	start, end = date(2023, 3, 1), date(2023, 6, 30)
	enterprises = _sample_enterprises(rng)
	catering = _catering(rng, {e[0][8:16] for e in enterprises})
	everyone = enterprises + catering

	enterprise_rows = [
		{CODE: code, NAME: name, CATEGORY: category, REGION: region, EMPLOYEES: employees}
		for code, name, category, region, employees, _ in everyone
	]
	offer_rows, contract_rows = [], []
	counter = {"offer": 0, "contract": 0}

	def offer_no():
		counter["offer"] += 1
		return f"YY2023-{counter['offer']:03d}"

	def contract_no():
		counter["contract"] += 1
		return f"HT2023-{counter['contract']:03d}"

	def day(low, high):
		return low + timedelta(days=rng.randrange((high - low).days + 1))

	# Enterprises 0 … 53 get an offer, 54 … 57 none, 58 signs a contract without an offer, 59 none.
	outcomes = (
		["agreed"] * 34 + ["refused"] * 8 + ["overdue"] * 5 + ["pending"] * 4 + ["refused_then_agreed"] * 3
	)
	rng.shuffle(outcomes)
	cancelled_done = False
	for index, (code, _name, category, _region, employees, _short) in enumerate(enterprises[: len(outcomes)]):
		outcome = outcomes[index]
		workers = max(1, int(employees * rng.uniform(0.6, 1.0)))
		row = {CAMPAIGN: SAMPLE_CAMPAIGN, SCOPE: categories.SCOPE_SINGLE, CODE: code, WORKERS: workers}
		if outcome == "pending":  # sent in the last 20 days: not yet overdue on 30 June
			row.update({OFFER_NO: offer_no(), DATE_SENT: day(date(2023, 6, 12), date(2023, 6, 26)), RESPONSE: categories.PENDING})
			offer_rows.append(row)
			continue
		if outcome == "overdue":
			sent = day(date(2023, 3, 6), date(2023, 5, 20))
			row.update({OFFER_NO: offer_no(), DATE_SENT: sent})
			if rng.random() < 0.6:
				handling, detail = _OVERDUE_HANDLING
				row[HRSS_HANDLING] = f"{handling}：{detail}"
				row[HRSS_HANDLING_DATE] = min(end, clocks.response_due(sent) + timedelta(days=rng.randrange(3, 15)))
			offer_rows.append(row)
			continue
		if outcome in ("refused", "refused_then_agreed"):
			sent = day(date(2023, 3, 1), date(2023, 4, 20))
			answered = sent + timedelta(days=rng.randrange(3, 19))
			reason, detail = rng.choice(_SAMPLE_REFUSALS)
			row.update(
				{OFFER_NO: offer_no(), DATE_SENT: sent, RESPONSE: categories.REFUSED, RESPONSE_DATE: answered, REFUSAL_REASON: f"{reason}：{detail}"}
			)
			if outcome == "refused_then_agreed" or rng.random() < 0.7:
				handling, detail = rng.choice(_SAMPLE_HANDLINGS)
				row[HRSS_HANDLING] = f"{handling}：{detail}"
				row[HRSS_HANDLING_DATE] = answered + timedelta(days=rng.randrange(3, 12))
			offer_rows.append(row)
			if outcome == "refused":
				continue
			# After HRSS stepped in, the union offered again and the employer agreed.
			row = {CAMPAIGN: SAMPLE_CAMPAIGN, SCOPE: categories.SCOPE_SINGLE, CODE: code, WORKERS: min(employees, workers + rng.randrange(0, 30))}
			sent = answered + timedelta(days=rng.randrange(15, 30))
		else:
			sent = day(date(2023, 3, 1), date(2023, 5, 25))
		answered = sent + timedelta(days=rng.randrange(2, 18))
		row.update({OFFER_NO: offer_no(), DATE_SENT: sent, RESPONSE: categories.AGREED, RESPONSE_DATE: answered})
		offer_rows.append(row)
		signed = answered + timedelta(days=rng.randrange(10, 45))
		if signed > end or rng.random() < 0.12:
			continue  # still negotiating on 30 June
		kind = rng.choice(("工资专项集体协议", "工资专项集体协议", "综合性集体合同", "技术工人薪酬专项集体协议"))
		contract = {
			CONTRACT_NO: contract_no(),
			CAMPAIGN: SAMPLE_CAMPAIGN,
			KIND: kind,
			CODE: code,
			WORKERS: min(employees, row[WORKERS] + rng.randrange(0, 20)),
			SIGNING_DATE: signed,
			OFFER_NO: row[OFFER_NO],
		}
		if not cancelled_done and category == categories.PRIVATE:
			contract[STATUS] = CANCELLED
			contract[CANCELLATION_REASON] = "职工代表大会表决未通过，双方重新协商"
			cancelled_done = True
		contract_rows.append(contract)

	# One contract without an offer: the employer proposed renewing its expiring contract.
	code, _name, category, _region, employees, _short = enterprises[58]
	contract_rows.append(
		{
			CONTRACT_NO: contract_no(),
			CAMPAIGN: SAMPLE_CAMPAIGN,
			KIND: "综合性集体合同",
			CODE: code,
			WORKERS: max(1, employees - rng.randrange(0, 10)),
			SIGNING_DATE: date(2023, 4, 18),
		}
	)

	# The 行业性 offer of the 长沙 catering trade, answered by the trade association, and its contract.
	industry_offer = offer_no()
	sent = date(2023, 3, 15)
	answered = date(2023, 3, 28)
	industry_contract = contract_no()
	for code, _name, _category, _region, employees, _short in catering:
		workers = max(1, employees - rng.randrange(0, 8))
		offer_rows.append(
			{
				OFFER_NO: industry_offer,
				CAMPAIGN: SAMPLE_CAMPAIGN,
				SCOPE: categories.SCOPE_INDUSTRY,
				CODE: code,
				WORKERS: workers,
				DATE_SENT: sent,
				RESPONSE: categories.AGREED,
				RESPONSE_DATE: answered,
			}
		)
		contract_rows.append(
			{
				CONTRACT_NO: industry_contract,
				CAMPAIGN: SAMPLE_CAMPAIGN,
				KIND: "行业性集体合同",
				CODE: code,
				WORKERS: workers,
				SIGNING_DATE: date(2023, 5, 12),
				OFFER_NO: industry_offer,
			}
		)

	assert start <= min(r[DATE_SENT] for r in offer_rows) and max(r[DATE_SENT] for r in offer_rows) <= end
	return {
		ENTERPRISES: enterprise_rows,
		OFFERS: offer_rows,
		CONTRACTS: contract_rows,
		REGIONS: [{REGION_NAME: county, PARENT_REGION: "长沙市"} for county, _ in _SAMPLE_COUNTIES],
		CAMPAIGNS: [{CAMPAIGN_NAME: SAMPLE_CAMPAIGN, START: start, END: end, DUE: end}],
	}


def write_sample(seed=2023):
	"""A realistic ledger of 2023年春季要约行动 across ten Hunan cities; the same records for the same seed."""
	return _write_workbook(_sample_rows(seed))
