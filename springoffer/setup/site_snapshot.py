"""What a restored site must give back, taken from the site it runs on (springoffer.core.snapshots
compares two): rows of every DocType of the app and a checksum of what they hold, the 附件 figures of the province and every 市州 for
every campaign, and the SHA-256 of every file attached to the app's records."""

import hashlib

import frappe

from springoffer.annex import figures as annex_db
from springoffer.core.regions import CITIES, PROVINCE


def snapshot():
	doctypes = frappe.get_all("DocType", filters={"module": "Springoffer"}, pluck="name")
	counts = {doctype: frappe.db.count(doctype) for doctype in sorted(doctypes)}
	counts["User"] = frappe.db.count("User")
	counts["User Permission"] = frappe.db.count("User Permission")
	# What every row holds, not only how many: MariaDB's checksum of each table of the app.
	content = {
		doctype: frappe.db.sql(f"CHECKSUM TABLE `tab{doctype}`")[0][1]
		for doctype in sorted(frappe.get_all("DocType", filters={"module": "Springoffer", "issingle": 0}, pluck="name"))
	}
	annex = {}
	for campaign, end in frappe.get_all("Campaign", fields=["name", "end_date"], as_list=True, order_by="name"):
		for unit in (PROVINCE, *CITIES):
			if frappe.db.exists("Region", unit):
				figures = annex_db.count(campaign, unit, end, with_refusals=False).total
				annex[(campaign, unit)] = list(figures.as_tuple())
	files = {}
	for file in frappe.get_all(
		"File",
		filters={"attached_to_doctype": ("in", doctypes), "is_folder": 0},
		fields=["name", "file_url"],
		order_by="file_url",
	):
		try:
			data = frappe.get_doc("File", file.name).get_content()
		except Exception:
			data = None
		if isinstance(data, str):
			data = data.encode()
		files[file.file_url] = hashlib.sha256(data).hexdigest() if data is not None else "missing"
	return {"counts": counts, "content": content, "annex": annex, "files": files}
