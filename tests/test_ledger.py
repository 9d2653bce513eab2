"""The ledger workbook (台帐): reading, every error it reports, the template and the sample. No Frappe."""

import copy
from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from springoffer.core import categories as c
from springoffer.core import credit_code, regions
from springoffer.core.counting import check_invariants
from springoffer.core.ledger import (
	Campaign,
	LedgerError,
	LedgerInvalid,
	read_ledger,
	write_sample,
	write_template,
)

CAMPAIGN = "2023年春季要约行动"
BASE = regions.base_regions()

A = credit_code.make_code("430100", "MA4L0A01")
B = credit_code.make_code("430200", "MA4L0B02")
C = credit_code.make_code("430102", "MA4L0C03")
D = credit_code.make_code("430300", "MA4L0D04")
E = credit_code.make_code("430103", "MA4L0E05")
STRANGER = credit_code.make_code("430400", "MA4L0F06")  # valid, but in no 企业 row

ENTERPRISE_HEADER = ["统一社会信用代码", "企业名称", "企业类型", "所在地区", "职工人数"]
OFFER_HEADER = ["要约编号", "活动", "要约范围", "统一社会信用代码", "覆盖职工数", "发出日期", "回应情况", "回应日期", "拒绝原因", "人社部门处理情况"]
CONTRACT_HEADER = ["合同编号", "活动", "合同类型", "统一社会信用代码", "覆盖职工数", "签订日期", "状态"]


def base_sheets():
	"""A small hand-built ledger whose 附件 is counted by hand in the tests below.

	A 国有 长沙市 500 人; B 私营 株洲市 200; C 外资 芙蓉区 300; D 其他 湘潭市 50; E 私营 天心区 80.
	O1 A agreed; O2 B refused, O5 B agreed later; O3 行业性 C + D agreed; O4 E pending since 05-01.
	H1 A signed; H2 行业性 C + D; H3 B cancelled; H4 E signed without an agreed offer.
	"""
	sheets = {
		"企业": [
			ENTERPRISE_HEADER,
			[A, "长沙湘江机械制造有限公司", c.STATE_OWNED, "长沙市", 500],
			[B, "株洲韶峰电子科技有限公司", c.PRIVATE, "株洲市", 200],
			[C, "长沙德美汽车零部件有限公司", c.FOREIGN, "芙蓉区", 300],
			[D, "湘潭楚天物流合伙企业（有限合伙）", c.OTHER, "湘潭市", 50],
			[E, "长沙金穗食品加工有限公司", c.PRIVATE, "天心区", 80],
		],
		"地区": [["地区", "上级地区"], ["芙蓉区", "长沙市"], ["天心区", "长沙市"], ["湘江测试片区", "岳麓区"]],
		"要约": [
			OFFER_HEADER,
			["O1", CAMPAIGN, "单个企业", A, 400, "2023-03-01", "同意协商", "2023-03-10", None, None],
			["O2", CAMPAIGN, "单个企业", B, 150, "2023-03-05", "拒绝协商", "2023-03-15", "企业经营困难", "督促企业应约"],
			["O3", CAMPAIGN, "行业性", C, 200, "2023-04-01", "同意协商", "2023-04-05", None, None],
			["O3", CAMPAIGN, "行业性", D, 40, "2023-04-01", "同意协商", "2023-04-05", None, None],
			["O4", CAMPAIGN, "单个企业", E, 60, "2023-05-01", None, None, None, None],
			["O5", CAMPAIGN, "单个企业", B, 180, "2023-06-01", "同意协商", "2023-06-10", None, None],
		],
		"集体合同": [
			CONTRACT_HEADER,
			["H1", CAMPAIGN, "工资专项集体协议", A, 450, "2023-05-01", None],
			["H2", CAMPAIGN, "行业性集体合同", C, 250, "2023-05-10", None],
			["H2", CAMPAIGN, "行业性集体合同", D, 45, "2023-05-10", None],
			["H3", CAMPAIGN, "综合性集体合同", B, 190, "2023-06-20", "已撤销"],
			["H4", CAMPAIGN, "综合性集体合同", E, 70, "2023-06-01", None],
		],
	}
	return copy.deepcopy(sheets)  # tests edit it, headers included


def workbook_bytes(sheets):
	wb = Workbook()
	wb.remove(wb.active)
	for title, rows in sheets.items():
		ws = wb.create_sheet(title)
		for row in rows:
			ws.append(list(row))
	out = BytesIO()
	wb.save(out)
	return out.getvalue()


def write_book(path, sheets):
	path.write_bytes(workbook_bytes(sheets))
	return path


def read(sheets):
	return read_ledger(workbook_bytes(sheets), BASE)


def errors_of(sheets):
	with pytest.raises(LedgerInvalid) as caught:
		read(sheets)
	return caught.value.errors


def set_cell(sheets, sheet, row, column, value):
	"""Set the cell of Excel row `row` under header `column`."""
	rows = sheets[sheet]
	while len(rows) < row:
		rows.append([None] * len(rows[0]))
	index = rows[0].index(column)
	line = rows[row - 1]
	line.extend([None] * (index + 1 - len(line)))
	line[index] = value


def figures(annex):
	return {category: annex.rows[category].as_tuple() for category in c.REPORT_CATEGORIES}


# ---------------------------------------------------------------- reading


def test_base_ledger_reads_into_records():
	ledger = read(base_sheets())
	assert [e.key for e in ledger.enterprises] == [A, B, C, D, E]
	assert ledger.enterprise(C).category == c.FOREIGN and ledger.enterprise(C).region == "芙蓉区"
	assert ledger.employees == {A: 500, B: 200, C: 300, D: 50, E: 80}
	# 芙蓉区 and 天心区 are in the shipped tree already (repeating them is allowed); the new one is added
	assert ledger.regions["芙蓉区"] == "长沙市" and ledger.added_regions == {"湘江测试片区": "岳麓区"}
	assert ledger.regions["长沙市"] == "湖南省"
	assert len(ledger.offer_lines) == 6 and len(ledger.contract_lines) == 5
	assert ledger.offer_scopes == {"O1": "单个企业", "O2": "单个企业", "O3": "行业性", "O4": "单个企业", "O5": "单个企业"}
	assert ledger.contract_kinds["H2"] == "行业性集体合同"


def test_rows_sharing_an_offer_number_are_one_offer_covering_several_enterprises():
	ledger = read(base_sheets())
	offer = ledger.offers["O3"]
	assert offer.scope == c.SCOPE_INDUSTRY
	assert offer.coverage == ((C, 200), (D, 40))
	assert offer.date_sent == date(2023, 4, 1) and offer.response == c.AGREED and offer.response_date == date(2023, 4, 5)
	assert offer.row == 4
	lines = [line for line in ledger.offer_lines if line.offer == "O3"]
	assert {(line.enterprise, line.workers) for line in lines} == {(C, 200), (D, 40)}
	assert all(line.response == c.AGREED for line in lines)
	assert ledger.contracts["H2"].coverage == ((C, 250), (D, 45))


def test_blank_response_is_pending_and_refusal_texts_reach_the_lines():
	ledger = read(base_sheets())
	assert ledger.offers["O4"].response == c.PENDING and ledger.offers["O4"].response_date is None
	(o2,) = [line for line in ledger.offer_lines if line.offer == "O2"]
	assert (o2.response, o2.refusal_reason, o2.hrss_handling) == (c.REFUSED, "企业经营困难", "督促企业应约")


def test_cancelled_contract():
	ledger = read(base_sheets())
	assert ledger.contracts["H3"].cancelled is True
	assert ledger.contracts["H1"].cancelled is False
	assert [line.cancelled for line in ledger.contract_lines if line.contract == "H3"] == [True]


def test_columns_are_found_by_header_in_any_order_with_extra_columns_and_sheets():
	sheets = base_sheets()
	order = [4, 2, 0, 3, 1]  # 职工人数, 企业类型, 统一社会信用代码, 所在地区, 企业名称
	sheets["企业"] = [[row[i] for i in order] + [extra] for row, extra in zip(sheets["企业"], ["备注"] + ["x"] * 5)]
	sheets["企业"][0][0] = " 职工人数 "  # spaces around a header do not matter
	offers = sheets["要约"]
	sheets["要约"] = [["联系人"] + list(reversed(row)) for row in offers]
	sheets["说明"] = [["随便写点什么"]]
	ledger = read(sheets)
	assert ledger.enterprise(A).name == "长沙湘江机械制造有限公司"
	assert ledger.employees[D] == 50
	assert ledger.offers["O3"].coverage == ((C, 200), (D, 40))
	assert ledger == read(base_sheets())


def test_dates_as_excel_dates_datetimes_and_strings():
	sheets = base_sheets()
	set_cell(sheets, "要约", 2, "发出日期", date(2023, 3, 1))
	set_cell(sheets, "要约", 2, "回应日期", datetime(2023, 3, 10, 0, 0))
	set_cell(sheets, "要约", 3, "发出日期", "2023/3/5")
	set_cell(sheets, "要约", 3, "回应日期", "2023年3月15日")
	set_cell(sheets, "集体合同", 2, "签订日期", datetime(2023, 5, 1, 14, 30))
	ledger = read(sheets)
	assert ledger.offers["O1"].date_sent == date(2023, 3, 1)
	assert ledger.offers["O1"].response_date == date(2023, 3, 10)
	assert ledger.offers["O2"].date_sent == date(2023, 3, 5)
	assert ledger.offers["O2"].response_date == date(2023, 3, 15)
	assert ledger.contracts["H1"].signing_date == date(2023, 5, 1)
	assert ledger == read(base_sheets())


def test_half_width_parentheses_and_spaces_in_categories():
	sheets = base_sheets()
	set_cell(sheets, "企业", 3, "企业类型", "私营企业 (民营企业)")
	set_cell(sheets, "企业", 4, "企业类型", "外商投资企业(中外合资)")
	ledger = read(sheets)
	assert ledger.enterprise(B).category == c.PRIVATE
	assert ledger.enterprise(C).category == c.FOREIGN


def test_numbers_as_text_and_codes_in_lower_case_with_spaces():
	sheets = base_sheets()
	set_cell(sheets, "企业", 2, "职工人数", "500")
	set_cell(sheets, "企业", 2, "统一社会信用代码", f" {A[:6].lower()} {A[6:].lower()} ")
	set_cell(sheets, "要约", 2, "覆盖职工数", 400.0)
	ledger = read(sheets)
	assert ledger.employees[A] == 500
	assert ledger.offers["O1"].coverage == ((A, 400),)


def test_blank_rows_are_skipped_and_errors_keep_excel_row_numbers():
	sheets = base_sheets()
	sheets["企业"].insert(3, [None] * 5)  # Excel row 4 is blank; C is now in row 5
	sheets["企业"].insert(4, ["", "  ", None, None, None])  # and row 5 too; C in row 6
	ledger = read(sheets)
	assert len(ledger.enterprises) == 5
	set_cell(sheets, "企业", 6, "职工人数", 0)
	(error,) = errors_of(sheets)
	assert (error.sheet, error.row) == ("企业", 6)


def test_unknown_campaign_with_a_year_runs_over_the_spring_of_that_year():
	sheets = base_sheets()
	name = "2024年春季要约行动"
	for row in sheets["要约"][1:]:
		row[1] = name
		row[5] = row[5].replace("2023", "2024")
		if row[7]:
			row[7] = row[7].replace("2023", "2024")
	for row in sheets["集体合同"][1:]:
		row[1] = name
	ledger = read(sheets)
	assert ledger.campaigns == {name: Campaign(name, date(2024, 3, 1), date(2024, 6, 30), date(2024, 6, 30))}
	assert {line.campaign for line in ledger.offer_lines} == {name}


def test_campaign_sheet_gives_the_dates():
	sheets = base_sheets()
	sheets["活动"] = [["上报截止日期", "名称", "开始日期", "结束日期"], ["2023-07-10", CAMPAIGN, "2023-02-15", date(2023, 6, 30)]]
	set_cell(sheets, "要约", 2, "发出日期", "2023-02-20")
	ledger = read(sheets)
	assert ledger.campaigns[CAMPAIGN] == Campaign(CAMPAIGN, date(2023, 2, 15), date(2023, 6, 30), date(2023, 7, 10))
	assert ledger.latest_campaign().name == CAMPAIGN


def test_latest_campaign_is_the_one_starting_last():
	sheets = base_sheets()
	sheets["活动"] = [["名称", "开始日期", "结束日期", "上报截止日期"], ["2022年春季要约行动", "2022-03-01", "2022-06-30", "2022-06-30"]]
	ledger = read(sheets)
	assert set(ledger.campaigns) == {"2022年春季要约行动", CAMPAIGN}
	assert ledger.latest_campaign().name == CAMPAIGN


def test_source_may_be_a_path_bytes_or_a_file_object(tmp_path):
	path = write_book(tmp_path / "台帐.xlsx", base_sheets())
	by_path = read_ledger(path, BASE)
	assert read_ledger(str(path), BASE) == by_path
	assert read_ledger(path.read_bytes(), BASE) == by_path
	with path.open("rb") as f:
		assert read_ledger(f, BASE) == by_path


def test_region_sheet_may_list_children_before_parents():
	sheets = base_sheets()
	sheets["地区"] += [["橘子洲街道", "岳麓区"], ["岳麓区", "长沙市"]]
	ledger = read(sheets)
	assert ledger.regions["橘子洲街道"] == "岳麓区" and ledger.regions["岳麓区"] == "长沙市"


# ---------------------------------------------------------------- the counting, by hand


def test_hand_count_of_the_province_on_the_last_day():
	ledger = read(base_sheets())
	annex = ledger.annex("湖南省", CAMPAIGN, date(2023, 6, 30))
	# 国有: A offered 400, agreed 400, signed 450.
	# 私营: B offered max(150, 180) = 180 and agreed 180 on O5 (so its O2 refusal no longer counts), its
	#       contract is cancelled; E offered 60, no answer since 05-01 (due 05-21) → refused by lapse,
	#       signed 70. Offered 2 / 240, responded 1 / 180, signed 1 / 70, refused 1.
	# 外资: C 200 / 200 / 250.  其他: D 40 / 40 / 45.
	assert figures(annex) == {
		c.STATE_OWNED: (1, 400, 1, 400, 1, 450, 0),
		c.PRIVATE: (2, 240, 1, 180, 1, 70, 1),
		c.FOREIGN: (1, 200, 1, 200, 1, 250, 0),
		c.OTHER: (1, 40, 1, 40, 1, 45, 0),
	}
	assert annex.total.as_tuple() == (5, 880, 4, 820, 4, 815, 1)
	assert [(r.credit_code, r.kind) for r in annex.refusals] == [(E, c.OVERDUE)]
	assert check_invariants(annex.rows, len(annex.refusals)) == []


def test_hand_count_in_mid_may_and_for_one_city():
	ledger = read(base_sheets())
	annex = ledger.annex("湖南省", CAMPAIGN, date(2023, 5, 15))
	# By 05-15: B only refused (O5 not sent yet), E's offer is inside its 20 days, H3/H4 not signed yet.
	assert figures(annex) == {
		c.STATE_OWNED: (1, 400, 1, 400, 1, 450, 0),
		c.PRIVATE: (2, 210, 0, 0, 0, 0, 1),
		c.FOREIGN: (1, 200, 1, 200, 1, 250, 0),
		c.OTHER: (1, 40, 1, 40, 1, 45, 0),
	}
	assert [(r.credit_code, r.kind, r.reason) for r in annex.refusals] == [(B, c.REFUSED, "企业经营困难")]
	# 长沙市 is A, C (芙蓉区) and E (天心区).
	changsha = ledger.annex("长沙市", CAMPAIGN, date(2023, 6, 30))
	assert figures(changsha) == {
		c.STATE_OWNED: (1, 400, 1, 400, 1, 450, 0),
		c.PRIVATE: (1, 60, 0, 0, 1, 70, 1),
		c.FOREIGN: (1, 200, 1, 200, 1, 250, 0),
		c.OTHER: (0, 0, 0, 0, 0, 0, 0),
	}


# ---------------------------------------------------------------- errors


def drop_column(sheets, sheet, column):
	index = sheets[sheet][0].index(column)
	for row in sheets[sheet]:
		del row[index]


def add_row(sheets, sheet, values):
	sheets[sheet].append(values)
	return len(sheets[sheet])


def _missing_sheet(s):
	del s["企业"]
	return ("企业", None, "缺少必需的工作表「企业」")


def _missing_column(s):
	drop_column(s, "要约", "覆盖职工数")
	return ("要约", 1, "缺少必填列「覆盖职工数」")


def _missing_column_in_enterprises(s):
	drop_column(s, "企业", "职工人数")
	return ("企业", 1, "缺少必填列「职工人数」")


def _bad_check_character(s):
	good = credit_code.make_code("430100", "MA4L0G07")
	bad = good[:-1] + ("0" if good[-1] != "0" else "1")
	row = add_row(s, "企业", [bad, "长沙星城建材有限公司", c.PRIVATE, "长沙市", 30])
	return ("企业", row, "校验码错误")


def _short_code(s):
	row = add_row(s, "企业", ["9143010", "长沙星城建材有限公司", c.PRIVATE, "长沙市", 30])
	return ("企业", row, "应为 18 位")


def _duplicate_code(s):
	row = add_row(s, "企业", [A.lower(), "长沙湘江机械有限公司", c.PRIVATE, "长沙市", 30])
	return ("企业", row, "与第 2 行重复")


def _unknown_category(s):
	set_cell(s, "企业", 5, "企业类型", "集体所有制企业")
	return ("企业", 5, "「企业类型」的“集体所有制企业”不是可选值")


def _unknown_region(s):
	set_cell(s, "企业", 3, "所在地区", "北京市")
	return ("企业", 3, "所在地区「北京市」不在地区树中")


def _region_parent_unknown(s):
	row = add_row(s, "地区", ["雨花测试区", "长沙县城"])
	return ("地区", row, "上级地区「长沙县城」不在内置地区树中")


def _region_moves_a_city(s):
	row = add_row(s, "地区", ["长沙市", "株洲市"])
	return ("地区", row, "已在内置地区树中")


def _employees_zero(s):
	set_cell(s, "企业", 4, "职工人数", 0)
	return ("企业", 4, "「职工人数」为 0，应大于 0")


def _employees_negative(s):
	set_cell(s, "企业", 4, "职工人数", -5)
	return ("企业", 4, "「职工人数」为 -5，应大于 0")


def _employees_fraction(s):
	set_cell(s, "企业", 4, "职工人数", 12.5)
	return ("企业", 4, "「职工人数」的“12.5”不是整数")


def _employees_text(s):
	set_cell(s, "企业", 4, "职工人数", "三百")
	return ("企业", 4, "不是整数")


def _workers_zero(s):
	set_cell(s, "要约", 2, "覆盖职工数", 0)
	return ("要约", 2, "「覆盖职工数」为 0，应大于 0")


def _workers_negative_in_contract(s):
	set_cell(s, "集体合同", 3, "覆盖职工数", -1)
	return ("集体合同", 3, "应大于 0")


def _workers_text(s):
	set_cell(s, "要约", 2, "覆盖职工数", "四百")
	return ("要约", 2, "「覆盖职工数」的“四百”不是整数")


def _workers_above_employees(s):
	set_cell(s, "要约", 2, "覆盖职工数", 501)
	return ("要约", 2, "覆盖职工数 501 超过该企业的职工人数 500")


def _contract_workers_above_employees(s):
	set_cell(s, "集体合同", 4, "覆盖职工数", 51)
	return ("集体合同", 4, "超过该企业的职工人数 50")


def _offer_names_unknown_enterprise(s):
	set_cell(s, "要约", 6, "统一社会信用代码", STRANGER)
	return ("要约", 6, f"{STRANGER} 的企业不在「企业」工作表中")


def _contract_names_unknown_enterprise(s):
	set_cell(s, "集体合同", 6, "统一社会信用代码", STRANGER)
	return ("集体合同", 6, "不在「企业」工作表中")


def _offer_names_malformed_code(s):
	set_cell(s, "要约", 6, "统一社会信用代码", "91430100MA4L0E0")
	return ("要约", 6, "应为 18 位")


def _impossible_date(s):
	set_cell(s, "要约", 2, "发出日期", "2023-02-30")
	return ("要约", 2, "「发出日期」的“2023-02-30”不是日期")


def _date_in_words(s):
	set_cell(s, "集体合同", 2, "签订日期", "五月初")
	return ("集体合同", 2, "「签订日期」的“五月初”不是日期")


def _missing_date(s):
	set_cell(s, "集体合同", 2, "签订日期", None)
	return ("集体合同", 2, "请填写「签订日期」")


def _response_before_sent(s):
	set_cell(s, "要约", 3, "回应日期", "2023-03-01")
	return ("要约", 3, "回应日期 2023-03-01 早于发出日期 2023-03-05")


def _refusal_without_reason(s):
	set_cell(s, "要约", 3, "拒绝原因", None)
	return ("要约", 3, "请填写拒绝原因")


def _answer_without_date(s):
	set_cell(s, "要约", 2, "回应日期", None)
	return ("要约", 2, "请填写回应日期")


def _pending_with_date(s):
	set_cell(s, "要约", 6, "回应日期", "2023-05-05")
	return ("要约", 6, "却填了回应日期")


def _sent_outside_campaign(s):
	set_cell(s, "要约", 2, "发出日期", "2023-02-20")
	return ("要约", 2, "不在活动「2023年春季要约行动」期间（2023-03-01 至 2023-06-30）")


def _same_enterprise_twice_in_offer(s):
	row = add_row(s, "要约", ["O3", CAMPAIGN, "行业性", C, 100, "2023-04-01", "同意协商", "2023-04-05", None, None])
	return ("要约", row, "已在第 4 行覆盖企业")


def _same_enterprise_twice_in_contract(s):
	row = add_row(s, "集体合同", ["H2", CAMPAIGN, "行业性集体合同", C, 100, "2023-05-10", None])
	return ("集体合同", row, "已在第 3 行覆盖企业")


def _unknown_response(s):
	set_cell(s, "要约", 2, "回应情况", "考虑中")  # 同意, 拒绝… are accepted spellings; this is none
	return ("要约", 2, "「回应情况」的“考虑中”不是可选值")


def _unknown_scope(s):
	set_cell(s, "要约", 2, "要约范围", "全市")
	return ("要约", 2, "「要约范围」的“全市”不是可选值")


def _unknown_kind(s):
	set_cell(s, "集体合同", 2, "合同类型", "劳动合同")
	return ("集体合同", 2, "「合同类型」的“劳动合同”不是可选值")


def _unknown_status(s):
	set_cell(s, "集体合同", 2, "状态", "待定")  # 已签, 已生效, 作废… are accepted spellings; this is none
	return ("集体合同", 2, "「状态」的“待定”无法识别")


def _offer_rows_disagree(s):
	set_cell(s, "要约", 5, "发出日期", "2023-04-02")
	return ("要约", 5, "要约编号 O3 的「发出日期」为“2023-04-02”，与第 4 行的“2023-04-01”不一致")


def _contract_rows_disagree(s):
	set_cell(s, "集体合同", 4, "合同类型", "区域性集体合同")
	return ("集体合同", 4, "与第 3 行")


def _single_scope_with_two_rows(s):
	set_cell(s, "要约", 4, "要约范围", "单个企业")
	set_cell(s, "要约", 5, "要约范围", "单个企业")
	return ("要约", 4, "要约范围为「单个企业」，却有 2 行")


def _campaign_without_year(s):
	set_cell(s, "要约", 2, "活动", "春季要约行动")
	return ("要约", 2, "活动「春季要约行动」不在「活动」工作表中，名称里也没有年份")


def _campaign_sheet_dates_reversed(s):
	s["活动"] = [["名称", "开始日期", "结束日期", "上报截止日期"], ["2022年春季要约行动", "2022-06-30", "2022-03-01", "2022-06-30"]]
	return ("活动", 2, "结束日期 2022-03-01 早于开始日期 2022-06-30")


ERROR_CASES = [
	_missing_sheet,
	_missing_column,
	_missing_column_in_enterprises,
	_bad_check_character,
	_short_code,
	_duplicate_code,
	_unknown_category,
	_unknown_region,
	_region_parent_unknown,
	_region_moves_a_city,
	_employees_zero,
	_employees_negative,
	_employees_fraction,
	_employees_text,
	_workers_zero,
	_workers_negative_in_contract,
	_workers_text,
	_workers_above_employees,
	_contract_workers_above_employees,
	_offer_names_unknown_enterprise,
	_contract_names_unknown_enterprise,
	_offer_names_malformed_code,
	_impossible_date,
	_date_in_words,
	_missing_date,
	_response_before_sent,
	_refusal_without_reason,
	_answer_without_date,
	_pending_with_date,
	_sent_outside_campaign,
	_same_enterprise_twice_in_offer,
	_same_enterprise_twice_in_contract,
	_unknown_response,
	_unknown_scope,
	_unknown_kind,
	_unknown_status,
	_offer_rows_disagree,
	_contract_rows_disagree,
	_single_scope_with_two_rows,
	_campaign_without_year,
	_campaign_sheet_dates_reversed,
]


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda f: f.__name__.strip("_"))
def test_each_error_is_reported_once_with_its_sheet_and_row(case):
	sheets = base_sheets()
	sheet, row, words = case(sheets)
	errors = errors_of(sheets)
	assert len(errors) == 1, errors
	(error,) = errors
	assert (error.sheet, error.row) == (sheet, row)
	assert words in error.message
	assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message)


def test_all_errors_are_reported_at_once_in_sheet_and_row_order():
	sheets = base_sheets()
	expected = []
	for case in (_unknown_status, _workers_above_employees, _bad_check_character, _unknown_region, _region_parent_unknown, _response_before_sent):
		expected.append(case(sheets))
	errors = errors_of(sheets)
	assert len(errors) == len(expected)
	for (sheet, row, words), error in zip(
		sorted(expected, key=lambda e: (["企业", "要约", "集体合同", "地区", "活动"].index(e[0]), e[1])), errors
	):
		assert (error.sheet, error.row) == (sheet, row)
		assert words in error.message


def test_error_text_names_sheet_and_row():
	assert str(LedgerError("要约", 5, "请填写回应日期")) == "工作表「要约」第 5 行：请填写回应日期"
	assert str(LedgerError("企业", None, "缺少必需的工作表")) == "工作表「企业」：缺少必需的工作表"
	invalid = LedgerInvalid([LedgerError("要约", 5, "甲"), LedgerError("企业", 2, "乙")])
	assert str(invalid) == "工作表「要约」第 5 行：甲\n工作表「企业」第 2 行：乙"


def test_missing_offer_and_contract_sheets_are_fine():
	sheets = base_sheets()
	del sheets["要约"], sheets["集体合同"]
	ledger = read(sheets)
	assert len(ledger.enterprises) == 5 and ledger.offer_lines == [] and ledger.contract_lines == []


def test_not_an_xlsx_and_missing_file(tmp_path):
	text = tmp_path / "台帐.xlsx"
	text.write_text("统一社会信用代码,企业名称\n", encoding="utf-8")
	for source in (text, tmp_path / "没有这个文件.xlsx", b"PK\x03\x04 not really a zip"):
		with pytest.raises(LedgerInvalid) as caught:
			read_ledger(source, BASE)
		(error,) = caught.value.errors
		assert error.sheet is None and error.row is None
		assert str(error).startswith("台帐文件：")


def test_contract_may_name_its_offer():
	sheets = base_sheets()
	sheets["集体合同"][0].append("要约编号")
	for row, offer in zip(sheets["集体合同"][1:], ["O1", "O3", "O3", "O5", None]):
		row.append(offer)
	ledger = read(sheets)
	assert ledger.contracts["H2"].offer == "O3" and ledger.contracts["H4"].offer == ""
	set_cell(sheets, "集体合同", 2, "要约编号", "O9")
	set_cell(sheets, "集体合同", 5, "要约编号", "O1")  # O1 does not cover B
	errors = errors_of(sheets)
	assert [(e.sheet, e.row) for e in errors] == [("集体合同", 2), ("集体合同", 5)]
	assert "O9 不在「要约」工作表中" in errors[0].message
	assert "没有覆盖企业" in errors[1].message


# ---------------------------------------------------------------- template and sample


def test_template_reads_back_as_an_empty_ledger():
	content = write_template()
	ledger = read_ledger(content, BASE)
	assert ledger.enterprises == [] and ledger.offer_lines == [] and ledger.contract_lines == []
	assert ledger.campaigns == {} and ledger.regions == BASE
	wb = load_workbook(BytesIO(content))
	assert wb.sheetnames[:5] == ["企业", "要约", "集体合同", "地区", "活动"]
	headers = [cell.value for cell in wb["企业"][1]]
	assert headers == ENTERPRISE_HEADER
	assert all(cell.font.b for cell in wb["要约"][1])
	assert [cell.value for cell in wb["要约"][1]][: len(OFFER_HEADER)] == OFFER_HEADER
	assert wb["企业"].column_dimensions["B"].width >= 20


@pytest.fixture(scope="module")
def sample():
	return read_ledger(write_sample(), BASE)


ALLOWED_REGIONS = set(BASE) | {"芙蓉区", "天心区", "岳麓区"}


def test_sample_reads_back_without_error_and_is_realistic(sample):
	assert 60 <= len(sample.enterprises) <= 70
	assert {e.category for e in sample.enterprises} == set(c.REPORT_CATEGORIES)
	assert all(credit_code.is_valid(e.key) for e in sample.enterprises)
	assert len({e.key[8:16] for e in sample.enterprises}) == len(sample.enterprises)  # unique organisation bodies
	assert len({e.name for e in sample.enterprises}) == len(sample.enterprises)
	assert {e.region for e in sample.enterprises} <= ALLOWED_REGIONS
	assert len({sample.regions[e.region] if e.region in sample.added_regions else e.region for e in sample.enterprises}) >= 5
	assert sample.added_regions == {}  # its 地区 sheet repeats counties the shipped tree already has
	assert list(sample.campaigns) == ["2023年春季要约行动"]
	assert all(e.name.endswith(("公司", "（有限合伙）", "合作社")) for e in sample.enterprises)


def test_sample_has_every_kind_of_case(sample):
	offers = list(sample.offers.values())
	industry = [o for o in offers if o.scope == c.SCOPE_INDUSTRY]
	assert industry and all(len(o.coverage) >= 3 for o in industry)
	assert all(len(o.coverage) == 1 for o in offers if o.scope == c.SCOPE_SINGLE)
	responses = {o.response for o in offers}
	assert responses == set(c.RESPONSES)
	end = date(2023, 6, 30)
	pending = [o for o in offers if o.response == c.PENDING]
	assert any(o.response_due and o.response_due < end for o in pending), "an overdue offer"
	assert any(o.response_due and o.response_due >= end for o in pending), "an offer still inside its 20 days"
	assert any(o.delivered_on is None for o in pending), "an offer not delivered yet (no due date)"
	assert any(o.delivered_on and o.delivered_on > o.date_sent for o in sample.offers.values()), "an offer received after it was sent"
	refused = [o for o in offers if o.response == c.REFUSED]
	assert refused and all(o.refusal_reason for o in refused)
	assert any(o.hrss_handling for o in refused) and any(not o.hrss_handling for o in refused)
	cancelled = [k for k in sample.contracts.values() if k.cancelled]
	assert len(cancelled) == 1
	offered = {line.enterprise for line in sample.offer_lines}
	assert any(code not in offered for k in sample.contracts.values() for code, _ in k.coverage), "a contract without an offer"
	assert any(code not in offered for code in sample.employees), "an enterprise that got no offer"
	assert any(k.kind == "行业性集体合同" and len(k.coverage) >= 3 for k in sample.contracts.values())


def _independent_count(ledger, unit, as_of):
	"""The 附件 straight from the ledger's Offer and Contract records, written separately from counting.py."""
	region_of = {e.key: e.region for e in ledger.enterprises}
	category_of = {e.key: e.category for e in ledger.enterprises}

	def inside(region):
		while region:
			if region == unit:
				return True
			region = ledger.regions.get(region)
		return False

	best = {name: {} for name in ("offered", "agreed", "signed")}
	said_no = set()
	for offer in ledger.offers.values():
		if offer.date_sent > as_of:
			continue
		answered = offer.response != c.PENDING and offer.response_date <= as_of
		for code, workers in offer.coverage:
			if not inside(region_of[code]):
				continue
			best["offered"][code] = max(best["offered"].get(code, 0), workers)
			if answered and offer.response == c.AGREED:
				best["agreed"][code] = max(best["agreed"].get(code, 0), workers)
			late = offer.delivered_on is not None and (as_of - offer.delivered_on).days > 20  # Art. 32: from receipt
			if (answered and offer.response == c.REFUSED) or (not answered and late):
				said_no.add(code)
	for contract in ledger.contracts.values():
		if contract.cancelled or contract.signing_date > as_of:
			continue
		for code, workers in contract.coverage:
			if inside(region_of[code]):
				best["signed"][code] = max(best["signed"].get(code, 0), workers)
	rows = {}
	for category in c.REPORT_CATEGORIES:
		row = []
		for name in ("offered", "agreed", "signed"):
			mine = [w for code, w in best[name].items() if category_of[code] == category]
			row += [len(mine), sum(mine)]
		row.append(sum(1 for code in said_no - set(best["agreed"]) if category_of[code] == category))
		rows[category] = tuple(row)
	return rows


@pytest.mark.parametrize("unit", ["湖南省", "长沙市", "岳麓区", "株洲市"])
@pytest.mark.parametrize("as_of", [date(2023, 4, 15), date(2023, 6, 30)])
def test_sample_counts_consistently(sample, unit, as_of):
	annex = sample.annex(unit, "2023年春季要约行动", as_of)
	assert check_invariants(annex.rows, len(annex.refusals)) == []
	assert figures(annex) == _independent_count(sample, unit, as_of)


def test_sample_province_is_the_sum_of_its_cities(sample):
	as_of = date(2023, 6, 30)
	province = sample.annex("湖南省", "2023年春季要约行动", as_of).total.as_tuple()
	cities = [sample.annex(city, "2023年春季要约行动", as_of).total.as_tuple() for city in regions.CITIES]
	assert province == tuple(map(sum, zip(*cities)))
	assert province[0] >= 50 and province[2] > 0 and province[4] > 0 and province[6] > 0


def test_sample_is_deterministic_for_a_seed():
	first, again = read_ledger(write_sample(2023), BASE), read_ledger(write_sample(2023), BASE)
	assert first == again
	other = read_ledger(write_sample(7), BASE)
	assert other.enterprises != first.enterprises


def test_credit_code_messages_are_chinese_even_without_a_translation(monkeypatch):
	from springoffer.core import i18n, ledger

	problem = credit_code.check("9143010")
	assert ledger.code_error_text(problem) == "统一社会信用代码应为 18 位，实为 7 位，请照营业执照填写"
	monkeypatch.setattr(i18n, "messages", lambda lang="zh": {})
	assert ledger.code_error_text(problem) == "统一社会信用代码应为 18 位，实为 7 位，请照营业执照填写"
	unknown = credit_code.CodeError("Something new about code {0}", ("X",))
	assert ledger.code_error_text(unknown) == "统一社会信用代码无效，请对照营业执照核对"


def test_every_credit_code_message_has_a_chinese_fallback():
	import ast
	import inspect

	from springoffer.core import ledger

	source = inspect.getsource(credit_code)
	messages = {
		node.args[0].value
		for node in ast.walk(ast.parse(source))
		if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "CodeError" and isinstance(node.args[0], ast.Constant)
	}
	assert messages and messages <= set(ledger._CODE_MESSAGES)


def test_split_choice_for_select_plus_detail():
	from springoffer.core.ledger import split_choice

	assert split_choice("企业经营困难：订单下滑", c.REFUSAL_REASONS) == ("企业经营困难", "订单下滑")
	assert split_choice("督促企业应约", c.HRSS_HANDLINGS) == ("督促企业应约", "")
	assert split_choice("老板出差", c.REFUSAL_REASONS) == ("其他", "老板出差")
	assert split_choice("", c.REFUSAL_REASONS) == ("", "")
