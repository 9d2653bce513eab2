"""The desk's 台帐导入, behind the Ledger Import form: 校验 (read the workbook and, when it is small,
try the import and roll it back) and the background job that imports it as the requesting user, all
or nothing, publishing progress to the form; `bench … import-ledger` leaves the same record.
The import itself, and a city user's confinement to their region, are springoffer.workbook.importer's.
"""

import hashlib
import os
import time

import frappe
from frappe import _
from frappe.translate import get_user_lang
from frappe.utils import now_datetime, time_diff_in_seconds

from springoffer.core.ledger import LedgerInvalid, read_ledger
from springoffer.workbook import importer

DOCTYPE = "Ledger Import"
WAITING, INVALID, VALID, RUNNING, DONE, FAILED = "待校验", "校验未通过", "校验通过", "导入中", "已导入", "导入失败"
# The job stopped without finishing (its worker killed, the machine restarted): nothing of it was kept,
# since the import is one transaction; it may be run again.
INTERRUPTED = "中断"
# An import queued but never started is taken for lost after this long without a job in the queue.
START_GRACE_SECONDS = 120
PROGRESS_EVENT = "ledger_import_progress"
# 校验 runs the import and rolls it back for workbooks up to this many rows; a larger one is only read,
# and its records' own rules are applied by the import itself (all or nothing).
DRY_RUN_ROWS = 2_000
CHECK_SAVEPOINT = "ledger_check"
IMPORT_SAVEPOINT = "ledger_import_job"


def problem(sheet, row, column, reason, fix):
	return {"sheet": sheet or "", "row": row or 0, "column": column or "", "reason": reason, "fix": fix}


def from_errors(errors):
	return [problem(e.sheet, e.row, e.column, e.reason, e.fix) for e in errors]


def ledger_rows(ledger):
	"""Rows of the workbook the import writes: regions added, enterprises, offer, contract and meeting rows."""
	return len(ledger.added_regions) + len(ledger.enterprises) + len(ledger.offer_lines) + len(ledger.contract_lines) + len(ledger.meetings)


def site_regions():
	return dict(frappe.get_all("Region", fields=["name", "parent_region"], as_list=True))


def check_workbook(source, user):
	"""(rows, problems, dry_run): the workbook read whole and, when small enough, imported as `user`
	and rolled back, so the problems listed are every one the import would meet."""
	try:
		ledger = read_ledger(source, base_regions=site_regions())
	except LedgerInvalid as e:
		return 0, from_errors(e.errors), False
	rows = ledger_rows(ledger)
	if rows > DRY_RUN_ROWS:
		return rows, [], False
	frappe.db.savepoint(CHECK_SAVEPOINT)
	try:
		importer.import_ledger(source, user=user)
	except LedgerInvalid as e:
		return rows, from_errors(e.errors), True
	finally:
		frappe.db.rollback(save_point=CHECK_SAVEPOINT)
	return rows, [], True


class Progress:
	"""progress(stage, done, total) for import_ledger: published to the form (event
	ledger_import_progress on the document's room) at each whole percent or stage, or once a second."""

	def __init__(self, name, total_rows):
		self.name = name
		self.total_rows = total_rows
		self.last = (None, -1, 0.0)  # stage, percent, time
		self.stage_started = time.monotonic()

	def __call__(self, stage, done, total):
		percent = int(done * 100 / total) if total else 0
		now = time.monotonic()
		last_stage, last_percent, last_time = self.last
		if stage == last_stage and percent == last_percent and now - last_time < 1:
			return
		if stage != last_stage:
			# the stage began when the previous one last reported (or when the import began)
			self.stage_started = last_time if last_stage is not None else self.stage_started
		self.last = (stage, percent, now)
		rate = done / (now - self.stage_started) if now > self.stage_started else 0
		self.publish(
			min(percent, 99),
			_("{0}: {1} of {2} rows, {3} rows a second").format(_(stage), done, total, int(rate)),
			stage=stage,
			done=done,
			total=total,
			rows_per_second=round(rate, 1),
		)

	def publish(self, percent, description, after_commit=False, **extra):
		frappe.publish_realtime(
			PROGRESS_EVENT,
			{"ledger_import": self.name, "percent": percent, "description": description, **extra},
			doctype=DOCTYPE,
			docname=self.name,
			after_commit=after_commit,
		)


def lock_name(ledger_import):
	"""The MariaDB named lock a running import holds on its connection: the server frees it the moment
	that connection dies (a worker killed, a machine gone), whatever the queue's Redis remembers."""
	digest = hashlib.sha1(f"{frappe.local.site}:{ledger_import}".encode()).hexdigest()
	return f"springoffer_ledger_import:{digest[:32]}"


def is_running(ledger_import):
	"""Whether a job is importing `ledger_import` right now (it holds the named lock)."""
	return frappe.db.sql("SELECT IS_USED_LOCK(%s)", lock_name(ledger_import))[0][0] is not None


def queued(job_id):
	"""Whether the queue still holds the job, waiting to start; None when the queue cannot be asked."""
	from frappe.utils.background_jobs import get_job_status

	try:
		return get_job_status(job_id) in ("queued", "deferred", "scheduled")
	except Exception:  # the queue's Redis down
		return None


def forget_dead_job(job_id):
	"""The queue's record of a job whose worker died stays 'started' and would keep a rerun from being
	queued (frappe.enqueue deduplicates by job id): remove it once the import is known not to run."""
	from frappe.utils.background_jobs import get_job

	try:
		job = get_job(job_id)
		if job is not None:
			job.delete()
	except Exception:  # the queue's Redis down: the rerun is queued under the same id anyway
		pass


def check_interrupted(doc):
	"""Mark `doc` 中断 when it says 导入中 but no job is importing it or waiting to: its worker was
	killed or lost. Returns True when it marked it (the caller commits)."""
	if doc.status != RUNNING or is_running(doc.name):
		return False
	waiting = queued(doc.job_id)
	if waiting or (waiting is None and not doc.started_at):
		return False  # still in the queue (or the queue cannot say, and the job never began)
	if not doc.started_at and time_diff_in_seconds(now_datetime(), doc.modified) < START_GRACE_SECONDS:
		return False  # just queued: the job is added once the request that started it commits
	doc.status = INTERRUPTED
	doc.finished_at = now_datetime()
	doc.set(
		"problems",
		[
			problem(
				None, None, None,
				_("The import was interrupted before it finished (its background job stopped); nothing of this workbook was kept"),
				_("Run it again with 重新导入; it imports the whole workbook once"),
			)
		],
	)  # fmt: skip
	doc.set("results", [])
	doc.record()
	return True


def mark_interrupted_imports():
	"""Scheduler (every few minutes): every import 导入中 whose job is gone is marked 中断."""
	for name in frappe.get_all(DOCTYPE, filters={"status": RUNNING}, pluck="name"):
		if check_interrupted(frappe.get_doc(DOCTYPE, name)):
			frappe.db.commit()


def run_import(ledger_import: str, user: str | None = None):
	"""The background job: import the workbook as `user`, all or nothing, and record what happened.
	It holds the import's named lock while it runs; a second job for the same import does nothing."""
	if not frappe.db.sql("SELECT GET_LOCK(%s, 0)", lock_name(ledger_import))[0][0]:
		return  # another job is importing it
	try:
		_run_import(ledger_import, user)
	finally:
		frappe.db.sql("SELECT RELEASE_LOCK(%s)", lock_name(ledger_import))


def _run_import(ledger_import, user):
	if user and frappe.session.user != user:
		frappe.set_user(user)
	user = frappe.session.user
	frappe.local.lang = get_user_lang(user)  # jobs run in English otherwise: problems and progress in the user's language
	doc = frappe.get_doc(DOCTYPE, ledger_import)
	if doc.status != RUNNING:
		return  # already run, or withdrawn by a new workbook
	doc.started_at = now_datetime()
	doc.record()
	frappe.db.commit()  # the form shows when the job began

	progress = Progress(doc.name, 0)
	progress.publish(0, _("Reading the workbook"))
	counts, problems, rows, trace = None, [], 0, None
	frappe.db.savepoint(IMPORT_SAVEPOINT)
	try:
		source = doc.workbook()
		ledger = read_ledger(source, base_regions=site_regions())
		rows = progress.total_rows = ledger_rows(ledger)
		counts = importer.import_ledger(source, progress=progress, user=user)
	except LedgerInvalid as e:
		problems = from_errors(e.errors)
	except Exception as e:
		problems = [
			problem(
				None, None, None,
				_("The import stopped on an unexpected error: {0}").format(str(e) or e.__class__.__name__),
				_("Nothing was imported; check the workbook again, or ask the system manager to look at the Error Log"),
			)
		]
		trace = frappe.get_traceback()
	if problems or counts is None:
		try:
			frappe.db.rollback(save_point=IMPORT_SAVEPOINT)  # nothing of the workbook stays
		except Exception:
			frappe.db.rollback()
	if trace:
		frappe.log_error(_("Ledger import {0} failed").format(ledger_import), trace, DOCTYPE, ledger_import)

	doc = frappe.get_doc(DOCTYPE, ledger_import)
	doc.finished_at = now_datetime()
	doc.total_rows = rows
	if problems or counts is None:
		doc.status = FAILED
		doc.set_problems(problems)
		doc.set("results", [])
		doc.rows_per_second = 0
	else:
		doc.status = DONE
		doc.set("problems", [])
		doc.set_results(counts)
		seconds = time_diff_in_seconds(doc.finished_at, doc.started_at)
		doc.rows_per_second = round(rows / seconds, 1) if seconds > 0 else rows
	doc.record()
	progress.publish(100, doc.status, after_commit=True, finished=True, status=doc.status)
	frappe.db.commit()


def log_command_import(path, counts, started_at, finished_at):
	"""`bench … import-ledger` leaves the same record as the desk: the workbook, who, when, the results."""
	with open(path, "rb") as f:
		content = f.read()
	file = frappe.get_doc(
		{"doctype": "File", "file_name": os.path.basename(path), "content": content, "is_private": 1}
	).insert(ignore_permissions=True)
	doc = frappe.get_doc({"doctype": DOCTYPE, "ledger_file": file.file_url}).insert(ignore_permissions=True)
	doc.status = DONE
	doc.imported_by = frappe.session.user
	doc.started_at, doc.finished_at = started_at, finished_at
	rows = sum(n["created"] + n["updated"] + n["unchanged"] for n in counts.values())
	doc.total_rows = rows
	seconds = time_diff_in_seconds(finished_at, started_at)
	doc.rows_per_second = round(rows / seconds, 1) if seconds > 0 else rows
	doc.set_results(counts)
	doc.record()
	return doc.name
