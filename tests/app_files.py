"""Where the app's metadata lives, and the user-visible strings in it, for the static checks."""

import ast
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "springoffer"
MODULE = APP / "springoffer"


def load(path):
	return json.loads(Path(path).read_text(encoding="utf-8"))


def doctype_files():
	return sorted(MODULE.glob("doctype/*/*.json"))


def doctypes():
	"""name → DocType JSON, for every DocType JSON of the module (test_records excluded)."""
	found = {}
	for path in doctype_files():
		data = load(path)
		if isinstance(data, dict) and data.get("doctype") == "DocType":
			found[data["name"]] = data
	return found


def report_files():
	return sorted(MODULE.glob("report/*/*.json"))


def fixture_files():
	return sorted((APP / "fixtures").glob("*.json"))


def has_cjk(text):
	return bool(re.search(r"[\u3400-\u9fff]", text))


def _call_strings(source, names):
	"""First string arguments of calls to any of `names` (_(), Violation(...)'s message, …)."""
	found = set()
	for node in ast.walk(ast.parse(source)):
		if not isinstance(node, ast.Call):
			continue
		func = node.func
		name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
		if name not in names:
			continue
		position = names[name]
		if len(node.args) > position and isinstance(node.args[position], ast.Constant) and isinstance(node.args[position].value, str):
			found.add(node.args[position].value)
		for keyword in node.keywords:
			if keyword.arg == "message" and isinstance(keyword.value, ast.Constant):
				found.add(keyword.value.value)
	return found


def python_messages():
	"""Strings passed to _() anywhere in the app, and core Violation/CodeError/InvariantBreach messages."""
	found = set()
	for path in APP.rglob("*.py"):
		source = path.read_text(encoding="utf-8")
		found |= _call_strings(source, {"_": 0, "CodeError": 0, "Violation": 1, "InvariantBreach": 1})
	return found


def js_messages():
	found = set()
	for path in APP.rglob("*.js"):
		for match in re.finditer(r"__\(\s*([\"'`])((?:(?!\1).)*)\1", path.read_text(encoding="utf-8")):
			found.add(match.group(2))
	return found


def metadata_labels():
	"""DocType names, field labels and descriptions, report names and role names that users see."""
	found = set()
	for name, data in doctypes().items():
		found.add(name)
		for field in data["fields"]:
			for key in ("label", "description"):
				if field.get(key):
					found.add(field[key])
	for path in report_files():
		found.add(load(path)["name"])
	for path in fixture_files():
		for record in load(path):
			if record.get("doctype") == "Role":
				found.add(record["name"])
	for path in MODULE.glob("workspace/*/*.json"):
		data = load(path)
		found.add(data["label"])
		found |= {link["label"] for link in data["links"]}
		found |= {shortcut["label"] for shortcut in data["shortcuts"]}
	for path in (*MODULE.glob("number_card/*/*.json"), *MODULE.glob("dashboard_chart/*/*.json")):
		data = load(path)
		found.add(data.get("label") or data["chart_name"])
	return found


def translations():
	import csv

	with (APP / "translations" / "zh.csv").open(encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if len(row) >= 2}
