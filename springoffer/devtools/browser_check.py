"""Browser check of the desk as the demo's users see it (not run by CI).

Serves the site on 127.0.0.1 only (werkzeug, as FRAPPE-NOTES §12 says), logs in with headless
Chromium as a demo city officer and a province reviewer (`bench --site S springoffer demo` first),
opens the workspace, each list, a new Offer, the 附件 report, a Unit Report in review and print
previews, the negotiations (list by state, the workspace cards' lists, forms in talks and suspended,
a coordination and its 协调处理协议书, contracts with and without a negotiation record; also as the
city's union officer, whose workspace has no coordination cards), saves a screenshot of each, and
counts on each page the English words in `document.body.innerText` (screen-reader text included)
and the error dialogs shown. `--negotiations-only` opens only the negotiation pages and writes nothing.

	cd <bench>/sites
	../env/bin/python -m springoffer.devtools.browser_check --site desk.localhost --out /tmp/desk-check

Needs Debian's chromium and chromium-driver (and fonts-noto-cjk), and selenium in the bench's env.
Exit code 1 when any page has an English word or an error dialog.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

CITY_OFFICER = "changsha.hrss@demo.example.com"
PROVINCE_REVIEWER = "hunan.hrss.review@demo.example.com"
CITY_UNION_OFFICER = "changsha.union@demo.example.com"
OTHER_CITY_HRSS_OFFICER = "xiangtan.hrss@demo.example.com"  # the demo's overdue coordination is 湘潭市's
# The workspace's negotiation cards (springoffer.desk.workspace.OPEN_WORK): the lists they open.
NEGOTIATION_CARDS = ("negotiations_stalled", "suspensions_overdue", "coordinations_due_soon", "coordinations_overdue")

# Names of products, formats and standards a Chinese page writes in Latin letters (GB: 国家标准, as in
# "GB 32100-2015"), and the built-in account's id "Administrator", which the form's sidebar shows as the
# author of what a bench command made (Frappe shows an author's id, not a name); everything else counts.
ALLOWED = {"Excel", "Word", "WPS", "PDF", "JPEG", "PNG", "MB", "A4", "GB", "Administrator"}
# A Latin word: two letters or more, not part of a code (SO-2026-00001, a credit code, an e-mail).
WORD = re.compile(r"(?<![\w.@/-])[A-Za-z][A-Za-z']+(?![\w@/-]|\.\w)")

SERVER = """
import frappe.app
frappe.app._site = {site!r}
from werkzeug.serving import run_simple
run_simple("127.0.0.1", {port}, frappe.app.application_with_statics(), use_reloader=False, threaded=True)
"""

# Lists an officer works with (the workspace's links).
LISTS = (
	"offer",
	"contract",
	"enterprise",
	"unit-report",
	"campaign",
	"typical-case",
	"demonstration-site",
	"contract-performance-check",
	"bargaining-instructor",
	"region",
	"group-robot",
	"holiday-schedule",
)

# Counted by the page itself: visible error dialogs (msgprint, or any modal titled as an error).
DIALOGS_JS = """
const shown = [...document.querySelectorAll('.modal.show, .modal.in')].filter(m => m.offsetParent !== null || getComputedStyle(m).display !== 'none');
return shown.filter(m => m.classList.contains('msgprint-dialog') || m.querySelector('.indicator.red, .indicator-pill.red, .msgprint')).map(m => m.innerText.trim().slice(0, 300));
"""
READY_JS = """
const frozen = [...document.querySelectorAll('.freeze')].some((e) => getComputedStyle(e).display !== 'none');
return document.readyState === 'complete' && !!window.frappe && !!frappe.boot && !frozen &&
	!(frappe.request && frappe.request.ajax_count > 0);
"""


URL = re.compile(r"https?://\S+")


def english_words(text):
	"""Latin words of the page's text, addresses (https://…, e-mail) and the allowed names left out."""
	return [w for w in WORD.findall(URL.sub(" ", text or "")) if w not in ALLOWED]


def start_server(site, port, sites_path, realtime=False):
	"""The site on 127.0.0.1:`port`. realtime: the desk then talks to socket.io on its own port, as under
	`bench start` (DEV_SERVER; in production nginx forwards /socket.io instead)."""
	process = subprocess.Popen(
		[sys.executable, "-c", SERVER.format(site=site, port=port)],
		cwd=sites_path,
		env=dict(os.environ, DEV_SERVER="1") if realtime else None,
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)
	for _attempt in range(60):
		try:
			urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2)
			return process
		except Exception:
			time.sleep(0.5)
	process.kill()
	raise SystemExit("the site's web server did not answer on 127.0.0.1")


def browser():
	from selenium import webdriver
	from selenium.webdriver.chrome.service import Service

	options = webdriver.ChromeOptions()
	options.binary_location = "/usr/bin/chromium"
	for flag in (
		"--headless=new",
		"--no-sandbox",
		"--disable-gpu",
		"--disable-quic",
		"--no-first-run",
		"--disable-background-networking",
		"--disable-component-update",
		"--disable-sync",
		"--window-size=1440,1000",
		"--lang=zh-CN",
	):
		options.add_argument(flag)
	return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Check:
	def __init__(self, driver, base, out):
		self.driver = driver
		self.base = base
		self.out = out
		self.results = []

	def login(self, user, password):
		self.driver.delete_all_cookies()
		self.driver.get(f"{self.base}/login")
		status = self.driver.execute_async_script(
			"""const done = arguments[arguments.length - 1];
			fetch('/api/method/login', {method: 'POST', headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
				body: JSON.stringify({usr: arguments[0], pwd: arguments[1]})}).then(r => done(r.status)).catch(e => done(String(e)));""",
			user,
			password,
		)
		if status != 200:
			raise SystemExit(f"login as {user} failed: {status}")

	def call(self, method, **args):
		"""A whitelisted method or REST call from the page, as the logged-in user."""
		return self.driver.execute_async_script(
			"""const done = arguments[arguments.length - 1];
			fetch(arguments[0], {headers: {'Accept': 'application/json'}}).then(r => r.json()).then(done).catch(e => done({error: String(e)}));""",
			f"/api/method/{method}?" + "&".join(f"{k}={urllib.request.quote(json.dumps(v) if not isinstance(v, str) else v)}" for k, v in args.items()),
		)

	def wait_ready(self, settle=1.5, timeout=30):
		end = time.time() + timeout
		while time.time() < end:
			try:
				if self.driver.execute_script(READY_JS):
					break
			except Exception:
				pass
			time.sleep(0.3)
		time.sleep(settle)

	def page(self, who, label, path, settle=2.0):
		self.driver.get(self.base + path)
		self.wait_ready(settle)
		if "/app/" in path and "/print/" not in path:  # the route loaded (not the desk's 404 page)
			time.sleep(0.5)
		return self.record(who, label)

	def record(self, who, label):
		text = self.driver.execute_script("return document.body.innerText")
		dialogs = self.driver.execute_script(DIALOGS_JS)
		words = english_words(text)
		shot = self.out / f"{who}-{len(self.results) + 1:02d}-{re.sub(r'[^0-9A-Za-z]+', '-', label).strip('-') or 'page'}.png"
		self.driver.save_screenshot(str(shot))
		result = {
			"user": who,
			"page": label,
			"url": self.driver.current_url,
			"english_words": len(words),
			"words": sorted(set(words))[:40],
			"error_dialogs": len(dialogs),
			"dialogs": dialogs,
			"screenshot": str(shot),
		}
		self.results.append(result)
		print(f"{who:<9} {label:<40} English words: {len(words):>3}  error dialogs: {len(dialogs)}  {' '.join(sorted(set(words))[:12])}", flush=True)
		for dialog in dialogs:
			print(f"          dialog: {dialog[:200]!r}", flush=True)
		return result

	def first(self, doctype, filters=None, fields=("name",)):
		found = self.call(
			"frappe.client.get_list", doctype=doctype, filters=filters or {}, fields=list(fields), limit_page_length=1
		)
		rows = found.get("message") or []
		return rows[0] if rows else None

	def visit_all(self, who):
		self.page(who, "workspace", "/app/spring-offer-action", settle=3)
		self.page(who, "home", "/app", settle=3)
		for slug in LISTS:
			self.page(who, f"list {slug}", f"/app/{slug}")
		self.page(who, "new offer", "/app/offer/new", settle=3)
		self.page(who, "new group robot", "/app/group-robot/new", settle=3)
		self.page(who, "holiday schedule", "/app/holiday-schedule/2026", settle=3)
		self.page(who, "annex report", "/app/query-report/Spring Offer Annex", settle=4)
		self.page(who, "unit report status", "/app/query-report/Unit Report Status", settle=3)
		offer = self.first("Offer", {"response": "拒绝协商"})
		if offer:
			self.page(who, "offer form", f"/app/offer/{offer['name']}", settle=3)
		# 送达: the offers still undelivered (the workspace card's list) and one of them, with 发送要约书
		self.page(who, "undelivered offers", "/app/offer?response=待回应&delivered_on=%5B%22is%22%2C%22not%20set%22%5D", settle=3)
		undelivered = self.first("Offer", {"response": "待回应", "delivered_on": ["is", "not set"]})
		if undelivered:
			self.page(who, "undelivered offer form", f"/app/offer/{undelivered['name']}", settle=3)
		posted = self.first("Offer", {"delivery_method": "邮寄送达", "delivered_on": ["is", "set"]})
		if posted:
			self.page(who, "posted offer form", f"/app/offer/{posted['name']}", settle=3)
		contract = self.first("Contract", {"workflow_state": "已受理"})
		if contract:
			self.page(who, "contract form", f"/app/contract/{contract['name']}", settle=3)
		report = self.first("Unit Report", {"workflow_state": "已提交"})
		if report:
			name = urllib.request.quote(report["name"])
			self.page(who, "unit report in review", f"/app/unit-report/{name}", settle=3)
			self.page(who, "its refusal sheet", f"/app/unit-report-refusal?unit_report={name}", settle=3)
			self.page(who, "unit report print", f"/app/print/Unit Report/{name}", settle=4)
		draft = self.first("Unit Report", {"workflow_state": "草稿"})
		if draft:
			name = urllib.request.quote(draft["name"])
			self.page(who, "unit report draft", f"/app/unit-report/{name}", settle=3)
			self.page(who, "new refusal on its sheet", f"/app/unit-report-refusal/new?unit_report={name}", settle=3)
		if offer:
			self.page(who, "offer print", f"/app/print/Offer/{offer['name']}", settle=4)
		if contract:
			self.page(who, "contract print", f"/app/print/Contract/{contract['name']}", settle=4)
		self.visit_negotiations(who)

	def card_list(self, item):
		"""The list path a workspace card opens (its route options in the address, as the desk reads them)."""
		card = (self.call("springoffer.desk.workspace.open_work", filters={"item": item}) or {}).get("message") or {}
		if not card.get("route"):
			return None, None
		query = "&".join(
			f"{field}={urllib.request.quote(json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value))}"
			for field, value in card["route_options"].items()
		)
		return card["value"], f"/app/{card['route'][1].lower().replace(' ', '-')}?{query}"

	def visit_negotiations(self, who):
		"""Issue 28: the negotiations by state, the cards' lists, a negotiation with meetings and a
		suspended one, a coordination and its 协调处理协议书, contracts with and without a negotiation
		record, an offer showing its negotiation."""
		self.page(who, "negotiation list", "/app/negotiation", settle=3)
		for item in NEGOTIATION_CARDS:
			count, path = self.card_list(item)
			if path:
				self.page(who, f"card {item} ({count})", path, settle=3)
		for label, filters in (
			("negotiation in talks", {"state": "协商中"}),
			("negotiation suspended", {"state": "中止"}),
			("negotiation in coordination", {"state": "争议协调"}),
			("negotiation signed", {"state": "已签订"}),
		):
			found = self.first("Negotiation", filters)
			if found:
				self.page(who, label, f"/app/negotiation/{found['name']}", settle=3)
		self.page(who, "coordination list", "/app/negotiation-coordination", settle=3)
		for label, filters in (("coordination open", {"status": "协调中"}), ("coordination closed", {"status": "已结案"})):
			found = self.first("Negotiation Coordination", filters)
			if found:
				self.page(who, label, f"/app/negotiation-coordination/{found['name']}", settle=3)
				self.page(who, f"{label} print", f"/app/print/Negotiation Coordination/{found['name']}", settle=4)
		for label, filters in (("contract negotiated", {"negotiation_meetings": [">", 0]}), ("contract without meetings", {"negotiation_meetings": 0})):
			found = self.first("Contract", filters)
			if found:
				self.page(who, label, f"/app/contract/{found['name']}", settle=3)
		found = self.first("Offer", {"negotiation_state": "中止"}) or self.first("Offer", {"negotiation": ["is", "set"]})
		if found:
			self.page(who, "offer with its negotiation", f"/app/offer/{found['name']}", settle=3)
		self.page(who, "quality evaluation", "/app/query-report/Quality Evaluation", settle=5)
		# the drill-down as a count of the report opens it: this campaign's contracts with a real negotiation
		contract = self.first("Contract", {"negotiation_meetings": [">", 0]}, fields=("campaign", "region"))
		if contract:
			query = urlencode({"campaign": contract["campaign"], "reporting_unit": contract["region"], "column": "real_negotiation"})
			self.page(who, "quality evaluation enterprises", f"/app/query-report/Quality Evaluation Enterprises?{query}", settle=5)


PHONE = (375, 812)
SIGNED_CONTRACT = {
	"signing_date": None,  # today, filled below
	"term_start": None,
	"term_end": None,
	"wage_growth_percent": "5",
	"lowest_monthly_wage": "2300",
	"congress_members": "60",
	"congress_attending": "50",
	"congress_approving": "45",
	"worker_chief_representative": "赵主席",
	"employer_chief_representative_c": "刘总经理",
}


def in_desk(driver, script, *args):
	"""Run `script` (a promise-returning body using frappe.xcall) in the logged-in desk; returns its value."""
	return driver.execute_async_script(
		"const done = arguments[arguments.length - 1]; const args = Array.from(arguments).slice(0, -1);"
		f"(async () => {{ {script} }})().then(done).catch(e => done({{error: String(e && e.message || e)}}));",
		*args,
	)


def phone_path(check, password):
	"""The employer's way, at 375×812 without an account: the answer link of a pending 长沙市 offer, the
	credit code, 同意协商, the 回复函, then the signed contract filed and, once HRSS has accepted it, its
	status and the 受理通知."""
	import datetime
	import tempfile

	from selenium.webdriver.common.by import By

	driver = check.driver
	check.login(CITY_OFFICER.replace("hrss", "union"), password)
	driver.get(check.base + "/app/offer")
	check.wait_ready(2)
	found = in_desk(
		driver,
		"""const rows = await frappe.xcall('frappe.client.get_list', {doctype: 'Offer', fields: ['name'],
			filters: {response: '待回应', scope: '单个企业', date_sent: ['<=', frappe.datetime.get_today()]},
			order_by: 'date_sent desc', limit_page_length: 1});  // sent by today: an answer cannot precede its offer
		const offer = await frappe.xcall('frappe.client.get', {doctype: 'Offer', name: rows[0].name});
		const link = await frappe.xcall('springoffer.api.answer_link', {offer: offer.name});
		return {offer: offer.name, code: offer.covered_enterprises[0].enterprise, url: link.url};""",
	)
	if "error" in found:
		raise SystemExit(f"no answer link: {found['error']}")
	path = found["url"].split("/offer-answer", 1)[1]
	driver.delete_all_cookies()
	driver.set_window_size(*PHONE)
	try:
		driver.get(check.base + "/offer-answer" + path)
		time.sleep(1.5)
		check.record("phone", "answer link opened")
		driver.find_element(By.ID, "credit-code").send_keys(found["code"])
		driver.find_element(By.CSS_SELECTOR, "#code-form button").click()
		time.sleep(1.5)
		check.record("phone", "offer shown")
		driver.find_element(By.CSS_SELECTOR, "input[name=response][value='同意协商']").click()
		for field, value in (("meeting_place", "企业行政楼二楼会议室"), ("chief_representative", "刘总经理"), ("contact_name", "王经理"), ("contact_phone", "13907310000")):
			driver.find_element(By.ID, field).send_keys(value)
		driver.execute_script("document.getElementById('meeting_time').value = arguments[0];", f"{datetime.date.today() + datetime.timedelta(days=7)}T09:30")
		driver.find_element(By.CSS_SELECTOR, "#answer-form button[type=submit]").click()
		time.sleep(2)
		check.record("phone", "answer recorded")
		today = datetime.date.today()
		values = dict(SIGNED_CONTRACT, signing_date=str(today), term_start=str(today), term_end=str(today.replace(year=today.year + 1) - datetime.timedelta(days=1)))
		for field, value in values.items():
			element = driver.find_element(By.ID, field)
			driver.execute_script("arguments[0].value = arguments[1];", element, value)
		folder = Path(tempfile.mkdtemp())
		(folder / "contract.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
		(folder / "minutes.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
		driver.find_element(By.ID, "contract_text").send_keys(str(folder / "contract.pdf"))
		driver.find_element(By.ID, "congress_minutes").send_keys(str(folder / "minutes.png"))
		driver.find_element(By.CSS_SELECTOR, "#contract-form button[type=submit]").click()
		time.sleep(2.5)
		problem = driver.find_element(By.ID, "contract-error").text
		if problem:
			print(f"          filing refused: {problem}", flush=True)
		check.record("phone", "contract filed")
	finally:
		driver.set_window_size(1440, 1000)
	check.login(CITY_OFFICER, password)  # the city's HRSS officer accepts the filing
	driver.get(check.base + "/app/contract")
	check.wait_ready(2)
	accepted = in_desk(
		driver,
		"""const rows = await frappe.xcall('frappe.client.get_list', {doctype: 'Contract', fields: ['name'], filters: {offer: args[0]}});
		const doc = await frappe.xcall('frappe.client.get', {doctype: 'Contract', name: rows[0].name});
		const done = await frappe.xcall('frappe.model.workflow.apply_workflow', {doc: doc, action: '受理'});
		return done.workflow_state;""",
		found["offer"],
	)
	driver.delete_all_cookies()
	driver.set_window_size(*PHONE)
	try:
		driver.get(check.base + "/offer-answer" + path)
		time.sleep(1.5)
		driver.find_element(By.ID, "credit-code").send_keys(found["code"][-6:])
		driver.find_element(By.CSS_SELECTOR, "#code-form button").click()
		time.sleep(1.5)
		check.record("phone", f"back later: {accepted}")
	finally:
		driver.set_window_size(1440, 1000)


def main(argv=None):
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", default="desk.localhost")
	parser.add_argument("--port", type=int, default=8124)
	parser.add_argument("--sites-path", default=".")
	parser.add_argument("--out", default="browser-check")
	parser.add_argument("--password", default=None, help="the demo users' password (springoffer.core.demo.PASSWORD)")
	parser.add_argument("--no-serve", action="store_true", help="use a server already listening on 127.0.0.1:PORT")
	parser.add_argument("--phone-only", action="store_true", help="only the employer's answer link on a phone")
	parser.add_argument(
		"--negotiations-only",
		action="store_true",
		help="only the negotiation pages (workspace, lists, forms, print) as the city's HRSS and union officers; writes nothing",
	)
	args = parser.parse_args(argv)

	from springoffer.core.demo import PASSWORD

	out = Path(args.out)
	out.mkdir(parents=True, exist_ok=True)
	server = None if args.no_serve else start_server(args.site, args.port, args.sites_path)
	driver = browser()
	try:
		check = Check(driver, f"http://127.0.0.1:{args.port}", out)
		if args.negotiations_only:
			for who, user in (("hrss", CITY_OFFICER), ("union", CITY_UNION_OFFICER), ("xiangtan", OTHER_CITY_HRSS_OFFICER)):
				check.login(user, args.password or PASSWORD)
				check.page(who, "workspace", "/app/spring-offer-action", settle=4)
				check.visit_negotiations(who)
		for who, user in (("city", CITY_OFFICER), ("province", PROVINCE_REVIEWER)) if not (args.phone_only or args.negotiations_only) else ():
			check.login(user, args.password or PASSWORD)
			check.visit_all(who)
		if not args.negotiations_only:
			check.login(CITY_UNION_OFFICER, args.password or PASSWORD)
			check.page("union", "workspace", "/app/spring-offer-action", settle=4)
			check.visit_negotiations("union")
			phone_path(check, args.password or PASSWORD)
		(out / "results.json").write_text(json.dumps(check.results, ensure_ascii=False, indent=1), encoding="utf-8")
		words = sum(r["english_words"] for r in check.results)
		dialogs = sum(r["error_dialogs"] for r in check.results)
		print(f"{len(check.results)} pages: {words} English words, {dialogs} error dialogs; screenshots in {out}")
		return 1 if words or dialogs else 0
	finally:
		driver.quit()
		if server:
			server.terminate()
			server.wait(10)


if __name__ == "__main__":
	sys.exit(main())
