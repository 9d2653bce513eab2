"""The indexes that make a city's list pages cheap in the orders people use (the desk's date order and
REST's `modified desc`): Frappe runs a DocType's on_doctype_update only when its JSON changed, so a
site in use gets them here."""

from springoffer.springoffer.doctype.contract import contract
from springoffer.springoffer.doctype.enterprise import enterprise
from springoffer.springoffer.doctype.offer import offer


def execute():
	for module in (offer, contract, enterprise):
		module.on_doctype_update()
