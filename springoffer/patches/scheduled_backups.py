"""Sites installed before the app turned on scheduled backups: daily with files and a week kept,
unless the site has its own setting (springoffer.security.backups). New sites get it on install."""

from springoffer.security.backups import turn_on_scheduled_backups


def execute():
	turn_on_scheduled_backups()
