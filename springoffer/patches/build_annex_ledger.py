from springoffer.annex import ledger as annex_ledger


def execute():
	"""Sites that had offers and contracts before the annex ledger existed get it built once."""
	annex_ledger.rebuild()
