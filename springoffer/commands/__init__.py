"""bench commands: `bench --site S springoffer export-annex …` and `… import-ledger …`."""

import click
from frappe.commands import get_site, pass_context


@click.group("springoffer")
def springoffer():
	"""集体协商“春季要约行动” (springoffer)."""


commands = [springoffer]
