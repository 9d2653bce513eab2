"""The fault drill: `bench --site S springoffer fault-drill` (issue 29).

The load test's locust workload (springoffer.devtools.load_test, locustfile.py) runs on the
province-scale data against gunicorn on 127.0.0.1, and one at a time, a quiet spell between them,
the drill injects: the cache Redis stopped, the queue Redis stopped (each `outage` seconds), MariaDB
restarted, one gunicorn worker SIGKILLed, and the background worker it started SIGKILLed halfway
through a 100,000-row import-ledger. It touches only services on 127.0.0.1: the bench's two Redis
servers (pids in config/pids, started again from config/redis_*.conf), the local MariaDB, and the
gunicorn and RQ worker it started itself; whatever it stopped is started again on the way out,
Ctrl-C and errors included. The accounting and the verdict are springoffer.core.fault_drill's.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import frappe

from springoffer.core import fault_drill as fd
from springoffer.devtools import load_test as lt

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
DRILL_PREFIX = "演练导入企业"  # every enterprise of the drill's import workbook, so it is found and removed
IMPORT_ROWS = 100_000


def log(message):
	print(time.strftime("%H:%M:%S"), message, flush=True)


# services ------------------------------------------------------------------


class Services:
	"""The site's own services, stopped and started again only here."""

	def __init__(self, bench_path, conf):
		self.bench = Path(bench_path)
		self.redis = {}
		for name in ("cache", "queue"):
			url = urlparse(conf.get(f"redis_{name}") or "")
			if url.hostname not in LOCAL_HOSTS:
				raise SystemExit(f"redis_{name} 不在本机（{url.hostname}）：故障演练只在 127.0.0.1 上进行")
			self.redis[name] = url.port
		if (conf.get("db_host") or "localhost") not in LOCAL_HOSTS:
			raise SystemExit(f"数据库不在本机（{conf.get('db_host')}）：故障演练只在 127.0.0.1 上进行")
		self.stopped = set()

	def redis_pid(self, name):
		path = self.bench / "config" / "pids" / f"redis_{name}.pid"
		return int(path.read_text().strip()) if path.exists() else None

	def answers(self, port):
		try:
			with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
				s.sendall(b"PING\r\n")
				return s.recv(16).startswith(b"+PONG")
		except OSError:
			return False

	def stop_redis(self, name):
		pid = self.redis_pid(name)
		if not pid or not self.answers(self.redis[name]):
			raise RuntimeError(f"redis_{name} is not running here (pid file {pid})")
		self.stopped.add(name)
		os.kill(pid, signal.SIGTERM)
		for _ in range(100):
			if not self.answers(self.redis[name]):
				return
			time.sleep(0.1)
		raise RuntimeError(f"redis_{name} (pid {pid}) did not stop")

	def start_redis(self, name):
		if not self.answers(self.redis[name]):
			subprocess.run(["redis-server", f"config/redis_{name}.conf", "--daemonize", "yes"], cwd=self.bench, check=True, stdout=subprocess.DEVNULL)
		for _ in range(100):
			if self.answers(self.redis[name]):
				self.stopped.discard(name)
				return
			time.sleep(0.1)
		raise RuntimeError(f"redis_{name} did not start again")

	def database_answers(self):
		try:
			with socket.create_connection(("127.0.0.1", 3306), timeout=1):
				pass
		except OSError:
			return False
		return subprocess.run(["mysqladmin", "-h127.0.0.1", "-uroot", "-proot", "ping"], capture_output=True).returncode == 0

	def restart_database(self):
		self.stopped.add("mariadb")
		subprocess.run(["service", "mariadb", "restart"], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
		self.ensure_database()

	def ensure_database(self):
		for _ in range(600):
			if self.database_answers():
				self.stopped.discard("mariadb")
				return
			if _ and _ % 100 == 0:
				subprocess.run(["service", "mariadb", "start"], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
			time.sleep(0.1)
		raise RuntimeError("MariaDB did not come back")

	def restore_all(self):
		"""Start again whatever the drill stopped (called on every way out)."""
		for name in list(self.stopped):
			try:
				if name == "mariadb":
					self.ensure_database()
				else:
					self.start_redis(name)
				log(f"restarted {name}")
			except Exception as e:  # keep going: the others must come back too
				print(f"!! could not restart {name}: {e}", file=sys.stderr, flush=True)


DRILL_QUEUE = "springoffer-fault-drill"


def start_worker(sites_path, out):
	"""An RQ worker of this bench on the drill's own queue (the import's job is moved there: the bench's
	long queue may hold other sites' jobs, which are not the drill's to run), in its own process group."""
	command = [sys.executable, "-c", f"from springoffer.devtools.fault_drill import work; work({DRILL_QUEUE!r})"]
	with open(out / "worker.log", "a") as log_file:
		return subprocess.Popen(command, cwd=sites_path, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)


def work(queue_name):
	"""The drill's worker (a process of its own): Frappe's RQ worker on the drill's queue only."""
	from frappe.utils.background_jobs import get_redis_conn
	from rq import Queue, Worker

	with frappe.init_site():
		connection = get_redis_conn()
	Worker([Queue(queue_name, connection=connection)], connection=connection).work(logging_level="INFO")


def take_job(job_id, timeout=30):
	"""Move the queued job `job_id` from the bench's queues to the drill's own; False if it never came."""
	from frappe.utils.background_jobs import get_queue_list, get_redis_conn
	from rq import Queue
	from rq.job import Job

	connection = get_redis_conn()
	deadline = time.monotonic() + timeout
	while time.monotonic() < deadline:
		for name in get_queue_list(build_queue_name=True):
			queue = Queue(name, connection=connection)
			if job_id in queue.job_ids:
				queue.remove(job_id)
				Queue(DRILL_QUEUE, connection=connection).enqueue_job(Job.fetch(job_id, connection=connection))
				return True
		time.sleep(0.5)
	return False


def kill_tree(process, sig=signal.SIGKILL):
	"""SIGKILL a process we started and its children (the RQ work horse doing the job first)."""
	import psutil

	try:
		parent = psutil.Process(process.pid)
		children = parent.children(recursive=True)
	except psutil.NoSuchProcess:
		return []
	killed = []
	for p in [*children, parent]:
		try:
			p.send_signal(sig)
			killed.append(p.pid)
		except psutil.NoSuchProcess:
			pass
	try:
		process.wait(10)
	except subprocess.TimeoutExpired:
		pass
	return killed


def kill_one_gunicorn_worker(server):
	import psutil

	workers = psutil.Process(server.pid).children()
	if not workers:
		raise RuntimeError("gunicorn has no worker to kill")
	victim = workers[0]
	victim.send_signal(signal.SIGKILL)
	return victim.pid


# the import ---------------------------------------------------------------


def write_import_workbook(path, rows=IMPORT_ROWS):
	"""`rows` new enterprises over the counties (credit codes of their own), the drill's import."""
	from openpyxl import Workbook

	from springoffer.core import categories as c
	from springoffer.core import credit_code
	from springoffer.core import ledger as L
	from springoffer.devtools import province_data

	regions = province_data.shape_regions("counties")
	divisions = regions if isinstance(regions, dict) else {}
	names = list(regions)
	wb = Workbook(write_only=True)
	ws = wb.create_sheet(L.ENTERPRISES)
	ws.append([L.CODE, L.NAME, L.CATEGORY, L.REGION, L.EMPLOYEES])
	for i in range(rows):
		region = names[i % len(names)]
		code = credit_code.make_code(division=divisions.get(region) or "430100", org_body=f"FD{i:06d}")
		ws.append([code, f"{DRILL_PREFIX}{i:06d}", c.REPORT_CATEGORIES[i % len(c.REPORT_CATEGORIES)], region, 50 + i % 500])
	wb.save(path)


def drill_enterprises():
	return frappe.db.count("Enterprise", {"enterprise_name": ("like", f"{DRILL_PREFIX}%")})


def remove_drill_enterprises():
	frappe.db.delete("Enterprise", {"enterprise_name": ("like", f"{DRILL_PREFIX}%")})
	frappe.db.commit()


def new_ledger_import(path):
	"""A Ledger Import of the drill's workbook, checked (校验通过): the desk's way, as Administrator."""
	with open(path, "rb") as f:
		content = f.read()
	file = frappe.get_doc(
		{"doctype": "File", "file_name": os.path.basename(path), "content": content, "is_private": 1}
	).insert(ignore_permissions=True)
	doc = frappe.get_doc({"doctype": "Ledger Import", "ledger_file": file.file_url}).insert(ignore_permissions=True)
	frappe.db.commit()
	doc.check()
	frappe.db.commit()
	return doc.name


class ImportWatch:
	"""The import job's progress as the form sees it (realtime events on the queue Redis)."""

	def __init__(self, queue_port, name):
		import redis

		self.name = name
		self.pubsub = redis.Redis(host="127.0.0.1", port=queue_port).pubsub()
		self.pubsub.subscribe("events")

	def wait_for(self, share, stage, timeout):
		"""Until the job has written `share` of the rows of `stage`; the last progress seen."""
		deadline = time.monotonic() + timeout
		last = {}
		while time.monotonic() < deadline:
			message = self.pubsub.get_message(timeout=1)
			if not message or message.get("type") != "message":
				continue
			try:
				event = json.loads(message["data"])
			except ValueError:
				continue
			body = event.get("message") or {}
			if event.get("event") != "ledger_import_progress" or body.get("ledger_import") != self.name:
				continue
			last = body
			if body.get("finished"):
				return last
			if body.get("stage") == stage and body.get("total") and body.get("done", 0) >= share * body["total"]:
				return last
		return last

	def close(self):
		try:
			self.pubsub.close()
		except Exception:
			pass


def ledger_import_status(name):
	"""The import's status as its form shows it: opening the form is what marks a killed import 中断."""
	frappe.db.rollback()  # a fresh read
	doc = frappe.get_doc("Ledger Import", name)
	doc.run_method("onload")
	frappe.db.commit()
	return frappe.db.get_value("Ledger Import", name, "status")


# the run ------------------------------------------------------------------


def read_requests(path):
	found = []
	if not path.exists():
		return found
	for line in path.read_text(encoding="utf-8").splitlines():
		try:
			at, kind, ms, ok, status, traceback = json.loads(line)
		except ValueError:
			continue
		found.append(fd.Request(at=at, kind=kind, ms=ms, ok=ok, status=status, traceback=traceback))
	return found


def read_writes(marks):
	"""[Write] from the locustfile's marks: acknowledged, answered with an error, or cut off at the stop."""
	made_at = marks.get("made_at", {})
	writes = []
	for group, acknowledged in (("acknowledged", True), ("refused", False), ("in_flight", False)):
		for kind, values in (marks.get(group) or {}).items():
			for value in values:
				key = value[0] if isinstance(value, list | tuple) else value
				writes.append(fd.Write(kind, json.dumps(value) if kind == "approval" else value, made_at.get(key, 0), acknowledged))
	return writes


def stored_counts(writes):
	"""{marker: times the database holds it} for every write."""
	from springoffer.core import categories as c

	by_kind = {}
	for w in writes:
		by_kind.setdefault(w.kind, []).append(w.value)
	stored = {}
	for kind, values in by_kind.items():
		if kind == "approval":
			pairs = [json.loads(v) for v in values]
			reviewed = dict(frappe.db.sql(
				"SELECT name, reviewed_by FROM `tabUnit Report` WHERE name IN %s AND workflow_state = %s AND docstatus = 1",
				(tuple(name for name, _user in pairs) or ("",), c.REPORT_APPROVED),
			))
			for value, (name, user) in zip(values, pairs, strict=True):
				stored[value] = int(reviewed.get(name) == user)
			continue
		table, column = ("tabContract", "ledger_no") if kind == "contract" else ("tabOffer", "meeting_place")
		for start in range(0, len(values), 2000):
			chunk = tuple(values[start : start + 2000])
			stored.update(dict(frappe.db.sql(f"SELECT {column}, COUNT(*) FROM `{table}` WHERE {column} IN %s GROUP BY {column}", (chunk,))))
	return stored


class Drill:
	def __init__(self, site, sites_path, out, users, outage, quiet, port, workers, import_rows, warmup=60):
		self.site, self.sites_path, self.out = site, sites_path, out
		self.users, self.outage, self.quiet, self.port, self.workers = users, outage, quiet, port, workers
		self.import_rows, self.warmup = import_rows, warmup
		self.phases = []
		self.server = self.worker = self.locust = None

	def connect(self):
		frappe.init(site=self.site, sites_path=self.sites_path)
		frappe.connect()

	def prepare(self):
		self.connect()
		try:
			self.services = Services(frappe.utils.get_bench_path(), frappe.get_conf())
			# enough answers and guest links for the whole drill, not only five minutes
			lt.ANSWERS_PER_USER, lt.GUEST_LINKS = 150, 1500
			plan = lt.prepare(self.users)
			remove_drill_enterprises()  # a drill stopped before its clean-up
			self.import_path = self.out / f"fault-drill-import-{self.import_rows}.xlsx"
			if not self.import_path.exists():
				log(f"writing the import workbook ({self.import_rows:,} enterprises)")
				write_import_workbook(str(self.import_path), self.import_rows)
		finally:
			frappe.destroy()
		self.plan_path = self.out / "plan.json"
		self.plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
		province = self.out / "province-ledger.xlsx"
		if not province.exists():
			from springoffer.devtools import province_data

			province_data.write_ledger_workbook(str(province))
		self.reference = lt.openpyxl_read_seconds(str(province))
		self.scale = max(1.0, self.reference / lt.REFERENCE_READ)

	def target_of(self, kind):
		return (2000 if kind in lt.HEAVY else 1000) * self.scale

	def start_load(self):
		self.requests_path = self.out / "requests.jsonl"
		self.requests_path.unlink(missing_ok=True)
		(self.out / "marks.json").unlink(missing_ok=True)
		env = dict(
			os.environ, SPRINGOFFER_LOAD_PLAN=str(self.plan_path), SPRINGOFFER_LOAD_SITE=self.site,
			SPRINGOFFER_LOAD_MARKS=str(self.out / "marks.json"), SPRINGOFFER_LOAD_REQUESTS=str(self.requests_path),
		)
		command = [
			lt.locust_command(), "-f", str(Path(lt.__file__).with_name("locustfile.py")), "--headless",
			"-u", str(self.users), "-r", str(max(1, self.users // 10)), "--host", f"http://127.0.0.1:{self.port}",
			"--csv", str(self.out / "locust"), "--only-summary", "--stop-timeout", "10",
		]
		with open(self.out / "locust.log", "w") as log_file:
			self.locust = subprocess.Popen(command, env=env, stdout=log_file, stderr=subprocess.STDOUT)

	def phase(self, name, inject, restore=None, checks=None, **flags):
		"""Inject a fault, hold it (restore waits out the outage), then the quiet spell; `checks` the
		fault's own [(what, held)], filled in as it goes."""
		log(f"fault: {name}")
		start = time.time()
		checks = [] if checks is None else checks
		inject()
		if restore:
			time.sleep(self.outage)
			restore()
		end = time.time()
		log(f"back: {name} ({end - start:.0f} s); quiet {self.quiet} s")
		phase = fd.Phase(name, start, end, end, checks=checks, **flags)
		self.phases.append(phase)
		return phase

	def quiet_spell(self, phase, until=None):
		time.sleep(max(0.0, (until or phase.end + self.quiet) - time.time()))
		phase.until = time.time()

	def cache_down(self):
		phase = self.phase("Redis cache stopped", lambda: self.services.stop_redis("cache"), lambda: self.services.start_redis("cache"),
			requests_must_answer=True)
		self.quiet_spell(phase)

	def queue_down(self):
		phase = self.phase("Redis queue stopped", lambda: self.services.stop_redis("queue"), lambda: self.services.start_redis("queue"))
		self.quiet_spell(phase)

	def database_restart(self):
		phase = self.phase("MariaDB restarted", self.services.restart_database)
		self.quiet_spell(phase)

	def gunicorn_kill(self):
		phase = self.phase("one gunicorn worker SIGKILLed", lambda: log(f"killed gunicorn worker {kill_one_gunicorn_worker(self.server)}"))
		self.quiet_spell(phase)

	def import_kill(self):
		"""Start the import, SIGKILL the worker halfway, see what the ledger and the form say, run it again."""
		self.worker = start_worker(self.sites_path, self.out)
		self.connect()
		try:
			name = new_ledger_import(str(self.import_path))
			before = drill_enterprises()
			watch = ImportWatch(self.services.redis["queue"], name)
			doc = frappe.get_doc("Ledger Import", name)
			doc.start_import()
			frappe.db.commit()  # enqueued on commit
			job_id = f"{self.site}::{doc.job_id}"
			if not take_job(job_id):
				raise RuntimeError(f"the import's job {job_id} was not queued")
			log(f"import {name} queued ({self.import_rows:,} rows)")
			progress = watch.wait_for(0.5, "企业", timeout=900)
			watch.close()
		finally:
			frappe.destroy()
		checks = []

		def kill():
			killed = kill_tree(self.worker)
			log(f"SIGKILLed the worker {killed} at {progress.get('description') or progress}")

		phase = self.phase("background worker SIGKILLed halfway through import-ledger", kill, checks=checks)
		if progress.get("finished"):
			checks.append(("the import was still running when the worker was killed (it had finished)", False))
		self.worker = start_worker(self.sites_path, self.out)
		time.sleep(min(self.quiet, 30))
		self.connect()
		try:
			after_kill = drill_enterprises()
			status = ledger_import_status(name)
			log(f"after the kill: {after_kill:,} drill enterprises, Ledger Import {name} status {status}")
			checks.append((f"ledger as before or after the import after the kill ({after_kill:,} of {self.import_rows:,} rows)",
				after_kill in (before, before + self.import_rows)))
			checks.append((f"the Ledger Import says 中断 (it says {status})", status == "中断"))
			rerun_done = False
			try:
				doc = frappe.get_doc("Ledger Import", name)
				doc.start_import()
				frappe.db.commit()
				rerun_done = take_job(f"{self.site}::{doc.job_id}")
				log("import run again" if rerun_done else "import run again: no job was queued")
				if not rerun_done:
					checks.append(("running the import again queues its job (none was queued)", False))
			except Exception as e:
				frappe.db.rollback()
				reason = frappe.utils.strip_html(str(e)) or e.__class__.__name__
				log(f"running it again was refused: {reason}")
				checks.append((f"running the import again is possible (refused: {reason})", False))
		finally:
			frappe.destroy()
		if rerun_done:
			deadline = time.time() + max(600, self.quiet * 5)
			status = None
			while time.time() < deadline:
				self.connect()
				try:
					status = ledger_import_status(name)
					count = drill_enterprises()
				finally:
					frappe.destroy()
				if status not in ("导入中", "中断"):
					break
				time.sleep(3)
			log(f"after the rerun: {count:,} drill enterprises, status {status}")
			checks.append((f"the rerun completes it exactly once ({count:,} rows, status {status})", status == "已导入" and count == before + self.import_rows))
		self.quiet_spell(phase)
		self.import_name = name

	def run(self):
		faults = [self.cache_down, self.queue_down, self.database_restart, self.gunicorn_kill, self.import_kill]
		# SIGTERM (a timeout, a closed terminal) unwinds like Ctrl-C: the finally below restarts what was stopped
		signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
		self.server = lt.serve(self.site, self.port, self.workers, self.sites_path)
		try:
			self.start_load()
			log(f"load running ({self.users} users); warming up {self.warmup} s (not counted)")
			time.sleep(self.warmup)  # first requests after a start fill the caches: not the steady state
			self.baseline_start = time.time()
			log(f"quiet {self.quiet} s before the first fault (the baseline)")
			time.sleep(self.quiet)
			self.baseline_end = time.time()
			for fault in faults:
				fault()
		finally:
			self.services.restore_all()
			self.stop_all()
		self.save_run()
		self.clean_up()

	def stop_all(self):
		if self.locust and self.locust.poll() is None:
			self.locust.send_signal(signal.SIGTERM)
			try:
				self.locust.wait(60)
			except subprocess.TimeoutExpired:
				self.locust.kill()
		if self.worker:
			kill_tree(self.worker, signal.SIGTERM)
		if self.server and self.server.poll() is None:
			self.server.terminate()
			try:
				self.server.wait(30)
			except subprocess.TimeoutExpired:
				self.server.kill()

	def clean_up(self):
		try:
			self.connect()
			try:
				remove_drill_enterprises()
			finally:
				frappe.destroy()
		except Exception as e:
			print(f"!! the drill's enterprises were not removed: {e}", file=sys.stderr)

	def save_run(self):
		"""What the report needs besides locust's files, so it can be printed again (report_again)."""
		run = {
			"reference": self.reference, "baseline": [self.baseline_start, self.baseline_end],
			"phases": [{k: getattr(p, k) for k in ("name", "start", "end", "until", "checks", "requests_must_answer", "settle")} for p in self.phases],
		}
		(self.out / "run.json").write_text(json.dumps(run, ensure_ascii=False), encoding="utf-8")

	def report(self):
		if not (self.out / "run.json").exists():
			self.save_run()
		marks_path = self.out / "marks.json"
		marks = json.loads(marks_path.read_text(encoding="utf-8")) if marks_path.exists() else {}
		requests = read_requests(self.requests_path)
		writes = read_writes(marks)
		self.connect()
		try:
			stored = stored_counts(writes)
		finally:
			frappe.destroy()
		print(f"openpyxl reads the province workbook in {self.reference:.1f} s here (targets set at {lt.REFERENCE_READ:.0f} s): targets × {self.scale:.2f}")
		print(f"{self.users} users, outage {self.outage} s, quiet {self.quiet} s, {len(requests)} requests, {len(writes)} writes")
		if self.phases:  # the run's last writes, cut off at the stop, belong to the last fault
			self.phases[-1].until = max(self.phases[-1].until, time.time())
		baseline = [r for r in requests if self.baseline_start <= r.at < self.baseline_end]
		baseline_problems = []
		failed = sum(not r.ok for r in baseline)
		p95 = fd.percentile([r.ms / self.target_of(r.kind) for r in baseline], 0.95)
		print(f"== before the faults: {failed} of {len(baseline)} requests failed; p95 at {p95:.2f} of target")
		if failed:
			baseline_problems.append(f"{failed} requests failed with no fault")
		results = [fd.account(phase, requests, writes, stored, self.target_of, baseline_ratio=p95) for phase in self.phases]
		for result in results:
			for line in fd.result_lines(result):
				print(line)
		passed, line = fd.verdict(results, baseline_problems)
		print(line)
		return passed


def report_again(site, out, users=50, outage=60, quiet=60):
	"""Print a finished drill's report again from its folder: bench --site S execute
	springoffer.devtools.fault_drill.report_again --kwargs "{'site': S, 'out': '/path/fault-drill'}"."""
	folder = Path(out)
	run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
	sites_path = os.path.abspath(frappe.local.sites_path) if getattr(frappe.local, "sites_path", None) else os.getcwd()
	frappe.destroy()
	drill = Drill(site, sites_path, folder, users, outage, quiet, 0, 0, 0)
	drill.reference, drill.scale = run["reference"], max(1.0, run["reference"] / lt.REFERENCE_READ)
	drill.baseline_start, drill.baseline_end = run["baseline"]
	drill.requests_path = folder / "requests.jsonl"
	drill.phases = [fd.Phase(**{**p, "checks": [tuple(c) for c in p["checks"]]}) for p in run["phases"]]
	try:
		return drill.report()
	finally:
		drill.connect()  # `bench execute` closes the connection it opened
