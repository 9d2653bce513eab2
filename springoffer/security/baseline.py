"""The 等保 2.0 baseline on a site (springoffer/core/baseline.py says what it is): applied once when
the app is installed (or first migrated), through Frappe's System Settings and Log Settings, never
forced again, so an administrator's later choice stands; `bench --site S springoffer security-check`
reports what the site does not meet."""

import frappe

from springoffer.core import baseline

APPLIED = "springoffer_security_baseline_applied"


def current_settings():
	return {r.key: frappe.db.get_single_value("System Settings", r.key) for r in baseline.SYSTEM_SETTINGS}


def effective_log_days():
	"""Days each audit log is kept: Log Settings' entry, else the default Frappe's daily clean-up
	adds for it (Activity Log: 90), else None (never cleared)."""
	configured = {
		row.ref_doctype: row.days
		for row in frappe.get_all("Logs To Clear", filters={"parent": "Log Settings"}, fields=["ref_doctype", "days"])
	}
	defaults = frappe.get_hooks("default_log_clearing_doctypes", {})
	return {log: configured.get(log, (defaults.get(log) or [None])[-1]) for log in baseline.AUDIT_LOGS}


def unmet():
	return baseline.unmet(current_settings(), effective_log_days())


def apply_baseline(force=False):
	"""Set what the site does not meet; once per site unless forced."""
	if frappe.db.get_default(APPLIED) and not force:
		return []
	changed = []
	settings = frappe.get_single("System Settings")
	for requirement in baseline.SYSTEM_SETTINGS:
		if not requirement.check(settings.get(requirement.key)):
			settings.set(requirement.key, requirement.value)
			changed.append(requirement.key)
	if changed:
		settings.flags.ignore_mandatory = True
		settings.save(ignore_permissions=True)
	if "enable_two_factor_auth" in changed:
		# Saving System Settings with two-factor on also demands it of the All role (Frappe's
		# validate), which stops every login on a site without outgoing mail: the baseline asks for
		# two-factor to be available, so roles opt in (Role → 双因素认证) rather than all at once.
		frappe.db.set_value("Role", "All", "two_factor_auth", 0)
	changed += _keep_audit_logs()
	frappe.db.set_default(APPLIED, frappe.utils.now())
	return changed


def _keep_audit_logs():
	from frappe.core.doctype.log_settings.log_settings import _supports_log_clearing

	log_settings = frappe.get_single("Log Settings")
	rows = {row.ref_doctype: row for row in log_settings.logs_to_clear}
	defaults = frappe.get_hooks("default_log_clearing_doctypes", {})
	changed = []
	for log in baseline.AUDIT_LOGS:
		if not frappe.db.exists("DocType", log) or not _supports_log_clearing(log):
			continue  # never cleared by Frappe
		row = rows.get(log)
		if row is None:
			if log not in defaults:
				continue  # not cleared until someone adds it
			row = log_settings.append("logs_to_clear", {"ref_doctype": log, "days": 0})  # Frappe would add it
		if not baseline.retention_met(row.days):
			row.days = baseline.LOG_RETENTION_DAYS
			changed.append(log)
	if changed:
		log_settings.save(ignore_permissions=True)
	return changed
