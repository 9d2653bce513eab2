"""Frappe's own tests as a guard on the app's hooks: each of Frappe's test modules for a door the app
hooks or overrides runs on a site with the app and on a site without it, and the tests that fail only
with the app are printed. Some of Frappe's tests fail on any bench (mail, PDF), so lists are compared,
never counts.

    cd <bench> && env/bin/python -m springoffer.devtools.frappe_guard --with-app S1 --without-app S2

Both sites need `allow_tests`. The site without the app first gets the system settings the app's install
applies (Chinese, Asia/Shanghai, yyyy-mm-dd), so that a setting is not mistaken for a hook. The last line says how many tests fail only with the app; the exit code
is 1 when any do.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# The doors: what the app's hooks.py hooks or overrides, and the Frappe tests that exercise each.
MODULES = (
	"frappe.tests.test_client",  # get_count, validate_link (override_whitelisted_methods)
	"frappe.tests.test_search",  # search_link, search_widget
	"frappe.tests.test_db_query",  # permission_query_conditions "*"
	"frappe.tests.test_reportview",  # list view, group-by counts, export_query
	"frappe.tests.test_listview",  # get_group_by_count
	"frappe.tests.test_query_report",  # query report export
	"frappe.tests.test_permissions",  # has_permission, user permissions
	"frappe.core.doctype.user_permission.test_user_permission",
	"frappe.email.doctype.notification.test_notification",  # override_doctype_class Notification
	"frappe.core.doctype.user.test_user",  # override_doctype_class User, doc_events User
	"frappe.tests.test_document",  # doc_events "*" before_validate
	"frappe.tests.test_api",  # REST API, before_request
	"frappe.tests.test_boot",  # boot_session
	"frappe.desk.doctype.dashboard_chart.test_dashboard_chart",  # the workspace chart (number cards have no tests in v15)
)


def failures(bench, site, module):
	"""(failed test ids, tests run) for one module on one site, from its JUnit report."""
	with tempfile.TemporaryDirectory() as folder:
		report = os.path.join(folder, "report.xml")
		subprocess.run(
			["bench", "--site", site, "run-tests", "--module", module, "--junit-xml-output", report],
			cwd=bench,
			env={**os.environ, "CI": "1"},
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
			check=False,
		)
		if not os.path.exists(report):
			return {f"{module} (did not run)"}, 0
		failed, run = set(), 0
		for case in ET.parse(report).getroot().iter("testcase"):
			run += 1
			if case.find("failure") is not None or case.find("error") is not None:
				failed.add(f"{case.get('classname')}.{case.get('name')}")
		return failed, run


def match_settings(bench, site):
	"""The site without the app gets the China settings the app's install applies (language, time zone,
	yyyy-mm-dd dates): Frappe's date-label tests then fail alike on both, and what remains is the hooks'.
	Through frappe.client.set_value, since that site cannot run the app's own code."""
	import json

	from springoffer.desk.setup import SYSTEM_SETTINGS

	kwargs = {"doctype": "System Settings", "name": "System Settings", "fieldname": SYSTEM_SETTINGS}
	subprocess.run(
		["bench", "--site", site, "execute", "frappe.client.set_value", "--kwargs", json.dumps(kwargs, ensure_ascii=False)],
		cwd=bench,
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
		check=True,
	)


def main(argv=None):
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--with-app", required=True, help="a site with springoffer installed")
	parser.add_argument("--without-app", required=True, help="a site of the same bench without it")
	parser.add_argument("--bench", default=".", help="the bench folder (default: here)")
	parser.add_argument("--module", action="append", help="only these modules (default: all the doors)")
	parser.add_argument("--keep-settings", action="store_true", help="leave the site without the app as it is")
	options = parser.parse_args(argv)
	if not options.keep_settings:
		print(f"{options.without_app}: the app's China system settings applied before each module, as install applies them with the app")
	only_with_app, total = [], 0
	for module in options.module or MODULES:
		if not options.keep_settings:  # again each time: some of Frappe's tests leave the date format changed
			match_settings(options.bench, options.without_app)
		with_app, run = failures(options.bench, options.with_app, module)
		without_app, _run = failures(options.bench, options.without_app, module)
		total += run
		ours = sorted(with_app - without_app)
		only_with_app += ours
		print(f"{module}: {run} tests, {len(with_app)} failing with the app, {len(without_app)} without, {len(ours)} only with it")
		for name in ours:
			print(f"  FAILS ONLY WITH THE APP: {name}")
	print(f"{len(only_with_app)} of {total} of Frappe's tests fail only with the app")
	return 1 if only_with_app else 0


if __name__ == "__main__":
	sys.exit(main())
