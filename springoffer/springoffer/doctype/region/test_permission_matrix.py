"""The permission policy as one table, proved door by door.

Three users per role: one for the province (no Region permission), one confined to 株洲市, one to
天元区 (a county of 株洲市). The fixture puts one record of every DocType in 长沙市, one in 株洲市 and one
in 天元区; a user's scope sees the records of its subtree. Every door is called the way a browser or
an API key calls it (`frappe.handler.execute_cmd`, so `override_whitelisted_methods` apply), and what
comes back is compared with what POLICY says: the rows of the scope, every row, or refused.
"""

import csv
import io
import itertools

import frappe
import frappe.tests.test_api as api_test
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.devtools.testing import make_campaign, make_enterprise, make_user

# ---- the policy ----------------------------------------------------------------------------------

OFFICERS = ("HRSS Officer", "Trade Union Officer", "Enterprise Confederation Officer", "Commerce Federation Officer")
REVIEWERS = ("HRSS Reviewer", "Trade Union Reviewer", "Enterprise Confederation Reviewer", "Commerce Federation Reviewer")
SYSTEM = ("System Manager",)
PLAIN = "Desk User"  # a desk user with none of the campaign's roles
ROLES = (*OFFICERS, *REVIEWERS, *SYSTEM, PLAIN)
STAFF = OFFICERS + REVIEWERS + SYSTEM

# Where the fixture's records live, and which of them each scope sees.
HOMES = ("长沙市", "株洲市", "天元区")
SCOPES = {"province": None, "city": "株洲市", "county": "天元区"}
SUBTREE = {"province": set(HOMES), "city": {"株洲市", "天元区"}, "county": {"天元区"}}

# Rules for rows: "region" = the scope's subtree; "all" = every row (public reference data);
# "province" = only a user not confined to a region sees any.
# DocType (child tables as "Child < Parent")  →  (roles that read it, rule, {door: rule} exceptions)
POLICY = {
	"Enterprise": (STAFF, "region", {}),
	"Offer": (STAFF, "region", {}),
	"Contract": (STAFF, "region", {}),
	"Unit Report": (STAFF, "region", {}),
	"Unit Report Refusal": (STAFF, "region", {}),
	"Demonstration Site": (STAFF, "region", {}),
	"Typical Case": (STAFF, "region", {}),
	"Bargaining Instructor": (STAFF, "region", {}),
	"Contract Performance Check": (STAFF, "region", {}),
	"Annex Ledger Entry": (REVIEWERS + SYSTEM, "region", {}),
	"Annex Export Log": (STAFF, "region", {}),
	"Answer Link": (STAFF, "region", {}),
	"Answer Log": (STAFF, "region", {}),
	"Negotiation": (STAFF, "region", {}),
	"Negotiation Coordination": (STAFF, "region", {}),
	"Spot Check": (REVIEWERS + SYSTEM, "province", {}),
	"Region": (STAFF, "region", {"search_link_ignoring_user_permissions": "all", "client.validate_link": "all"}),
	"Campaign": (STAFF, "all", {}),
	"Minimum Wage Standard": (STAFF, "all", {}),
	"Wage Guideline": (STAFF, "all", {}),
	"Holiday Schedule": (STAFF, "all", {}),
	"Holiday Schedule Day < Holiday Schedule": (STAFF, "all", {}),
	"Offer Coverage < Offer": (STAFF, "region", {}),
	"Offer Follow Up < Offer": (STAFF, "region", {}),
	"Contract Coverage < Contract": (STAFF, "region", {}),
	"Unit Report Row < Unit Report": (STAFF, "region", {}),
	"Unit Report Site < Unit Report": (STAFF, "region", {}),
	"Unit Report Case < Unit Report": (STAFF, "region", {}),
	"Related Enterprise < Demonstration Site": (STAFF, "region", {}),
	"Related Enterprise < Typical Case": (STAFF, "region", {}),
	"Demonstration Site Activity < Demonstration Site": (STAFF, "region", {}),
	"Instructor Assignment < Bargaining Instructor": (STAFF, "region", {}),
	"Negotiation Representative < Negotiation": (STAFF, "region", {}),
	"Negotiation Meeting < Negotiation": (STAFF, "region", {}),
	"Coordination Extension < Negotiation Coordination": (STAFF, "region", {}),
	"Spot Check Item < Spot Check": (REVIEWERS + SYSTEM, "province", {}),
}

# The doors. A "list" door answers with rows or refuses the whole call (PermissionError); an "each"
# door is asked about one record at a time and answers or refuses that record.
PARENT_DOORS = {
	"client.get_list": "list",  # also GET /api/resource/<DocType>
	"client.get_value": "each",
	"client.get": "each",  # also GET /api/resource/<DocType>/<name>
	"client.get_count": "list",
	"reportview.get": "list",  # the list view and report view
	"reportview.get_count": "list",
	"listview.get_group_by_count": "list",  # sidebar counts
	"listview.get_group_by_count assigned_to": "list",
	"reportview.get_sidebar_stats": "list",
	"reportview.export_query": "list",  # Menu → Export
	"search.search_link": "list",  # Link field search
	"search_link_ignoring_user_permissions": "list",
	"client.validate_link": "each",
	"form.load.getdoc": "each",  # opening the form
	"printview": "each",  # Print
}
CHILD_DOORS = {
	"client.get_list": "list",  # also GET /api/resource/<Child>?parent=<Parent>
	"client.get_value": "each",
	"client.get": "each",
	"client.get_count": "list",
	"reportview.get": "list",
}

REFUSED = "refused"


def expected(doctype, role, scope, door, kind):
	"""What the policy says a role in a scope gets through a door: the homes whose records it sees
	(None = every record), or REFUSED."""
	readers, rule, exceptions = POLICY[doctype]
	if role not in readers:
		return REFUSED if kind == "list" else set()
	rule = exceptions.get(door, rule)
	if rule == "all" or (rule == "province" and scope == "province"):
		return None
	if rule == "province":
		return set()
	return SUBTREE[scope]


def cases():
	for doctype in POLICY:
		doors = CHILD_DOORS if " < " in doctype else PARENT_DOORS
		for role, scope, (door, kind) in itertools.product(ROLES, SCOPES, doors.items()):
			yield doctype, role, scope, door, kind


CASES = sum(1 for _case in cases())

# Reports, downloads, number cards and charts answer with figures and files rather than rows. A
# "unit" door is asked about each of the three homes: a scope may ask only about its own subtree
# (another unit is refused); a "rows" door takes no unit and answers for the caller's scope; an
# "each" door is asked about each Unit Report; a "province" door answers only users not confined to a
# region; a "count" door is a card or chart over the fixture's
# offers or contracts. Whatever the door answers must never name a record outside the caller's scope.
# door → (roles that may use it, kind)
OUTPUT_POLICY = {
	"report Spring Offer Annex": (STAFF, "unit"),
	"report Spring Offer Annex Enterprises": (STAFF, "unit"),
	"report Focus Areas": (STAFF, "unit"),
	"report Focus Area Enterprises": (STAFF, "unit"),
	"report Quality Evaluation": (STAFF, "unit"),
	"report Quality Evaluation Enterprises": (STAFF, "unit"),  # the contracts' enterprises
	"report Quality Evaluation Enterprises (coordinations)": (STAFF, "unit"),
	"report Demonstration Site Coverage": (STAFF, "unit"),
	"report Instructor Workload": (STAFF, "unit"),
	"report Unit Report Comparison": (STAFF, "unit"),
	"report Unit Report Status": (STAFF, "rows"),
	"report Expiring Contracts": (STAFF, "rows"),
	"report Spot Check Summary": (REVIEWERS + SYSTEM, "province"),
	"api.annex_figures (REST)": (STAFF, "unit"),
	"api.download_annex (REST, desk button)": (STAFF, "unit"),
	"unit_report.download": (STAFF, "each"),
	"unit_report.download_package": (STAFF, "each"),
	# A card or chart is defined by the client: number_card.get_result and dashboard_chart.get count
	# whatever DocType the request names, child tables included (with their parent).
	"number card (any definition)": (STAFF, "count"),
	"dashboard chart (any Group By definition)": (STAFF, "count"),
}
COUNTED = ("Offer", "Contract", "Enterprise", "Offer Coverage < Offer", "Unit Report")


def output_cases():
	for door, (_readers, kind) in OUTPUT_POLICY.items():
		asked = HOMES if kind in ("unit", "each") else (None,)
		for role, scope, home in itertools.product(ROLES, SCOPES, asked):
			yield door, role, scope, home


OUTPUT_CASES = sum(1 for _case in output_cases())

# ---- the fixture -----------------------------------------------------------------------------------

CAMPAIGN = "权限矩阵测试活动"
MARK = "权限矩阵"  # in every searchable name, for link search
ASSIGNEE = "pm.assignee@example.com"


def user_for(role, scope):
	return f"pm.{frappe.scrub(role)}.{scope}@example.com"


def build_fixture():
	"""{doctype key: {record name: home}} for every row of the policy."""
	make_campaign(CAMPAIGN)
	make_user(ASSIGNEE, ["Trade Union Officer"])
	records = {key: {} for key in POLICY}
	for home in HOMES:
		enterprise = make_enterprise(region=home, name=f"{MARK}企业{home}", is_above_scale=1)
		offer = frappe.get_doc(
			{
				"doctype": "Offer",
				"campaign": CAMPAIGN,
				"scope": c.SCOPE_SINGLE,
				"date_sent": "2023-03-10",
				"delivered_on": "2023-03-10",  # overdue by 30 June: the refusal sheet names it
				"delivery_method": c.DELIVERY_BY_HAND,
				"covered_enterprises": [{"enterprise": enterprise.name, "covered_workers": 100}],
				"follow_ups": [{"follow_up_date": "2023-03-15", "note": "电话提醒"}],
			}
		).insert()
		contract = frappe.get_doc(
			{
				"doctype": "Contract",
				"campaign": CAMPAIGN,
				"contract_kind": c.CONTRACT_KINDS[1],
				"signing_date": "2023-05-20",
				"term_start": "2023-05-20",
				"term_end": "2024-05-19",
				"covered_enterprises": [{"enterprise": enterprise.name, "covered_workers": 100}],
			}
		).insert()
		site = frappe.get_doc(
			{
				"doctype": "Demonstration Site",
				"site_name": f"{MARK}示范点{home}",
				"campaign": CAMPAIGN,
				"reporting_body": c.BODY_UNION,
				"region": home,
				"site_kind": c.SITE_KINDS[0],
				"covers": "C 制造业",
				"reason": "<p>示范</p>",
				"enterprises": [{"enterprise": enterprise.name}],
				"activities": [{"activity_kind": c.SITE_ACTIVITIES[0], "held_on": "2023-05-10", "attendance": 40}],
			}
		).insert()
		case = frappe.get_doc(
			{
				"doctype": "Typical Case",
				"case_title": f"{MARK}案例{home}",
				"campaign": CAMPAIGN,
				"reporting_body": c.BODY_UNION,
				"region": home,
				"topic": c.CASE_TOPICS[0],
				"enterprises": [{"enterprise": enterprise.name}],
				"story": "<p>协商过程</p>",
				"result": "<p>成效</p>",
			}
		).insert()
		report = frappe.get_doc(
			{
				"doctype": "Unit Report",
				"campaign": CAMPAIGN,
				"reporting_unit": home,
				"reporting_body": c.BODY_UNION,
				"as_of_date": "2023-06-30",
				"rows": [{"report_category": c.PRIVATE, "offered_enterprises": 1, "offered_workers": 100, "refused_enterprises": 1}],
				"demonstration_sites": [{"demonstration_site": site.name}],
				"typical_cases": [{"typical_case": case.name}],
			}
		)
		report.set_refusal_sheet(
			[{"enterprise_name": f"{MARK}拒绝企业{home}", "report_category": c.PRIVATE, "refusal_kind": c.REFUSED, "reason": "其他"}]
		)
		report.insert()
		instructor = frappe.get_doc(
			{
				"doctype": "Bargaining Instructor",
				"full_name": f"{MARK}指导员{home}",
				"reporting_body": c.BODY_UNION,
				"instructor_kind": c.INSTRUCTOR_KINDS[1],
				"region": home,
				"assignments": [{"assigned_on": "2023-03-05", "enterprise": enterprise.name}],
			}
		).insert()
		check = frappe.get_doc(
			{
				"doctype": "Contract Performance Check",
				"contract": contract.name,
				"check_date": "2023-06-10",
				"checker": "检查人",
				"checker_body": c.BODY_UNION,
				"wage_terms_honoured": c.WAGE_TERMS_HONOURED[0],
				"findings": "按协议履行",
			}
		).insert()
		wage = frappe.get_doc(
			{"doctype": "Minimum Wage Standard", "region": home, "tier": "一类", "effective_from": "2031-01-01", "monthly_wage": 2000}
		).insert()
		guideline = frappe.get_doc(
			{"doctype": "Wage Guideline", "region": home, "year": 2031, "effective_from": "2031-01-01", "baseline": 6, "upper": 9, "lower": 3}
		).insert()
		talks_offer, talks, coordination = negotiation_records(home)
		for key, doc in (
			("Enterprise", enterprise), ("Offer", offer), ("Contract", contract), ("Demonstration Site", site),
			("Typical Case", case), ("Unit Report", report), ("Bargaining Instructor", instructor),
			("Contract Performance Check", check), ("Minimum Wage Standard", wage), ("Wage Guideline", guideline),
			("Offer", talks_offer), ("Negotiation", talks), ("Negotiation Coordination", coordination),
		):
			records[key][doc.name] = home
		records["Region"][home] = home
		for name in frappe.get_all("Unit Report Refusal", filters={"unit_report": report.name}, pluck="name"):
			records["Unit Report Refusal"][name] = home
		for key in POLICY:
			if " < " not in key:
				continue
			child, parent = key.split(" < ")
			parent_doc = {"Offer": offer, "Contract": contract, "Unit Report": report, "Demonstration Site": site,
				"Typical Case": case, "Bargaining Instructor": instructor, "Negotiation": talks,
				"Negotiation Coordination": coordination}.get(parent)
			for table in parent_doc.meta.get_table_fields() if parent_doc else ():
				if table.options == child:
					for row in parent_doc.get(table.fieldname):
						records[key][row.name] = home
		from springoffer.portal import answers, links

		links.ensure(offer)
		answers.log(answers.OPENED, offer.name)
		records["Answer Link"][frappe.db.get_value("Answer Link", {"offer": offer.name})] = home
		records["Answer Log"][frappe.db.get_value("Answer Log", {"offer": offer.name})] = home
		for voucher in (offer.name, contract.name):
			for name in frappe.get_all("Annex Ledger Entry", filters={"voucher_no": voucher}, pluck="name"):
				records["Annex Ledger Entry"][name] = home
	records["Campaign"] = {CAMPAIGN: "湖南省", "2023年春季要约行动": "湖南省"}
	schedule = frappe.get_doc("Holiday Schedule", "2023")  # prefilled at install
	records["Holiday Schedule"] = {schedule.name: "湖南省"}
	records["Holiday Schedule Day < Holiday Schedule"] = {row.name: "湖南省" for row in schedule.days[:3]}
	spot_check = frappe.get_doc(
		{"doctype": "Spot Check", "campaign": CAMPAIGN, "checking_body": c.BODY_UNION, "per_city": 5, "seed": 7}
	).insert()
	spot_check.draw_sample()
	records["Spot Check"][spot_check.name] = "湖南省"  # the province's: its rows belong to no city
	for row in spot_check.items:
		records["Spot Check Item < Spot Check"][row.name] = "湖南省"
	from springoffer.security.audit import record_export

	for home in HOMES:
		record_export("附件 Excel", unit=home, campaign=CAMPAIGN)
		name = frappe.get_all("Annex Export Log", filters={"reporting_unit": home}, order_by="creation desc", limit=1, pluck="name")[0]
		records["Annex Export Log"][name] = home
	for doctype, names in records.items():  # for the sidebar's "assigned to" counts
		for name in names if " < " not in doctype else ():
			frappe.get_doc(
				{"doctype": "ToDo", "status": "Open", "allocated_to": ASSIGNEE, "reference_type": doctype, "reference_name": name, "description": MARK}
			).db_insert()
	return records


def negotiation_records(home):
	"""An offer answered 同意协商 in `home`, its negotiation (three a side, one meeting) and a coordination
	of it accepted by HRSS and extended once: every new record of issue 28 with a row in each child table."""
	enterprise = make_enterprise(region=home, name=f"{MARK}协商企业{home}", is_above_scale=1)
	offer = frappe.get_doc(
		{
			"doctype": "Offer",
			"campaign": CAMPAIGN,
			"scope": c.SCOPE_SINGLE,
			"date_sent": "2023-03-10",
			"delivered_on": "2023-03-10",
			"delivery_method": c.DELIVERY_BY_HAND,
			"covered_enterprises": [{"enterprise": enterprise.name, "covered_workers": 100}],
			"response": c.AGREED,
			"response_date": "2023-03-20",
			"worker_chief_representative": "王工会",
			"employer_chief_representative": "张厂长",
		}
	).insert()
	talks = frappe.get_doc("Negotiation", {"offer": offer.name})
	talks.set(
		"representatives",
		[{"side": "职工方", "representative_name": name, "is_chief": int(i == 0)} for i, name in enumerate(("王工会", "李职工", "赵职工"))]
		+ [{"side": "企业方", "representative_name": name, "is_chief": int(i == 0)} for i, name in enumerate(("张厂长", "钱经理", "孙主任"))],
	)
	talks.recorder = "周记录"
	talks.append("meetings", {"held_on": "2023-03-28", "chair": "王工会", "place": "企业会议室", "outcome": "继续协商", "record_text": "首次协商"})
	talks.save()
	coordination = frappe.get_doc(
		{
			"doctype": "Negotiation Coordination",
			"negotiation": talks.name,
			"applicant": "职工方",
			"applied_on": "2023-04-01",
			"dispute_facts": "工资增幅分歧",
			"accepted_on": "2023-04-02",
			"hrss_coordinator": "人社局 刘协调",
			"extensions": [{"extended_on": "2023-04-20", "days": 10, "reason": "双方需补充材料"}],
		}
	).insert()
	talks.reload()
	return offer, talks, coordination


def quick_user(email, role, region):
	"""A desk user with one role, confined to `region` when given. Written straight to the tables:
	User.insert takes most of a second each and thirty are needed."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{"doctype": "User", "name": email, "email": email, "first_name": email.split("@")[0], "user_type": "System User", "enabled": 1}
		)
		user.db_insert()
		frappe.get_doc({"doctype": "Has Role", "parent": email, "parenttype": "User", "parentfield": "roles", "role": role}).db_insert()
		frappe.clear_cache(user=email)
	if region and not frappe.db.exists("User Permission", {"user": email, "allow": "Region", "for_value": region}):
		frappe.get_doc({"doctype": "User Permission", "user": email, "allow": "Region", "for_value": region}).insert(ignore_permissions=True)


def markers(records):
	"""{home: strings that name the fixture's records there} (names, credit codes, titles)."""
	found = {home: set() for home in HOMES}
	for key in (
		"Enterprise", "Offer", "Contract", "Unit Report", "Demonstration Site", "Typical Case", "Bargaining Instructor",
		"Negotiation", "Negotiation Coordination",
	):
		for name, home in records[key].items():
			found[home].add(name)
	for home in HOMES:
		found[home] |= {f"{MARK}{kind}{home}" for kind in ("企业", "示范点", "案例", "指导员", "拒绝企业", "协商企业")}
	return found


def text_of(answer):
	"""Everything an answer says, as text: JSON for data, every member's XML for .xlsx/.docx/.zip
	(character references such as &#38271; unescaped: openpyxl writes Chinese that way)."""
	import html
	import zipfile

	if isinstance(answer, bytes | bytearray):
		try:
			archive = zipfile.ZipFile(io.BytesIO(answer))
		except zipfile.BadZipFile:
			return html.unescape(answer.decode("utf-8", "ignore"))
		return "".join(text_of(archive.read(member)) for member in archive.namelist())
	return frappe.as_json(answer)


# ---- the doors -----------------------------------------------------------------------------------


def call(cmd, **kwargs):
	"""A whitelisted method called the way a request calls it: overrides apply."""
	import frappe.handler

	frappe.local.form_dict = frappe._dict(kwargs)
	frappe.local.response = frappe._dict({"docs": []})
	frappe.local.request = frappe._dict(method="POST")
	try:
		return frappe.handler.execute_cmd(cmd)
	finally:
		frappe.local.form_dict = frappe._dict()
		del frappe.local.request


def _filters(names):
	return frappe.as_json([["name", "in", list(names)]])


def list_door(door, doctype, parent, names):
	"""Names the door returns (from `names`), or raises frappe.PermissionError."""
	where = _filters(names)
	if door == "client.get_list":
		rows = call("frappe.client.get_list", doctype=doctype, filters=where, fields='["name"]', limit_page_length=0, parent=parent)
		return {row["name"] for row in rows}
	if door == "client.get_count":
		return call("frappe.client.get_count", doctype=doctype, filters=where)
	if door == "reportview.get":
		args = {"doctype": doctype, "fields": '["name"]', "filters": where, "page_length": 500}
		if parent:
			args["parent_doctype"] = parent
		result = call("frappe.desk.reportview.get", **args)
		return {row[0] for row in (result or {}).get("values", [])}
	if door == "reportview.get_count":
		return call("frappe.desk.reportview.get_count", doctype=doctype, filters=where)
	if door == "listview.get_group_by_count":
		rows = call("frappe.desk.listview.get_group_by_count", doctype=doctype, current_filters=where, field="owner")
		return sum(row["count"] for row in rows)
	if door == "listview.get_group_by_count assigned_to":
		rows = call("frappe.desk.listview.get_group_by_count", doctype=doctype, current_filters=where, field="assigned_to")
		return sum(row["count"] for row in rows if row["name"] == ASSIGNEE)
	if door == "reportview.get_sidebar_stats":
		stats = call("frappe.desk.reportview.get_sidebar_stats", stats='["owner"]', doctype=doctype, filters=where)
		return sum(count for _owner, count in stats["stats"].get("owner", []))
	if door == "reportview.export_query":
		call(
			"frappe.desk.reportview.export_query",
			doctype=doctype, file_format_type="CSV", fields=f'["`tab{doctype}`.`name`"]', filters=where, title="x",
		)
		rows = list(csv.reader(io.StringIO(frappe.response.filecontent.decode("utf-8"))))
		return {row[1] for row in rows[1:]}
	if door in ("search.search_link", "search_link_ignoring_user_permissions"):
		found = call(
			"frappe.desk.search.search_link",
			doctype=doctype, txt="", filters=where, page_length=500,
			ignore_user_permissions=1 if door != "search.search_link" else 0,
		)
		return {row["value"] for row in found}
	raise KeyError(door)


def each_door(door, doctype, parent, name):
	"""True when the door answers about `name`, False when it refuses."""
	try:
		if door == "client.get_value":
			value = call("frappe.client.get_value", doctype=doctype, fieldname="name", filters=frappe.as_json({"name": name}), parent=parent)
			return bool(value)
		if door == "client.get":
			return call("frappe.client.get", doctype=doctype, name=name, parent=parent)["name"] == name
		if door == "client.validate_link":
			return call("frappe.client.validate_link", doctype=doctype, docname=name).get("name") == name
		if door == "form.load.getdoc":
			call("frappe.desk.form.load.getdoc", doctype=doctype, name=name)
			return any(doc.name == name for doc in frappe.response.docs)
		if door == "printview":
			from frappe.www.printview import get_html_and_style

			return bool(get_html_and_style(doctype, name=name)["html"])
	except (frappe.PermissionError, frappe.DoesNotExistError):
		return False
	finally:
		frappe.clear_last_message()
		frappe.local.message_log = []
	raise KeyError(door)


def output_door(door, home, records):
	"""The answer of a report, download, card or chart (bytes for files), or raises PermissionError."""
	unit_filters = {"campaign": CAMPAIGN, "reporting_unit": home, "as_of_date": "2023-06-30"}
	if door.startswith("report "):
		name = door.removeprefix("report ")
		filters = {"campaign": CAMPAIGN}
		if home:
			filters = dict(unit_filters)
		if name == "Focus Area Enterprises":
			filters.update(area=c.FOCUS_AREAS[0], column="offered")
		if name.startswith("Quality Evaluation Enterprises"):
			name, _sep, coordinations = name.partition(" (")
			filters.update(column="coordinations" if coordinations else "signed")
		return call("frappe.desk.query_report.run", report_name=name, filters=frappe.as_json(filters))
	if door == "api.annex_figures (REST)":
		response = call("springoffer.api.annex_figures", campaign=CAMPAIGN, unit=home, as_of="2023-06-30")
		return frappe.parse_json(response.get_data(as_text=True))["message"]
	if door == "api.download_annex (REST, desk button)":
		call("springoffer.api.download_annex", campaign=CAMPAIGN, unit=home, as_of="2023-06-30")
		return frappe.response.filecontent
	if door.startswith("unit_report."):
		name = next(name for name, where in records["Unit Report"].items() if where == home)
		call(f"springoffer.springoffer.doctype.unit_report.unit_report.{door.split('.')[1]}", name=name)
		return frappe.response.filecontent
	if door.startswith(("number card", "dashboard chart")):
		counts = {}
		for key in COUNTED:
			doctype, _sep, parent = key.partition(" < ")
			where = frappe.as_json([[doctype, "name", "in", list(records[key])]])
			if door.startswith("number card"):
				card = {"document_type": doctype, "parent_document_type": parent or None, "function": "Count"}
				counts[key] = call("frappe.desk.doctype.number_card.number_card.get_result", doc=frappe.as_json(card), filters=where)
			else:
				chart = {"name": "x", "chart_type": "Group By", "document_type": doctype, "parent_document_type": parent or None,
					"group_by_type": "Count", "group_by_based_on": "owner", "type": "Bar", "filters_json": where}
				data = call("frappe.desk.doctype.dashboard_chart.dashboard_chart.get", chart=frappe.as_json(chart), no_cache=1)
				counts[key] = sum(sum(dataset["values"]) for dataset in (data or {}).get("datasets", []))
		return counts
	raise KeyError(door)


class TestPermissionMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.records = build_fixture()
		for role, scope in itertools.product(ROLES, SCOPES):
			quick_user(user_for(role, scope), role, SCOPES[scope])

	def observe(self, key, door, kind):
		"""Names the door shows the current user (or their number, for counting doors), or REFUSED."""
		doctype, _sep, parent = key.partition(" < ")
		names = list(self.records[key])
		if kind == "each":
			return {name for name in names if each_door(door, doctype, parent or None, name)}
		try:
			return list_door(door, doctype, parent or None, names)
		except frappe.PermissionError:
			return REFUSED
		finally:
			frappe.clear_last_message()
			frappe.local.message_log = []

	def test_the_fixture_holds_records_of_every_row_of_the_policy(self):
		"""Otherwise a row of the policy would be proved on nothing: every DocType (child tables
		included) has records, a regional one in each of the three homes."""
		for key, (_readers, rule, _exceptions) in POLICY.items():
			homes = set(self.records[key].values())
			self.assertTrue(homes, key)
			if rule == "region":
				self.assertEqual(homes, set(HOMES), key)

	def test_policy_at_every_door(self):
		failures = []
		by_user = sorted(cases(), key=lambda case: (case[1], case[2]))
		for (role, scope), group in itertools.groupby(by_user, key=lambda case: (case[1], case[2])):
			with self.set_user(user_for(role, scope)):
				for key, _role, _scope, door, kind in group:
					got = self.observe(key, door, kind)
					homes = expected(key, role, scope, door, kind)
					want = homes
					if homes != REFUSED:
						want = {name for name, home in self.records[key].items() if homes is None or home in homes}
						if isinstance(got, int):
							want = len(want)
					if got != want:
						failures.append(f"{key} | {role} | {scope} | {door}: expected {want}, got {got}")
		if failures:
			self.fail(f"{len(failures)} of {CASES} cases differ:\n" + "\n".join(failures[:30]))

	def test_only_hrss_writes_the_handling_of_a_coordination(self):
		"""Acceptance, coordinators, extensions, closing and result are permlevel 1, written by HRSS only
		(集体合同规定 Arts. 50–54): a union officer of the same city saving the form, or setting one field
		through the API, keeps what HRSS recorded, while its own level-0 fields save; an HRSS officer's do."""
		name = next(name for name, home in self.records["Negotiation Coordination"].items() if home == "株洲市")
		handling = ("accepted_on", "hrss_coordinator", "union_coordinator", "enterprise_coordinator", "closed_on", "result", "remaining_issues", "status", "due_date")

		def recorded():
			doc = frappe.get_doc("Negotiation Coordination", name)
			return {field: doc.get(field) for field in handling}, [(str(row.extended_on), row.days) for row in doc.extensions], doc.dispute_facts

		before, extensions, _facts = recorded()
		self.assertEqual((before["status"], extensions), ("协调中", [("2023-04-20", 10)]))
		union, hrss = user_for("Trade Union Officer", "city"), user_for("HRSS Officer", "city")
		sent = frappe.get_doc("Negotiation Coordination", name).as_dict()
		sent.update(
			{"accepted_on": "2023-04-03", "hrss_coordinator": "工会自己", "union_coordinator": "工会 陈", "enterprise_coordinator": "企联 何",
			 "closed_on": "2023-04-25", "result": "工会自行结案", "remaining_issues": "无", "dispute_facts": "工资增幅分歧（补充）",
			 "extensions": [{"extended_on": "2023-04-20", "days": 15}, {"extended_on": "2023-04-21", "days": 5}]}
		)
		with self.set_user(union):
			self.assertTrue(frappe.has_permission("Negotiation Coordination", "write", name))
			call("frappe.client.save", doc=frappe.as_json(sent))
			call("frappe.client.set_value", doctype="Negotiation Coordination", name=name, fieldname="closed_on", value="2023-04-25")
		after, after_extensions, facts = recorded()
		self.assertEqual((after, after_extensions), (before, extensions))
		self.assertEqual(facts, "工资增幅分歧（补充）")  # level 0: the applicant's side may complete the facts
		with self.set_user(hrss):
			call("frappe.client.set_value", doctype="Negotiation Coordination", name=name, fieldname="remaining_issues", value="加班工资另行协商")
		self.assertEqual(recorded()[0]["remaining_issues"], "加班工资另行协商")
		# HRSS closes it; a new application by the union starts unaccepted, whatever it sends
		closing = {"union_coordinator": "工会 陈", "enterprise_coordinator": "企联 何", "result": "双方达成一致", "closed_on": "2023-04-25"}
		with self.set_user(hrss):
			call("frappe.client.set_value", doctype="Negotiation Coordination", name=name, fieldname=frappe.as_json(closing))
		self.assertEqual(recorded()[0]["status"], "已结案")
		application = {
			"doctype": "Negotiation Coordination", "negotiation": frappe.db.get_value("Negotiation Coordination", name, "negotiation"),
			"applicant": "职工方", "applied_on": "2023-05-02", "dispute_facts": "再次分歧", "accepted_on": "2023-05-02",
			"hrss_coordinator": "工会自己", "closed_on": "2023-05-03", "result": "工会自行结案",
			"extensions": [{"extended_on": "2023-05-02", "days": 15}],
		}
		with self.set_user(union):
			new = call("frappe.client.insert", doc=frappe.as_json(application))
		stored = frappe.get_doc("Negotiation Coordination", new["name"])
		self.assertEqual(
			(stored.accepted_on, stored.hrss_coordinator, stored.closed_on, stored.result, len(stored.extensions), stored.status),
			(None, None, None, None, 0, "待受理"),
		)
		self.assertEqual(stored.dispute_facts, "再次分歧")

	def test_every_child_table_of_the_module_is_confined_to_its_parents(self):
		"""Child tables added later are covered too: the hook is registered for every DocType."""
		from springoffer.security.permissions import child_conditions, query_conditions

		tables = frappe.get_all("DocType", filters={"module": "Springoffer", "istable": 1}, pluck="name")
		self.assertGreaterEqual(len(tables), 11)
		user = user_for("System Manager", "city")
		for table in tables:
			self.assertEqual(query_conditions(user, table), child_conditions(user, table))
			self.assertIn("`parent` in (", query_conditions(user, table), table)
		self.assertEqual(query_conditions(user, "ToDo"), "")
		self.assertEqual(query_conditions(user_for("System Manager", "province"), "Offer"), "")

	def test_reports_exports_cards_and_charts(self):
		names = markers(self.records)
		failures, naming = [], set()
		by_user = sorted(output_cases(), key=lambda case: (case[1], case[2]))
		for (role, scope), group in itertools.groupby(by_user, key=lambda case: (case[1], case[2])):
			outside = set().union(*(names[home] for home in HOMES if home not in SUBTREE[scope]))
			with self.set_user(user_for(role, scope)):
				for door, _role, _scope, home in group:
					readers, kind = OUTPUT_POLICY[door]
					refused = (
						role not in readers
						or (home is not None and home not in SUBTREE[scope])
						or (kind == "province" and scope != "province")
					)
					try:
						answer = output_door(door, home, self.records)
					except frappe.PermissionError:
						answer = REFUSED
					finally:
						frappe.clear_last_message()
						frappe.local.message_log = []
					case = f"{door} | {role} | {scope} | {home or '-'}"
					if refused != (answer == REFUSED):
						failures.append(f"{case}: expected {'refused' if refused else 'an answer'}, got {str(answer)[:80]}")
					elif answer != REFUSED and kind == "count":
						want = {key: sum(1 for where in self.records[key].values() if where in SUBTREE[scope]) for key in COUNTED}
						if answer != want:
							failures.append(f"{case}: expected {want}, got {answer}")
					elif answer != REFUSED:
						text = text_of(answer)
						leaked = sorted(marker for marker in outside if marker in text)
						if leaked:
							failures.append(f"{case}: names records outside the scope: {leaked}")
						if any(marker in text for marker in names.get(home, ())):
							naming.add(door)
		if failures:
			self.fail(f"{len(failures)} of {OUTPUT_CASES} cases differ:\n" + "\n".join(failures[:40]))
		# The leak check looks for names these answers do print for the caller's own records.
		self.assertLessEqual(
			{"report Spring Offer Annex Enterprises", "api.annex_figures (REST)", "api.download_annex (REST, desk button)",
			 "unit_report.download", "unit_report.download_package", "report Instructor Workload",
			 "report Quality Evaluation Enterprises", "report Quality Evaluation Enterprises (coordinations)"},
			naming,
		)


class TestDoorsOverHttp(api_test.FrappeAPITestCase):
	"""The two doors the issue found, knocked on over HTTP with a 株洲市 union officer's API key
	(the request runs on its own connection, so the fixture is committed and removed afterwards)."""

	USER = "pm.http.zhuzhou@example.com"

	@classmethod
	def setUpClass(cls):
		from frappe.core.doctype.user.user import generate_keys

		super().setUpClass()
		make_user(cls.USER, ["Trade Union Officer"], region="株洲市")
		generate_keys(cls.USER)
		cls.enterprises = [make_enterprise(region=region, name=f"{MARK}HTTP企业{region}").name for region in ("长沙市", "株洲市")]
		cls.offers = [
			frappe.get_doc(
				{
					"doctype": "Offer",
					"campaign": "2023年春季要约行动",
					"scope": c.SCOPE_SINGLE,
					"date_sent": "2023-03-10",
					"covered_enterprises": [{"enterprise": enterprise, "covered_workers": 10}],
				}
			).insert().name
			for enterprise in cls.enterprises
		]
		frappe.db.commit()
		user = frappe.get_doc("User", cls.USER)
		cls.token = f"{user.api_key}:{user.get_password('api_secret')}"
		cls.addClassCleanup(cls.remove)

	@classmethod
	def remove(cls):
		from springoffer.devtools.commits import delete_records

		delete_records("Offer", cls.offers)
		delete_records("Enterprise", cls.enterprises)
		frappe.db.commit()

	def knock(self, path, **params):
		from urllib.parse import urlencode

		api_test.authorization_token = self.token
		try:
			return self.get(f"{path}?{urlencode(params)}")
		finally:
			api_test.authorization_token = None

	def test_count_of_another_citys_enterprises_is_its_own_only(self):
		where = frappe.as_json({"name": ["in", self.enterprises]})
		response = self.knock(self.method("frappe.client.get_count"), doctype="Enterprise", filters=where)
		self.assertEqual(response.status_code, 200)
		self.assertEqual(response.json["message"], 1)

	def test_child_rows_of_another_citys_offer_are_neither_listed_nor_read(self):
		where = frappe.as_json({"parent": ["in", self.offers]})
		response = self.knock(
			self.method("frappe.client.get_list"),
			doctype="Offer Coverage", parent="Offer", fields='["enterprise"]', filters=where, limit_page_length=0,
		)
		self.assertEqual(response.status_code, 200)
		self.assertEqual([row["enterprise"] for row in response.json["message"]], [self.enterprises[1]])
		outside, inside = (frappe.get_all("Offer Coverage", filters={"parent": offer}, pluck="name")[0] for offer in self.offers)
		self.assertEqual(self.knock(self.resource("Offer Coverage", outside), parent="Offer").status_code, 403)
		self.assertEqual(self.knock(self.resource("Offer Coverage", inside), parent="Offer").status_code, 200)
