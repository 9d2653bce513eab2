"""The legal clocks read the site's 节假日安排 (Holiday Schedule) before the chinesecalendar library.

Importing this module installs `site_calendar` as the clocks' calendar source (every Frappe path that
computes a clock imports springoffer.controllers first; hooks before_request and before_job make sure).
The calendar is rebuilt only when the schedules change: each request asks the database for a checksum
of their days (one query over a few hundred rows), so a schedule saved by another worker counts at its
next request and a rolled-back one never did.
"""

import frappe

from springoffer.core import clocks, holidays

DOCTYPE = "Holiday Schedule"
_LOCAL = "springoffer_holiday_calendar"
_calendars = {}  # (site, version) → HolidayCalendar, for the life of the process


def site_calendar():
	"""The HolidayCalendar of the site's entered schedules (None outside a site: the library alone)."""
	if not getattr(frappe.local, "site", None) or not getattr(frappe.local, "db", None):
		return None
	calendar = getattr(frappe.local, _LOCAL, None)
	if calendar is None:
		calendar = _load()
		setattr(frappe.local, _LOCAL, calendar)
	return calendar


def _load():
	try:
		version = frappe.db.sql(
			f"""SELECT (SELECT COUNT(*) FROM `tab{DOCTYPE}`), COUNT(*),
			COALESCE(SUM(CRC32(CONCAT(d.parent, d.day, d.kind))), 0) FROM `tabHoliday Schedule Day` d"""
		)[0]
	except Exception as error:
		if frappe.db.is_table_missing(error):  # installing, or migrating from before the DocType
			return None
		raise
	key = (frappe.local.site, tuple(version))
	if key not in _calendars:
		schedules = {}
		for year, day, kind in frappe.db.sql(
			f"""SELECT s.year, d.day, d.kind FROM `tab{DOCTYPE}` s
			LEFT JOIN `tabHoliday Schedule Day` d ON d.parent = s.name AND d.parenttype = %s""",
			DOCTYPE,
		):
			rest, work = schedules.setdefault(int(year), (set(), set()))
			if day:
				(work if kind == holidays.WORK else rest).add(day)
		_calendars[key] = clocks.HolidayCalendar(schedules)
	return _calendars[key]


def forget():
	"""Drop this request's calendar (a schedule was saved or deleted, or the transaction rolled back)."""
	if getattr(frappe.local, _LOCAL, None) is not None:
		setattr(frappe.local, _LOCAL, None)


def schedules_changed(doc):
	"""A schedule was saved or deleted: this request's clocks use it at once, and once committed the
	stored due dates and the daily jobs are brought in line (not for the library's prefilled years,
	which the stored dates already follow)."""
	forget()
	frappe.db.after_rollback.add(forget)
	if doc.flags.from_library:
		return
	frappe.enqueue(
		"springoffer.controllers.daily.after_schedule_change",
		queue="long",
		enqueue_after_commit=True,
		job_id="springoffer::after_schedule_change",
		deduplicate=True,
	)


def prefill_from_library():
	"""A Holiday Schedule for each year chinesecalendar holds that the site has none for (install and
	migrate), so the list shows every year and a year is corrected where the library is wrong."""
	existing = set(frappe.get_all(DOCTYPE, pluck="year"))
	added = 0
	for year in holidays.library_years():
		if year in existing:
			continue
		doc = frappe.get_doc(
			{
				"doctype": DOCTYPE,
				"year": year,
				"days": [{"day": d.day, "kind": d.kind, "holiday": d.holiday} for d in holidays.library_schedule(year)],
			}
		)
		doc.flags.from_library = True
		doc.insert(ignore_permissions=True)
		added += 1
	return added


def use_site_calendar(**_kwargs):
	"""hooks before_request / before_job: the clocks read this site's schedules (idempotent)."""
	clocks.use_calendar_source(site_calendar)
	forget()


use_site_calendar()
