"""Who exported what: every export of the 附件 or of ledger records (desk button, list or report
export, REST call with an API key, bench command) writes an Annex Export Log. Province reviewers list
them all; a city or county user sees only its region's (the log links the reporting unit's Region,
so Frappe's User Permissions confine it)."""

import frappe
from frappe.utils import now_datetime

from springoffer.security import regions

DESK, REST, COMMAND = "桌面", "REST 接口", "命令行"


def current_channel():
	"""桌面 for a browser session, REST 接口 for an API key or token, 命令行 without a request."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return COMMAND
	headers = getattr(request, "headers", None) or {}
	auth = (headers.get("Authorization") or "").lower()
	return REST if auth.startswith(("token ", "basic ", "bearer ")) else DESK


def _user_unit():

	return regions.default_unit() or regions.province()


@frappe.write_only()
def record_export(kind, *, unit=None, campaign=None, body=None, as_of=None, reference=None, file_name=None, details=None):
	"""Write the log (on the primary database even inside a read-only request) and make the request
	commit it: Frappe rolls a GET request back otherwise."""
	doctype, name = reference or (None, None)
	frappe.get_doc(
		{
			"doctype": "Annex Export Log",
			"exported_by": frappe.session.user,
			"exported_at": now_datetime(),
			"channel": current_channel(),
			"export_kind": kind,
			"campaign": campaign,
			"reporting_unit": unit or _user_unit(),
			"reporting_body": body,
			"as_of_date": as_of,
			"reference_doctype": doctype,
			"reference_name": name,
			"file_name": file_name,
			"details": details,
		}
	).insert(ignore_permissions=True, ignore_links=True)
	if getattr(frappe.local, "request", None) is not None:
		frappe.local.flags.commit = True
