"""`python -m springoffer sample`: the README's first command writes a sample ledger and its 附件."""

import io

from openpyxl import load_workbook

from springoffer.__main__ import main
from springoffer.core import categories as c


def test_sample_writes_the_ledger_and_the_annex(tmp_path, monkeypatch):
	monkeypatch.chdir(tmp_path)
	out = io.StringIO()
	assert main(["sample"], out=out) == 0
	assert (tmp_path / "台帐样例.xlsx").exists()
	sheet = load_workbook(tmp_path / "附件样例.xlsx").worksheets[0]
	cells = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None}
	assert c.ANNEX_TITLE in cells and f"{c.UNIT_PREFIX}湖南省" in cells and c.TOTAL_LABEL in cells
	assert "已生成附件" in out.getvalue()


def test_sample_for_a_city(tmp_path):
	out = io.StringIO()
	ledger, annex = tmp_path / "l.xlsx", tmp_path / "a.xlsx"
	assert main(["sample", "--ledger", str(ledger), "--output", str(annex), "--unit", "长沙市"], out=out) == 0
	assert "报送单位：长沙市" in out.getvalue()
