"""Patterns that Frappe v16 breaks silently, kept out of the app's code (each way of writing it that
replaces them is also right on v15, where the app is tested):

- a `has_permission` hook that falls through returns None, which v16 reads as a denial;
- `get_all` / `get_list` / `get_value` with SQL in `fields` ("count(name) as n"): v16 builds these
  queries with the query builder and rejects them (springoffer.security.permissions.permitted_count
  is the one place that counts, in the form of the Frappe it runs on);
- `frappe.db.commit()` inside a document's controller or a doc_events hook raises in v16;
- desk routes written as "/app/…": v16 serves the desk under /desk (Frappe's own url helpers and
  `frappe.router.make_url` know the prefix);
- `pkg_resources`, gone from setuptools 82.

Tests and the developers' tools under devtools/ (which drive a v15 bench) are not the app's code.
"""

import ast
import re

from app_files import APP, MODULE

HOOKS = APP / "hooks.py"
QUERY_METHODS = {"get_all", "get_list", "get_value", "get_values", "get_single_value"}
SQL_IN_FIELD = re.compile(r"\(|\s+as\s+|\*", re.IGNORECASE)
ROUTE = re.compile(r"""["'`(]/app(/|["'`?])""")


def app_sources(*suffixes):
	for path in sorted(APP.rglob("*")):
		if path.suffix not in suffixes or "devtools" in path.parts or path.name.startswith("test_"):
			continue
		yield path


def hooks():
	namespace = {}
	exec(compile(HOOKS.read_text(encoding="utf-8"), str(HOOKS), "exec"), namespace)
	return namespace


def function_node(dotted):
	module, name = dotted.rsplit(".", 1)
	path = APP.parent / (module.replace(".", "/") + ".py")
	tree = ast.parse(path.read_text(encoding="utf-8"))
	for node in ast.walk(tree):
		if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
			return path, node
	raise AssertionError(f"{dotted} not found")


def commits(node):
	return [
		call.lineno
		for call in ast.walk(node)
		if isinstance(call, ast.Call)
		and isinstance(call.func, ast.Attribute)
		and call.func.attr == "commit"
		and isinstance(call.func.value, ast.Attribute)
		and call.func.value.attr == "db"
	]


def test_no_pkg_resources():
	found = [str(path) for path in app_sources(".py") if "pkg_resources" in path.read_text(encoding="utf-8")]
	assert not found, found


def test_permission_hooks_return_true_or_false_on_every_path():
	for doctype, dotted in hooks().get("has_permission", {}).items():
		_path, node = function_node(dotted)
		returns = [n for n in ast.walk(node) if isinstance(n, ast.Return)]
		assert returns and all(r.value is not None and not (isinstance(r.value, ast.Constant) and r.value.value is None) for r in returns), (
			f"{dotted} ({doctype}) returns None somewhere"
		)
		assert isinstance(node.body[-1], ast.Return), f"{dotted} ({doctype}) can fall through and return None"


def test_no_commit_in_controllers_or_document_hooks():
	found = []
	for path in sorted(MODULE.glob("doctype/*/*.py")):
		if not path.name.startswith("test_"):
			found += [f"{path.relative_to(APP)}:{line}" for line in commits(ast.parse(path.read_text(encoding="utf-8")))]
	for events in hooks().get("doc_events", {}).values():
		for dotted in events.values():
			for target in [dotted] if isinstance(dotted, str) else dotted:
				_path, node = function_node(target)
				found += [f"{target}:{line}" for line in commits(node)]
	assert not found, found


def sql_fields(tree):
	for call in ast.walk(tree):
		if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in QUERY_METHODS):
			continue
		candidates = [kw.value for kw in call.keywords if kw.arg in ("fields", "fieldname")]
		if call.func.attr in ("get_value", "get_values") and len(call.args) >= 3:
			candidates.append(call.args[2])
		for value in candidates:
			items = value.elts if isinstance(value, ast.List | ast.Tuple) else [value]
			for item in items:
				text = item.value if isinstance(item, ast.Constant) and isinstance(item.value, str) else None
				if isinstance(item, ast.JoinedStr):
					text = "".join(part.value for part in item.values if isinstance(part, ast.Constant))
				if text and SQL_IN_FIELD.search(text):
					yield call.lineno, text


def test_no_sql_in_query_fields():
	found = []
	for path in app_sources(".py"):
		found += [f"{path.relative_to(APP)}:{line}: {text}" for line, text in sql_fields(ast.parse(path.read_text(encoding="utf-8")))]
	assert not found, found


def test_the_checks_find_what_they_look_for():
	assert list(sql_fields(ast.parse('frappe.get_list("Offer", fields=["count(name) as n"])')))
	assert list(sql_fields(ast.parse('frappe.db.get_value("Offer", {}, "max(modified)")')))
	assert not list(sql_fields(ast.parse('frappe.get_list("Offer", fields=["name", "region"])')))
	assert commits(ast.parse("def f(doc, method):\n\tfrappe.db.commit()"))
	assert ROUTE.search('href="/app/query-report/X"') and ROUTE.search("url('/app')") and not ROUTE.search('"/api/method/x"')


def test_no_hardcoded_desk_routes():
	found = []
	for path in app_sources(".py", ".js", ".html", ".json"):
		for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
			if ROUTE.search(line):
				found.append(f"{path.relative_to(APP)}:{number}: {line.strip()[:100]}")
	assert not found, found
