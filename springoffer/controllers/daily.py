"""Daily jobs (hooks.scheduler_events): the legal clocks move documents on their own.

Each is idempotent and can be run by hand: `bench --site S execute springoffer.controllers.daily.<name>`.
"""

import os
from contextlib import contextmanager
from datetime import timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate, today

from springoffer.annex import ledger as annex_ledger
from springoffer.core import categories as c
from springoffer.core import clocks
from springoffer.core import negotiation as talks

AUTO_EFFECT_ACTION = "期满生效"


def daily():
	"""One run at a time: a run started while another is going does nothing, and a run after it finds
	nothing left to do (each job below is idempotent)."""
	with single_run("springoffer_daily") as running:
		if not running:
			return False
		mark_overdue_offers()
		remind_undelivered_offers()
		remind_suspensions_overdue()
		remind_coordinations_due()
		contracts_take_effect()
		create_unit_reports()
	return True


@contextmanager
def single_run(name):
	"""Yields True while holding the site's lock file `name`, False at once if another process holds it."""
	from filelock import FileLock, Timeout

	path = frappe.get_site_path("locks", f"{name}.lock")
	os.makedirs(os.path.dirname(path), exist_ok=True)
	lock = FileLock(path, timeout=0)
	try:
		lock.acquire()
	except Timeout:
		yield False
		return
	try:
		yield True
	finally:
		lock.release()


def mark_overdue_offers():
	"""Offers past their 20 days with no answer become 逾期未回应 (is_overdue); answered ones stop being."""
	now = getdate(today())
	frappe.db.sql(
		"""UPDATE `tabOffer` SET is_overdue = (response = %(pending)s AND IFNULL(response_due_date < %(today)s, 0))
		WHERE is_overdue != (response = %(pending)s AND IFNULL(response_due_date < %(today)s, 0))""",
		{"pending": c.PENDING, "today": now},
	)


def remind_undelivered_offers():
	"""The sender of each offer still awaiting an answer whose delivery is not on record, on the day it
	has been out for the campaign's undelivered_after_days (7 by default): a notification in the desk
	(and by e-mail where the user takes them), once per offer."""
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	from springoffer.annex.campaigns import undelivered_since

	now = getdate(today())
	reminded = []
	for campaign in frappe.get_all("Campaign", filters={"start_date": ("<=", now), "report_due_date": (">=", now)}, pluck="name"):
		sent_on = undelivered_since(campaign)  # out exactly the set days today
		for offer in frappe.get_all(
			"Offer",
			filters={"campaign": campaign, "response": c.PENDING, "delivered_on": ("is", "not set"), "date_sent": sent_on},
			fields=["name", "owner", "delivery_status"],
		):
			make_notification_logs(
				{
					"type": "Alert",
					"document_type": "Offer",
					"document_name": offer.name,
					"subject": frappe._(
						"Offer {0} was sent on {1} and its delivery is not on record ({2}); record the day the employer side received it, or deliver it again",
						lang="zh",
					).format(offer.name, sent_on, offer.delivery_status),
					"from_user": "Administrator",
				},
				[offer.owner],
			)
			reminded.append(offer.name)
		frappe.db.commit()
	return reminded


def _notify(doctype, name, subject, users):
	"""A desk notification (and e-mail where the user takes them) about one record, to each of `users`
	not already told the same thing: a second run on the same day tells nobody twice."""
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	told = set(
		frappe.get_all(
			"Notification Log",
			filters={"document_type": doctype, "document_name": name, "subject": subject, "for_user": ("in", list(users) or [""])},
			pluck="for_user",
		)
	)
	users = [user for user in users if user and user not in told]
	if users:
		make_notification_logs(
			{"type": "Alert", "document_type": doctype, "document_name": name, "subject": subject, "from_user": "Administrator"},
			users,
		)
	return users


def remind_suspensions_overdue():
	"""The day after a suspension's agreed next meeting passed with no meeting (集体合同规定 Art. 35),
	the owner of the negotiated offer is told, once."""
	passed_on = getdate(today()) - timedelta(days=1)
	reminded = []
	for row in frappe.get_all(
		"Negotiation",
		filters={"state": talks.SUSPENDED, "next_meeting_on": passed_on},
		fields=["name", "offer", "employer_name", "next_meeting_on"],
	):
		owner = frappe.db.get_value("Offer", row.offer, "owner")
		subject = frappe._(
			"The talks with {0} were suspended until {1}, and no meeting is on record since; record the meeting if it was held, or agree a new date (集体合同规定 Art. 35)",
			lang="zh",
		).format(row.employer_name, row.next_meeting_on)
		if _notify("Negotiation", row.name, subject, [owner]):
			reminded.append(row.name)
	frappe.db.commit()
	return reminded


def remind_coordinations_due():
	"""HRSS officers of the region, when an open coordination's last day is 3 days away and on the day
	after it passed (集体合同规定 Art. 52: 30 days from acceptance, 45 with its one extension)."""
	from springoffer.controllers.checks import regional_officers

	now = getdate(today())
	reminded = []
	for ending_soon, due_date in ((True, now + timedelta(days=3)), (False, now - timedelta(days=1))):
		for row in frappe.get_all(
			"Negotiation Coordination",
			filters={"status": ("!=", talks.COORDINATION_CLOSED), "due_date": due_date},
			fields=["name", "employer_name", "region", "due_date"],
		):
			if ending_soon:
				subject = frappe._(
					"Coordination {0} ({1}) ends on {2}, in 3 days; close it with the 协调处理协议书, or extend it once by at most 15 days (集体合同规定 Art. 52)",
					lang="zh",
				)
			else:
				subject = frappe._(
					"Coordination {0} ({1}) passed its last day {2} without being closed; close it with the 协调处理协议书 (集体合同规定 Art. 52)",
					lang="zh",
				)
			subject = subject.format(row.name, row.employer_name, row.due_date)
			if _notify("Negotiation Coordination", row.name, subject, regional_officers(row.region, "HRSS Officer")):
				reminded.append(row.name)
	frappe.db.commit()
	return reminded


def contracts_take_effect():
	"""A contract HRSS received and raised no objection to within 15 days takes effect (Art. 47),
	through the Workflow's own 期满生效 transition, which records the statutory effective date."""
	due = frappe.get_all(
		"Contract",
		filters={
			"workflow_state": ("in", c.CONTRACT_IN_REVIEW),
			"review_window_end": ("<", getdate(today())),
			"is_cancelled": 0,
		},
		pluck="name",
	)
	for name in due:
		try:
			apply_workflow(frappe.get_doc("Contract", name), AUTO_EFFECT_ACTION)
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			frappe.log_error(title=f"springoffer: contract {name} could not take effect")
	return due


def create_unit_reports(campaign=None):
	"""A draft Unit Report for every city × body of each running campaign, so the due-date
	Notification reaches every unit that has not submitted. Existing reports are left alone."""
	from springoffer.core.regions import CITIES, PROVINCE

	now = getdate(today())
	campaigns = [campaign] if campaign else frappe.get_all(
		"Campaign", filters={"start_date": ("<=", now), "report_due_date": (">=", now)}, pluck="name"
	)
	created = 0
	for name in campaigns:
		end = getdate(frappe.db.get_value("Campaign", name, "end_date"))
		existing = set(
			frappe.get_all("Unit Report", filters={"campaign": name}, fields=["reporting_unit", "reporting_body"], as_list=True)
		)
		for unit in (PROVINCE, *CITIES):
			for body in c.REPORTING_BODIES:
				if (unit, body) in existing or not frappe.db.exists("Region", unit):
					continue
				try:
					frappe.get_doc(
						{
							"doctype": "Unit Report",
							"campaign": name,
							"reporting_unit": unit,
							"reporting_body": body,
							"as_of_date": clocks.default_as_of(now, end),
						}
					).insert(ignore_permissions=True)
				except frappe.DuplicateEntryError:  # another run (or a user) made it meanwhile
					continue
				created += 1
		frappe.db.commit()
	return created


def after_schedule_change():
	"""Queued when a Holiday Schedule is saved or deleted: the due dates, then the daily jobs, again."""
	changed = recompute_due_dates()
	frappe.db.commit()
	daily()
	return changed


def recompute_due_dates():
	"""Due dates stored on offers and contracts recomputed by today's calendar (after a Holiday
	Schedule is saved, and by the patch that moved the clocks to working days), then the overdue marks
	and the annex ledger that dates each offer's deadline. Dates in a year no schedule covers keep
	their value. Returns how many dates changed."""
	changed = _recompute("Offer", "delivered_on", "response_due_date", clocks.response_due)
	for source, target, clock in (
		("signing_date", "submission_due_date", clocks.submission_due),
		("hrss_received_on", "review_window_end", clocks.review_window_end),
	):
		changed += _recompute("Contract", source, target, clock)
	frappe.db.sql(
		"""UPDATE `tabOffer` SET is_overdue = (response = %(pending)s AND IFNULL(response_due_date < CURDATE(), 0))
		WHERE is_overdue != (response = %(pending)s AND IFNULL(response_due_date < CURDATE(), 0))""",
		{"pending": c.PENDING},
	)
	if changed:
		annex_ledger.rebuild()
	return changed


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
