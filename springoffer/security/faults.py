"""What a user sees while a service the site depends on is unavailable (issue 29): the cache or queue
Redis refusing connections or timing out, MariaDB gone or restarting (2003, 2006, 2013, …), a lock
waited for in vain. A short Chinese message and HTTP 503 with Retry-After — JSON for API and ajax
calls (the desk and the employer's page show its `_server_messages`), a small page otherwise —
never a traceback and never Frappe's bare 500.

Why a wrap of frappe.app.handle_exception: Frappe v15 has no hook for the errors of a request (only
before/after_request), and its own handler renders its error page through the website machinery,
which needs the very database and cache that failed; when that rendering fails too, the worker answers
a bare 500. The wrap answers faults with text built here (springoffer.core.i18n reads zh.csv from
disk, no database), and hands every other exception to Frappe unchanged. Pages that fail while being
rendered reach Frappe's error page instead, which the app overrides the built-in way
(springoffer/www/error.py). The wrap is installed by the before_request hook, once per process.
"""

import json

import frappe
import pymysql
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from werkzeug.wrappers import Response

from springoffer.core import i18n

BUSY_TITLE = "The system is busy"
BUSY = "The system is busy; please try again in a moment"
RETRY_AFTER_SECONDS = 30
# MariaDB client and server codes of a database that cannot answer now (not of a bad query):
# can't connect, gone away, lost during query, too many connections, server shutting down,
# lock wait timeout, deadlock.
DATABASE_UNAVAILABLE = {2002, 2003, 2006, 2013, 1040, 1053, 1205, 1213}
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)


def is_unavailable(error):
	"""Whether `error`, or an exception it was raised from, is a service being unavailable."""
	seen = set()
	while error is not None and id(error) not in seen:
		seen.add(id(error))
		if isinstance(error, (*REDIS_DOWN, frappe.QueryTimeoutError, frappe.QueryDeadlockError)):
			return True
		if isinstance(error, pymysql.err.InterfaceError):
			return True  # the connection is closed
		if isinstance(error, pymysql.err.OperationalError | pymysql.err.InternalError) and error.args and error.args[0] in DATABASE_UNAVAILABLE:
			return True
		error = error.__cause__ or error.__context__
	return False


def busy_text(lang="zh"):
	"""(title, message) in the site's language, read without the database or the cache."""
	return i18n.translate(BUSY_TITLE, lang=lang), i18n.translate(BUSY, lang=lang)


def wants_json():
	"""Frappe's own test (frappe.app.handle_exception) of whether the answer is JSON."""
	accept = frappe.get_request_header("Accept") or ""
	request = frappe.local.request
	return bool(
		(accept and (getattr(frappe.local, "is_ajax", False) or "application/json" in accept))
		or (request.path.startswith("/api/") and not accept.startswith("text"))
	)


def busy_response(as_json):
	title, message = busy_text()
	if as_json:
		body = {
			"exc_type": "ServiceUnavailable",
			"_error_message": message,
			"_server_messages": json.dumps([json.dumps({"message": message, "title": title, "indicator": "orange"})]),
		}
		response = Response(json.dumps(body, ensure_ascii=False), status=503, content_type="application/json; charset=utf-8")
	else:
		response = Response(PAGE.format(title=title, message=message), status=503, content_type="text/html; charset=utf-8")
	response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
	response.headers["Cache-Control"] = "no-store"
	return response


PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<style>
body {{ font-family: -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; background: #f5f7fa; color: #1f272e; margin: 0; }}
main {{ max-width: 420px; margin: 15vh auto 0; background: #fff; border-radius: 8px; padding: 24px 28px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }}
h1 {{ font-size: 18px; margin: 0 0 12px; }}
p {{ margin: 0; line-height: 1.6; }}
</style>
</head>
<body><main><h1>{title}</h1><p>{message}</p></main></body>
</html>
"""


def handle_exception(error, frappe_handler):
	"""A fault: the busy answer, the transaction given up; anything else: Frappe's own handling."""
	if not is_unavailable(error):
		return frappe_handler(error)
	response = busy_response(wants_json())
	frappe.logger("springoffer.faults").warning(
		"service unavailable: %s %s: %s", frappe.local.request.method, frappe.local.request.path, repr(error)[:300]
	)
	try:
		if frappe.db:
			frappe.db.rollback()
	except Exception:
		# The database is gone: it discards the transaction itself; without this, Frappe's own rollback
		# after the handler would raise again and the worker would answer a bare 500.
		frappe.local.db = None
	return response


def install():
	"""before_request hook: wrap Frappe's handler once per process."""
	import frappe.app

	if getattr(frappe.app.handle_exception, "springoffer_faults", False):
		return
	frappe_handler = frappe.app.handle_exception

	def handle(error):
		return handle_exception(error, frappe_handler)

	handle.springoffer_faults = True
	frappe.app.handle_exception = handle
