import frappe

from springoffer.annex import ledger as annex_ledger
from springoffer.core import categories, clocks


def execute():
	"""The legal clocks now end on a working day (民法典 Art. 203, the State Council's schedule):
	recompute the due dates stored on offers and contracts, the overdue marks, and the annex ledger
	that dates each offer's deadline. Dates in a year the schedule does not cover keep their value."""
	changed = _recompute("Offer", "date_sent", "response_due_date", clocks.response_due)
	for source, target, clock in (
		("signing_date", "submission_due_date", clocks.submission_due),
		("hrss_received_on", "review_window_end", clocks.review_window_end),
	):
		changed += _recompute("Contract", source, target, clock)
	frappe.db.sql(
		"""UPDATE `tabOffer` SET is_overdue = (response = %(pending)s AND response_due_date < CURDATE())
		WHERE is_overdue != (response = %(pending)s AND response_due_date < CURDATE())""",
		{"pending": categories.PENDING},
	)
	if changed:
		annex_ledger.rebuild()


def _recompute(doctype, source, target, clock):
	"""Set `target` = clock(`source`) where it differs; returns how many rows changed."""
	changed = 0
	for name, start, stored in frappe.db.sql(
		f"SELECT name, `{source}`, `{target}` FROM `tab{doctype}` WHERE `{source}` IS NOT NULL"
	):
		try:
			due = clock(start)
		except clocks.CalendarNotCovered:
			continue
		if due != stored:
			frappe.db.set_value(doctype, name, target, due, update_modified=False)
			changed += 1
	return changed
