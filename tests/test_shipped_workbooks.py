"""The template and sample shipped in springoffer/templates are what the generators write today."""

from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from springoffer.core.ledger import read_ledger, write_sample, write_template

TEMPLATES = Path(__file__).resolve().parent.parent / "springoffer" / "templates"


def cells(source):
	wb = load_workbook(source)
	return {ws.title: [[cell.value for cell in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def test_shipped_template_matches_the_generator():
	assert cells(TEMPLATES / "ledger-template.xlsx") == cells(BytesIO(write_template()))


def test_shipped_sample_matches_the_generator_and_reads_cleanly():
	assert cells(TEMPLATES / "ledger-sample.xlsx") == cells(BytesIO(write_sample()))
	ledger = read_ledger(TEMPLATES / "ledger-sample.xlsx")
	assert len(ledger.enterprises) > 50 and ledger.offers and ledger.contracts
