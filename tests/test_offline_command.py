"""`python -m springoffer …`: the offline command, run in-process through main(argv) and once for real."""

import io
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook
from test_ledger import CAMPAIGN, base_sheets, set_cell, write_book

from springoffer.__main__ import main
from springoffer.core import categories as c
from springoffer.core import regions
from springoffer.core.ledger import read_ledger

ROOT = Path(__file__).resolve().parent.parent


def run(*argv):
	out, err = io.StringIO(), io.StringIO()
	code = main([str(a) for a in argv], out=out, err=err)
	return code, out.getvalue(), err.getvalue()


def total_row(path):
	"""The 合计 row of the written 附件: its seven figures."""
	ws = load_workbook(path).worksheets[0]
	for row in ws.iter_rows(values_only=True):
		if row and row[0] == c.TOTAL_LABEL:
			return tuple(row[1:8])
	raise AssertionError("no 合计 row")


def category_rows(path):
	ws = load_workbook(path).worksheets[0]
	return {row[0]: tuple(row[1:8]) for row in ws.iter_rows(values_only=True) if row and row[0] in c.REPORT_CATEGORIES}


def assert_clean_failure(code, out, err):
	assert code == 2
	assert "Traceback" not in err and "Traceback" not in out
	assert any("\u4e00" <= ch <= "\u9fff" for ch in err)


def test_annex_of_the_hand_built_ledger(tmp_path):
	ledger = write_book(tmp_path / "台帐.xlsx", base_sheets())
	output = tmp_path / "附件.xlsx"
	code, out, err = run("annex", ledger, "--unit", "湖南省", "--as-of", "2023-06-30", "--output", output)
	assert (code, err) == (0, "")
	# By hand (see test_ledger.test_hand_count_of_the_province_on_the_last_day): offered A 400, B 180,
	# C 200, D 40, E 60; agreed A, B (O5), C, D; signed A 450, C 250, D 45, E 70 (B's contract cancelled);
	# E unanswered past its due date.
	assert total_row(output) == (5, 880, 4, 820, 4, 815, 1)
	assert category_rows(output)[c.PRIVATE] == (2, 240, 1, 180, 1, 70, 1)
	assert str(output) in out
	assert "发出要约 5 家（覆盖职工 880 人）" in out
	assert "回应要约 4 家（820 人）" in out
	assert "签订集体合同 4 家（815 人）" in out
	assert "不予回应（拒绝协商）1 家" in out
	wb = load_workbook(output)
	texts = [cell for row in wb.worksheets[0].iter_rows(values_only=True) for cell in row if isinstance(cell, str)]
	assert "报送单位：湖南省" in texts
	assert any(t.startswith("备注：1. 请各地于 2023 年 6 月 30 日前上报") for t in texts)


def test_annex_of_a_district_on_an_earlier_day(tmp_path):
	ledger = write_book(tmp_path / "台帐.xlsx", base_sheets())
	output = tmp_path / "附件.xlsx"
	# 芙蓉区 holds only C (外资): offered 200 on 04-01, agreed 04-05, H2 signed 05-10 with 250.
	code, _out, err = run("annex", ledger, "--unit", "芙蓉区", "--as-of", "2023-04-03", "-o", output)
	assert code == 0, err
	assert total_row(output) == (1, 200, 0, 0, 0, 0, 0)
	code, _out, err = run("annex", ledger, "--unit", "芙蓉区", "--as-of", "2023-05-10", "-o", output)
	assert total_row(output) == (1, 200, 1, 200, 1, 250, 0)


def test_as_of_defaults_to_the_end_of_a_finished_campaign(tmp_path):
	ledger = write_book(tmp_path / "台帐.xlsx", base_sheets())
	output = tmp_path / "附件.xlsx"
	code, out, err = run("annex", ledger, "--unit", "长沙市", "--output", output)
	assert code == 0, err
	assert "统计截至：2023-06-30" in out
	# 长沙市: A (国有), C (芙蓉区, 外资), E (天心区, 私营, overdue, signed 70).
	assert total_row(output) == (3, 660, 2, 600, 3, 770, 1)


def test_campaign_defaults_to_the_latest_and_can_be_chosen(tmp_path):
	sheets = base_sheets()
	sheets["活动"] = [["名称", "开始日期", "结束日期", "上报截止日期"], ["2022年春季要约行动", "2022-03-01", "2022-06-30", "2022-07-05"]]
	ledger = write_book(tmp_path / "台帐.xlsx", sheets)
	output = tmp_path / "附件.xlsx"
	code, out, err = run("annex", ledger, "--unit", "湖南省", "-o", output)
	assert code == 0 and f"活动：{CAMPAIGN}" in out
	code, out, err = run("annex", ledger, "--unit", "湖南省", "--campaign", "2022年春季要约行动", "-o", output)
	assert code == 0, err
	assert "统计截至：2022-06-30" in out
	assert total_row(output) == (0, 0, 0, 0, 0, 0, 0)
	texts = [cell for row in load_workbook(output).worksheets[0].iter_rows(values_only=True) for cell in row if isinstance(cell, str)]
	assert any(t.startswith("备注：1. 请各地于 2022 年 7 月 5 日前上报") for t in texts)


def test_sample_ledger_then_annex(tmp_path):
	sample = tmp_path / "示例台帐.xlsx"
	code, out, err = run("sample-ledger", "--output", sample)
	assert code == 0 and sample.exists() and "示例台帐" in out
	ledger = read_ledger(sample, regions.base_regions())
	assert len(ledger.enterprises) >= 60
	output = tmp_path / "附件.xlsx"
	code, out, err = run("annex", sample, "--unit", "湖南省", "--as-of", "2023-06-30", "--output", output)
	assert (code, err) == (0, "")
	assert output.exists()
	expected = ledger.annex("湖南省", "2023年春季要约行动", ledger.campaigns["2023年春季要约行动"].end).total.as_tuple()
	assert total_row(output) == expected
	offered_enterprises = len({line.enterprise for line in ledger.offer_lines})
	assert expected[0] == offered_enterprises


def test_template_command(tmp_path):
	path = tmp_path / "模板.xlsx"
	code, out, err = run("template", "--output", path)
	assert code == 0
	ledger = read_ledger(path, regions.base_regions())
	assert ledger.enterprises == [] and ledger.campaigns == {}
	# An empty ledger has nothing to count: a clear message, not a crash.
	code, out, err = run("annex", path, "--unit", "湖南省", "-o", tmp_path / "附件.xlsx")
	assert_clean_failure(code, out, err)
	assert "没有任何活动" in err


def test_missing_file(tmp_path):
	code, out, err = run("annex", tmp_path / "没有.xlsx", "--unit", "湖南省", "-o", tmp_path / "附件.xlsx")
	assert_clean_failure(code, out, err)
	assert "找不到台帐文件" in err
	assert not (tmp_path / "附件.xlsx").exists()


def test_not_an_xlsx(tmp_path):
	path = tmp_path / "台帐.xlsx"
	path.write_text("统一社会信用代码,企业名称\n91430100MA4L0A019L,长沙\n", encoding="utf-8")
	code, out, err = run("annex", path, "--unit", "湖南省", "-o", tmp_path / "附件.xlsx")
	assert_clean_failure(code, out, err)
	assert "不是有效的 .xlsx" in err


def test_ledger_with_errors_lists_every_one(tmp_path):
	sheets = base_sheets()
	set_cell(sheets, "要约", 3, "拒绝原因", None)  # 拒绝协商 without a reason
	set_cell(sheets, "企业", 4, "职工人数", -3)
	set_cell(sheets, "集体合同", 5, "状态", "暂缓")
	path = write_book(tmp_path / "台帐.xlsx", sheets)
	code, out, err = run("annex", path, "--unit", "湖南省", "-o", tmp_path / "附件.xlsx")
	assert_clean_failure(code, out, err)
	assert "3 处错误" in err
	assert "工作表「企业」第 4 行：" in err
	assert "工作表「要约」第 3 行：" in err and "拒绝原因" in err
	assert "工作表「集体合同」第 5 行：" in err and "作废" in err
	lines = [line.strip() for line in err.splitlines() if line.strip().startswith("工作表")]
	assert [line.split("：")[0] for line in lines] == ["工作表「企业」第 4 行", "工作表「要约」第 3 行", "工作表「集体合同」第 5 行"]
	assert not (tmp_path / "附件.xlsx").exists()


def test_unknown_unit(tmp_path):
	path = write_book(tmp_path / "台帐.xlsx", base_sheets())
	code, out, err = run("annex", path, "--unit", "北京市", "-o", tmp_path / "附件.xlsx")
	assert_clean_failure(code, out, err)
	assert "报送单位「北京市」不在地区树中" in err


def test_unknown_campaign_and_bad_date(tmp_path):
	path = write_book(tmp_path / "台帐.xlsx", base_sheets())
	code, out, err = run("annex", path, "--unit", "湖南省", "--campaign", "2030年春季要约行动", "-o", tmp_path / "a.xlsx")
	assert_clean_failure(code, out, err)
	assert "没有活动「2030年春季要约行动」" in err and CAMPAIGN in err
	code, out, err = run("annex", path, "--unit", "湖南省", "--as-of", "2023-06-31", "-o", tmp_path / "a.xlsx")
	assert_clean_failure(code, out, err)
	assert "不是日期" in err


def test_bad_arguments_and_unwritable_output(tmp_path):
	assert_clean_failure(*run("annex", "台帐.xlsx"))
	code, out, err = run("annex", "台帐.xlsx")
	assert "缺少必填参数" in err
	assert_clean_failure(*run("frobnicate"))
	path = write_book(tmp_path / "台帐.xlsx", base_sheets())
	code, out, err = run("annex", path, "--unit", "湖南省", "-o", tmp_path / "没有的文件夹" / "附件.xlsx")
	assert_clean_failure(code, out, err)
	assert "无法写出文件" in err


def test_help_is_in_chinese(capsys):
	code, _out, _err = run("annex", "-h")
	assert code == 0
	shown = capsys.readouterr().out
	assert "报送单位" in shown and "统计截至日期" in shown and "显示本帮助并退出" in shown


def test_real_entry_point_fails_cleanly(tmp_path):
	env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
	result = subprocess.run(
		[sys.executable, "-m", "springoffer", "annex", str(tmp_path / "没有.xlsx"), "--unit", "湖南省", "-o", str(tmp_path / "a.xlsx")],
		capture_output=True,
		text=True,
		encoding="utf-8",
		env=env,
		cwd=tmp_path,
	)
	assert result.returncode == 2
	assert "找不到台帐文件" in result.stderr
	assert "Traceback" not in result.stderr
