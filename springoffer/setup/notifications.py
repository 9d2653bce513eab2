"""The app's Notifications, shipped in notifications.json beside this file rather than as fixtures
(which migrate deletes and re-inserts): inserted when missing, updated only while the site has not
changed them, never re-created once the site deleted them; removed on uninstall."""

import json
from pathlib import Path

import frappe
from frappe.utils import get_datetime

SHIPPED_NOTIFICATIONS = Path(__file__).resolve().parent / "notifications.json"


def shipped_notifications():
	return json.loads(SHIPPED_NOTIFICATIONS.read_text(encoding="utf-8"))


def _applied_key(name):
	return f"springoffer_notification:{name}"


def sync_notifications():
	"""Fixtures are deleted and re-inserted on every migrate, losing the site's edits. Instead:
	insert a shipped Notification the site never had; bring one the site has not changed since it
	was shipped up to the new version; leave one a user changed (or deleted) alone.

	"Not changed since shipped": its `modified` is still the shipped version's, remembered per site."""
	done = {"inserted": [], "updated": [], "kept": []}
	for data in shipped_notifications():
		name = data["name"]
		shipped = get_datetime(data["modified"])
		applied = frappe.db.get_default(_applied_key(name))
		current = frappe.db.get_value("Notification", name, "modified")
		if current is None:
			if applied:  # shipped here before and deleted on the site: the site's choice
				done["kept"].append(name)
				continue
			_insert(data)
			done["inserted"].append(name)
		elif get_datetime(current) == shipped:
			frappe.db.set_default(_applied_key(name), str(shipped))
		elif applied and get_datetime(current) == get_datetime(applied):
			frappe.delete_doc("Notification", name, force=True, ignore_permissions=True)
			_insert(data)
			done["updated"].append(name)
		else:
			done["kept"].append(name)  # a user's edit (or an older fixture's copy someone changed)
	return done


def _insert(data):
	doc = frappe.get_doc({key: value for key, value in data.items() if key not in ("modified", "creation")})
	for row in doc.get("recipients") or []:
		row.name = None
	doc.insert(ignore_permissions=True)
	shipped = get_datetime(data["modified"])
	frappe.db.set_value("Notification", doc.name, "modified", shipped, update_modified=False)
	frappe.db.set_default(_applied_key(doc.name), str(shipped))


def remove_notifications():
	for data in shipped_notifications():
		if frappe.db.exists("Notification", data["name"]):
			frappe.delete_doc("Notification", data["name"], force=True, ignore_permissions=True)
		frappe.db.set_default(_applied_key(data["name"]), None)
	frappe.db.set_default("springoffer_security_baseline_applied", None)
