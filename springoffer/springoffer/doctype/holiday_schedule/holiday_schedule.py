"""节假日安排: a year's rest days and 调休 working weekends from the State Council's notice, which the
legal clocks read before the chinesecalendar library (springoffer.controllers.holidays)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from springoffer.controllers import holidays as site_holidays
from springoffer.controllers.checks import throw_violations
from springoffer.core import holidays

FIRST_YEAR, LAST_YEAR = 2000, 2100
MANUAL, LIBRARY = "手工录入", "程序内置"  # 程序内置: prefilled from the chinesecalendar package


class HolidaySchedule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from springoffer.springoffer.doctype.holiday_schedule_day.holiday_schedule_day import (
			HolidayScheduleDay,
		)

		days: DF.Table[HolidayScheduleDay]
		library_differences: DF.SmallText | None
		notice_reference: DF.Data | None
		notice_text: DF.LongText | None
		source: DF.Literal["\u624b\u5de5\u5f55\u5165", "\u7a0b\u5e8f\u5185\u7f6e"]
		year: DF.Int
	# end: auto-generated types

	def validate(self):
		if not FIRST_YEAR <= (self.year or 0) <= LAST_YEAR:
			frappe.throw(_("Year {0} is not a year of the campaign; enter it as four digits, e.g. 2027").format(self.year))
		if self.notice_text and (self.is_new() or self.has_value_changed("notice_text")):
			self.fill_from_notice()
		entries = self.entries()
		throw_violations(self, holidays.problems(self.year, entries))
		self.set("days", [{"day": e.day, "kind": e.kind, "holiday": e.holiday} for e in sorted(entries, key=lambda e: e.day)])
		self.source = LIBRARY if self.flags.from_library else MANUAL
		self.library_differences = "\n".join(
			_("{0}: {1} here, {2} in chinesecalendar").format(d.day, _(d.entered), _(d.library))
			for d in holidays.disagreements(self.year, entries)
		)
		if self.library_differences and not self.flags.from_library:
			frappe.msgprint(
				_("These days differ from chinesecalendar; the legal clocks follow this schedule:") + "<br>"
				+ self.library_differences.replace("\n", "<br>"),
				title=_("Holiday Schedule"),
				indicator="orange",
			)

	def fill_from_notice(self):
		days, unread = holidays.read_notice(self.year, self.notice_text)
		if unread:
			frappe.throw(
				_("These lines of the notice could not be read; correct them, or enter their days in the table: {0}").format(
					"<br>".join(frappe.utils.escape_html(line) for line in unread)
				),
				title=_("Notice Text"),
			)
		if not days:
			frappe.throw(_("No day of rest (放假) or working weekend (上班) was found in the notice text; paste the notice's numbered lines"))
		self.set("days", [{"day": d.day, "kind": d.kind, "holiday": d.holiday} for d in days])

	def entries(self):
		return [holidays.HolidayDay(getdate(row.day), row.kind, row.holiday or "") for row in self.days if row.day]

	def on_update(self):
		site_holidays.schedules_changed(self)

	def on_trash(self):
		site_holidays.schedules_changed(self)
