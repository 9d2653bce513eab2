"""Scheduled backups the administrator can trust (等保 2.0: 数据备份与恢复).

Frappe v15 has no switch in System Settings for local backups: a bench takes them from cron
(`bench setup backups`, every six hours), and its scheduler only runs the off-site ones (S3, Dropbox,
Google Drive) a site has turned on. So the app takes a daily backup with files on the long queue
(hooks.scheduler_events, `daily_long`) while the site config says `springoffer_scheduled_backup:
daily`. Install (and a patch, for sites installed before) writes that, and keeps a week of backups
(Frappe's `keep_backups_for_hours`: each backup first deletes the files older than that, 24 hours
unless set) — unless the site already has its own setting: either key in its config, or an off-site
backup of Frappe's turned on. `bench --site S set-config springoffer_scheduled_backup off` turns ours off.

The files go to sites/SITE/private/backups: the database, public and private files and a copy of
site_config.json, whose encryption_key must travel with them (passwords, API secrets and the
printed answer links depend on it; README, 运维)."""

import json
import os

import frappe

SETTING = "springoffer_scheduled_backup"
DAILY, OFF = "daily", "off"
KEEP_HOURS = "keep_backups_for_hours"
# A week of daily backups on disk, with half a day to spare for a job that runs late.
WEEK_OF_BACKUPS = 7 * 24 + 12
# A backup with files newer than this is the day's: a bench's cron took it, or a rerun of the job.
RECENT_HOURS = 20
# Frappe's own scheduled off-site backups: (settings DocType, its "enabled" field).
OFFSITE = (("S3 Backup Settings", "enabled"), ("Dropbox Settings", "enabled"), ("Google Drive", "enable"))


def own_site_config():
	"""The site's own site_config.json (not merged with common_site_config.json)."""
	path = frappe.get_site_path("site_config.json")
	if not os.path.exists(path):
		return {}
	with open(path, encoding="utf-8") as f:
		return json.load(f)


def offsite_backup_on():
	"""The first of Frappe's off-site backups the site has turned on, or None."""
	for doctype, field in OFFSITE:
		try:
			if frappe.db.get_single_value(doctype, field):
				return doctype
		except Exception:  # a DocType or field this Frappe does not have
			continue
	return None


def turn_on_scheduled_backups():
	"""Daily backups with files and a week kept, unless the site has its own setting; returns what
	was written ({key: value}, empty when the site's own setting stands)."""
	from frappe.installer import update_site_config

	config = {**frappe.local.conf, **own_site_config()}
	if SETTING in config or offsite_backup_on():
		return {}
	written = {SETTING: DAILY}
	if KEEP_HOURS not in config:
		written[KEEP_HOURS] = WEEK_OF_BACKUPS
	for key, value in written.items():
		update_site_config(key, value)
	frappe.local.conf.update(written)
	return written


def scheduled_backups_on():
	return frappe.conf.get(SETTING) == DAILY


def daily_backup():
	"""The scheduled job: the day's backup with files (none when one was taken in the last 20 hours)."""
	if not scheduled_backups_on():
		return None
	from frappe.utils.backups import new_backup

	return new_backup(older_than=RECENT_HOURS, ignore_files=False)


def latest_backup(site_path=None):
	"""{database, public, private, config}: the newest complete set of backup files in the site's
	backups folder (the four names share their time stamp), or None."""
	from glob import glob

	folder = os.path.join(site_path or frappe.get_site_path(), frappe.conf.get("backup_path") or "private/backups")
	sets = {}
	for path in glob(os.path.join(folder, "*")):
		name = os.path.basename(path)
		stamp = name.split("-", 1)[0]
		kind = backup_kind(name)
		if kind:
			sets.setdefault(stamp, {})[kind] = path
	complete = [stamp for stamp, found in sets.items() if {"database", "public", "private", "config"} <= set(found)]
	return sets[max(complete)] if complete else None


def backup_kind(file_name):
	"""'database', 'public', 'private' or 'config' for a file Frappe's backup writes, else None."""
	file_name = file_name.replace("-enc.", ".")  # System Settings' 加密备份
	if file_name.endswith("-site_config_backup.json"):
		return "config"
	if file_name.endswith("-database.sql.gz") and "-partial-" not in file_name:
		return "database"
	if file_name.endswith(("-private-files.tar", "-private-files.tgz")):
		return "private"
	if file_name.endswith(("-files.tar", "-files.tgz")):
		return "public"
	return None
