"""台帐导入: the ledger workbook into the site from the desk, in the spirit of Frappe's Data Import.

Attach a workbook, 校验 (check) lists every problem with its sheet, row, column, reason and fix, 导入
(import) queues springoffer.workbook.desk_import.run_import on the long queue as the requesting user,
with progress published to the form; the counts per record type, who imported and when stay on the
record. All or nothing: a refused import leaves the site as it was and lists why. A city or county
user (User Permission on Region) imports only rows of their own region.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils.background_jobs import is_job_enqueued

from springoffer.core.ledger import write_template
from springoffer.workbook.desk_import import (
	DOCTYPE,
	DONE,
	INTERRUPTED,
	INVALID,
	RUNNING,
	VALID,
	WAITING,
	check_interrupted,
	check_workbook,
	forget_dead_job,
	is_running,
	problem,
	queued,
	run_import,
)
from springoffer.workbook.importer import KINDS

JOB_TIMEOUT = 2 * 3600
MAX_PROBLEMS = 1_000  # listed; the rest are counted in one last row

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
		imported_by: DF.Data | None
		ledger_file: DF.Attach
		problems: DF.Table[LedgerImportProblem]
		results: DF.Table[LedgerImportResult]
		rows_per_second: DF.Float
		started_at: DF.Datetime | None
		status: DF.Literal["\u5f85\u6821\u9a8c", "\u6821\u9a8c\u672a\u901a\u8fc7", "\u6821\u9a8c\u901a\u8fc7", "\u5bfc\u5165\u4e2d", "\u5df2\u5bfc\u5165", "\u5bfc\u5165\u5931\u8d25", "\u4e2d\u65ad"]
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

	def onload(self):
		"""An import 导入中 whose job is gone (its worker killed) shows 中断 as soon as it is opened."""
		if check_interrupted(self):
			frappe.local.flags.commit = True  # a GET request: Frappe commits only when asked

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
		if is_running(self.name):
			return True
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
		rows, problems, dry_run = check_workbook(self.workbook(), frappe.session.user)
		self.set_problems(problems)
		self.total_rows = rows
		self.status = INVALID if problems else VALID
		self.set("results", [])
		self.record()
		return {"problems": len(problems), "dry_run": dry_run, "status": self.status}

	@frappe.whitelist()
	def start_import(self) -> dict:
		"""导入: refused while problems are listed; otherwise queued on the long queue, run as this user."""
		self.reload()
		self.ensure_may_run()
		if self.problems and self.status != INTERRUPTED:
			frappe.throw(_("Fix the problems listed, attach the corrected workbook and check it again before importing"))
		if self.status not in (VALID, INTERRUPTED):
			frappe.throw(_("Check the workbook before importing it"))
		if self.status == INTERRUPTED:  # 重新导入: the interrupted job kept nothing; its queue record goes
			# The lock decides, not the queue: a killed worker's job stays 'started' there until a
			# worker's clean-up, which would refuse the rerun for minutes.
			if is_running(self.name) or queued(self.job_id):
				frappe.throw(_("The import is running; wait for it to finish"))
			forget_dead_job(self.job_id)
			self.set("problems", [])
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


@frappe.whitelist(methods=["GET"])
def download_template():
	"""下载模板: the blank ledger workbook with its 填写说明 sheet."""
	frappe.has_permission(DOCTYPE, "read", throw=True)
	frappe.response.filename = "ledger-template.xlsx"
	frappe.response.filecontent = write_template()
	frappe.response.type = "download"
