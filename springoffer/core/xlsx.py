"""The 附件 as an .xlsx that prints like the paper form (openpyxl, no Frappe).

Sheet 1 is the form: title, 报送单位, the two-row header with its merged cells, the four category
rows and 合计, 备注 1 and 2; A4 landscape, one page wide, header rows repeated.
Sheet 2 is the refusal detail the form asks to be attached (另附纸说明).
"""

import re
import zipfile
from copy import copy
from io import BytesIO
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from springoffer.core import categories as c
from springoffer.core.allocation import collector_paused

FONT_NAME = "宋体"
TITLE_FONT = Font(name="黑体", size=16)
HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True)
BODY_FONT = Font(name=FONT_NAME, size=11)
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")

ANNEX_SHEET = "附件"
LAST_COLUMN = 9  # A … I
FIRST_BODY_ROW = 5
ANNEX_WIDTHS = (30, 9, 12, 9, 12, 9, 12, 14, 44)

REFUSAL_HEADERS = (
	"序号",
	"企业名称",
	"统一社会信用代码",
	"企业类型",
	"所在地区",
	"覆盖职工数",
	"不予回应类型",
	"拒绝协商原因",
	"人社部门处理情况",
)
REFUSAL_WIDTHS = (6, 34, 22, 28, 16, 11, 12, 30, 30)


def _text(cell, value, font=BODY_FONT, alignment=LEFT):
	"""A text cell that stays text: a leading '=' from user data must not become a formula."""
	cell.value = value
	if isinstance(value, str):
		cell.data_type = "s"
	cell.font = font
	cell.alignment = alignment
	return cell


def _merge(ws, cell_range, value, font, alignment, border=True):
	ws.merge_cells(cell_range)
	first = ws[cell_range.split(":")[0]]
	_text(first, value, font, alignment)
	if border:
		for row in ws[cell_range]:
			for cell in row:
				cell.border = BORDER


def _print_setup(ws, title_rows):
	ws.page_setup.paperSize = ws.PAPERSIZE_A4
	ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
	ws.page_setup.fitToWidth = 1
	ws.page_setup.fitToHeight = 0
	ws.sheet_properties.pageSetUpPr.fitToPage = True
	ws.print_title_rows = title_rows
	ws.print_options.horizontalCentered = True
	ws.page_margins.left = ws.page_margins.right = 0.5


def _row_height(cells, minimum=18.0, line=15.0):
	"""Excel does not grow a row for wrapped text it did not lay out itself: size it from the
	longest wrapped cell. cells: (text, column width in characters); a CJK character is two wide."""
	lines = 1
	for text, width in cells:
		if not text:
			continue
		text = str(text)
		if 2 * len(text) <= int(width) - 2:
			continue  # one line even if every character is a wide one
		# GBK spends two bytes on a CJK character and one on ASCII: its length is the printed width
		columns = len(text.encode("gbk", "replace"))
		lines = max(lines, -(-columns // max(int(width) - 2, 1)))
	return max(minimum, lines * line + 6)


def _widths(ws, widths):
	for index, width in enumerate(widths, start=1):
		ws.column_dimensions[get_column_letter(index)].width = width


def annex_rows(annex):
	"""(label, seven figures, reasons) for the four category rows then 合计."""
	rows = [(category, annex.rows[category].as_tuple(), annex.reasons(category)) for category in c.REPORT_CATEGORIES]
	rows.append((c.TOTAL_LABEL, annex.total.as_tuple(), annex.reasons()))
	return rows


def write_annex_sheet(ws, unit_label, due_date, rows):
	"""Fill `ws` with the form. rows: (label, seven figures, reasons text) × 5, 合计 last."""
	ws.title = ANNEX_SHEET
	last = get_column_letter(LAST_COLUMN)
	_merge(ws, f"A1:{last}1", c.ANNEX_TITLE, TITLE_FONT, Alignment(horizontal="center", vertical="center"), border=False)
	ws.row_dimensions[1].height = 32
	_merge(ws, f"A2:{last}2", c.UNIT_PREFIX + (unit_label or ""), BODY_FONT, LEFT, border=False)

	for cell_range, label in (
		("A3:A4", c.HEADER_CATEGORY),
		("B3:C3", c.HEADER_OFFERED),
		("D3:E3", c.HEADER_RESPONDED),
		("F3:G3", c.HEADER_SIGNED),
		("H3:H4", c.HEADER_REFUSED),
		("I3:I4", c.HEADER_REASONS),
	):
		_merge(ws, cell_range, label, HEADER_FONT, CENTER)
	for column in ("B", "D", "F"):
		_text(ws[f"{column}4"], c.HEADER_ENTERPRISES, HEADER_FONT, CENTER).border = BORDER
		next_column = get_column_letter(ws[f"{column}4"].column + 1)
		_text(ws[f"{next_column}4"], c.HEADER_WORKERS, HEADER_FONT, CENTER).border = BORDER
	ws.row_dimensions[3].height = 24
	ws.row_dimensions[4].height = 30

	for offset, (label, figures, reasons) in enumerate(rows):
		row = FIRST_BODY_ROW + offset
		is_total = label == c.TOTAL_LABEL
		_text(ws.cell(row, 1), label, HEADER_FONT if is_total else BODY_FONT, CENTER if is_total else LEFT).border = BORDER
		for column, value in enumerate(figures, start=2):
			cell = ws.cell(row, column, value)
			cell.font = HEADER_FONT if is_total else BODY_FONT
			cell.alignment = RIGHT
			cell.number_format = "#,##0"
			cell.border = BORDER
		_text(ws.cell(row, LAST_COLUMN), reasons or "").border = BORDER
		ws.row_dimensions[row].height = _row_height([(reasons, ANNEX_WIDTHS[-1]), (label, ANNEX_WIDTHS[0])], minimum=36)

	notes_row = FIRST_BODY_ROW + len(rows)
	_merge(ws, f"A{notes_row}:{last}{notes_row}", c.note_1(due_date), BODY_FONT, LEFT, border=False)
	_merge(ws, f"A{notes_row + 1}:{last}{notes_row + 1}", c.NOTE_2, BODY_FONT, LEFT, border=False)
	_widths(ws, ANNEX_WIDTHS)
	ws.freeze_panes = "B5"
	_print_setup(ws, "1:4")


def _body_styles(ws):
	"""The style arrays of a bordered body cell: (text, left-aligned; number, right-aligned)."""
	cell = Cell(ws)
	cell.font, cell.border, cell.alignment = BODY_FONT, BORDER, LEFT
	text = copy(cell._style)
	cell.alignment = RIGHT
	return text, copy(cell._style)


def _sheet_text(value):
	"""User text as a cell can hold it: control characters XML cannot carry dropped, 32,767 at most."""
	text = "" if value is None else str(value)
	if not text.isprintable():  # printable text has none of them: most cells skip the search
		text = ILLEGAL_CHARACTERS_RE.sub("", text)
	return text[:32767]


def write_refusal_sheet(ws, unit_label, refusals):
	"""The sheet's title, unit and header, and its first row through openpyxl (which registers the
	body's two styles); returns what the rest of the rows need (springoffer.core.xlsx._splice_rows)."""
	ws.title = c.REFUSAL_SHEET_TITLE
	last = get_column_letter(len(REFUSAL_HEADERS))
	_merge(ws, f"A1:{last}1", c.REFUSAL_SHEET_TITLE, TITLE_FONT, Alignment(horizontal="center", vertical="center"), border=False)
	ws.row_dimensions[1].height = 28
	_merge(ws, f"A2:{last}2", c.UNIT_PREFIX + (unit_label or ""), BODY_FONT, LEFT, border=False)
	for column, header in enumerate(REFUSAL_HEADERS, start=1):
		_text(ws.cell(3, column), header, HEADER_FONT, CENTER).border = BORDER
	text_style, number_style = _body_styles(ws)
	for row, values in enumerate(_refusal_values(refusals[:1]), start=FIRST_REFUSAL_ROW):
		for column, value in enumerate(values, start=1):
			cell = ws._cells[row, column] = Cell(ws, row, column)
			if value.__class__ is int:
				cell._value, cell._style = value, number_style
			else:
				cell._value, cell.data_type, cell._style = value, "s", text_style
		ws.row_dimensions[row].height = _row_height(zip(values, REFUSAL_WIDTHS))
	_widths(ws, REFUSAL_WIDTHS)
	ws.freeze_panes = "A4"
	_print_setup(ws, "1:3")
	return ws


def _refusal_values(refusals, first_number=1):
	"""Each refusal as the sheet's row: 序号, then its cells (text always text, as a cell holds it)."""
	for number, r in enumerate(refusals, start=first_number):
		yield (
			number,
			_sheet_text(r.enterprise),
			_sheet_text(r.credit_code),
			_sheet_text(r.category),
			_sheet_text(r.region),
			int(r.workers),
			_sheet_text(r.kind),
			_sheet_text(r.reason),
			_sheet_text(r.hrss_handling),
		)


FIRST_REFUSAL_ROW = 4
_COLUMNS = [get_column_letter(i) for i in range(1, len(REFUSAL_HEADERS) + 1)]


# Placeholders in refusal_cells' XML, filled when the rows are joined (none can occur in sheet text:
# _sheet_text drops control characters).
ROW, TEXT_STYLE, NUMBER_STYLE = "\x00", "\x01", "\x02"


def refusal_cells(refusals):
	"""Each refusal's cells after 序号 as the sheet's XML, with its row number and the two body styles
	left as placeholders, and its row height: the part of a row that does not depend on where it
	stands, so a region's can be made once and joined into any unit's sheet (write_workbook's `cells`).
	openpyxl spends 9 µs on each cell it writes (two thirds of a province's export, measured); these
	are the same cells — values, the two body styles, row heights — with the text inline."""
	found = []
	for values in _refusal_values(refusals):
		cells = []
		for letter, value in zip(_COLUMNS[1:], values[1:]):
			if value.__class__ is int:
				cells.append(f'<c r="{letter}{ROW}" s="{NUMBER_STYLE}"><v>{value}</v></c>')
			else:
				cells.append(f'<c r="{letter}{ROW}" s="{TEXT_STYLE}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>')
		found.append(("".join(cells), _row_height(zip(values, REFUSAL_WIDTHS))))
	return found


def _rows_xml(cells, first_row, first_number, text_style, number_style):
	"""The rows of `cells` (refusal_cells), numbered from `first_number` on sheet rows from `first_row`."""
	parts = []
	for offset, (xml, height) in enumerate(cells):
		row = first_row + offset
		parts.append(
			f'<row r="{row}" ht="{height}" customHeight="1"><c r="A{row}" s="{NUMBER_STYLE}"><v>{first_number + offset}</v></c>'
			f"{xml.replace(ROW, str(row))}</row>"
		)
	return "".join(parts).replace(TEXT_STYLE, str(text_style)).replace(NUMBER_STYLE, str(number_style))


def _splice_rows(workbook_bytes, sheet_path, rows_xml, last_row):
	"""The saved workbook with `rows_xml` appended to the sheet's data and its dimension widened."""
	source = zipfile.ZipFile(BytesIO(workbook_bytes))
	out = BytesIO()
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
		for item in source.infolist():
			data = source.read(item.filename)
			if item.filename == sheet_path:
				xml = data.decode("utf-8")
				xml = re.sub(r'<dimension ref="A1:([A-Z]+)\d+"\s*/>', rf'<dimension ref="A1:\g<1>{last_row}"/>', xml, count=1)
				head, tail = xml.split("</sheetData>", 1)
				data = (head + rows_xml + "</sheetData>" + tail).encode("utf-8")
			# level 3: half the time of the default 6 for a province's 6 MB sheet, the file 14% larger
			target.writestr(item, data, compresslevel=3)
	return out.getvalue()


def write_workbook(unit_label, due_date, rows, refusals, cells=None):
	"""The two-sheet workbook as bytes, from rows already counted (a report or a UnitReport).
	cells: refusal_cells of the whole refusal list, made beforehand (joined from regions' parts), when
	`refusals` holds only its first refusal (written through openpyxl, which registers the styles)."""
	cells = refusal_cells(refusals) if cells is None else cells
	with collector_paused():
		wb = Workbook()
		write_annex_sheet(wb.active, unit_label, due_date, rows)
		sheet = write_refusal_sheet(wb.create_sheet(), unit_label, refusals[:1])
		out = BytesIO()
		wb.save(out)
		if len(cells) <= 1:
			return out.getvalue()
		text_style, number_style = (sheet.cell(FIRST_REFUSAL_ROW, column).style_id for column in (2, 1))  # 企业名称, 序号
		rest = _rows_xml(cells[1:], FIRST_REFUSAL_ROW + 1, 2, text_style, number_style)
		return _splice_rows(out.getvalue(), sheet.path.lstrip("/"), rest, FIRST_REFUSAL_ROW + len(cells) - 1)


def write_annex(annex, unit_label, due_date):
	"""The workbook for a counted Annex."""
	return write_workbook(unit_label, due_date, annex_rows(annex), annex.refusals)
