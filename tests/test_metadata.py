"""Static checks of the app's metadata: what bench would trip over, found without Frappe."""

import ast
import json
import re

import pytest
from app_files import (
	APP,
	MODULE,
	ROOT,
	doctype_files,
	doctypes,
	fixture_files,
	js_messages,
	load,
	metadata_labels,
	python_messages,
	report_files,
	translations,
)

from springoffer.core import categories as c
from springoffer.core import regions

FRAPPE_DOCTYPES = {"User", "Role", "File", "Workflow State", "DocType", "Module Def"}
DOCTYPES = doctypes()


def scrub(name):
	return name.lower().replace(" ", "_").replace("-", "_")


def hooks():
	"""The hook values, as Frappe reads them: public module-level names of springoffer.hooks."""
	import importlib

	module = importlib.import_module("springoffer.hooks")
	return {name: value for name, value in vars(module).items() if not name.startswith("_")}


def defined_functions(dotted):
	"""True when `a.b.c` names a function defined at module level in the app's source."""
	module, _, function = dotted.rpartition(".")
	path = ROOT / (module.replace(".", "/") + ".py")
	if not path.exists():
		path = ROOT / module.replace(".", "/") / "__init__.py"
	if not path.exists():
		return False
	tree = ast.parse(path.read_text(encoding="utf-8"))
	return any(isinstance(node, ast.FunctionDef) and node.name == function for node in tree.body)


def test_every_json_file_loads():
	files = list(APP.rglob("*.json"))
	assert len(files) > 10
	for path in files:
		json.loads(path.read_text(encoding="utf-8"))


def test_package_layout():
	for path in ("setup.py", "pyproject.toml", "README.md", "springoffer/__init__.py", "springoffer/hooks.py", "springoffer/modules.txt", "springoffer/patches.txt", "springoffer/translations/zh.csv"):
		assert (ROOT / path).exists(), path
	assert re.search(r'^__version__ = "[\d.]+"', (APP / "__init__.py").read_text(), re.M)
	assert (APP / "modules.txt").read_text().split() == ["Springoffer"]
	assert (MODULE / "__init__.py").exists()


def test_setup_py_uses_setuptools_and_never_requires_frappe():
	assert "setuptools.build_meta" in (ROOT / "pyproject.toml").read_text()
	setup = (ROOT / "setup.py").read_text()
	requires = re.search(r"install_requires=\[(.*?)\]", setup, re.S).group(1)
	assert "frappe" not in requires.lower()


@pytest.mark.parametrize("path", doctype_files(), ids=lambda p: p.parent.name)
def test_doctype_layout(path):
	data = load(path)
	assert data["doctype"] == "DocType"
	assert path.parent.name == scrub(data["name"]) == path.stem
	assert data["module"] == "Springoffer"
	fieldnames = [f["fieldname"] for f in data["fields"]]
	assert len(fieldnames) == len(set(fieldnames)), "duplicate fieldnames"
	assert data["field_order"] == fieldnames
	assert (path.parent / "__init__.py").exists()
	controller = (path.parent / f"{path.stem}.py").read_text(encoding="utf-8")
	class_name = data["name"].replace(" ", "")
	assert re.search(rf"^class {class_name}\(", controller, re.M), class_name
	for field in data["fields"]:
		assert re.fullmatch(r"[a-z][a-z0-9_]*", field["fieldname"]), field["fieldname"]


def test_links_and_tables_resolve():
	for name, data in DOCTYPES.items():
		for field in data["fields"]:
			if field["fieldtype"] == "Link":
				target = field["options"]
				assert target in DOCTYPES or target in FRAPPE_DOCTYPES, (name, field["fieldname"], target)
				assert not DOCTYPES.get(target, {}).get("istable"), (name, field["fieldname"])
			if field["fieldtype"] in ("Table", "Table MultiSelect"):
				assert DOCTYPES[field["options"]].get("istable") == 1, (name, field["fieldname"])
			if field.get("fetch_from"):
				link, _, target_field = field["fetch_from"].partition(".")
				link_field = next(f for f in data["fields"] if f["fieldname"] == link)
				target_fields = {f["fieldname"] for f in DOCTYPES[link_field["options"]]["fields"]}
				assert target_field in target_fields, field["fetch_from"]


def test_select_options_come_from_the_core():
	expected = {
		("Enterprise", "report_category"): c.REPORT_CATEGORIES,
		("Enterprise", "industry"): ("",) + c.INDUSTRIES,
		("Offer", "scope"): c.OFFER_SCOPES,
		("Offer", "offering_side"): c.OFFERING_SIDES,
		("Offer", "main_topic"): c.OFFER_TOPICS,
		("Offer", "response"): c.RESPONSES,
		("Offer", "delivery_method"): ("",) + c.DELIVERY_METHODS,
		("Offer", "delivery_status"): c.DELIVERY_STATES,
		("Offer", "refusal_reason"): ("",) + c.REFUSAL_REASONS,
		("Offer", "hrss_handling"): ("",) + c.HRSS_HANDLINGS,
		("Contract", "contract_kind"): c.CONTRACT_KINDS,
		("Contract", "wage_adjustment"): ("",) + c.WAGE_ADJUSTMENTS,
		("Unit Report", "reporting_body"): c.REPORTING_BODIES,
		("Unit Report Row", "report_category"): c.REPORT_CATEGORIES,
		("Unit Report Refusal", "report_category"): c.REPORT_CATEGORIES,
		("Unit Report Refusal", "refusal_kind"): (c.REFUSED, c.OVERDUE),
		("Demonstration Site", "reporting_body"): c.REPORTING_BODIES,
		("Demonstration Site", "site_kind"): c.SITE_KINDS,
		("Demonstration Site", "industry"): ("",) + c.INDUSTRIES,
		("Demonstration Site Activity", "activity_kind"): c.SITE_ACTIVITIES,
		("Typical Case", "reporting_body"): c.REPORTING_BODIES,
		("Typical Case", "topic"): c.CASE_TOPICS,
		("Contract Performance Check", "wage_terms_honoured"): c.WAGE_TERMS_HONOURED,
		("Contract Performance Check", "checker_body"): c.REPORTING_BODIES,
		("Spot Check", "checking_body"): c.REPORTING_BODIES,
		("Spot Check Item", "result"): ("",) + c.SPOT_CHECK_RESULTS,
		("Spot Check Item", "rectification"): ("",) + c.RECTIFICATION_STATES,
		("Bargaining Instructor", "reporting_body"): c.REPORTING_BODIES,
		("Bargaining Instructor", "instructor_kind"): c.INSTRUCTOR_KINDS,
		("Offer", "employer_representative_recommended_by"): ("",) + c.EMPLOYER_REP_SOURCES,
		("Contract", "employer_representative_recommended_by"): ("",) + c.EMPLOYER_REP_SOURCES,
	}
	for (doctype, fieldname), options in expected.items():
		field = next(f for f in DOCTYPES[doctype]["fields"] if f["fieldname"] == fieldname)
		assert field["options"].split("\n") == list(options), (doctype, fieldname)


def test_form_wording_is_the_notice_character_for_character():
	notice = (ROOT.parent / "shared" / "seed" / "notice-xiangrenshefa-2023-11.txt")
	if not notice.exists():
		pytest.skip("shared/seed is not beside this checkout")
	text = re.sub(r"\s+", "", notice.read_text(encoding="utf-8"))
	folded = c.normalize_label(text)
	for phrase in (c.ANNEX_TITLE, c.HEADER_CATEGORY, c.HEADER_OFFERED, c.HEADER_RESPONDED, c.HEADER_SIGNED, c.HEADER_ENTERPRISES, c.HEADER_WORKERS, *c.REPORT_CATEGORIES, c.NOTE_2.replace(" ", "")):
		assert c.normalize_label(phrase) in folded, phrase
	# headers the scan broke across lines
	assert "不予回应(拒绝协商)企业数" in c.normalize_label(c.HEADER_REFUSED).replace("（", "(").replace("）", ")")
	assert "企业拒绝协商原因以及人社部门处理情况" in text
	assert "请各地于2023年6月30日前上报" in text


def fixture_roles():
	return {record["name"] for path in fixture_files() for record in load(path) if record.get("doctype") == "Role"}


def test_every_permission_role_exists():
	known = fixture_roles() | {"System Manager", "Administrator", "All"}
	assert fixture_roles() == set(c.ROLES)
	for name, data in DOCTYPES.items():
		for permission in data.get("permissions", []):
			assert permission["role"] in known, (name, permission["role"])
	for path in report_files():
		for role in load(path).get("roles", []):
			assert role["role"] in known, (path, role)


def test_child_tables_have_no_permissions_and_parents_have_some():
	for name, data in DOCTYPES.items():
		if data.get("istable"):
			assert not data.get("permissions"), name
		else:
			assert any(p["role"] == "System Manager" for p in data["permissions"]), name


def test_hrss_alone_writes_hrss_fields():
	for doctype in ("Offer", "Contract"):
		writers = {p["role"] for p in DOCTYPES[doctype]["permissions"] if p.get("permlevel") == 1 and p.get("write")}
		assert writers == {"HRSS Officer", "System Manager"}, doctype
		level1 = {f["fieldname"] for f in DOCTYPES[doctype]["fields"] if f.get("permlevel") == 1}
		assert level1, doctype


def test_fixtures_are_listed_in_hooks_and_their_filters_match_the_files():
	entries = {entry["dt"]: entry for entry in hooks()["fixtures"]}
	for path in fixture_files():
		records = load(path)
		doctype = records[0]["doctype"]
		assert {record["doctype"] for record in records} == {doctype}
		assert path.stem == scrub(doctype)
		(field, operator, names), = entries[doctype]["filters"]
		assert (field, operator) == ("name", "in")
		assert sorted(record["name"] for record in records) == sorted(names), doctype
	for doctype in entries:
		assert (APP / "fixtures" / f"{scrub(doctype)}.json").exists(), doctype


def fixture(doctype):
	return load(APP / "fixtures" / f"{scrub(doctype)}.json")


def test_workflows_use_shipped_states_actions_and_roles():
	states = {r["name"] for r in fixture("Workflow State")}
	actions = {r["name"] for r in fixture("Workflow Action Master")}
	roles = set(c.ROLES) | {"System Manager"}
	workflows = {w["document_type"]: w for w in fixture("Workflow")}
	assert set(workflows) == {"Contract", "Unit Report", "Typical Case"}
	expected_states = {"Contract": c.CONTRACT_STATES, "Unit Report": c.REPORT_STATES, "Typical Case": c.REPORT_STATES}
	for doctype, workflow in workflows.items():
		assert workflow["workflow_state_field"] == "workflow_state"
		field = next(f for f in DOCTYPES[doctype]["fields"] if f["fieldname"] == "workflow_state")
		assert field["options"] == "Workflow State" and field.get("allow_on_submit") == 1 and field.get("no_copy") == 1
		used = [row["state"] for row in workflow["states"]]
		assert list(dict.fromkeys(used)) == list(expected_states[doctype]), doctype
		for row in workflow["states"]:
			assert row["state"] in states and row["allow_edit"] in roles
			if row.get("update_field"):
				assert row["update_field"] in {f["fieldname"] for f in DOCTYPES[doctype]["fields"]}
		for t in workflow["transitions"]:
			assert t["state"] in used and t["next_state"] in used, t
			assert t["action"] in actions and t["allowed"] in roles, t
		if doctype in ("Unit Report", "Typical Case"):
			assert DOCTYPES[doctype].get("is_submittable") == 1
			approvals = [t for t in workflow["transitions"] if t["state"] == c.REPORT_SUBMITTED]
			assert approvals and all(t["allow_self_approval"] == 0 for t in approvals)
			for t in approvals:  # only the same body's province reviewer
				body = next(b for b, (officer, reviewer) in c.BODY_ROLES.items() if t["allowed"] == reviewer)
				assert t["condition"] == f'doc.reporting_body == "{body}"'
		if doctype == "Contract":
			reviewers = {t["allowed"] for t in workflow["transitions"] if t["action"] in ("受理", "审查通过", "提出异议", "确认生效")}
			assert reviewers == {"HRSS Officer"}


def test_notifications_point_at_real_fields():
	for n in load(APP / "setup" / "notifications.json"):  # not fixtures: the site's edits survive migrate
		fields = {f["fieldname"]: f for f in DOCTYPES[n["document_type"]]["fields"]}
		if n["event"] in ("Days Before", "Days After"):
			assert fields[n["date_changed"]]["fieldtype"] == "Date", n["name"]
		if n["event"] == "Value Change":
			assert n["value_changed"] in fields, n["name"]
		for recipient in n["recipients"]:
			field = recipient["receiver_by_document_field"]
			assert field == "owner" or field in fields, (n["name"], field)
		assert n["channel"] == "System Notification" and n["enabled"] == 1


def test_hook_paths_point_at_functions():
	values = hooks()
	for key in ("after_install", "after_migrate", "before_uninstall", "before_tests"):
		assert defined_functions(values[key]), values[key]


def test_reports_are_standard_script_reports_with_code():
	assert report_files()
	for path in report_files():
		data = load(path)
		assert data["report_type"] == "Script Report" and data["is_standard"] == "Yes"
		assert data["ref_doctype"] in DOCTYPES
		assert path.parent.name == scrub(data["name"])
		source = (path.parent / f"{path.stem}.py").read_text(encoding="utf-8")
		assert "def execute(" in source
		assert f'frappe.query_reports["{data["name"]}"]' in (path.parent / f"{path.stem}.js").read_text(encoding="utf-8")


def translatable(text):
	return bool(re.search(r"[A-Za-z]{2}", text))


def test_every_user_visible_string_has_a_zh_translation():
	zh = translations()
	wanted = {s for s in metadata_labels() | python_messages() | js_messages() if translatable(s)}
	missing = sorted(s for s in wanted if s not in zh)
	assert not missing, missing
	assert len(wanted) > 150


def test_translations_keep_their_placeholders():
	for source, target in translations().items():
		assert set(re.findall(r"\{\d\}", source)) == set(re.findall(r"\{\d\}", target)), source
		assert re.search(r"[\u3400-\u9fff]", target), source


def test_shipped_regions_form_one_tree():
	rows = regions.shipped_regions()
	names = [row["name"] for row in rows]
	assert len(names) == len(set(names))
	assert rows[0] == {"name": "湖南省", "code": "430000", "parent": None, "level": "省"}
	seen = set()
	for row in rows:
		assert row["parent"] is None or row["parent"] in seen, row  # parents come first
		assert re.fullmatch(r"43\d{4}", row["code"]), row
		seen.add(row["name"])
	assert regions.CITIES == (
		"长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市",
		"张家界市", "益阳市", "郴州市", "永州市", "怀化市", "娄底市", "湘西土家族苗族自治州",
	)
	codes = {row["name"]: row["code"] for row in rows}
	for row in rows:
		if row["parent"] and row["parent"] != "湖南省":
			assert row["code"][:4] == codes[row["parent"]][:4], row


def test_workspace_cards_and_charts_resolve():
	reports = {load(path)["name"] for path in report_files()}
	cards = {load(p)["name"]: load(p) for p in MODULE.glob("number_card/*/*.json")}
	charts = {load(p)["name"]: load(p) for p in MODULE.glob("dashboard_chart/*/*.json")}
	for data in (*cards.values(), *charts.values()):
		assert data["is_standard"] == 1 and data["module"] == "Springoffer"
		if data.get("type") == "Custom" or data.get("chart_type") == "Report":
			continue  # cards computed by a method, charts drawn by a report: tests/test_desk.py
		fields = {f["fieldname"] for f in DOCTYPES[data["document_type"]]["fields"]}
		for _doctype, fieldname, *_rest in json.loads(data["filters_json"]):
			assert fieldname in fields, data["name"]
		if data.get("group_by_based_on"):
			assert data["group_by_based_on"] in fields
	(path,) = MODULE.glob("workspace/*/*.json")
	workspace = load(path)
	assert workspace["public"] == 1 and workspace["module"] == "Springoffer"
	for link in workspace["links"]:
		if link["type"] == "Link":
			assert link["link_to"] in (reports if link["link_type"] == "Report" else DOCTYPES), link
	pages = {load(p)["name"] for p in MODULE.glob("page/*/*.json")}
	for shortcut in workspace["shortcuts"]:
		assert shortcut["link_to"] in {"Report": reports, "Page": pages}.get(shortcut["type"], DOCTYPES), shortcut
	blocks = json.loads(workspace["content"])
	assert {b["data"]["number_card_name"] for b in blocks if b["type"] == "number_card"} == set(cards)
	assert {b["data"]["chart_name"] for b in blocks if b["type"] == "chart"} == set(charts)
	cards_in_links = {link["label"] for link in workspace["links"] if link["type"] == "Card Break"}
	assert {b["data"]["card_name"] for b in blocks if b["type"] == "card"} == cards_in_links


def test_report_filters_offer_the_core_options():
	"""Select filters written out in report JS name exactly the core's areas and bodies."""
	for path in MODULE.glob("report/*/*.js"):
		source = path.read_text(encoding="utf-8")
		for match in re.finditer(r'options: \[\s*("[^\]]*?"),?\s*\]', source):
			options = [o for o in json.loads("[" + match.group(1) + "]") if o]
			assert options in (list(c.FOCUS_AREAS), list(c.REPORTING_BODIES), list(c.REPORT_CATEGORIES)), (path.name, options)
	assert "国有企业（工资总额核准制）" in (MODULE / "report/focus_area_enterprises/focus_area_enterprises.js").read_text(encoding="utf-8")
