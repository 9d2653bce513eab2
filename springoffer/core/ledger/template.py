"""The empty ledger template: every sheet with its header row, dropdowns and notes."""

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from springoffer.core import categories
from springoffer.core import negotiation as talks
from springoffer.core.ledger.sheets import (
	CAMPAIGNS,
	CANCELLED,
	CATEGORY,
	CONTRACTS,
	DATE_COLUMNS,
	DELIVERED_ON,
	DELIVERY_METHOD,
	ENTERPRISES,
	KIND,
	MEETINGS,
	OFFER_NO,
	OFFERS,
	REGIONS,
	RESPONSE,
	RESULT,
	SCOPE,
	SHEET_ORDER,
	SPECS,
	STATUS,
)
from springoffer.core.ledger.values import _options

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
	f"8. 「{DELIVERED_ON}」是企业方收到要约书的日期，20 日应约期限从这一天起算（集体合同规定第三十二条）；填了须同时填「{DELIVERY_METHOD}」（{_options(categories.DELIVERY_METHODS)}）。"
	f"尚未送达的留空，不计逾期；整张表没有「{DELIVERED_ON}」列时，各要约按发出日期计，送达方式记为「{categories.DELIVERY_UNRECORDED}」。",
	f"9. 「{MEETINGS}」表可不填：每行是一次已召开的协商会议，「{OFFER_NO}」填本台帐「{OFFERS}」表中回应为{categories.AGREED}的要约，会议日期不早于回应日期；"
	f"「{RESULT}」填{_options(talks.OUTCOMES)}，空白视为继续协商。导入后记入该要约的集体协商，由双方首席代表轮流主持（第一次为职工方首席代表）。",
)

_DROPDOWNS = {
	CATEGORY: categories.REPORT_CATEGORIES,
	SCOPE: categories.OFFER_SCOPES,
	RESPONSE: categories.RESPONSES,
	DELIVERY_METHOD: categories.DELIVERY_METHODS,
	KIND: categories.CONTRACT_KINDS,
	STATUS: (CANCELLED,),
	RESULT: talks.OUTCOMES,
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


