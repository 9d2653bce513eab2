"""The ledger's optional 协商会议 sheet (issue 28 item 5): read with the same forgiving rules as the other
sheets, each problem reported with its row in Chinese, and nothing changes without it. No Frappe."""

from datetime import date

from test_ledger import base_sheets, errors_of, read

from springoffer.core.ledger import read_ledger, write_sample, write_template
from springoffer.core.ledger.model import Meeting

MEETING_HEADER = ["要约编号", "会议日期", "地点", "结果"]


def with_meetings(*rows, header=MEETING_HEADER):
	sheets = base_sheets()
	sheets["协商会议"] = [list(header), *[list(row) for row in rows]]
	return sheets


def test_without_the_sheet_nothing_changes():
	ledger = read(base_sheets())
	assert ledger.meetings == []
	again = read(with_meetings())  # the sheet with its header only
	assert again.meetings == [] and again.offers == ledger.offers and again.contracts == ledger.contracts


def test_rows_become_meetings_of_their_offer_in_date_order():
	ledger = read(
		with_meetings(
			["O3", "2023-04-20", "企业会议室", "达成一致"],
			["O1", "2023-03-12", "企业会议室", None],  # blank: the talks go on
			["O3", "2023-04-08", "工会活动室", "中止协商"],
			["O1", "2023-03-30", None, "继续协商"],
		)
	)
	assert ledger.meetings == [
		Meeting("O1", date(2023, 3, 12), "企业会议室", "继续协商", 3),
		Meeting("O1", date(2023, 3, 30), "", "继续协商", 5),
		Meeting("O3", date(2023, 4, 8), "工会活动室", "中止协商", 4),
		Meeting("O3", date(2023, 4, 20), "企业会议室", "达成一致", 2),
	]


def test_forgiving_spellings_headers_and_dates():
	sheets = with_meetings(
		[date(2023, 3, 12), "中止", "  O1 ", "会议室"],
		["2023/03/20", "一致", "O1", None],
		[None, None, None, None],  # a blank row is skipped
		["2023-4-6", "暂停", "O3", None],
		header=["会议日期", "结果", "要约编号", "地点", "备注"],  # any order, extra columns ignored
	)
	sheets["协商会议 "] = sheets.pop("协商会议")  # the sheet's name with a stray space
	ledger = read(sheets)
	assert [(m.offer, m.held_on, m.outcome, m.row) for m in ledger.meetings] == [
		("O1", date(2023, 3, 12), "中止协商", 2),
		("O1", date(2023, 3, 20), "达成一致", 3),
		("O3", date(2023, 4, 6), "中止协商", 5),
	]


def test_each_problem_is_reported_with_its_row_in_chinese():
	errors = errors_of(
		with_meetings(
			["O1", "2023-03-12", "会议室", "继续协商"],  # fine
			["O9", "2023-03-12", None, None],  # no such offer
			["O2", "2023-03-20", None, None],  # refused, not agreed
			["O4", "2023-05-10", None, None],  # pending, not agreed
			["O1", "三月底", None, None],  # not a date
			["O1", "2023-03-09", None, None],  # before the answer of 03-10
			["O1", "2023-03-20", None, "谈崩了"],  # unknown result
			["O1", None, None, None],  # no date
			[None, "2023-03-20", None, None],  # no offer number
		)
	)
	found = {(e.sheet, e.row): e for e in errors}
	assert set(found) == {("协商会议", row) for row in range(3, 11)}, [str(e) for e in errors]
	assert "O9 不在「要约」工作表中" in found[("协商会议", 3)].message
	assert "不是「同意协商」" in found[("协商会议", 4)].message and "拒绝协商" in found[("协商会议", 4)].message
	assert "不是「同意协商」" in found[("协商会议", 5)].message
	assert "不是日期" in found[("协商会议", 6)].message
	assert "早于要约 O1 的回应日期 2023-03-10" in found[("协商会议", 7)].message and "第三十二条" in found[("协商会议", 7)].message
	assert "「结果」的“谈崩了”不是可选值" in found[("协商会议", 8)].message and "中止协商" in found[("协商会议", 8)].message
	assert found[("协商会议", 9)].column == "会议日期"
	assert found[("协商会议", 10)].column == "要约编号"
	assert str(found[("协商会议", 3)]).startswith("工作表「协商会议」第 3 行：")


def test_a_missing_required_column_and_an_offer_sheet_missing():
	errors = errors_of(with_meetings(["O1", "会议室"], header=["要约编号", "地点"]))
	assert [(e.sheet, e.row) for e in errors] == [("协商会议", 1)] and "会议日期" in errors[0].message
	sheets = with_meetings(["O1", "2023-03-12", None, None])
	del sheets["要约"]
	sheets["集体合同"] = [row[:7] for row in sheets["集体合同"]]
	errors = errors_of(sheets)
	assert any(e.sheet == "协商会议" and e.row == 2 and "没有「要约」工作表" in e.message for e in errors)


def test_template_and_sample_carry_the_sheet():
	from io import BytesIO

	from openpyxl import load_workbook

	template = load_workbook(BytesIO(write_template()))
	assert [cell.value for cell in template["协商会议"][1]] == MEETING_HEADER
	assert any("协商会议" in (row[0].value or "") for row in template["填写说明"].iter_rows())
	sample = read_ledger(write_sample())
	assert sample.meetings
	agreed = {number for number, offer in sample.offers.items() if offer.response == "同意协商"}
	assert {m.offer for m in sample.meetings} <= agreed
	for meeting in sample.meetings:
		assert meeting.held_on >= sample.offers[meeting.offer].response_date


def test_the_offline_command_reads_the_sheet_and_counts_the_same(tmp_path):
	from test_ledger import write_book
	from test_offline_command import run, total_row

	plain, output = write_book(tmp_path / "plain.xlsx", base_sheets()), tmp_path / "附件.xlsx"
	assert run("annex", plain, "--unit", "湖南省", "--as-of", "2023-06-30", "--output", output)[0] == 0
	without = total_row(output)
	good = write_book(tmp_path / "good.xlsx", with_meetings(["O1", "2023-03-12", "会议室", "达成一致"]))
	assert run("annex", good, "--unit", "湖南省", "--as-of", "2023-06-30", "--output", output)[0] == 0
	assert total_row(output) == without  # the meetings change no figure of the 附件
	bad = write_book(tmp_path / "bad.xlsx", with_meetings(["O2", "2023-03-20", None, None]))
	code, _out, err = run("annex", bad, "--unit", "湖南省", "--as-of", "2023-06-30", "--output", tmp_path / "x.xlsx")
	assert code != 0 and "工作表「协商会议」第 2 行" in err and "不是「同意协商」" in err
