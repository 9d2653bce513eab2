"""The ledger import's job killed halfway (issue 29): the worker SIGKILLed after the enterprises and
offers were written, before the contracts. The site is as before the job (one transaction: the
database discards it with the dead connection), the Ledger Import shows 中断 — when opened and on the
scheduler's tick — and 重新导入 imports the workbook exactly as one clean import does."""

import subprocess
import sys
import time
from pathlib import Path
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_bench_path, now_datetime
from frappe.utils.background_jobs import create_job_id, get_job, get_redis_conn
from rq.job import Job, JobStatus

from springoffer.annex import ledger as annex_ledger
from springoffer.core.ledger import read_ledger
from springoffer.devtools.commits import no_commit
from springoffer.devtools.testing import sample_ledger, workbook_bytes
from springoffer.workbook import desk_import, importer

CAMPAIGN = "2023年中断导入测试活动"
# The job as a worker runs it, killed with SIGKILL at its second progress report: the enterprises and
# the offers written, the contracts not yet.
KILLED_JOB = """
import os, signal, sys
import frappe
frappe.init(site=sys.argv[1], sites_path=".")
frappe.connect()
from springoffer.workbook import desk_import
reports = []
report = desk_import.Progress.__call__
def killed_at_the_second(self, stage, done, total):
	reports.append(stage)
	if len(reports) == 2:
		os.kill(os.getpid(), signal.SIGKILL)
	return report(self, stage, done, total)
desk_import.Progress.__call__ = killed_at_the_second
desk_import.run_import(sys.argv[2], user="Administrator")
"""


class TestInterruptedImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.content = workbook_bytes(sample_ledger(CAMPAIGN, seed=29))
		cls.ledger = read_ledger(cls.content)

	def setUp(self):
		frappe.set_user("Administrator")

	def records(self):
		"""What the workbook writes, as content (no generated names): enterprises, offers and contracts
		of the campaign with their coverage, and the annex ledger's rows."""
		codes = [e.key for e in self.ledger.enterprises]
		offers = frappe.get_all("Offer", filters={"campaign": CAMPAIGN}, fields=["name", "ledger_no", "response", "total_covered_workers"], limit=0)
		contracts = frappe.get_all("Contract", filters={"campaign": CAMPAIGN}, fields=["name", "ledger_no", "workflow_state", "total_covered_workers"], limit=0)
		ledger = frappe.get_all(annex_ledger.LEDGER, filters={"campaign": CAMPAIGN}, fields=list(annex_ledger.CONTENT), as_list=True, limit=0)
		return {
			"campaign": bool(frappe.db.exists("Campaign", CAMPAIGN)),
			"enterprises": sorted(frappe.get_all("Enterprise", filters={"name": ("in", codes)}, pluck="name")),
			"offers": sorted((o.ledger_no, o.response, o.total_covered_workers) for o in offers),
			"contracts": sorted((k.ledger_no, k.workflow_state, k.total_covered_workers) for k in contracts),
			"annex_ledger": sorted(tuple(str(v) for v in row[1:]) for row in ledger),  # without the voucher name
		}

	def committed_import(self):
		"""A checked Ledger Import started as the desk starts it, committed for the worker to read."""
		file = frappe.get_doc(
			{"doctype": "File", "file_name": f"interrupted-{frappe.generate_hash(length=8)}.xlsx", "content": self.content, "is_private": 1}
		).insert(ignore_permissions=True)
		doc = frappe.get_doc({"doctype": "Ledger Import", "ledger_file": file.file_url}).insert()
		doc.status = desk_import.VALID
		doc.record()
		with patch.object(frappe, "enqueue"):
			doc.start_import()
		frappe.db.commit()
		self.addCleanup(self.remove, doc.name, file.name)
		return doc

	def remove(self, name, file):
		frappe.db.rollback()
		frappe.delete_doc("Ledger Import", name, force=True, ignore_permissions=True)
		frappe.delete_doc("File", file, force=True, ignore_permissions=True)
		frappe.db.commit()

	def kill_the_job_halfway(self, name):
		sites = Path(get_bench_path()) / "sites"
		run = subprocess.run([sys.executable, "-c", KILLED_JOB, frappe.local.site, name], cwd=sites, capture_output=True, timeout=600)
		self.assertEqual(run.returncode, -9, run.stderr.decode()[-2000:])
		for _wait in range(100):  # the server frees the dead connection's lock once it has rolled it back
			if not desk_import.is_running(name):
				break
			time.sleep(0.1)
		frappe.db.commit()  # a fresh snapshot: what the database holds now

	def test_a_killed_import_leaves_the_site_as_before_shows_interrupted_and_runs_again_once(self):
		frappe.db.savepoint("clean_import")
		importer.import_ledger(self.content)
		clean = self.records()  # what one clean import writes
		frappe.db.rollback(save_point="clean_import")
		before = self.records()
		self.assertFalse(before["enterprises"] or before["offers"] or before["campaign"])
		self.assertTrue(clean["enterprises"] and clean["offers"] and clean["contracts"] and clean["annex_ledger"])

		doc = self.committed_import()
		self.kill_the_job_halfway(doc.name)
		self.assertEqual(self.records(), before)  # not a part: nothing
		doc.reload()
		self.assertEqual(doc.status, desk_import.RUNNING)  # what the killed job left
		self.assertTrue(doc.started_at)

		with no_commit():
			desk_import.mark_interrupted_imports()  # the scheduler's tick
			doc.reload()
			self.assertEqual(doc.status, desk_import.INTERRUPTED)
			self.assertEqual(len(doc.problems), 1)
			left = Job.create(func="frappe.ping", id=create_job_id(doc.job_id), connection=get_redis_conn())
			left.set_status(JobStatus.STARTED)  # what a killed worker's job leaves in the queue
			left.save()
			self.addCleanup(desk_import.forget_dead_job, doc.job_id)
			with patch.object(frappe, "enqueue") as enqueue:
				doc.start_import()  # 重新导入, at once
			self.assertIsNone(get_job(doc.job_id))  # the dead job's record is gone: the rerun can be queued
			self.assertEqual(enqueue.call_args.kwargs["ledger_import"], doc.name)
			doc.reload()
			self.assertEqual((doc.status, len(doc.problems)), (desk_import.RUNNING, 0))
			with patch.object(frappe, "publish_realtime"):
				desk_import.run_import(doc.name, user="Administrator")  # the queued job
			doc.reload()
			self.assertEqual(doc.status, desk_import.DONE)
			self.assertEqual(self.records(), clean)  # exactly one clean import
			self.assertEqual(sum(r.created for r in doc.results if r.record_type == "Offer"), len(clean["offers"]))
			with self.assertRaises(frappe.ValidationError):  # and only once
				doc.start_import()
		frappe.db.rollback()

	def test_an_import_left_running_without_a_job_shows_interrupted_when_opened(self):
		doc = self.committed_import()
		with no_commit():
			doc.reload()
			doc.onload()
			self.assertEqual(doc.status, desk_import.RUNNING)  # just queued: its job may not be in the queue yet
			frappe.db.set_value("Ledger Import", doc.name, {"started_at": add_to_date(now_datetime(), hours=-1)}, update_modified=False)
			doc.reload()
			frappe.db.sql("SELECT GET_LOCK(%s, 0)", desk_import.lock_name(doc.name))
			try:
				doc.onload()
				self.assertEqual(doc.status, desk_import.RUNNING)  # a job holds the lock: it runs
			finally:
				frappe.db.sql("SELECT RELEASE_LOCK(%s)", desk_import.lock_name(doc.name))
			frappe.local.flags.commit = False
			doc.onload()
			self.assertEqual(doc.status, desk_import.INTERRUPTED)
			self.assertTrue(frappe.local.flags.commit)  # the GET that opened it keeps the mark
			self.assertEqual(frappe.db.get_value("Ledger Import", doc.name, "status"), desk_import.INTERRUPTED)
		frappe.local.flags.commit = False
		frappe.db.rollback()
