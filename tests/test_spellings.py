"""The ledger forgives how people write it: one table of spellings, dates, counts and codes as typed."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import Workbook
from test_ledger import CAMPAIGN, A, B, C, base_sheets, errors_of, read, set_cell

from springoffer.core import categories as c
from springoffer.core.ledger import CANCELLED, CATEGORY, KIND, RESPONSE, SCOPE, STATUS, spellings


@pytest.mark.parametrize("word", ["", "已签订", "已生效", "已备案", "有效", "审查通过", "已受理", " 已签订 "])
def test_signed_contract_words(word):
	assert spellings.meaning(STATUS, word) == spellings.SIGNED


@pytest.mark.parametrize("word", ["已撤销", "撤销", "作废", " 已 撤 销 "])
def test_cancelled_contract_words(word):
	assert spellings.meaning(STATUS, word) == CANCELLED


@pytest.mark.parametrize(
	"column, word, value",
	[
		(CATEGORY, "民营企业", c.PRIVATE),
		(CATEGORY, "私营企业 (民营企业)", c.PRIVATE),
		(CATEGORY, "中外合资", c.FOREIGN),
		(CATEGORY, "国企", c.STATE_OWNED),
		(SCOPE, "行业", c.SCOPE_INDUSTRY),
		(RESPONSE, "同意", c.AGREED),
		(RESPONSE, "拒绝", c.REFUSED),
		(RESPONSE, "未回应", c.PENDING),
		(KIND, "工资专项", c.CONTRACT_KINDS[1]),
		(KIND, "区域性工资集体协议", c.CONTRACT_KINDS[4]),
	],
)
def test_other_columns_accept_common_words(column, word, value):
	assert spellings.meaning(column, word) == value


def test_unknown_words_mean_nothing_and_the_table_is_unambiguous():
	assert spellings.meaning(STATUS, "待定") is None
	for column, values in spellings.SPELLINGS.items():
		seen = {}
		for value, words in values.items():
			for word in (value, *words):
				key = c.normalize_label(word)
				assert seen.setdefault(key, value) == value, (column, word)
	assert spellings.accepted(STATUS)[:2] == ["已签订", "签订"]


def test_a_ledger_written_as_people_write_it_reads_the_same():
	exact = read(base_sheets())
	sheets = base_sheets()
	# dates in four spellings, counts as text with separators and full-width digits, codes in lower case with spaces
	set_cell(sheets, "要约", 2, "发出日期", "2023/3/1")
	set_cell(sheets, "要约", 2, "回应日期", "2023年3月10日")
	set_cell(sheets, "要约", 3, "发出日期", "2023.3.5")
	set_cell(sheets, "企业", 2, "职工人数", "５００")
	set_cell(sheets, "企业", 3, "职工人数", " 200 ")
	set_cell(sheets, "企业", 4, "统一社会信用代码", " " + C.lower()[:9] + " " + C.lower()[9:] + " ")
	set_cell(sheets, "要约", 4, "统一社会信用代码", C.lower())
	set_cell(sheets, "要约", 2, "覆盖职工数", "400")
	set_cell(sheets, "集体合同", 2, "状态", "已签订")
	set_cell(sheets, "集体合同", 3, "状态", "已生效")
	set_cell(sheets, "集体合同", 4, "状态", "有效")
	set_cell(sheets, "集体合同", 5, "状态", "作废")
	set_cell(sheets, "要约", 2, "回应情况", "同意")
	set_cell(sheets, "企业", 5, "企业类型", "其它")
	forgiving = read(sheets)
	assert forgiving.offers == exact.offers
	assert forgiving.contracts == exact.contracts
	assert forgiving.enterprises == exact.enterprises
	assert forgiving.annex("湖南省", CAMPAIGN, date(2023, 6, 30)).total == exact.annex("湖南省", CAMPAIGN, date(2023, 6, 30)).total


def test_thousands_separators_in_counts():
	sheets = base_sheets()
	set_cell(sheets, "企业", 2, "职工人数", "1,500")
	assert read(sheets).employees[A] == 1500


def test_an_unknown_status_names_the_accepted_words():
	sheets = base_sheets()
	set_cell(sheets, "集体合同", 2, "状态", "待定")
	(error,) = errors_of(sheets)
	assert (error.sheet, error.row) == ("集体合同", 2)
	assert "已签订" in error.message and "作废" in error.message


def test_a_sheet_that_starts_in_column_b_names_excel_columns():
	wb = Workbook()
	ws = wb.active
	ws.title = "企业"
	header = ["统一社会信用代码", "企业名称", "企业类型", "所在地区", "职工人数", "企业名称"]
	for index, title in enumerate(header, start=2):
		ws.cell(row=1, column=index, value=title)
	ws.cell(row=2, column=2, value=B)
	out = BytesIO()
	wb.save(out)
	from springoffer.core.ledger import LedgerInvalid, read_ledger

	with pytest.raises(LedgerInvalid) as caught:
		read_ledger(out.getvalue())
	messages = [e.message for e in caught.value.errors]
	assert any("第 C 列和第 G 列" in m for m in messages), messages
