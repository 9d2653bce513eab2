"""Negotiations on record (issue 28): every offer answered 同意协商 before them gets its negotiation, as
answering one does now — the offer's two chief representatives, state 准备 (已签订 with the contract
filed for the offer), the offer showing it. Written in bulk: a province's offers in seconds."""

from springoffer.workbook.bulk_negotiations import open_negotiations


def execute():
	open_negotiations()
