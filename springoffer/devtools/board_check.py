"""Browser check of the province board (not run by CI): the board at 1920×1080 and 1366×768, the
draft-offer worklist, and the board changing after an answer recorded in another session.

Needs the site's web server and Frappe's socket.io server, both on 127.0.0.1 (`start_realtime`
binds socket.io there: Frappe's own `socketio.js` listens on every interface), and the demo
(`bench --site S springoffer demo`).

	cd <bench>/sites
	../env/bin/python -m springoffer.devtools.board_check --site demo.localhost --out /tmp/board-check

Exit code 1 when a page has an English word or an error dialog, or the board did not change within
5 seconds of the answer.
"""

import argparse
import datetime
import http.cookiejar
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from springoffer.devtools.browser_check import PROVINCE_REVIEWER, Check, browser, start_server

CITY = "长沙市"
ANSWERING_OFFICER = "changsha.union@demo.example.com"
WITHIN_SECONDS = 5
SCREENS = ((1920, 1080), (1366, 768))
COLUMNS = ("offered", "responded", "signed", "refused", "overdue")  # the board table's order

# node's listen() made to bind 127.0.0.1 whatever port it is given (Frappe's realtime/index.js
# calls io.listen(port), which binds every interface).
LOOPBACK_NODE = """
const net = require("net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, ...rest) {
	return typeof port === "number" ? listen.call(this, port, "127.0.0.1", ...rest.filter((a) => typeof a === "function")) : listen.call(this, port, ...rest);
};
process.chdir(process.argv[1]);
require(process.argv[1] + "/apps/frappe/socketio.js");
"""

ROW_JS = """
const row = [...document.querySelectorAll('.so-board tbody tr')].find((tr) => tr.querySelector('th').innerText.trim() === arguments[0]);
return row ? [...row.querySelectorAll('td.so-board-number')].map((td) => td.innerText.trim()) : null;
"""


def start_realtime(bench_path, site):
	"""Frappe's socket.io server on 127.0.0.1 (port `socketio_port`), answering for `site`."""
	process = subprocess.Popen(
		["node", "-e", LOOPBACK_NODE, str(Path(bench_path).resolve())],
		env=dict(os.environ, FRAPPE_SITE=site),
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)
	time.sleep(2)
	if process.poll() is not None:
		raise SystemExit("Frappe's socket.io server did not start (node, apps/frappe/socketio.js)")
	return process


class Session:
	"""Another user's session over HTTP, as a second browser would have it."""

	def __init__(self, base, user, password):
		self.base = base
		self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
		self.send("POST", "/api/method/login", {"usr": user, "pwd": password})

	def send(self, method, path, data=None):
		request = urllib.request.Request(
			self.base + path,
			data=json.dumps(data).encode() if data is not None else None,
			method=method,
			headers={"Content-Type": "application/json", "Accept": "application/json"},
		)
		with self.opener.open(request, timeout=30) as response:
			return json.loads(response.read() or b"{}")


def pending_offer(session, campaign):
	"""A pending single-enterprise offer of the city in `campaign`, and a response date it counts on."""
	found = session.send(
		"GET",
		"/api/resource/Offer?"
		+ urllib.parse.urlencode(
			{
				"filters": json.dumps([["campaign", "=", campaign], ["response", "=", "待回应"], ["scope", "=", "单个企业"]]),
				"fields": json.dumps(["name", "date_sent", "response_due_date"]),
				"order_by": "date_sent asc",
				"limit_page_length": 1,
			}
		),
	)["data"]
	if not found:
		raise SystemExit(f"no pending offer of {CITY} in {campaign}")
	offer = found[0]
	answered = min(datetime.date.fromisoformat(offer["date_sent"]) + datetime.timedelta(days=3), datetime.date.today())
	return offer["name"], str(answered)


def check_board(check, password, campaign=None):
	driver = check.driver
	check.login(PROVINCE_REVIEWER, password)
	path = "/app/campaign-board" + (f"?campaign={urllib.parse.quote(campaign)}" if campaign else "")
	for width, height in SCREENS:
		driver.set_window_size(width, height)
		check.page("board", f"board {width}x{height}", path, settle=3)
	campaign = campaign or check.call("springoffer.api.campaign_board")["message"]["campaign"]
	before = driver.execute_script(ROW_JS, CITY)
	if not before:
		raise SystemExit(f"the board shows no row for {CITY}")
	other = Session(check.base, ANSWERING_OFFICER, password)
	offer, answered = pending_offer(other, campaign)
	other.send("PUT", f"/api/resource/Offer/{offer}", {"response": "同意协商", "response_date": answered, "meeting_place": "工会会议室"})
	recorded = time.monotonic()
	after, waited = before, 0.0
	while after == before and waited < 15:
		time.sleep(0.2)
		after = driver.execute_script(ROW_JS, CITY)
		waited = time.monotonic() - recorded
	changed = dict(zip(COLUMNS, zip(before, after)))
	print(f"board     answer to {offer} by {ANSWERING_OFFICER}: {CITY} {changed} after {waited:.1f} s", flush=True)
	check.record("board", f"board after answer {waited:.1f}s")
	driver.set_window_size(1440, 1000)
	return after != before and waited <= WITHIN_SECONDS


def check_worklist(check, password):
	check.login(ANSWERING_OFFICER, password)
	check.page("worklist", "offer drafts", "/app/offer-draft", settle=3)
	check.page("worklist", "offer drafts by reason", "/app/offer-draft/view/report?status=待发送", settle=3)
	first = check.first("Offer Draft", {"status": "待发送"})
	if first:
		check.page("worklist", "offer draft form", f"/app/offer-draft/{first['name']}", settle=3)


def main(argv=None):
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", default="demo.localhost")
	parser.add_argument("--port", type=int, default=8124)
	parser.add_argument("--sites-path", default=".")
	parser.add_argument("--campaign", default=None, help="the campaign the board shows (default: the latest)")
	parser.add_argument("--out", default="board-check")
	parser.add_argument("--password", default=None, help="the demo users' password (springoffer.core.demo.PASSWORD)")
	args = parser.parse_args(argv)

	from springoffer.core.demo import PASSWORD

	password = args.password or PASSWORD
	out = Path(args.out)
	out.mkdir(parents=True, exist_ok=True)
	server = start_server(args.site, args.port, args.sites_path, realtime=True)
	realtime = start_realtime(Path(args.sites_path).resolve().parent, args.site)
	driver = browser()
	try:
		check = Check(driver, f"http://127.0.0.1:{args.port}", out)
		live = check_board(check, password, args.campaign)
		check_worklist(check, password)
		(out / "results.json").write_text(json.dumps(check.results, ensure_ascii=False, indent=1), encoding="utf-8")
		words = sum(r["english_words"] for r in check.results)
		dialogs = sum(r["error_dialogs"] for r in check.results)
		print(f"{len(check.results)} pages: {words} English words, {dialogs} error dialogs; board live within {WITHIN_SECONDS} s: {live}")
		return 0 if live and not words and not dialogs else 1
	finally:
		driver.quit()
		for process in (server, realtime):
			process.terminate()
			process.wait(10)


if __name__ == "__main__":
	sys.exit(main())
