from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from springoffer.core import categories as c
from springoffer.core import xlsx
from springoffer.core.counting import Annex, Figures, Refusal


def sample_annex():
	rows = {
		c.STATE_OWNED: Figures(5, 5000, 4, 4200, 3, 3100, 1),
		c.PRIVATE: Figures(20, 3000, 15, 2500, 10, 1800, 2),
		c.FOREIGN: Figures(2, 900, 2, 900, 2, 900, 0),
		c.OTHER: Figures(0, 0, 0, 0, 0, 0, 0),
	}
	refusals = [
		Refusal("长沙甲机械有限公司", "91430100MA4L00003Q", c.STATE_OWNED, "长沙市", 300, c.REFUSED, "企业经营困难", "约谈企业负责人"),
		Refusal("=HYPERLINK(\"x\")", "91430100MA4L00011K", c.PRIVATE, "芙蓉区", 40, c.OVERDUE, "", ""),
		Refusal("株洲乙商贸有限公司", "91430200MA4L00029P", c.PRIVATE, "株洲市", 25, c.REFUSED, "认为无协商必要", ""),
	]
	return Annex(unit="长沙市", as_of=date(2023, 6, 30), rows=rows, refusals=refusals)


def open_workbook(annex=None, due=date(2023, 6, 30)):
	data = xlsx.write_annex(annex or sample_annex(), "长沙市", due)
	return load_workbook(BytesIO(data))


def test_sheets_title_and_unit():
	wb = open_workbook()
	assert wb.sheetnames == ["附件", "不予回应（拒绝协商）企业情况"]
	ws = wb["附件"]
	assert ws["A1"].value == "集体协商“春季要约行动”情况统计表"
	assert ws["A2"].value == "报送单位：长沙市"


def test_two_row_header_merged_exactly_as_the_form():
	ws = open_workbook()["附件"]
	merged = {str(r) for r in ws.merged_cells.ranges}
	for cell_range in ("A3:A4", "B3:C3", "D3:E3", "F3:G3", "H3:H4", "I3:I4"):
		assert cell_range in merged
	assert [ws[f"{col}3"].value for col in "ABDFHI"] == [
		"企业类型",
		"发出要约",
		"回应要约",
		"签订集体合同",
		"不予回应（拒绝协商）企业数",
		"企业拒绝协商原因以及人社部门处理情况",
	]
	assert [ws[f"{col}4"].value for col in "BCDEFG"] == ["企业数", "覆盖职工数"] * 3


def test_category_rows_total_and_figures():
	ws = open_workbook()["附件"]
	labels = [ws.cell(row, 1).value for row in range(5, 10)]
	assert labels == list(c.REPORT_CATEGORIES) + ["合计"]
	assert [ws.cell(5, col).value for col in range(2, 9)] == [5, 5000, 4, 4200, 3, 3100, 1]
	totals = [ws.cell(9, col).value for col in range(2, 9)]
	assert totals == [sum(ws.cell(row, col).value for row in range(5, 9)) for col in range(2, 9)]
	assert totals == [27, 8900, 21, 7600, 15, 5800, 3]
	assert all(ws.cell(9, col).data_type == "n" for col in range(2, 9))  # values, not formulas
	assert ws.cell(5, 2).alignment.horizontal == "right"
	assert "拒绝协商1家" in ws["I5"].value and "逾期未回应1家" in ws["I6"].value
	assert ws["I8"].value in (None, "")


def test_notes_carry_the_campaign_due_date():
	ws = open_workbook(due=date(2024, 6, 28))["附件"]
	assert ws["A10"].value == "备注：1. 请各地于 2024 年 6 月 28 日前上报；"
	assert ws["A11"].value == "2. 不予回应或拒绝协商的企业数量、类型、原因及人社部门处理的相关情况应另附纸说明。"


def test_borders_fonts_and_print_setup():
	ws = open_workbook()["附件"]
	ranges = list(ws.merged_cells.ranges)
	for row in range(3, 10):
		for col in range(1, 10):
			# a side inside a merged range is not drawn; every outer side must be
			area = next((r for r in ranges if r.min_row <= row <= r.max_row and r.min_col <= col <= r.max_col), None)
			outer = {
				"left": area is None or col == area.min_col,
				"right": area is None or col == area.max_col,
				"top": area is None or row == area.min_row,
				"bottom": area is None or row == area.max_row,
			}
			border = ws.cell(row, col).border
			for side, drawn in outer.items():
				if drawn:
					assert getattr(border, side).style == "thin", (row, col, side)
	assert ws["B5"].font.name == "宋体"
	assert ws.page_setup.paperSize == 9
	assert ws.page_setup.orientation == "landscape"
	assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
	assert ws.sheet_properties.pageSetUpPr.fitToPage is True
	assert ws.print_title_rows == "$1:$4"
	assert ws.column_dimensions["A"].width >= 28


def test_refusal_sheet_lists_every_enterprise():
	ws = open_workbook()["不予回应（拒绝协商）企业情况"]
	assert ws["A1"].value == "不予回应（拒绝协商）企业情况"
	assert [ws.cell(3, col).value for col in range(1, 10)] == list(xlsx.REFUSAL_HEADERS)
	assert [ws.cell(row, 2).value for row in range(4, 7)] == ["长沙甲机械有限公司", '=HYPERLINK("x")', "株洲乙商贸有限公司"]
	assert ws.cell(5, 2).data_type == "s"  # user text starting with '=' stays text
	assert [ws.cell(row, 1).value for row in range(4, 7)] == [1, 2, 3]
	assert ws.cell(4, 6).value == 300
	assert ws.cell(7, 1).value is None
	assert ws.page_setup.orientation == "landscape"


def test_refusal_cells_are_bordered_and_control_characters_do_not_fail_the_export():
	annex = sample_annex()
	annex.refusals[2] = annex.refusals[2].__class__(**{**annex.refusals[2].__dict__, "reason": "认为无\x0b协商\x07必要"})
	ws = open_workbook(annex)["不予回应（拒绝协商）企业情况"]
	assert ws.cell(6, 8).value == "认为无协商必要"
	for row in range(4, 7):
		for column in range(1, 10):
			cell = ws.cell(row, column)
			assert cell.border.left.style == cell.border.bottom.style == "thin", cell.coordinate
			assert cell.font.name == "宋体"
	assert ws.cell(4, 6).alignment.horizontal == "right" and ws.cell(4, 2).alignment.horizontal == "left"


def test_empty_annex_writes_zeros():
	empty = Annex("湖南省", date(2023, 6, 30), {cat: Figures() for cat in c.REPORT_CATEGORIES}, [])
	wb = open_workbook(empty)
	ws = wb["附件"]
	assert [ws.cell(9, col).value for col in range(2, 9)] == [0] * 7
	assert wb["不予回应（拒绝协商）企业情况"].max_row == 3


def test_rows_grow_with_their_wrapped_text():
	annex = sample_annex()
	long_reason = "企业经营困难，订单大幅下滑，" * 8
	annex.refusals[0] = annex.refusals[0].__class__(**{**annex.refusals[0].__dict__, "reason": long_reason})
	wb = open_workbook(annex)
	refusal_sheet = wb["不予回应（拒绝协商）企业情况"]
	assert refusal_sheet.row_dimensions[4].height > refusal_sheet.row_dimensions[6].height
	assert wb["附件"].row_dimensions[5].height >= 36
	assert xlsx._row_height([("一" * 40, 22)]) > xlsx._row_height([("一" * 5, 22)])


def test_every_refusal_row_reads_back_as_written_and_styled_as_the_first():
	# rows after the first are written as the sheet's XML directly (xlsx._rows_xml): they must be
	# indistinguishable from the first, which openpyxl writes
	odd = ["A&B <公司> \"甲\"", "  前后有空格  ", "第一行\n第二行", "=SUM(A1:A2)", "认为无\x0b协商必要", "很长的原因，" * 30]
	annex = sample_annex()
	annex.refusals = [
		Refusal(f"企业{i}{odd[i % len(odd)]}", f"91430100MA4L{i:05d}Q", c.REPORT_CATEGORIES[i % 4], "长沙市", 10 + i, c.REFUSED, odd[(i + 1) % len(odd)], odd[(i + 2) % len(odd)])
		for i in range(40)
	]
	ws = open_workbook(annex)["不予回应（拒绝协商）企业情况"]
	assert ws.max_row == 3 + 40
	for i, r in enumerate(annex.refusals):
		row = 4 + i
		expected = [i + 1, r.enterprise, r.credit_code, r.category, r.region, r.workers, r.kind, r.reason, r.hrss_handling]
		expected = [xlsx._sheet_text(v) if isinstance(v, str) else v for v in expected]
		assert [ws.cell(row, column).value or "" for column in range(1, 10)] == [v if v != "" else "" for v in expected], row
		assert ws.row_dimensions[row].height == xlsx._row_height(zip(expected, xlsx.REFUSAL_WIDTHS))
		for column in range(1, 10):
			cell, first = ws.cell(row, column), ws.cell(4, column)
			assert tuple(cell._style) == tuple(first._style), cell.coordinate  # font, border, alignment, format
			assert cell.data_type == ("n" if column in (1, 6) else "s")
	assert ws.print_title_rows == "$1:$3" and ws.freeze_panes == "A4"


def test_a_sheet_joined_from_each_regions_cells_is_the_sheet_of_the_whole_list():
	# a province's workbook joins the rows each region wrote once (springoffer.annex.files)
	import zipfile

	regions = ("长沙市", "芙蓉区", "天心区")
	annex = sample_annex()
	annex.refusals = sorted(
		(
			Refusal(f"企业{i}<&>", f"91430100MA4L{i:05d}Q", c.REPORT_CATEGORIES[i % 4], regions[i % 3], 10 + i, c.REFUSED, "原因\n第二行", "")
			for i in range(30)
		),
		key=lambda r: (c.REPORT_CATEGORIES.index(r.category), r.region, r.credit_code),
	)
	parts = {}
	for r in annex.refusals:
		parts.setdefault((c.REPORT_CATEGORIES.index(r.category), r.region), []).append(r)
	cells = [cell for key in sorted(parts) for cell in xlsx.refusal_cells(parts[key])]
	due = date(2023, 6, 30)
	joined = xlsx.write_workbook("湖南省", due, xlsx.annex_rows(annex), annex.refusals[:1], cells)
	whole = xlsx.write_annex(annex, "湖南省", due)

	def members(data):
		with zipfile.ZipFile(BytesIO(data)) as z:
			return {name: z.read(name) for name in z.namelist() if not name.startswith("docProps/")}  # not its timestamps

	assert members(joined) == members(whole)
	ws = load_workbook(BytesIO(joined))["不予回应（拒绝协商）企业情况"]
	assert [ws.cell(row, 1).value for row in range(4, 34)] == list(range(1, 31))
	assert [ws.cell(row, 3).value for row in range(4, 34)] == [r.credit_code for r in annex.refusals]
