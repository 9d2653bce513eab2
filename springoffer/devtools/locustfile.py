"""The deadline's workload for locust (run by springoffer.devtools.load_test, not imported by the app):
city and county officers open the workspace, lists and forms, record answers, save contracts, run
and export the 附件; province reviewers open the province 附件 and the comparison and approve the 市州's
Unit Reports; guests answer their
offers through their links; everyone pauses 1–3 s. Every write carries a marker the run checks after.
"""

import datetime
import json
import os
import random
import threading
import time
import uuid

from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["SPRINGOFFER_LOAD_PLAN"], encoding="utf-8").read())
SITE = os.environ["SPRINGOFFER_LOAD_SITE"]
# Writes the server acknowledged (200), and writes still in flight when the run stopped (a request
# cut off may or may not have been stored, but never twice).
MARKS = {"contract": [], "answer": [], "guest answer": [], "approval": []}
IN_FLIGHT = {"contract": [], "answer": [], "guest answer": []}
# For the fault drill: writes answered with an error (stored once or not at all, never twice), and
# when each write was made; every request, when SPRINGOFFER_LOAD_REQUESTS names a file.
REFUSED = {"contract": [], "answer": [], "guest answer": [], "approval": []}
MADE_AT = {}
LOCK = threading.Lock()
REQUEST_LOG = open(os.environ["SPRINGOFFER_LOAD_REQUESTS"], "a", encoding="utf-8") if os.environ.get("SPRINGOFFER_LOAD_REQUESTS") else None
OFFICERS = iter([u for u in PLAN["users"] if u["city"]] * 100)
REVIEWERS = iter([u for u in PLAN["users"] if not u["city"]] * 100)
GUESTS = iter(PLAN["guests"])


def mark(kind):
	value = f"LT-{uuid.uuid4().hex[:16]}"
	with LOCK:
		IN_FLIGHT[kind].append(value)
		MADE_AT[value] = time.time()
	return value


def acknowledge(kind, value):
	with LOCK:
		IN_FLIGHT[kind].remove(value)
		MARKS[kind].append(value)


def forget(kind, value):
	with LOCK:
		IN_FLIGHT[kind].remove(value)
		REFUSED[kind].append(value)


def settle(kind, value, response):
	"""A write's answer: acknowledged, or refused (then it must not be stored: not counted)."""
	if response.status_code == 200:
		acknowledge(kind, value)
	else:
		forget(kind, value)
		response.failure(response.text[:600])


@events.test_stop.add_listener
def save_marks(**_kwargs):
	with open(os.environ["SPRINGOFFER_LOAD_MARKS"], "w", encoding="utf-8") as f:
		json.dump({"acknowledged": MARKS, "in_flight": IN_FLIGHT, "refused": REFUSED, "made_at": MADE_AT}, f, ensure_ascii=False)
	if REQUEST_LOG:
		REQUEST_LOG.flush()


@events.request.add_listener
def log_request(request_type, name, response_time, response_length, response=None, exception=None, start_time=None, **_kwargs):
	"""One line a request for the fault drill: start, kind, ms, ok, status, a traceback in an error answer."""
	if not REQUEST_LOG:
		return
	status = getattr(response, "status_code", 0) or 0
	text = (getattr(response, "text", "") or "") if exception is not None else ""
	line = [start_time or time.time() - response_time / 1000, name, round(response_time, 1), exception is None, status, "Traceback (most recent call last)" in text]
	with LOCK:
		REQUEST_LOG.write(json.dumps(line, ensure_ascii=False) + "\n")


class Desk(HttpUser):
	abstract = True
	wait_time = between(1, 3)

	def headers(self):
		return {"Host": SITE, "Accept": "application/json", "Authorization": f"token {self.user['key']}:{self.user['secret']}"}

	def get(self, kind, path, **params):
		return self.client.get(path, params=params, headers=self.headers(), name=kind)

	@task(2)
	def ping(self):
		self.client.get("/api/method/frappe.ping", headers={"Host": SITE}, name="ping (floor)")


class Officer(Desk):
	weight = 8

	def on_start(self):
		self.user = next(OFFICERS)
		self.unit = self.user["city"]

	@task(4)
	def workspace(self):
		for column in ("offered", "responded", "signed", "refused"):
			self.get("workspace card", "/api/method/springoffer.desk.workspace.annex_figure", filters=json.dumps({"column": column, "campaign": PLAN["campaign"]}))
		self.get("workspace card", "/api/method/springoffer.desk.workspace.open_work", filters=json.dumps({"item": "offers_pending", "campaign": PLAN["campaign"]}))
		self.get("workspace chart", "/api/method/frappe.desk.query_report.run", report_name="Spring Offer Annex",
			filters=json.dumps({"campaign": PLAN["campaign"], "reporting_unit": self.unit}))

	@task(4)
	def offer_list(self):
		self.get(
			"list view",
			"/api/method/frappe.desk.reportview.get",
			doctype="Offer",
			fields=json.dumps(["`tabOffer`.`name`", "`tabOffer`.`response`", "`tabOffer`.`date_sent`"]),
			filters=json.dumps([["Offer", "campaign", "=", PLAN["campaign"]]]),
			order_by="`tabOffer`.`date_sent` desc",
			start=0,
			page_length=20,
		)

	@task(3)
	def offer_form(self):
		if self.user["offers"]:
			self.get("open form", "/api/method/frappe.desk.form.load.getdoc", doctype="Offer", name=random.choice(self.user["offers"]))

	@task(3)
	def annex(self):
		self.get("附件 figures", "/api/method/springoffer.api.annex_figures", campaign=PLAN["campaign"], unit=self.unit)

	@task(1)
	def annex_xlsx(self):
		self.get("附件 .xlsx", "/api/method/springoffer.api.download_annex", campaign=PLAN["campaign"], unit=self.unit)

	@task(2)
	def answer(self):
		if not self.user["answers"]:
			return
		offer = self.user["answers"].pop()
		value = mark("answer")
		data = {"response": "同意协商", "response_date": PLAN.get("answer_date", "2023-06-20"), "meeting_place": value}
		with self.client.put(f"/api/resource/Offer/{offer}", json=data, headers=self.headers(), name="record answer", catch_response=True) as r:
			settle("answer", value, r)

	@task(1)
	def contract(self):
		if self.user["role"] == "HRSS Officer" or not self.user["enterprises"]:
			return
		value = mark("contract")
		data = {
			"campaign": PLAN["campaign"],
			"contract_kind": "工资专项集体协议",
			"ledger_no": value,
			"signing_date": "2023-06-10",
			"term_start": "2023-07-01",
			"term_end": "2024-06-30",
			"covered_enterprises": [{"enterprise": random.choice(self.user["enterprises"]), "covered_workers": 20}],
		}
		with self.client.post("/api/resource/Contract", json=data, headers=self.headers(), name="save contract", catch_response=True) as r:
			settle("contract", value, r)


class Reviewer(Desk):
	weight = 1

	def on_start(self):
		self.user = next(REVIEWERS)

	@task(3)
	def province_annex(self):
		self.get("附件 figures, province", "/api/method/springoffer.api.annex_figures", campaign=PLAN["campaign"], unit="湖南省")

	@task(2)
	def comparison(self):
		self.get(
			"comparison report",
			"/api/method/frappe.desk.query_report.run",
			report_name="Unit Report Comparison",
			filters=json.dumps({"campaign": PLAN["campaign"]}),
		)

	@task(1)
	def approve(self):
		if not self.user["reports"]:
			return
		report = self.user["reports"].pop()
		with LOCK:
			MADE_AT[report] = time.time()
		data = {"doc": json.dumps({"doctype": "Unit Report", "name": report}), "action": "审核通过"}
		with self.client.post("/api/method/frappe.model.workflow.apply_workflow", data=data, headers=self.headers(),
							name="approve unit report", catch_response=True) as r:
			if r.status_code == 200:
				with LOCK:
					MARKS["approval"].append((report, self.user["email"]))
			else:
				with LOCK:
					REFUSED["approval"].append((report, self.user["email"]))
				r.failure(r.text[:600])

	@task(1)
	def province_xlsx(self):
		self.get("附件 .xlsx, province", "/api/method/springoffer.api.download_annex", campaign=PLAN["campaign"], unit="湖南省")


class Guest(HttpUser):
	weight = 1
	wait_time = between(1, 3)

	def on_start(self):
		self.link = next(GUESTS, None)

	@task
	def answer(self):
		if not self.link:
			return
		link, self.link = self.link, next(GUESTS, None)
		value = mark("guest answer")
		meeting = (datetime.date.today() + datetime.timedelta(days=7)).isoformat() + " 09:30:00"  # after the answer, within 90 days
		data = {"token": link["token"], "credit_code": link["code"], "response": "同意协商", "meeting_time": meeting,
			"meeting_place": value, "contact_name": "联系人", "contact_phone": "13800000000", "chief_representative": "首席代表"}
		# each employer from an address of its own (TEST-NET-3), as the limit of tries per address expects
		address = f"203.0.113.{hash(link['token']) % 250 + 1}"
		headers = {"Host": SITE, "Accept": "application/json", "X-Forwarded-For": address}
		with self.client.post("/api/method/springoffer.api.answer_offer", data=data, headers=headers,
							name="guest answer", catch_response=True) as r:
			settle("guest answer", value, r)
