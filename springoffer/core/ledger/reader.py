"""read_ledger: the whole workbook checked at once, taken whole or not at all."""

from springoffer.core.allocation import collector_paused
from springoffer.core.ledger.cells import CellReader
from springoffer.core.ledger.contract_sheet import ContractSheet
from springoffer.core.ledger.meeting_sheet import MeetingSheet
from springoffer.core.ledger.model import Ledger, LedgerInvalid
from springoffer.core.ledger.offer_sheet import OfferSheet
from springoffer.core.ledger.records import RecordSheets
from springoffer.core.ledger.setup_sheets import SetupSheets
from springoffer.core.ledger.sheets import SHEET_ORDER
from springoffer.core.ledger.workbook import _load


class _Reader(CellReader, SetupSheets, RecordSheets, OfferSheet, ContractSheet, MeetingSheet):
	"""Reads the sheets in order, collecting every error."""


def _default_regions():
	from springoffer.core import regions

	shipped = getattr(regions, "BASE_REGIONS", None)
	return dict(shipped) if shipped is not None else regions.base_regions()


def _sort_key(error):
	sheet = SHEET_ORDER.index(error.sheet) if error.sheet in SHEET_ORDER else -1
	return (sheet, error.row or 0)


def read_ledger(source, base_regions=None):
	"""The Ledger in `source` (a path, bytes or a binary file object); LedgerInvalid lists every error.

	base_regions: region → parent of the shipped tree (default: springoffer.core.regions').
	"""
	if base_regions is None:
		base_regions = _default_regions()
	workbook, problem = _load(source)
	if problem:
		raise LedgerInvalid([problem])
	try:
		with collector_paused():
			reader = _Reader(workbook, base_regions)
			reader.read_regions()
			reader.read_campaigns()
			reader.read_enterprises()
			reader.read_contract_rows()
			reader.read_offers()
			reader.read_contracts()
			reader.read_meetings()
	finally:
		workbook.close()
	if reader.errors:
		raise LedgerInvalid(sorted(reader.errors, key=_sort_key))
	return Ledger(
		enterprises=reader.enterprises,
		employees=reader.employees,
		offer_lines=reader.offer_lines,
		contract_lines=reader.contract_lines,
		regions=reader.regions,
		campaigns=reader.campaigns,
		offers=reader.offers,
		contracts=reader.contracts,
		added_regions=reader.added_regions,
		enterprise_rows={code: row for code, (row, _employees, _code) in reader.known.items()},
		meetings=reader.meetings,
	)


