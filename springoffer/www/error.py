"""Frappe's error page, overridden the built-in way (an app's www/error.* comes before Frappe's): a
page that failed while being rendered because a service is unavailable (the desk's boot with the
cache Redis down, a lock waited for in vain) says so in Chinese with HTTP 503 and no traceback;
every other error keeps Frappe's page (springoffer/security/faults.py answers the faults met outside
page rendering)."""

import sys

from frappe.www import error as frappe_error

from springoffer.security import faults

no_cache = 1


def get_context(context):
	if faults.is_unavailable(sys.exc_info()[1]):
		context.http_status_code = 503
		context.error_title, context.error_message = faults.busy_text()
		context.service_unavailable = True
		return {"error": ""}
	return frappe_error.get_context(context)
