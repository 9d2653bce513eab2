"""Test data for the FrappeTestCase suites: enterprises, offers, contracts and users confined to a region.

Every maker takes unique keys from a counter, so suites can run in any order on one site.
"""

import contextlib
import itertools
import random
from datetime import date

import frappe

from springoffer.core import categories as c
from springoffer.core import credit_code, rules

CAMPAIGN = "2023年春季要约行动"
# What the suites need beside Frappe, all installed by `bench setup requirements --dev`: Frappe's own
# test dependencies (FrappeTestCase.freeze_time needs freezegun) and the app's (pyproject.toml's
# [tool.bench.dev-dependencies]: a local SMTP server for the offer letters).
TEST_DEPENDENCIES = ("freezegun", "aiosmtpd")
MISSING_DEPENDENCIES = (
	"springoffer: the test dependencies are not installed ({0}); run `bench setup requirements --dev` "
	"in the bench, then run the tests again"
)
_serial = itertools.count(random.randrange(10**6))


def check_test_dependencies():
	"""before_tests hook: one clear line and exit 1 when Frappe's test dependencies are missing,
	instead of an ImportError in every test that freezes the clock."""
	import importlib.util
	import sys

	missing = [name for name in TEST_DEPENDENCIES if importlib.util.find_spec(name) is None]
	if missing:
		print(MISSING_DEPENDENCIES.format(", ".join(missing)), file=sys.stderr)
		raise SystemExit(1)


def unique_code(division="430100"):
	"""A valid, unused 统一社会信用代码."""
	while True:
		body = f"MA{next(_serial) % 10**6:06d}"
		code = credit_code.make_code(division=division, org_body=body)
		if not frappe.db.exists("Enterprise", code):
			return code


def make_campaign(name, start="2023-03-01", end="2023-06-30", due="2023-06-30"):
	if not frappe.db.exists("Campaign", name):
		frappe.get_doc(
			{
				"doctype": "Campaign",
				"campaign_name": name,
				"year": int(start[:4]),
				"start_date": start,
				"end_date": end,
				"report_due_date": due,
			}
		).insert(ignore_permissions=True)
	return name


def make_region(name, parent):
	if not frappe.db.exists("Region", name):
		frappe.db.set_value("Region", parent, "is_group", 1)
		frappe.get_doc({"doctype": "Region", "region_name": name, "parent_region": parent, "region_level": "县市区"}).insert(
			ignore_permissions=True
		)
	return name


def make_enterprise(region="长沙市", category=c.PRIVATE, employees=500, name=None, **extra):
	code = unique_code()
	doc = frappe.get_doc(
		{
			"doctype": "Enterprise",
			"enterprise_name": name or f"测试企业{code[-6:]}",
			"credit_code": code,
			"report_category": category,
			"region": region,
			"employees": employees,
			**extra,
		}
	)
	return doc.insert(ignore_permissions=True)


def offer_doc(enterprises, workers=100, date_sent="2023-03-10", campaign=CAMPAIGN, **extra):
	"""An unsaved Offer covering `enterprises` (names or docs), `workers` each (or a list), delivered
	by hand on the day it was sent unless `extra` says otherwise (delivered_on=None: not delivered)."""
	if not isinstance(enterprises, (list, tuple)):
		enterprises = [enterprises]
	figures = workers if isinstance(workers, (list, tuple)) else [workers] * len(enterprises)
	return frappe.get_doc(
		{
			"doctype": "Offer",
			"campaign": campaign,
			"scope": c.SCOPE_SINGLE if len(enterprises) == 1 else c.SCOPE_INDUSTRY,
			"date_sent": date_sent,
			"delivered_on": date_sent,
			"delivery_method": c.DELIVERY_BY_HAND,
			"covered_enterprises": [
				{"enterprise": getattr(e, "name", e), "covered_workers": w} for e, w in zip(enterprises, figures)
			],
			**extra,
		}
	)


def contract_doc(enterprises, workers=100, signing_date="2023-05-20", campaign=CAMPAIGN, **extra):
	if not isinstance(enterprises, (list, tuple)):
		enterprises = [enterprises]
	figures = workers if isinstance(workers, (list, tuple)) else [workers] * len(enterprises)
	signed = date.fromisoformat(signing_date)
	values = {
		"doctype": "Contract",
		"campaign": campaign,
		"contract_kind": c.CONTRACT_KINDS[1],
		"signing_date": signing_date,
		"term_start": signing_date,
		"term_end": str(signed.replace(year=signed.year + 1)),
		"covered_enterprises": [
			{"enterprise": getattr(e, "name", e), "covered_workers": w} for e, w in zip(enterprises, figures)
		],
	}
	values.update(extra)
	return frappe.get_doc(values)


def make_user(email, roles, region=None):
	"""A desk user with `roles`, confined to `region` (and its subtree) when given."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0, "language": "zh"}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.add_roles(*roles)
	if region and not frappe.db.exists("User Permission", {"user": email, "allow": "Region", "for_value": region}):
		frappe.get_doc({"doctype": "User Permission", "user": email, "allow": "Region", "for_value": region}).insert(
			ignore_permissions=True
		)
	return email


def random_ledger(rng, campaign, regions, enterprises=15, offers=20, contracts=8, start=date(2023, 3, 1)):
	"""A random ledger as core records: (enterprises, offer lines, contract lines), with offer-level
	detail kept so the same ledger can be written to the database by insert_ledger."""
	from datetime import timedelta

	from springoffer.core.counting import ContractLine, Enterprise, OfferLine, describe

	tag = f"{next(_serial):07d}"
	ents = []
	for _i in range(rng.randint(0, enterprises)):
		code = credit_code.make_code(division="430100", org_body=f"R{next(_serial) % 10**7:07d}")
		ents.append(Enterprise(code, f"随机企业{code[-8:]}", rng.choice(c.REPORT_CATEGORIES), rng.choice(regions)))
	offer_lines, contract_lines = [], []
	if ents:
		for n in range(rng.randint(0, offers)):
			sent = start + timedelta(days=rng.randint(0, 121))
			response = rng.choice(c.RESPONSES)
			answered = sent + timedelta(days=rng.randint(0, 40)) if response != c.PENDING else None
			reason = describe(rng.choice(c.REFUSAL_REASONS), rng.choice(["", "经营亏损"])) if response == c.REFUSED else ""
			handling = describe(rng.choice(c.HRSS_HANDLINGS), rng.choice(["", "已约谈"])) if rng.random() < 0.4 else ""
			received = None if rng.random() < 0.1 else sent + timedelta(days=rng.choice((0, 0, 1, 3, 9)))  # some not yet
			for e in rng.sample(ents, rng.randint(1, min(3, len(ents)))):
				offer_lines.append(
					OfferLine(f"RO-{tag}-{n}", campaign, e.key, rng.randint(1, 500), sent, response, answered, reason, handling, received)
				)
		for n in range(rng.randint(0, contracts)):
			signed = start + timedelta(days=rng.randint(0, 121))
			cancelled = rng.random() < 0.2
			for e in rng.sample(ents, rng.randint(1, min(2, len(ents)))):
				contract_lines.append(ContractLine(f"RC-{tag}-{n}", campaign, e.key, rng.randint(1, 500), signed, cancelled))
	return ents, offer_lines, contract_lines


def insert_ledger(enterprises, offer_lines, contract_lines):
	"""Write core records straight into the tables (bulk, no controllers): for comparing the
	report's SQL with the core on many generated ledgers, and for benchmarks."""
	from springoffer.core import clocks

	now = frappe.utils.now()
	common = ("creation", "modified", "owner", "modified_by", "docstatus")
	stamp = (now, now, "Administrator", "Administrator", 0)

	frappe.db.bulk_insert(
		"Enterprise",
		("name", "credit_code", "enterprise_name", "report_category", "region", "employees", *common),
		[(e.key, e.key, e.name, e.category, e.region, 0, *stamp) for e in enterprises],
	)

	def split(text):
		category, _, detail = (text or "").partition("：")
		return category or None, detail or None

	offers, coverage = {}, []
	for index, line in enumerate(offer_lines):
		reason, reason_detail = split(line.refusal_reason)
		handling, handling_detail = split(line.hrss_handling)
		offers.setdefault(
			line.offer,
			(
				line.offer, line.campaign, c.SCOPE_INDUSTRY, "湖南省", c.OFFERING_SIDES[0], c.OFFER_TOPICS[0],
				line.date_sent, line.delivered_on, c.DELIVERY_BY_HAND if line.delivered_on else None,
				rules.delivery_status(line.delivered_on, None), clocks.response_due(line.delivered_on), line.response, line.response_date,
				reason, reason_detail, handling, handling_detail, *stamp,
			),
		)
		coverage.append((f"{line.offer}-{index}", line.offer, "Offer", "covered_enterprises", index + 1, line.enterprise, line.workers, *stamp))
	frappe.db.bulk_insert(
		"Offer",
		(
			"name", "campaign", "scope", "region", "offering_side", "main_topic", "date_sent", "delivered_on", "delivery_method",
			"delivery_status", "response_due_date", "response", "response_date", "refusal_reason", "refusal_detail", "hrss_handling",
			"hrss_handling_detail", *common,
		),
		list(offers.values()),
	)
	frappe.db.bulk_insert(
		"Offer Coverage", ("name", "parent", "parenttype", "parentfield", "idx", "enterprise", "covered_workers", *common), coverage
	)

	contracts, coverage = {}, []
	for index, line in enumerate(contract_lines):
		contracts.setdefault(
			line.contract,
			(line.contract, line.campaign, c.CONTRACT_KINDS[0], "湖南省", line.signing_date, int(line.cancelled), *stamp),
		)
		coverage.append(
			(f"{line.contract}-{index}", line.contract, "Contract", "covered_enterprises", index + 1, line.enterprise, line.workers, *stamp)
		)
	frappe.db.bulk_insert(
		"Contract", ("name", "campaign", "contract_kind", "region", "signing_date", "is_cancelled", *common), list(contracts.values())
	)
	frappe.db.bulk_insert(
		"Contract Coverage", ("name", "parent", "parenttype", "parentfield", "idx", "enterprise", "covered_workers", *common), coverage
	)
	from springoffer.annex import ledger as annex_ledger

	for campaign in {line.campaign for line in offer_lines} | {line.campaign for line in contract_lines}:
		annex_ledger.rebuild(campaign)


def delete_unit_reports(filters):
	"""Remove Unit Reports with their child rows and refusal sheets (names repeat: campaign-unit-body)."""
	names = frappe.get_all("Unit Report", filters=filters, pluck="name")
	frappe.db.delete("Unit Report Refusal", {"unit_report": ("in", names or [""])})
	for child in ("Unit Report Row", "Unit Report Site", "Unit Report Case"):
		frappe.db.delete(child, {"parent": ("in", names or [""])})
	frappe.db.delete("Unit Report", {"name": ("in", names or [""])})


def make_site(enterprises, region, body=c.BODY_UNION, campaign=CAMPAIGN, activities=((c.SITE_ACTIVITIES[0], "2023-05-10", 40),), **extra):
	"""A Demonstration Site standing for `enterprises` (docs or names, or (enterprise, offer, contract) tuples)."""
	rows = []
	for item in enterprises:
		enterprise, offer, contract = item if isinstance(item, tuple) else (item, None, None)
		rows.append({"enterprise": getattr(enterprise, "name", enterprise), "offer": offer, "contract": contract})
	return frappe.get_doc(
		{
			"doctype": "Demonstration Site",
			"site_name": extra.pop("site_name", f"示范点{next(_serial)}"),
			"campaign": campaign,
			"reporting_body": body,
			"region": region,
			"site_kind": c.SITE_KINDS[0],
			"covers": "C 制造业",
			"reason": "<p>行业协商机制健全，<b>工资增幅</b>连续三年高于指导线基准线。</p>",
			"enterprises": rows,
			"activities": [{"activity_kind": k, "held_on": d, "attendance": n} for k, d, n in activities],
			**extra,
		}
	).insert()


def make_case(enterprises, region, body=c.BODY_UNION, campaign=CAMPAIGN, topic=c.CASE_TOPICS[0], **extra):
	rows = [{"enterprise": getattr(e, "name", e)} for e in enterprises]
	return frappe.get_doc(
		{
			"doctype": "Typical Case",
			"case_title": extra.pop("case_title", f"典型案例{next(_serial)}"),
			"campaign": campaign,
			"reporting_body": body,
			"region": region,
			"topic": topic,
			"enterprises": rows,
			"story": "<p>企业工会发出要约，经三轮协商达成一致。</p>",
			"result": "<p>职工工资平均增长 6.5%。</p>",
			**extra,
		}
	).insert()


@contextlib.contextmanager
def cache_redis_refusing():
	"""Frappe's cache Redis down for the duration: every call to it meets a refused connection (a port
	nothing listens on), Frappe's own calls included, as when the server is stopped."""
	import socket

	import redis

	with socket.socket() as probe:  # a port free this instant: connecting to it is refused
		probe.bind(("127.0.0.1", 0))
		port = probe.getsockname()[1]
	pool = frappe.cache.connection_pool
	frappe.cache.connection_pool = redis.ConnectionPool.from_url(f"redis://127.0.0.1:{port}")
	try:
		yield
	finally:
		frappe.cache.connection_pool.disconnect()
		frappe.cache.connection_pool = pool


def sample_ledger(campaign, seed, without=()):
	"""The shipped sample ledger (an openpyxl Workbook) under `campaign` instead of its own, without
	the sheets named in `without`."""
	from io import BytesIO

	from openpyxl import load_workbook

	from springoffer.core.ledger import write_sample
	from springoffer.core.ledger.sample import SAMPLE_CAMPAIGN

	wb = load_workbook(BytesIO(write_sample(seed=seed)))
	for title in without:
		del wb[title]
	for ws in wb.worksheets:
		for row in ws.iter_rows():
			for cell in row:
				if cell.value == SAMPLE_CAMPAIGN:
					cell.value = campaign
	return wb


def workbook_bytes(wb):
	from io import BytesIO

	out = BytesIO()
	wb.save(out)
	return out.getvalue()


def stamps_as_stored(doc):
	"""Give `doc` the creation and modified stamps the database holds. Under a frozen clock Frappe
	stamps whole seconds, which the database hands back without ".000000", and its check that nobody
	saved in between would compare the two spellings."""
	if doc.name and frappe.db.exists(doc.doctype, doc.name):
		doc.creation, doc.modified = frappe.db.get_value(doc.doctype, doc.name, ["creation", "modified"])
	return doc
