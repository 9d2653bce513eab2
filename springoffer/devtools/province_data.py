"""A province-scale ledger for benchmarks and load tests: 100,000 enterprises, 200,000 offer
coverage rows and 50,000 contracts in the 14 市州 (seeded, so every run makes the same data), loaded
into a site with multi-row INSERTs, removed by `cleanup`, or written as a ledger workbook.
    bench --site S execute springoffer.devtools.province_data.cleanup
"""

import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta

from springoffer.core import categories as c
from springoffer.core import clocks, credit_code

CAMPAIGN = "2023年基准测试活动"
NAME_PREFIX = "基准"  # every benchmark enterprise's name starts with it, so cleanup finds them
START = date(2023, 3, 1)
CITY_CODES = {
	"长沙市": "430100", "株洲市": "430200", "湘潭市": "430300", "衡阳市": "430400", "邵阳市": "430500",
	"岳阳市": "430600", "常德市": "430700", "张家界市": "430800", "益阳市": "430900", "郴州市": "431000",
	"永州市": "431100", "怀化市": "431200", "娄底市": "431300", "湘西土家族苗族自治州": "433100",
}  # fmt: skip


@dataclass
class Generated:
	enterprises: list  # (code, name, category, region, employees)
	offers: list  # (name, scope, date_sent, due, response, response_date, reason, handling)
	offer_lines: list  # (row name, offer, idx, enterprise, workers)
	contracts: list  # (name, signing_date, cancelled)
	contract_lines: list  # (row name, contract, idx, enterprise, workers)


def generate(enterprises=100_000, coverage_rows=200_000, contracts=50_000, seed=2023, regions=None):
	"""A deterministic province-scale ledger: enterprises over the cities, or over the regions given
	(a list, or {region: division code} such as county_regions()),
	single-enterprise offers and industry/regional offers of 5–15 enterprises until the coverage rows
	are reached, and one-enterprise contracts, a tenth of them cancelled."""
	rng = random.Random(seed)
	divisions = regions if isinstance(regions, dict) else {}
	regions = list(regions or CITY_CODES)
	weights = (0.08, 0.72, 0.05, 0.15)
	ents = []
	for i in range(enterprises):
		region = regions[i % len(regions)]
		division = divisions.get(region) or CITY_CODES.get(region, "430100")
		code = credit_code.make_code(division=division, org_body=f"MB{i:06d}")
		category = rng.choices(c.REPORT_CATEGORIES, weights)[0]
		ents.append((code, f"{NAME_PREFIX}企业{i:06d}", category, region, rng.randint(20, 3000)))

	offers, lines = [], []
	n = 0
	while len(lines) < coverage_rows:
		size = 1 if rng.random() < 0.8 else rng.randint(5, 15)
		size = min(size, coverage_rows - len(lines))
		name = f"BM-O-{n:06d}"
		sent = START + timedelta(days=rng.randint(0, 115))
		roll = rng.random()
		response = c.AGREED if roll < 0.6 else c.REFUSED if roll < 0.7 else c.PENDING
		answered = sent + timedelta(days=rng.randint(1, 30)) if response != c.PENDING else None
		reason = rng.choice(c.REFUSAL_REASONS) if response == c.REFUSED else None
		handling = rng.choice(c.HRSS_HANDLINGS) if response != c.AGREED and rng.random() < 0.5 else None
		offers.append((name, c.SCOPE_SINGLE if size == 1 else c.SCOPE_INDUSTRY, sent, clocks.response_due(sent), response, answered, reason, handling))
		for idx, e in enumerate(rng.sample(ents, size), start=1):
			lines.append((f"BM-OC-{len(lines):07d}", name, idx, e[0], rng.randint(1, e[4])))
		n += 1

	deals, deal_lines = [], []
	for k in range(contracts):
		e = rng.choice(ents)
		name = f"BM-C-{k:06d}"
		deals.append((name, START + timedelta(days=rng.randint(10, 121)), int(rng.random() < 0.1)))
		deal_lines.append((f"BM-CC-{k:06d}", name, 1, e[0], rng.randint(1, e[4])))
	return Generated(ents, offers, lines, deals, deal_lines)


# ---------------------------------------------------------------- the site


def county_regions():
	"""{region: division code} of the 县市区 below the 市州, where real enterprises are registered."""
	import frappe

	rows = frappe.get_all(
		"Region", filters={"parent_region": ("in", list(CITY_CODES))}, fields=["name", "region_code"], order_by="lft asc"
	)
	return {row.name: row.region_code for row in rows}


SHAPES = ("counties", "cities")  # where the enterprises are registered: the 县市区, or the 市州 themselves


def shape_regions(shape):
	"""The regions generate() spreads the enterprises over for a shape: the 县市区 (county_regions()), or
	the 市州 (None: CITY_CODES, each city's enterprises on the city itself, as a ledger without counties)."""
	if shape == "counties":
		return county_regions()
	if shape == "cities":
		return None
	raise ValueError(f"shape {shape!r}: one of {', '.join(SHAPES)}")


def loaded_shape(campaign=CAMPAIGN):
	"""The shape of the benchmark data on the site, from where the campaign's enterprises are registered:
	"cities", "counties", "mixed" (both: loaded twice in different shapes), or None when none is loaded."""
	import frappe

	on_city = {
		bool(row[0])
		for row in frappe.db.sql(
			"""SELECT DISTINCT e.region IN %(cities)s FROM `tabOffer Coverage` cov
			JOIN `tabOffer` o ON o.name = cov.parent JOIN `tabEnterprise` e ON e.name = cov.enterprise
			WHERE o.campaign = %(campaign)s""",
			{"cities": tuple(CITY_CODES), "campaign": campaign},
		)
	}
	if not on_city:
		return None
	if len(on_city) > 1:
		return "mixed"
	return "cities" if on_city.pop() else "counties"


def _insert(table, columns, rows, chunk=5_000):
	"""Multi-row INSERTs through the driver (DESIGN §6: ~50,000 rows/s; frappe.db.bulk_insert builds
	its SQL text in Python and runs at a quarter of that)."""
	import frappe

	sql = f"INSERT INTO `{table}` ({', '.join(f'`{col}`' for col in columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
	cursor = frappe.db._cursor
	for start in range(0, len(rows), chunk):
		cursor.executemany(sql, rows[start : start + chunk])


def _regions_of(data):
	"""Each offer's and contract's region, as real records have it: the lowest region holding all
	its enterprises (a county, a city, or the province for a province-wide industry offer)."""
	import frappe

	from springoffer.core.counting import RegionTree

	tree = RegionTree(frappe.get_all("Region", fields=["name", "parent_region"], as_list=True))
	region_of = {code: region for code, _name, _category, region, _employees in data.enterprises}
	members = {}
	for _row, parent, _idx, enterprise, _workers in (*data.offer_lines, *data.contract_lines):
		members.setdefault(parent, set()).add(region_of[enterprise])
	found = {}
	for parent, regions in members.items():
		chains = [tree.chain(region) for region in regions]
		shared = set(chains[0]).intersection(*chains[1:])
		found[parent] = next(region for region in chains[0] if region in shared)
	return found


def load(data, campaign=CAMPAIGN):
	from frappe.utils import now

	stamp = (now(), now(), "Administrator", "Administrator", 0)
	region = _regions_of(data)
	common = ("creation", "modified", "owner", "modified_by", "docstatus")
	_insert(
		"tabEnterprise",
		("name", "credit_code", "enterprise_name", "report_category", "region", "employees", *common),
		[(code, code, name, category, region, employees, *stamp) for code, name, category, region, employees in data.enterprises],
	)
	_insert(
		"tabOffer",
		(
			"name", "campaign", "scope", "region", "offering_side", "main_topic", "date_sent", "response_due_date", "response",
			"response_date", "refusal_reason", "hrss_handling", "delivered_on", "delivery_method", "delivery_status", *common,
		),
		# received on the day sent (the due date counts from it), as a ledger without a 送达日期 column reads
		[
			(o[0], campaign, o[1], region[o[0]], c.OFFERING_SIDES[0], c.OFFER_TOPICS[0], *o[2:], o[2], c.DELIVERY_UNRECORDED, c.DELIVERED, *stamp)
			for o in data.offers
		],
	)
	_insert(
		"tabOffer Coverage",
		("name", "parent", "parenttype", "parentfield", "idx", "enterprise", "covered_workers", *common),
		[(r, p, "Offer", "covered_enterprises", i, e, w, *stamp) for r, p, i, e, w in data.offer_lines],
	)
	_insert(
		"tabContract",
		("name", "campaign", "contract_kind", "region", "signing_date", "is_cancelled", "workflow_state", *common),
		[(k[0], campaign, c.CONTRACT_KINDS[1], region[k[0]], k[1], k[2], c.CONTRACT_CANCELLED if k[2] else c.CONTRACT_DRAFT, *stamp) for k in data.contracts],
	)
	_insert(
		"tabContract Coverage",
		("name", "parent", "parenttype", "parentfield", "idx", "enterprise", "covered_workers", *common),
		[(r, p, "Contract", "covered_enterprises", i, e, w, *stamp) for r, p, i, e, w in data.contract_lines],
	)
	# agreed offers have their negotiation, as a ledger import opens them (written in bulk too)
	from springoffer.workbook.bulk_negotiations import open_negotiations

	open_negotiations([o[0] for o in data.offers if o[4] == c.AGREED])


def cleanup(campaign=CAMPAIGN):
	"""Remove the benchmark's documents, ledger rows and enterprises."""
	import frappe

	for child in ("Negotiation Representative", "Negotiation Meeting"):
		frappe.db.sql(
			f"DELETE r FROM `tab{child}` r JOIN `tabNegotiation` n ON n.name = r.parent WHERE n.campaign = %s", campaign
		)
	frappe.db.delete("Negotiation", {"campaign": campaign})
	for parent, child in (("Offer", "Offer Coverage"), ("Contract", "Contract Coverage")):
		frappe.db.sql(
			f"DELETE cov FROM `tab{child}` cov JOIN `tab{parent}` p ON p.name = cov.parent WHERE p.campaign = %s", campaign
		)
		frappe.db.delete(parent, {"campaign": campaign})
	from springoffer.annex import cache

	cache.bump()
	frappe.db.delete("Annex Ledger Entry", {"campaign": campaign})
	frappe.db.delete("Enterprise", {"enterprise_name": ("like", f"{NAME_PREFIX}%")})
	frappe.db.commit()


# The pre-ledger formulation: one grouped query over offer ⋈ coverage ⋈ enterprise ⋈ region and
# contract ⋈ coverage ⋈ enterprise ⋈ region — what a careful hand would write without a ledger.


def write_ledger_workbook(path, enterprises=100_000, coverage_rows=200_000, contracts=50_000):
	"""The same generated ledger as a 台帐 workbook, for timing `python -m springoffer annex`."""
	from openpyxl import Workbook

	from springoffer.core import ledger as L

	data = generate(enterprises, coverage_rows, contracts)
	wb = Workbook(write_only=True)
	ws = wb.create_sheet(L.ENTERPRISES)
	ws.append([L.CODE, L.NAME, L.CATEGORY, L.REGION, L.EMPLOYEES])
	for code, name, category, region, employees in data.enterprises:
		ws.append([code, name, category, region, employees])
	offers = {o[0]: o for o in data.offers}
	ws = wb.create_sheet(L.OFFERS)
	ws.append([L.OFFER_NO, L.CAMPAIGN, L.SCOPE, L.CODE, L.WORKERS, L.DATE_SENT, L.RESPONSE, L.RESPONSE_DATE, L.REFUSAL_REASON, L.HRSS_HANDLING])
	for _row, offer, _idx, enterprise, workers in data.offer_lines:
		name, scope, sent, _due, response, answered, reason, handling = offers[offer]
		ws.append([name, CAMPAIGN, scope, enterprise, workers, sent, response, answered, reason, handling])
	contracts_by_name = {k[0]: k for k in data.contracts}
	ws = wb.create_sheet(L.CONTRACTS)
	ws.append([L.CONTRACT_NO, L.CAMPAIGN, L.KIND, L.CODE, L.WORKERS, L.SIGNING_DATE, L.STATUS])
	for _row, contract, _idx, enterprise, workers in data.contract_lines:
		name, signed, cancelled = contracts_by_name[contract]
		ws.append([name, CAMPAIGN, c.CONTRACT_KINDS[1], enterprise, workers, signed, L.CANCELLED if cancelled else None])
	wb.save(path)


if __name__ == "__main__":
	write_ledger_workbook(sys.argv[1] if len(sys.argv) > 1 else "benchmark-ledger.xlsx")
