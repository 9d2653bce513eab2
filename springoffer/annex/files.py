"""The 附件 as a file: what a request asks for (defaults filled, the caller's region checked), the
.xlsx printed like the paper form, the figures as JSON, their ASCII file name, and the responses —
shared by the desk button, the REST methods, the Unit Report and the bench command."""

import gzip
import heapq
import json

import frappe
from frappe import _

from springoffer.annex import cache, campaigns
from springoffer.annex import figures as annex_db
from springoffer.annex import ledger as annex_ledger
from springoffer.core import categories, xlsx
from springoffer.core.counting import Figures
from springoffer.security import regions


def resolve_annex_request(campaign=None, unit=None, as_of=None):
	"""Defaults filled, existence and the caller's Region permission checked."""
	frappe.has_permission("Offer", "read", throw=True)
	campaign = campaign or campaigns.latest_campaign()
	if not campaign or not frappe.db.exists("Campaign", campaign):
		frappe.throw(_("Campaign {0} does not exist").format(campaign or ""), frappe.DoesNotExistError)
	unit = unit or regions.default_unit()
	if not frappe.db.exists("Region", unit):
		frappe.throw(_("Region {0} does not exist").format(unit), frappe.DoesNotExistError)
	regions.check_unit_permission(unit)
	try:
		as_of = frappe.utils.getdate(as_of) if as_of else campaigns.default_as_of(campaign)
	except Exception:
		frappe.throw(_("As-of date {0} is not a date; write it as YYYY-MM-DD").format(as_of))
	return campaign, unit, as_of


def annex_workbook(campaign, unit, as_of):
	"""The .xlsx, written once per version of the figures it shows (springoffer.annex.cache). Its
	refusal sheet is joined from each region's own rows, each written once per version of its region:
	after a write in one county only that county's rows are written again."""
	due = campaigns.campaign_due_date(campaign)

	def compute():
		if cache.everywhere_pending():  # this transaction changed every region: one count
			return xlsx.write_annex(annex_db.count(campaign, unit, as_of), unit, due)
		annex = annex_db.count(campaign, unit, as_of, with_refusals=False)
		parts = _in_sheet_order("xlsx_part", campaign, unit, as_of, xlsx.refusal_cells)
		first = []
		if parts:  # written through openpyxl, which registers the body's styles
			category, region, _cells = parts[0]
			first = [next(r for r in annex_db.own_refusals(campaign, region, as_of) if r.category == category)]
		cells = [cell for _category, _region, part in parts for cell in part]
		return xlsx.write_workbook(unit, due, xlsx.annex_rows(annex), first, cells)

	return cache.cached("xlsx", (campaign, unit, as_of, due), compute, scope=unit)


def _in_sheet_order(kind, campaign, unit, as_of, render):
	"""[(category, region, part)] for the regions of `unit`'s subtree in the refusal sheet's order
	(category, then region name; each part in credit-code order), where a part is render() of one
	region's own refusals of one category, made once per version of that region."""
	regions = sorted(cache.subtree(unit))
	parts = {region: _region_parts(kind, campaign, region, as_of, render) for region in regions}
	return [
		(category, region, parts[region][category])
		for category in categories.REPORT_CATEGORIES
		for region in regions
		if category in parts[region]
	]


def _region_parts(kind, campaign, region, as_of, render):
	"""{category: [render()'s row of each of the region's own refusals of that category]}, in credit-code
	order. A large region's are merged from its buckets' (springoffer.annex.figures), each rendered once
	per version of its bucket: a write renders the rows of one bucket again, not the region's."""
	if region not in annex_db.large_regions(campaign):
		compute = lambda: _by_category(annex_db.own_refusals(campaign, region, as_of), render, keyed=False)  # noqa: E731
		return cache.cached(kind, (campaign, region, as_of), compute, scope=cache.scope_of(region), below=False)

	def merged():
		buckets = [
			cache.cached(
				f"{kind}_bucket",
				(campaign, region, bucket, as_of),
				lambda bucket=bucket: _by_category(annex_db.own_bucket_refusals(campaign, region, bucket, as_of), render, keyed=True),
				scope=cache.bucket_scope(region, bucket),
				below=False,
			)
			for bucket in range(annex_ledger.BUCKETS)
		]
		found = {}
		for category in categories.REPORT_CATEGORIES:
			rows = heapq.merge(*(part.get(category, ()) for part in buckets), key=lambda pair: pair[0])
			found[category] = [row for _code, row in rows]
		return {category: rows for category, rows in found.items() if rows}

	return cache.cached(kind, (campaign, region, as_of), merged, scope=cache.scope_of(region), below=False)


def _by_category(refusals, render, keyed):
	"""{category: render()'s rows of its refusals} — with each row's credit code when `keyed`, for merging."""
	by_category = {}
	for refusal in refusals:
		by_category.setdefault(refusal.category, []).append(refusal)
	if keyed:
		return {category: list(zip((r.credit_code for r in found), render(found))) for category, found in by_category.items()}
	return {category: render(found) for category, found in by_category.items()}


def annex_payload(campaign, unit, as_of, with_refusals=True):
	"""The seven figures of each row, 合计, and the refusal detail, as plain data (the refusals None
	without them)."""
	annex = annex_db.count(campaign, unit, as_of, with_refusals=with_refusals)
	rows = [
		{"category": category, **dict(zip(Figures.FIELDS, annex.rows[category].as_tuple())), "reasons": annex.reasons(category)}
		for category in annex.rows
	]
	return {
		"campaign": campaign,
		"unit": unit,
		"as_of": str(as_of),
		"rows": rows,
		"total": dict(zip(Figures.FIELDS, annex.total.as_tuple())),
		"refusals": [r.__dict__ for r in annex.refusals] if with_refusals else None,
	}


def _json(value):
	"""As Frappe writes a method's answer."""
	from frappe.utils.response import json_handler

	return json.dumps(value, default=json_handler, separators=(",", ":"))


def annex_json(campaign, unit, as_of):
	"""The figures method's answer as Frappe writes one ({"message": …}), gzip-compressed, made once
	per version of the figures: a province's is 6 MB of JSON (17,000 refusals), 0.3 MB compressed.
	Its refusal list is joined from each region's own part, each serialised once per version of its
	region: after a write in one county only that county's part is written again."""

	def compute():
		if cache.everywhere_pending():  # this transaction changed every region: one count
			return gzip.compress(_json({"message": annex_payload(campaign, unit, as_of)}).encode(), compresslevel=6)
		payload = annex_payload(campaign, unit, as_of, with_refusals=False)
		parts = _in_sheet_order("json_rows", campaign, unit, as_of, lambda found: [_json(r.__dict__) for r in found])
		listed = ",".join(row for _category, _region, part in parts for row in part)
		text = _json({"message": payload}).replace('"refusals":null', '"refusals":[' + listed + "]", 1)
		return gzip.compress(text.encode(), compresslevel=6)

	return cache.cached("json", (campaign, unit, as_of), compute, scope=unit)


def json_response(gzipped):
	"""A JSON response from compressed bytes: sent as they are to a client that accepts gzip (browsers,
	requests, curl --compressed), uncompressed to one that does not."""
	from werkzeug.wrappers import Response

	accepted = getattr(getattr(frappe.local, "request", None), "accept_encodings", None)  # with q-values
	compressed = bool(accepted and accepted["gzip"])
	response = Response(gzipped if compressed else gzip.decompress(gzipped), mimetype="application/json")
	if compressed:
		response.headers["Content-Encoding"] = "gzip"
	response.headers["Vary"] = "Accept-Encoding"
	return response


def export_annex_file(campaign, unit, as_of, output):
	"""What `bench … springoffer export-annex` does: count, write the .xlsx, return (path, annex)."""
	import os

	from springoffer.security.audit import record_export

	campaign, unit, as_of = resolve_annex_request(campaign, unit, as_of)
	annex = annex_db.count(campaign, unit, as_of)
	path = os.path.abspath(output)
	content = xlsx.write_annex(annex, unit, campaigns.campaign_due_date(campaign))
	try:
		with open(path, "wb") as f:
			f.write(content)
	except OSError as error:
		frappe.throw(
			_("Cannot write {0}: {1}. Check that the folder exists and the file is not open in Excel").format(
				path, error.strerror or error
			)
		)
	record_export("附件 Excel", unit=unit, campaign=campaign, as_of=as_of, file_name=path)
	return path, annex


def annex_filename(campaign, unit, as_of):
	"""ASCII file name (non-ASCII names reach browsers mangled): annex-2023-430100-20230630.xlsx."""
	year = frappe.db.get_value("Campaign", campaign, "year") or ""
	code = frappe.db.get_value("Region", unit, "region_code") or frappe.scrub(unit)
	return f"annex-{year}-{code}-{as_of.strftime('%Y%m%d')}.xlsx"


def send_workbook(data, filename):
	frappe.response.filename = filename
	frappe.response.filecontent = data
	frappe.response.type = "binary"
