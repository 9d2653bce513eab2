"""The 30 June rush as a load test: `bench --site S springoffer load-test --users 50 --minutes 5`.

On the province-scale data (springoffer.devtools.province_data, loaded if missing) in one of two shapes
(`--shape counties`, the default: enterprises registered in the 县市区; `--shape cities`: each 市州's on
the city itself; a site holding the other shape is refused until `province_data.cleanup`), it makes city and
county officers of the four bodies and province reviewers, each with an API key, every 市州's Unit
Report of the reviewers' bodies filled from the records and submitted, and answer links for guests; serves the site with gunicorn on 127.0.0.1 (2 × cores + 1 workers, as production does);
runs locust headless (springoffer/devtools/locustfile.py) with 1–3 s pauses; then prints per request
kind the count, p50, p95 and errors beside Frappe's own floor (frappe.ping under the same load) and
openpyxl's read of the province workbook measured in the same run, and checks that every write the
users made is in the database exactly once. Not run by CI.
"""

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import frappe

from springoffer.core import categories as c
from springoffer.devtools import province_data

PREFIX = "load."
DOMAIN = "loadtest.example.com"
OFFICER_ROLES = ("Trade Union Officer", "Enterprise Confederation Officer", "HRSS Officer", "Commerce Federation Officer")
REVIEWER_ROLES = ("HRSS Reviewer", "Trade Union Reviewer")
ANSWERS_PER_USER = 40  # pending offers set aside for each answering officer, so no two users answer one
ANSWER_DATE = "2023-06-20"  # the officers' answers are dated so: only offers sent by then are set aside
GUEST_LINKS = 200


SHAPE_NAMES = {"counties": "企业登记在县市区", "cities": "企业登记在市州本级（无县市区）"}


def load_data(shape="counties", enterprises=100_000, coverage_rows=200_000, contracts=50_000):
	"""The province-scale data in `shape` (province_data.SHAPES), loaded and its annex ledger built if the
	site has none; a site holding the other shape is refused, not silently reused. Returns the shape."""
	from springoffer.devtools.testing import make_campaign

	make_campaign(province_data.CAMPAIGN)  # 2023-03-01 … 06-30, as the data's dates
	regions = province_data.shape_regions(shape)
	found = province_data.loaded_shape()
	if found is None:
		# counties: as real enterprises are registered (a write then touches one county); cities: a
		# ledger whose 市州 register their enterprises on the city itself (a city officer's lists are
		# then one region's rows, issue 27)
		province_data.load(province_data.generate(enterprises, coverage_rows, contracts, regions=regions))
		from springoffer.annex import ledger

		ledger.rebuild(province_data.CAMPAIGN)
		frappe.db.commit()
	elif found != shape:
		held = SHAPE_NAMES.get(found, "两种形态混在一起")
		raise SystemExit(
			f"本站点已有另一种形态的基准数据（{held}），不能当作“{SHAPE_NAMES[shape]}”使用。"
			f"请先运行 bench --site {frappe.local.site} execute springoffer.devtools.province_data.cleanup 清除，再重新运行。"
		)
	return shape


def prepare(users=50, enterprises=100_000, coverage_rows=200_000, contracts=50_000, shape="counties"):
	"""Data in `shape`, users with API keys, offers set aside for answers and guest links; returns the plan."""
	load_data(shape, enterprises, coverage_rows, contracts)
	cities = list(province_data.CITY_CODES)
	within = {city: [city, *frappe.get_all("Region", filters={"parent_region": city}, pluck="name")] for city in cities}
	rng = random.Random(630)
	plan = {"campaign": province_data.CAMPAIGN, "shape": shape, "users": [], "guests": [], "answer_date": ANSWER_DATE}
	pending = _pending_offers({region: city for city, regions in within.items() for region in regions})
	reviewers = max(2, users // 10)
	for number in range(users):
		reviewer = number < reviewers
		role = REVIEWER_ROLES[number % len(REVIEWER_ROLES)] if reviewer else OFFICER_ROLES[number % len(OFFICER_ROLES)]
		city = None if reviewer else cities[number % len(cities)]
		email = f"{PREFIX}{number:02d}@{DOMAIN}"
		key, secret = _api_user(email, role, city)
		answers = []
		if role in ("Trade Union Officer", "Enterprise Confederation Officer"):
			answers = [pending[city].pop() for _n in range(min(ANSWERS_PER_USER, len(pending[city])))]
		here = within[city or cities[0]]
		enterprises_here = frappe.get_all(
			"Enterprise", filters={"region": ("in", here), "employees": (">=", 100)}, pluck="name", limit=50
		)
		offers_here = frappe.get_all("Offer", filters={"campaign": province_data.CAMPAIGN, "region": ("in", here)}, pluck="name", limit=50)
		plan["users"].append(
			{"email": email, "role": role, "city": city, "key": key, "secret": secret, "answers": answers,
			 "enterprises": enterprises_here, "offers": offers_here, "reports": []}
		)
	plan["guests"] = _guest_links([name for names in pending.values() for name in names], rng)
	for role in REVIEWER_ROLES:  # each report set aside for one reviewer of its body, so no two approve one
		reviewers_of_role = [u for u in plan["users"] if u["role"] == role]
		for number, report in enumerate(_submitted_reports(_body_of(role), cities)):
			reviewers_of_role[number % len(reviewers_of_role)]["reports"].append(report)
	frappe.db.commit()
	return plan


def _pending_offers(city_of):
	"""{市州: [pending single-enterprise offers of its regions]}."""
	rows = frappe.get_all(
		"Offer",
		filters={
			"campaign": province_data.CAMPAIGN, "response": c.PENDING, "scope": c.SCOPE_SINGLE, "hrss_handling": ("is", "not set"),
			"date_sent": ("<=", ANSWER_DATE),  # an answer dated before the offer was sent is refused (417)
		},
		fields=["name", "region"],
		limit=0,
	)
	found = {}
	for row in rows:
		if row.region in city_of:
			found.setdefault(city_of[row.region], []).append(row.name)
	return found


def _body_of(reviewer_role):
	return next(body for body, roles in c.BODY_ROLES.items() if roles[1] == reviewer_role)


def _submitted_reports(body, cities):
	"""Each 市州's Unit Report of `body`, filled from its records and submitted for review (made anew:
	an earlier run approved them)."""
	from frappe.model.workflow import apply_workflow

	from springoffer.devtools.testing import delete_unit_reports

	delete_unit_reports({"campaign": province_data.CAMPAIGN, "reporting_body": body})
	names = []
	for city in cities:
		report = frappe.get_doc(
			{"doctype": "Unit Report", "campaign": province_data.CAMPAIGN, "reporting_unit": city, "reporting_body": body,
			 "as_of_date": "2023-06-30", "work_summary": "<p>本市州组织开展春季要约行动。</p>"}
		).insert()
		report.fill_from_records()
		names.append(apply_workflow(report, "提交").name)
	return names


def _api_user(email, role, city):
	"""A user with exactly `role`, confined to `city` (an earlier run may have made it another)."""
	from springoffer.devtools.testing import make_user

	frappe.db.delete("User Permission", {"user": email})
	frappe.db.delete("Has Role", {"parent": email, "parenttype": "User"})
	frappe.clear_cache(user=email)
	make_user(email, [role], region=city)
	user = frappe.get_doc("User", email)
	secret = frappe.generate_hash(length=15)
	user.api_key = user.api_key or frappe.generate_hash(length=15)
	user.api_secret = secret
	user.save(ignore_permissions=True)
	return user.api_key, secret


def _guest_links(offers, rng):
	from springoffer.portal import links

	chosen = rng.sample(offers, min(GUEST_LINKS, len(offers)))
	found = []
	for name in chosen:
		offer = frappe.get_doc("Offer", name)
		url = links.ensure(offer)
		found.append({"offer": name, "token": url.split("t=", 1)[1], "code": offer.covered_enterprises[0].enterprise})
	return found


def verify(marks):
	"""Each write the server acknowledged, in the database exactly once: {kind: (made, found once,
	missing or doubled)}; a write still in flight when the run stopped counts as wrong only if stored
	twice (its request was cut off: stored once or not at all are both right)."""
	found = {}
	in_flight = marks.get("in_flight", {})
	marks = marks.get("acknowledged", marks)
	approved = marks.get("approval", [])
	reviewed = dict(frappe.db.sql(
		"SELECT name, reviewed_by FROM `tabUnit Report` WHERE name IN %s AND workflow_state = %s AND docstatus = 1",
		(tuple(name for name, _user in approved) or ("",), c.REPORT_APPROVED),
	))
	found["approval"] = (len(approved), sum(reviewed.get(name) == user for name, user in approved))
	contracts = marks.get("contract", [])
	counted = dict(frappe.db.sql("SELECT ledger_no, COUNT(*) FROM tabContract WHERE ledger_no IN %s GROUP BY ledger_no", (tuple(contracts) or ("",),)))
	found["contract"] = (len(contracts), sum(counted.get(m) == 1 for m in contracts))
	for kind in ("answer", "guest answer"):
		made = marks.get(kind, [])
		counted = dict(frappe.db.sql("SELECT meeting_place, COUNT(*) FROM tabOffer WHERE meeting_place IN %s GROUP BY meeting_place", (tuple(made) or ("",),)))
		found[kind] = (len(made), sum(counted.get(m) == 1 for m in made))
	checked = {kind: (made, once, made - once) for kind, (made, once) in found.items()}
	cut = [value for values in in_flight.values() for value in values]
	if cut:
		stored = dict(frappe.db.sql(
			"SELECT x, COUNT(*) FROM (SELECT meeting_place x FROM tabOffer WHERE meeting_place IN %(cut)s"
			" UNION ALL SELECT ledger_no x FROM tabContract WHERE ledger_no IN %(cut)s) w GROUP BY x",
			{"cut": tuple(cut)},
		))
		checked["cut off at the stop"] = (len(cut), sum(stored.get(v, 0) <= 1 for v in cut), sum(stored.get(v, 0) > 1 for v in cut))
	return checked


def cleanup():
	"""The load test's users and what they wrote (contracts, answers are on benchmark offers)."""
	users = frappe.get_all("User", filters={"name": ("like", f"{PREFIX}%@{DOMAIN}")}, pluck="name")
	for name in frappe.get_all("Contract", filters={"ledger_no": ("like", "LT-%")}, pluck="name"):
		frappe.delete_doc("Contract", name, force=True, ignore_permissions=True)
	for user in users:
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()
	return len(users)


def openpyxl_read_seconds(path):
	"""openpyxl's bare read of the province workbook: the yardstick the targets scale by."""
	script = "import sys,time;from openpyxl import load_workbook;t=time.perf_counter();wb=load_workbook(sys.argv[1],read_only=True)\nfor ws in wb.worksheets:\n  for _r in ws.iter_rows(values_only=True): pass\nprint(time.perf_counter()-t)"
	return float(subprocess.run([sys.executable, "-c", script, path], capture_output=True, text=True, check=True).stdout)


def serve(site, port, workers, sites_path):
	"""gunicorn on 127.0.0.1, from sites/, as Frappe's production config runs it."""
	command = [
		os.path.join(os.path.dirname(sys.executable), "gunicorn"),
		"-b", f"127.0.0.1:{port}", "-w", str(workers), "-t", "120", "--preload", "frappe.app:application",
	]
	process = subprocess.Popen(command, cwd=sites_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
	import urllib.request

	for _attempt in range(120):
		try:
			request = urllib.request.Request(f"http://127.0.0.1:{port}/api/method/frappe.ping", headers={"Host": site})
			urllib.request.urlopen(request, timeout=5)
			return process
		except Exception:
			time.sleep(0.5)
	process.kill()
	raise SystemExit("gunicorn did not answer on 127.0.0.1")


def locust_command():
	"""locust from the test extra: SPRINGOFFER_LOCUST, or on PATH, or beside this Python."""
	import shutil

	return os.environ.get("SPRINGOFFER_LOCUST") or shutil.which("locust") or os.path.join(os.path.dirname(sys.executable), "locust")


def run_locust(site, port, users, minutes, plan_path, out):
	locustfile = Path(__file__).with_name("locustfile.py")
	env = dict(os.environ, SPRINGOFFER_LOAD_PLAN=str(plan_path), SPRINGOFFER_LOAD_SITE=site, SPRINGOFFER_LOAD_MARKS=str(out / "marks.json"))
	subprocess.run(
		[
			locust_command(), "-f", str(locustfile), "--headless",
			"-u", str(users), "-r", str(max(1, users // 10)), "-t", f"{int(minutes * 60)}s", "--host", f"http://127.0.0.1:{port}",
			"--csv", str(out / "locust"), "--only-summary", "--stop-timeout", "10",
		],
		env=env,
		check=False,
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)
	return json.loads((out / "marks.json").read_text()) if (out / "marks.json").exists() else {}


def stats(out):
	"""[(kind, count, failures, p50 ms, p95 ms)] from locust's CSV, and the requests per second."""
	import csv

	rows, rate = [], 0.0
	with open(out / "locust_stats.csv", encoding="utf-8") as f:
		for row in csv.DictReader(f):
			if row["Name"] == "Aggregated":
				rate = float(row["Requests/s"])
				continue
			rows.append((row["Name"], int(row["Request Count"]), int(row["Failure Count"]), float(row["50%"]), float(row["95%"])))
	return sorted(rows), rate


HEAVY = ("附件 .xlsx", "附件 .xlsx, province")  # downloads: p95 ≤ 2 s; every other kind ≤ 1 s (on the machine where openpyxl reads in 30 s)
REFERENCE_READ = 30.0


def report(rows, rate, reference, ping_p95, checked, minutes):
	scale = max(1.0, reference / REFERENCE_READ)
	print(f"openpyxl reads the province workbook in {reference:.1f} s here (targets set at {REFERENCE_READ:.0f} s): targets × {scale:.2f}")
	print(f"{'request kind':<22} {'count':>7} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'target ms':>9} {'× ping':>7}")
	met = True
	for kind, count, failures, p50, p95 in rows:
		target = (2000 if kind in HEAVY else 1000) * scale
		met &= p95 <= target and failures == 0
		print(f"{kind:<22} {count:>7} {failures:>6} {p50:>8.0f} {p95:>8.0f} {target:>9.0f} {p95 / ping_p95 if ping_p95 else 0:>7.1f}")
	print(f"throughput: {rate:.1f} requests/s over {minutes} min")
	for kind, (made, once, wrong) in checked.items():
		met &= wrong == 0
		if kind == "cut off at the stop":
			print(f"writes in flight when the run stopped: {made}, {once} stored at most once, {wrong} doubled")
		else:
			print(f"writes {kind}: {made} acknowledged, {once} in the database exactly once, {wrong} lost or doubled")
	print("targets met" if met else "targets NOT met")
	return met
