"""The ledger workbook (台帐) into the site: the importer, its bulk writer and the desk page's check
and background job. May import core, security, controllers and annex."""
