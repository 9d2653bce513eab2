"""The desk an officer opens, checked statically: workspace, number cards, chart, print formats and
module profile are valid, point at what exists, and speak Chinese (no Frappe needed)."""

import ast
import json
import re

from app_files import APP, MODULE, ROOT, doctypes, has_cjk, load, report_files, translations

from springoffer.core import categories as c

DOCTYPES = doctypes()
ZH = translations()


def module_function(dotted):
	"""True when `a.b.c` is a module-level function of the app, whitelisted."""
	module, _, name = dotted.rpartition(".")
	path = ROOT / (module.replace(".", "/") + ".py")
	tree = ast.parse(path.read_text(encoding="utf-8"))
	for node in tree.body:
		if isinstance(node, ast.FunctionDef) and node.name == name:
			return any("whitelist" in ast.unparse(d) for d in node.decorator_list)
	return False


def module_constant(module, name):
	"""A module-level constant of the app's source, read without importing it (it imports frappe)."""
	tree = ast.parse((ROOT / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8"))
	for node in tree.body:
		if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
			return node.value
	raise KeyError(name)


def literal(module, name):
	return ast.literal_eval(module_constant(module, name))


def chinese(text):
	"""A label as the desk shows it: itself when Chinese, else its zh translation."""
	return text if has_cjk(text) else ZH.get(text, "")


def test_workspace_is_chinese_and_for_the_campaign_roles():
	(path,) = MODULE.glob("workspace/*/*.json")
	ws = load(path)
	assert ws["public"] == 1 and ws["module"] == "Springoffer"
	assert {r["role"] for r in ws["roles"]} == set(c.ROLES) | {"System Manager"}
	assert chinese(ws["label"]) == "春季要约行动"
	blocks = json.loads(ws["content"])
	for block in blocks:
		if block["type"] == "header":
			text = re.sub(r"<[^>]+>", "", block["data"]["text"])
			assert has_cjk(text) and not re.search(r"[A-Za-z]{2}", text), text
		for key in ("number_card_name", "chart_name", "shortcut_name", "card_name"):
			if key in block["data"]:
				assert has_cjk(chinese(block["data"][key])), block
	cards = [b["data"]["number_card_name"] for b in blocks if b["type"] == "number_card"]
	assert len(cards) == len(set(cards)) >= 11


def test_number_cards_call_whitelisted_methods_with_known_items():
	open_work = {ast.literal_eval(k) for k in module_constant("springoffer.desk.workspace", "OPEN_WORK").keys}
	annex_columns = literal("springoffer.desk.workspace", "ANNEX_COLUMNS")
	names = set()
	for path in MODULE.glob("number_card/*/*.json"):
		card = load(path)
		names.add(card["name"])
		assert path.parent.name == card["name"].lower().replace(" ", "_")
		assert card["type"] == "Custom" and card["is_standard"] == 1 and card["is_public"] == 1
		assert module_function(card["method"]), card["method"]
		assert card["document_type"] in DOCTYPES  # Frappe's card permission reads it
		filters = json.loads(card["filters_json"])
		if card["method"].endswith("open_work"):
			assert filters["item"] in open_work
		else:
			assert card["method"].endswith("annex_figure") and filters["column"] in annex_columns
		assert has_cjk(chinese(card["label"])), card["label"]
	assert {"Enterprises Offered", "Enterprises Responded", "Enterprises Signed", "Enterprises Refusing"} <= names


def test_chart_is_the_annex_reports_own_chart():
	reports = {load(p)["name"] for p in report_files()}
	charts = [load(p) for p in MODULE.glob("dashboard_chart/*/*.json")]
	assert charts
	for chart in charts:
		assert chart["chart_type"] == "Report" and chart["use_report_chart"] == 1
		assert chart["report_name"] in reports and chart["is_standard"] == 1
		assert has_cjk(chinese(chart["chart_name"]))


def test_print_formats_are_standard_jinja_for_a4_in_chinese():
	formats = {load(p)["name"]: load(p) for p in MODULE.glob("print_format/*/*.json")}
	assert set(formats) == {"要约书", "回复函", "集体合同受理通知", "报送单位统计表", "协调处理协议书"}
	methods = set(__import__("springoffer.hooks", fromlist=["jinja"]).jinja["methods"])
	for name, pf in formats.items():
		assert pf["standard"] == "Yes" and pf["module"] == "Springoffer" and pf["print_format_type"] == "Jinja"
		assert pf["custom_format"] == 1 and pf["doc_type"] in DOCTYPES
		assert pf["default_print_language"] == "zh"
		assert "Noto Serif CJK SC" in pf["css"]  # a CJK font wkhtmltopdf finds (fonts-noto-cjk)
		html = pf["html"]
		text = re.sub(r"{[{%].*?[%}]}|<[^>]+>", "", html, flags=re.S)
		assert has_cjk(text) and not re.search(r"\b[A-Za-z]{3,}\b", text), name
		for helper in set(re.findall(r"\b(so_[a-z_]+)\(", html)):
			assert any(method.endswith(f".{helper}") for method in methods), helper
		fields = {f["fieldname"] for f in DOCTYPES[pf["doc_type"]]["fields"]} | {"name", "docstatus"}
		for field in set(re.findall(r"\bdoc\.([a-z_]+)", html)):
			assert field in fields, (name, field)
	assert "orientation: Landscape" in formats["报送单位统计表"]["css"]  # the 附件 is a wide form
	defaults = {dt: DOCTYPES[dt].get("default_print_format") for dt in ("Offer", "Contract", "Unit Report", "Negotiation Coordination")}
	assert defaults == {"Offer": "要约书", "Contract": "集体合同受理通知", "Unit Report": "报送单位统计表", "Negotiation Coordination": "协调处理协议书"}


def test_module_profile_and_system_settings_for_a_chinese_site():
	assert has_cjk(literal("springoffer.desk.setup", "MODULE_PROFILE"))
	assert literal("springoffer.desk.setup", "MODULE") == "Springoffer"
	assert literal("springoffer.desk.setup", "WORKSPACE") == load(next(MODULE.glob("workspace/*/*.json")))["name"]
	settings = literal("springoffer.desk.setup", "SYSTEM_SETTINGS")
	assert (settings["language"], settings["time_zone"], settings["date_format"], settings["number_format"]) == (
		"zh",
		"Asia/Shanghai",
		"yyyy-mm-dd",
		"#,###.##",
	)
	hooks = __import__("springoffer.hooks", fromlist=["doc_events"])
	assert hooks.doc_events["User"]["validate"] == "springoffer.desk.setup.user_validate"


def test_desk_scripts_are_served_and_translated():
	hooks = __import__("springoffer.hooks", fromlist=["app_include_js"])
	for asset in (*hooks.app_include_js, *hooks.app_include_css):
		assert (APP / "public" / asset.removeprefix("/assets/springoffer/")).exists(), asset
	source = (APP / "public/js/springoffer_desk.js").read_text(encoding="utf-8")
	for message in re.findall(r'__\("([^"]+)"', source):
		assert has_cjk(ZH.get(message, "")), message
	# the framework's strings the desk showed in English, now translated
	for text in ("Begin typing for results.", "List View", "Edit Filters", "ID", "No new notifications", "Sr", "{0} m", "Public"):
		assert has_cjk(ZH.get(text, "")), text
