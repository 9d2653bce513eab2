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
	tree = ast.parse((APP / "hooks.py").read_text(encoding="utf-8"))
	values = {}
	for node in tree.body:
		if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
			try:
				values[node.targets[0].id] = ast.literal_eval(node.value)
			except ValueError:
				pass
	return values


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
		("Offer", "refusal_reason"): ("",) + c.REFUSAL_REASONS,
		("Offer", "hrss_handling"): ("",) + c.HRSS_HANDLINGS,
		("Contract", "contract_kind"): c.CONTRACT_KINDS,
		("Contract", "wage_adjustment"): ("",) + c.WAGE_ADJUSTMENTS,
		("Unit Report", "reporting_body"): c.REPORTING_BODIES,
		("Unit Report Row", "report_category"): c.REPORT_CATEGORIES,
		("Unit Report Refusal", "report_category"): c.REPORT_CATEGORIES,
		("Unit Report Refusal", "refusal_kind"): (c.REFUSED, c.OVERDUE),
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


def test_fixtures_are_listed_in_hooks():
	listed = {entry["dt"] if isinstance(entry, dict) else entry for entry in hooks()["fixtures"]}
	for path in fixture_files():
		doctypes_in_file = {record["doctype"] for record in load(path)}
		assert doctypes_in_file <= listed, path
		assert path.stem == scrub(next(iter(doctypes_in_file)))
	for entry in hooks()["fixtures"]:
		assert (APP / "fixtures" / f"{scrub(entry['dt'])}.json").exists(), entry


def test_hook_paths_point_at_functions():
	values = hooks()
	for key in ("after_install", "after_migrate", "before_uninstall"):
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
