"""Two application servers sharing one site, as several hosts behind a load balancer would: gunicorn on
two loopback ports, one writes and the other must see the write at once — the records and the 附件
figures its cache serves (springoffer.annex.cache) — and the other way round.

	cd <bench>/sites && ../env/bin/python -m springoffer.devtools.two_servers --site S

Prints one line per step and "two servers agree" at the end (exit code 1 otherwise). Not run by CI.
"""

import argparse
import json
import sys
import urllib.parse
import urllib.request

import frappe

from springoffer.devtools import load_test

CAMPAIGN = "2023年双服务器测试活动"
UNIT = "株洲市"


def call(port, site, auth, method, path, data=None):
	body = urllib.parse.urlencode(data).encode() if data is not None and method != "PUT" else (json.dumps(data).encode() if data else None)
	headers = {"Host": site, "Accept": "application/json", "Authorization": f"token {auth}"}
	if method == "PUT":
		headers["Content-Type"] = "application/json"
	request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=headers, method=method)
	with urllib.request.urlopen(request, timeout=60) as response:
		return json.loads(response.read())


def figures(port, site, auth):
	query = urllib.parse.urlencode({"campaign": CAMPAIGN, "unit": UNIT, "as_of": "2023-06-30"})
	return call(port, site, auth, "GET", f"/api/method/springoffer.api.annex_figures?{query}")["message"]["total"]


def prepare(site):
	"""A campaign, an API user of 株洲市 and two pending offers there."""
	from springoffer.devtools.testing import make_campaign, make_enterprise, offer_doc

	frappe.init(site=site)
	frappe.connect()
	try:
		make_campaign(CAMPAIGN)
		key, secret = load_test._api_user(f"{load_test.PREFIX}two.servers@{load_test.DOMAIN}", "Trade Union Officer", UNIT)
		offers = [offer_doc(make_enterprise(region=UNIT), campaign=CAMPAIGN).insert(ignore_permissions=True).name for _n in range(2)]
		frappe.db.commit()
		return f"{key}:{secret}", offers
	finally:
		frappe.destroy()


def main(argv=None):
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--ports", default="8711,8712")
	args = parser.parse_args(argv)
	ports = [int(p) for p in args.ports.split(",")]
	auth, offers = prepare(args.site)
	servers = [load_test.serve(args.site, port, 2, ".") for port in ports]
	agree = True
	try:
		for writer, reader, offer in ((ports[0], ports[1], offers[0]), (ports[1], ports[0], offers[1])):
			before = figures(reader, args.site, auth)  # the reader's cache holds the figures now
			call(writer, args.site, auth, "PUT", f"/api/resource/Offer/{offer}", {"response": "同意协商", "response_date": "2023-03-20"})
			seen = call(reader, args.site, auth, "GET", f"/api/resource/Offer/{offer}")["data"]["response"]
			after = figures(reader, args.site, auth)
			ok = seen == "同意协商" and after["responded"] == before["responded"] + 1
			agree &= ok
			print(f"written on :{writer}, read on :{reader}: offer {seen}, 回应要约 {before['responded']} → {after['responded']} {'ok' if ok else 'STALE'}")
	finally:
		for server in servers:
			server.terminate()
			server.wait(30)
	print("two servers agree" if agree else "two servers DISAGREE")
	return 0 if agree else 1


if __name__ == "__main__":
	sys.exit(main())
