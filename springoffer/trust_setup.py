"""Install, migrate and uninstall steps of the trust work (issue 10), called from springoffer.install:
the shipped Notifications (kept outside fixtures/ so the site's edits survive migrate) and the 等保
security baseline."""

import json
from pathlib import Path

import frappe
from frappe.utils import get_datetime

SHIPPED_NOTIFICATIONS = Path(__file__).resolve().parent / "shipped" / "notifications.json"


def after_install():
	sync_notifications()
	ensure_unique_ledger_numbers()
	from springoffer.security import apply_baseline

	apply_baseline()


def after_migrate():
	sync_notifications()
	ensure_unique_ledger_numbers()
	from springoffer.security import apply_baseline

	apply_baseline()  # once per site: existing sites get it on their first migrate with this app version


def ensure_unique_ledger_numbers():
	"""The unique index on (ledger_no, campaign) of offers and contracts (on_doctype_update adds it when
	the DocType is synced; sites installed before it get it here). Blank numbers become NULL first;
	numbers used twice are listed, and the index waits for the next migrate after they are renumbered."""
	import click

	for doctype in ("Offer", "Contract"):
		if frappe.db.sql(
			"""SELECT 1 FROM information_schema.TABLE_CONSTRAINTS WHERE table_schema = DATABASE()
			AND table_name = %s AND constraint_name = 'unique_ledger_no_campaign'""",
			f"tab{doctype}",
		):
			continue
		frappe.db.sql(f"UPDATE `tab{doctype}` SET ledger_no = NULL WHERE TRIM(ledger_no) = ''")
		duplicates = frappe.db.sql(
			f"""SELECT campaign, ledger_no, GROUP_CONCAT(name SEPARATOR '、') FROM `tab{doctype}`
			WHERE ledger_no IS NOT NULL GROUP BY campaign, ledger_no HAVING COUNT(*) > 1"""
		)
		for campaign, number, names in duplicates:
			click.secho(f"{campaign} 的{'要约' if doctype == 'Offer' else '集体合同'}编号 {number} 重复：{names}；改正编号后再次 migrate 即加上唯一索引", fg="red")
		if not duplicates:
			frappe.db.add_unique(doctype, ["ledger_no", "campaign"], constraint_name="unique_ledger_no_campaign")


def before_uninstall():
	remove_notifications()


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
