"""How the ledger reader reads a province's workbook quickly and safely: each sheet's reach checked
before it is parsed, the fast paths for rows written the common way agreeing with the careful ones,
and every source (path, bytes, file) giving the same ledger. No Frappe."""

import random
import zipfile
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from test_ledger import BASE, CAMPAIGN, A, C, D, base_sheets, errors_of, read

from springoffer.core.ledger import LedgerInvalid, read_ledger, write_sample
from springoffer.core.workbook_checks import MAX_SHEET_CELLS, sheet_extent_problem

SHEET = "xl/worksheets/sheet1.xml"


def _archive(rows_xml, chunk_filler=0):
	"""A zip holding one worksheet whose sheetData is rows_xml (after chunk_filler bytes of ordinary rows)."""
	filler = []
	size, row = 0, 1
	while size < chunk_filler:
		text = f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>填充{row}</t></is></c></row>'
		filler.append(text)
		size += len(text.encode())
		row += 1
	xml = (
		'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
		+ "".join(filler)
		+ rows_xml
		+ "</sheetData></worksheet>"
	)
	out = BytesIO()
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
		target.writestr(SHEET, xml)
	return zipfile.ZipFile(BytesIO(out.getvalue()))


def _problem(rows_xml, chunk_filler=0):
	return sheet_extent_problem(_archive(rows_xml, chunk_filler), SHEET, "企业")


# ---- each sheet's reach, before calamine holds it as one rectangle ------------------------------


def test_an_ordinary_sheet_passes():
	assert _problem('<row r="1"><c r="A1" t="inlineStr"><is><t>统一社会信用代码</t></is></c><c r="E1"><v>5</v></c></row>') is None


def test_two_cells_far_apart_are_refused_before_parsing():
	problem = _problem('<row r="1"><c r="A1"><v>1</v></c></row><row r="400000"><c r="XFD400000"><v>1</v></c></row>')
	assert "铺得太开" in problem and "XFD 列、第 400,000 行" in problem


def test_a_far_cell_past_the_first_megabyte_is_found():
	problem = _problem('<row r="9"><c r="ZZ300000"><v>1</v></c></row>', chunk_filler=3 << 20)
	assert "铺得太开" in problem


@pytest.mark.parametrize("ref", ["A500000", "A1048576", "C600001"])
def test_a_row_number_past_the_limit_is_refused_even_in_a_row_that_claims_another(ref):
	assert "行以上" in _problem(f'<row r="2"><c r="{ref}"><v>1</v></c></row>')


def test_a_cell_whose_reference_comes_after_its_other_attributes_is_measured():
	"""Some writers put s= and t= before r=: the column still counts."""
	wide = '<row r="480000"><c s="1" t="n" r="AB480000"><v>1</v></c></row>'
	assert "铺得太开" in _problem(wide)  # 28 columns × 480,000 rows
	assert _problem(wide.replace("480000", "400000")) is None  # 28 × 400,000: within the limit
	assert _problem('<row r="5"><c s="1" r="AB5"><v>1</v></c></row>') is None  # 28 columns × 5 rows


def test_cells_without_references_count_as_one_row_of_them():
	few = '<row r="3">' + "<c><v>1</v></c>" * 30 + "</row>"
	assert _problem(few) is None
	many = '<row r="300000">' + "<c><v>1</v></c>" * 60 + "</row>"
	assert "铺得太开" in _problem(many)


def test_the_cell_limit_leaves_a_province_its_room():
	"""Half a million rows of A … Z fit; a province's offer sheet (200,000 rows of 11 columns) is far inside."""
	assert MAX_SHEET_CELLS >= 500_000 * 26
	assert _problem('<row r="499999"><c r="Z499999"><v>1</v></c></row>') is None


def test_a_far_cell_in_a_ledger_is_reported_for_its_sheet_and_nothing_is_read(tmp_path):
	wb = Workbook()
	ws = wb.active
	ws.title = "企业"
	ws.append(["统一社会信用代码", "企业名称", "企业类型", "所在地区", "职工人数"])
	ws["XFD400000"] = "x"
	path = tmp_path / "台帐.xlsx"
	wb.save(path)
	with pytest.raises(LedgerInvalid) as caught:
		read_ledger(path, BASE)
	(error,) = caught.value.errors
	assert error.sheet == "企业" and "铺得太开" in error.message


# ---- sources ------------------------------------------------------------------------------------


def test_a_path_bytes_and_a_file_object_give_the_same_ledger(tmp_path):
	data = write_sample(7)
	path = tmp_path / "台帐.xlsx"
	path.write_bytes(data)
	ledgers = [read_ledger(source, BASE) for source in (path, str(path), data, BytesIO(data))]
	for ledger in ledgers[1:]:
		assert ledger.enterprises == ledgers[0].enterprises
		assert ledger.offer_lines == ledgers[0].offer_lines
		assert ledger.contract_lines == ledgers[0].contract_lines
		assert ledger.offers == ledgers[0].offers and ledger.contracts == ledgers[0].contracts


# ---- the common row's fast path agrees with the careful one -------------------------------------


def _rewritten(data, seed):
	"""The same ledger as people also write it: codes in lower case with spaces, counts as text with
	separators or full-width digits, every sheet's rows shuffled (an offer's rows no longer together),
	and rows of nothing but spaces."""
	rnd = random.Random(seed)
	wb = load_workbook(BytesIO(data))
	for title in ("企业", "要约", "集体合同"):
		ws = wb[title]
		header = [cell.value for cell in ws[1]]
		rows = [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]
		code_at = header.index("统一社会信用代码")
		count_at = header.index("职工人数" if title == "企业" else "覆盖职工数")
		for row in rows:
			if rnd.random() < 0.5 and row[code_at]:
				code = row[code_at].lower()
				row[code_at] = f" {code[:6]} {code[6:]} "
			if rnd.random() < 0.5 and isinstance(row[count_at], int):
				row[count_at] = rnd.choice([f"{row[count_at]:,}", str(row[count_at]).translate(str.maketrans("0123456789", "０１２３４５６７８９"))])
		rnd.shuffle(rows)
		rows.insert(rnd.randrange(len(rows) + 1), ["  "] * len(header))
		ws.delete_rows(2, ws.max_row)
		for row in rows:
			ws.append(row)
	out = BytesIO()
	wb.save(out)
	return out.getvalue()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rows_written_every_way_read_as_the_same_ledger(seed):
	data = write_sample(seed)
	plain = read_ledger(data, BASE)
	other = read_ledger(_rewritten(data, seed), BASE)
	assert sorted(other.enterprises) == sorted(plain.enterprises)
	assert sorted(other.offer_lines) == sorted(plain.offer_lines)
	assert sorted(other.contract_lines) == sorted(plain.contract_lines)
	without_rows = lambda records: {n: (r._replace(row=0, coverage=tuple(sorted(r.coverage)))) for n, r in records.items()}  # noqa: E731
	assert without_rows(other.offers) == without_rows(plain.offers)
	assert without_rows(other.contracts) == without_rows(plain.contracts)
	assert other.employees == plain.employees


def _sheets_with_an_offer_of_three_rows(second_row_edit):
	sheets = base_sheets()
	offers = sheets["要约"]
	offers[:] = [offers[0], *(row for row in offers[1:] if row[0] != "O3")]
	rows = [["O3", CAMPAIGN, "行业性", code, 40, "2023-04-01", "同意协商", "2023-04-05", None, None] for code in (C, D, A)]
	second_row_edit(rows[1])
	offers[1:1] = rows
	return sheets


def test_a_row_that_differs_from_its_offer_is_reported_whether_or_not_the_rows_are_together():
	def later_date(row):
		row[5] = "2023-04-02"

	together = _sheets_with_an_offer_of_three_rows(later_date)
	apart = _sheets_with_an_offer_of_three_rows(later_date)
	offers = apart["要约"]
	offers.append(offers.pop(2))  # the differing row moves to the end
	for sheets in (together, apart):
		messages = [e.message for e in errors_of(sheets)]
		assert any("发出日期" in m and "不一致" in m for m in messages), messages


def test_a_wrong_cell_in_an_offers_first_row_is_reported_for_each_row_that_repeats_it():
	def same(row):
		pass

	sheets = _sheets_with_an_offer_of_three_rows(same)
	for row in sheets["要约"][1:4]:
		row[2] = "行业协商会"  # not a 要约范围
	rows = [e.row for e in errors_of(sheets) if "要约范围" in e.message]
	assert rows == [2, 3, 4]


def test_a_row_of_spaces_is_no_row():
	sheets = base_sheets()
	sheets["企业"].insert(2, ["  ", " ", " ", "   ", " "])
	sheets["要约"].append([" "] * 10)
	assert read(sheets).enterprises == read(base_sheets()).enterprises
