"""台帐导入: the ledger workbook into the site from the desk, in the spirit of Frappe's Data Import.

Attach a workbook, 校验 (check) lists every problem with its sheet, row, column, reason and fix, 导入
(import) runs springoffer.ledger_import.import_ledger as a background job on the long queue as the
requesting user, with progress published to the form; the counts per record type, who imported and
when stay on the record. All or nothing: a refused import leaves the site as it was and lists why.
A city or county user (User Permission on Region) imports only rows of their own region.
"""

import inspect
import time
from io import BytesIO

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.translate import get_user_lang
from frappe.utils import now_datetime, time_diff_in_seconds
from frappe.utils.background_jobs import is_job_enqueued

import springoffer.ledger_import as ledger_import
from springoffer import annex
from springoffer.core import categories
from springoffer.core.ledger import (
	CODE,
	CONTRACTS,
	ENTERPRISES,
	OFFERS,
	REGION,
	REGIONS,
	LedgerInvalid,
	normalize_code,
	read_ledger,
	write_template,
)

DOCTYPE = "Ledger Import"
WAITING, INVALID, VALID, RUNNING, DONE, FAILED = "待校验", "校验未通过", "校验通过", "导入中", "已导入", "导入失败"
KINDS = ("Region", "Campaign", "Enterprise", "Offer", "Contract")
PROGRESS_EVENT = "ledger_import_progress"
JOB_TIMEOUT = 2 * 3600
# 校验 runs the import and rolls it back for workbooks up to this many rows; a larger one is read and
# confined here, and its records' own rules are applied by the import itself (all or nothing).
DRY_RUN_ROWS = 2_000
MAX_PROBLEMS = 1_000  # listed; the rest are counted in one last row
CHECK_SAVEPOINT = "ledger_check"
IMPORT_SAVEPOINT = "ledger_import_job"

# Set only by the controller's own steps (check, import, the job): a save from the form or the REST
# API keeps what they recorded.
RECORDED_FIELDS = ("status", "imported_by", "started_at", "finished_at", "total_rows", "rows_per_second")
RECORDED_TABLES = ("problems", "results")


class LedgerImport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from springoffer.springoffer.doctype.ledger_import_problem.ledger_import_problem import (
			LedgerImportProblem,
		)
		from springoffer.springoffer.doctype.ledger_import_result.ledger_import_result import (
			LedgerImportResult,
		)

		finished_at: DF.Datetime | None
		imported_by: DF.Link | None
		ledger_file: DF.Attach
		problems: DF.Table[LedgerImportProblem]
		results: DF.Table[LedgerImportResult]
		rows_per_second: DF.Float
		started_at: DF.Datetime | None
		status: DF.Literal["\u5f85\u6821\u9a8c", "\u6821\u9a8c\u672a\u901a\u8fc7", "\u6821\u9a8c\u901a\u8fc7", "\u5bfc\u5165\u4e2d", "\u5df2\u5bfc\u5165", "\u5bfc\u5165\u5931\u8d25"]
		total_rows: DF.Int
	# end: auto-generated types

	def validate(self):
		if not self.flags.recording:
			self.keep_recorded()
		if not self.is_new() and self.has_value_changed("ledger_file"):
			if self.status in (RUNNING, DONE):
				frappe.throw(_("This workbook has been imported (or is being imported); attach a new workbook to a new Ledger Import"))
			self.status = WAITING  # another workbook: check it afresh
			self.set("problems", [])
			self.set("results", [])

	def keep_recorded(self):
		"""What check, import and the job recorded is theirs to change: a new import starts unchecked,
		a saved one keeps its status, log and tables."""
		before = self.get_doc_before_save()
		for fieldname in RECORDED_FIELDS:
			self.set(fieldname, before.get(fieldname) if before else None)
		for fieldname in RECORDED_TABLES:
			self.set(fieldname, [row.as_dict() for row in before.get(fieldname)] if before else [])
		if not before:
			self.status = WAITING

	def on_trash(self):
		if self.status == RUNNING and self.job_running():
			frappe.throw(_("The import is running; delete it once it has finished"))

	def record(self):
		"""Save what check/import/the job recorded."""
		self.flags.recording = True
		try:
			self.save(ignore_permissions=True, ignore_version=False)  # the log kept in tests too
		finally:
			self.flags.recording = False

	@property
	def job_id(self):
		return f"ledger_import::{self.name}"

	def job_running(self):
		try:
			return is_job_enqueued(self.job_id)
		except Exception:  # no queue to ask (redis down): assume it may be running
			return True

	def ensure_may_run(self):
		self.check_permission("write")
		if self.status == DONE:
			frappe.throw(_("This workbook has been imported; to import again, create a new Ledger Import"))
		if self.status == RUNNING and self.job_running():
			frappe.throw(_("The import is running; wait for it to finish"))

	def workbook(self):
		"""The attached workbook's bytes; the user must be allowed to read the file."""
		if not self.ledger_file:
			frappe.throw(_("Attach the ledger workbook first"))
		files = frappe.get_all(
			"File",
			filters={"file_url": self.ledger_file},
			fields=["name", "attached_to_doctype", "attached_to_name"],
			order_by="creation asc",
		)
		if not files:
			frappe.throw(_("The attached workbook {0} is missing; attach it again").format(self.ledger_file))
		own = [f for f in files if f.attached_to_doctype == self.doctype and f.attached_to_name == self.name]
		file = frappe.get_doc("File", (own or files)[0].name)
		if not own:
			file.check_permission("read")
		content = file.get_content()
		return content.encode() if isinstance(content, str) else content

	@frappe.whitelist()
	def check(self) -> dict:
		"""校验: every problem of the workbook into the problems table; nothing is written."""
		self.reload()  # the record as stored, not as the browser sent it
		self.ensure_may_run()
		source = self.workbook()
		user = frappe.session.user
		ledger, problems = read_and_confine(source, user)
		dry_run = ledger is not None and not problems and ledger_rows(ledger) <= DRY_RUN_ROWS
		if dry_run:
			problems = dry_run_problems(source, user)
		self.set_problems(problems)
		self.total_rows = ledger_rows(ledger) if ledger else 0
		self.status = INVALID if problems else VALID
		self.set("results", [])
		self.record()
		return {"problems": len(problems), "dry_run": dry_run, "status": self.status}

	@frappe.whitelist()
	def start_import(self) -> dict:
		"""导入: refused while problems are listed; otherwise queued on the long queue, run as this user."""
		self.reload()
		self.ensure_may_run()
		if self.problems:
			frappe.throw(_("Fix the problems listed, attach the corrected workbook and check it again before importing"))
		if self.status != VALID:
			frappe.throw(_("Check the workbook before importing it"))
		user = frappe.session.user
		self.status = RUNNING
		self.imported_by = user
		self.started_at = self.finished_at = None
		self.rows_per_second = 0
		self.set("results", [])
		self.record()
		frappe.enqueue(
			run_import,
			queue="long",
			timeout=JOB_TIMEOUT,
			enqueue_after_commit=True,
			job_id=self.job_id,
			deduplicate=True,
			ledger_import=self.name,
			user=user,
		)
		return {"status": self.status}

	def set_problems(self, problems):
		shown = problems[:MAX_PROBLEMS]
		if len(problems) > MAX_PROBLEMS:
			shown.append(
				problem(
					None,
					None,
					None,
					_("{0} more problems are not listed").format(len(problems) - MAX_PROBLEMS),
					_("Fix the problems above and check again to see the rest"),
				)
			)
		self.set("problems", shown)

	def set_results(self, counts):
		self.set(
			"results",
			[{"record_type": kind, **{k: (counts.get(kind) or {}).get(k, 0) for k in ("created", "updated", "unchanged")}} for kind in KINDS],
		)


def problem(sheet, row, column, reason, fix):
	return {"sheet": sheet or "", "row": row or 0, "column": column or "", "reason": reason, "fix": fix}


def from_errors(errors):
	return [problem(e.sheet, e.row, e.column, e.reason, e.fix) for e in errors]


def ledger_rows(ledger):
	"""Rows of the workbook the import writes: regions added, enterprises, offer and contract rows."""
	return len(ledger.added_regions) + len(ledger.enterprises) + len(ledger.offer_lines) + len(ledger.contract_lines)


def site_regions():
	return dict(frappe.get_all("Region", fields=["name", "parent_region"], as_list=True))


def accepted_arguments(function):
	"""The keyword arguments of ours that `function` takes (import_ledger gains progress and user)."""
	parameters = inspect.signature(function).parameters
	if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
		return {"progress", "user"}
	return {"progress", "user"} & set(parameters)


def call_import(source, progress=None, user=None):
	"""springoffer.ledger_import.import_ledger with the arguments it accepts."""
	function = ledger_import.import_ledger
	accepted = accepted_arguments(function)
	options = {name: value for name, value in (("progress", progress), ("user", user)) if name in accepted}
	return function(source, **options)


def read_and_confine(source, user):
	"""(ledger or None, problems): the workbook read whole, and — while import_ledger does not take
	`user` — every row outside the user's region."""
	try:
		ledger = read_ledger(source, base_regions=site_regions())
	except LedgerInvalid as e:
		return None, from_errors(e.errors)
	if "user" in accepted_arguments(ledger_import.import_ledger):
		return ledger, []
	return ledger, outside_region(source, ledger, user)


def dry_run_problems(source, user):
	"""The import run and rolled back: what the records' own rules refuse."""
	frappe.db.savepoint(CHECK_SAVEPOINT)
	try:
		call_import(source, user=user)
	except LedgerInvalid as e:
		return from_errors(e.errors)
	finally:
		frappe.db.rollback(save_point=CHECK_SAVEPOINT)
	return []


def outside_region(source, ledger, user):
	"""A problem per row reaching outside the regions the user is confined to (none when unconfined):
	the 地区 rows added under another region, enterprises placed or on record elsewhere, the offers and
	contracts covering them or matching another region's record."""
	allowed = annex.permitted_regions(user)
	if allowed is None:
		return []
	tree = ledger.tree()
	own = ", ".join(sorted(top_regions(allowed)))

	def inside(region):
		return bool(region) and not allowed.isdisjoint(tree.chain(region))

	found = []
	for name, parent in ledger.added_regions.items():
		if not inside(name):
			found.append(
				problem(
					REGIONS, None, REGION, _("Region {0} (under {1}) lies outside your region ({2})").format(name, parent, own),
					_("Remove the row: regions outside your own are added by the province"),
				)
			)
	stored = dict(in_chunks("Enterprise", "name", [e.key for e in ledger.enterprises], ["name", "region"]))
	outside = {}
	for e in ledger.enterprises:
		if not inside(e.region):
			outside[e.key] = (REGION, _("Enterprise {0} lies in {1}, outside your region ({2})").format(e.key, e.region, own))
		elif e.key in stored and not inside(stored[e.key]):
			outside[e.key] = (CODE, _("Enterprise {0} is on record in {1}, outside your region ({2})").format(e.key, stored[e.key], own))
	if outside:
		rows = enterprise_rows(source)
		for code, (column, reason) in outside.items():
			found.append(problem(ENTERPRISES, rows.get(code), column, reason, _("Remove the row: only the province or that region's users may import it")))
	for sheet, doctype, records in ((OFFERS, "Offer", ledger.offers), (CONTRACTS, "Contract", ledger.contracts)):
		stored_regions = stored_record_regions(doctype, records.values())
		for record in records.values():
			elsewhere = [code for code, _workers in record.coverage if code in outside]
			if elsewhere:
				found.append(
					problem(
						sheet, record.row, CODE,
						_("{0} covers enterprises outside your region: {1}").format(record.number, "、".join(elsewhere)),
						_("Remove the rows of these enterprises, or leave the record to the province"),
					)
				)
			region = stored_regions.get((record.campaign, record.number))
			if region and not inside(region):
				found.append(
					problem(
						sheet, record.row, None,
						_("{0} of {1} is on record in {2}, outside your region ({3})").format(record.number, record.campaign, region, own),
						_("Number your region's records apart from other regions' ones, or leave the record to the province"),
					)
				)
	return found


def top_regions(allowed):
	parents = dict(in_chunks("Region", "name", list(allowed), ["name", "parent_region"]))
	return {name for name in allowed if parents.get(name) not in allowed}


def in_chunks(doctype, field, values, fields, size=5_000):
	"""frappe.get_all over a long IN list, a chunk at a time, as (value, value) pairs."""
	found = []
	for start in range(0, len(values), size):
		found += frappe.get_all(doctype, filters={field: ("in", values[start : start + size])}, fields=fields, as_list=True, limit=0)
	return found


def stored_record_regions(doctype, records):
	"""(campaign, ledger number) → region of the stored records the ledger's ones would update."""
	wanted = {}
	for record in records:
		wanted.setdefault(record.campaign, []).append(record.number)
	found = {}
	for campaign, numbers in wanted.items():
		for start in range(0, len(numbers), 5_000):
			rows = frappe.get_all(
				doctype,
				filters={"campaign": campaign, "ledger_no": ("in", numbers[start : start + 5_000])},
				fields=["ledger_no", "region"],
				as_list=True,
				limit=0,
			)
			found.update({(campaign, number): region for number, region in rows})
	return found


def enterprise_rows(source):
	"""Credit code → Excel row in the 企业 sheet (for naming the rows of a problem)."""
	from python_calamine import CalamineWorkbook

	book = CalamineWorkbook.from_filelike(BytesIO(source))
	try:
		title = next((t for t in book.sheet_names if categories.normalize_label(t) == categories.normalize_label(ENTERPRISES)), None)
		if title is None:
			return {}
		rows = iter(book.get_sheet_by_name(title).iter_rows())
		header = [categories.normalize_label(str(cell)).strip("*") for cell in next(rows, [])]
		if categories.normalize_label(CODE) not in header:
			return {}
		index = header.index(categories.normalize_label(CODE))
		found = {}
		for number, values in enumerate(rows, start=2):
			if index < len(values) and values[index] not in ("", None):
				found.setdefault(normalize_code(values[index]), number)
		return found
	finally:
		book.close()


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


def run_import(ledger_import: str, user: str | None = None):
	"""The background job: import the workbook as `user`, all or nothing, and record what happened."""
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
		ledger, problems = read_and_confine(source, user)
		if ledger is not None and not problems:
			rows = progress.total_rows = ledger_rows(ledger)
			counts = call_import(source, progress=progress, user=user)
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


@frappe.whitelist(methods=["GET"])
def download_template():
	"""下载模板: the blank ledger workbook with its 填写说明 sheet."""
	frappe.has_permission(DOCTYPE, "read", throw=True)
	frappe.response.filename = "ledger-template.xlsx"
	frappe.response.filecontent = write_template()
	frappe.response.type = "download"


def log_command_import(path, counts, started_at, finished_at):
	"""`bench … import-ledger` leaves the same record as the desk: the workbook, who, when, the results."""
	import os

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
