"""The benchmark's ledger generator: deterministic, the sizes asked for, valid records."""

from springoffer.core import categories as c
from springoffer.core import clocks, credit_code
from springoffer.devtools import province_data as benchmark


def small(seed=1):
	return benchmark.generate(enterprises=1_000, coverage_rows=2_000, contracts=500, seed=seed)


def test_sizes_and_determinism():
	data = small()
	assert (len(data.enterprises), len(data.offer_lines), len(data.contracts), len(data.contract_lines)) == (1_000, 2_000, 500, 500)
	assert small().offer_lines == data.offer_lines
	assert small(seed=2).offer_lines != data.offer_lines


def test_records_are_valid():
	data = small()
	codes = [e[0] for e in data.enterprises]
	assert len(set(codes)) == len(codes) and all(credit_code.is_valid(code) for code in codes)
	assert {e[2] for e in data.enterprises} == set(c.REPORT_CATEGORIES)
	employees = {e[0]: e[4] for e in data.enterprises}
	for _name, _scope, sent, due, response, answered, reason, _handling in data.offers:
		assert due == clocks.response_due(sent)
		assert (answered is None) == (response == c.PENDING)
		assert (reason is not None) == (response == c.REFUSED)
	by_offer = {}
	for _row, offer, _idx, enterprise, workers in data.offer_lines:
		assert 1 <= workers <= employees[enterprise]
		by_offer.setdefault(offer, []).append(enterprise)
	scopes = {o[0]: o[1] for o in data.offers}
	for offer, enterprises in by_offer.items():
		assert len(set(enterprises)) == len(enterprises)
		assert (len(enterprises) == 1) == (scopes[offer] == c.SCOPE_SINGLE)


def test_workbook_reads_back_as_a_valid_ledger(tmp_path):
	from springoffer.core.ledger import read_ledger

	path = tmp_path / "ledger.xlsx"
	benchmark.write_ledger_workbook(path, enterprises=300, coverage_rows=600, contracts=100)
	ledger = read_ledger(path)
	assert len(ledger.enterprises) == 300 and len(ledger.offer_lines) == 600 and len(ledger.contract_lines) == 100
