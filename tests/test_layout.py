"""The app's rooms (README, code map): each package imports only the packages below it, nothing
imports in a cycle, and no request path reaches the test, demo and benchmark code in devtools."""

import ast
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "springoffer"

# Lowest first: a module may import its own package and those listed before it.
LAYERS = (
	("core",),
	("hooks", "__main__"),
	("security",),
	("annex",),
	("controllers",),
	("workbook",),
	("planning",),
	("desk",),
	("portal",),
	("springoffer", "patches"),
	("api", "www"),
	("setup",),
	("devtools",),
	("commands",),  # `springoffer demo` runs devtools' demo
)
RANK = {room: rank for rank, rooms in enumerate(LAYERS) for room in rooms}
# What the offline command and the core may import besides the core: nothing of the Frappe side.
FRAMEWORK_FREE = ("core", "__main__")


def module_name(path):
	parts = list(path.relative_to(APP.parent).with_suffix("").parts)
	if parts[-1] == "__init__":
		parts.pop()
	return ".".join(parts)


def is_test(path):
	return path.name.startswith("test_")


def app_modules():
	return {module_name(p): p for p in APP.rglob("*.py")}


def imports_of(path, modules):
	"""The app modules `path` imports anywhere in it (inside functions too), as dotted names."""
	found = set()
	for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
		if isinstance(node, ast.Import):
			names = [alias.name for alias in node.names]
		elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
			names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
		else:
			continue
		for name in names:
			if name in modules:
				found.add(name)
	return found


def room(module):
	parts = module.split(".")
	return parts[1] if len(parts) > 1 else "__init__"


def graph():
	modules = app_modules()
	return {name: imports_of(path, modules) for name, path in modules.items() if not is_test(path)}


def test_every_room_is_ranked():
	rooms = {room(name) for name in app_modules()} - {"__init__"}
	assert rooms <= set(RANK), sorted(rooms - set(RANK))


def test_no_module_imports_a_room_above_its_own():
	upward = [
		(name, target)
		for name, targets in graph().items()
		for target in targets
		if room(name) != "__init__" and room(target) != "__init__" and RANK[room(target)] > RANK[room(name)]
	]
	assert upward == []


def test_the_core_and_the_offline_command_stay_framework_free():
	for name, path in app_modules().items():
		if room(name) not in FRAMEWORK_FREE:
			continue
		tree = ast.parse(path.read_text(encoding="utf-8"))
		imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
		imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
		assert "frappe" not in imported, name
		assert all(room(t) in FRAMEWORK_FREE for t in imports_of(path, app_modules())), name


def test_no_import_cycles():
	edges = graph()
	state = {}

	def visit(node, trail):
		state[node] = "open"
		for target in sorted(edges.get(node, ())):
			if target == node or target.startswith(node + "."):  # a package naming its own submodule
				continue
			if state.get(target) == "open":
				pytest.fail("import cycle: " + " → ".join([*trail[trail.index(target) :], target]))
			if target not in state:
				visit(target, [*trail, target])
		state[node] = "done"

	for node in sorted(edges):
		if node not in state:
			visit(node, [node])


def test_request_paths_never_reach_devtools():
	"""Everything but tests, bench commands and devtools itself serves requests, jobs or migrations."""
	offenders = [
		(name, target)
		for name, targets in graph().items()
		if room(name) not in ("devtools", "commands")
		for target in targets
		if room(target) == "devtools"
	]
	assert offenders == []


def test_no_module_is_named_after_a_piece_of_work():
	names = {p.stem for p in APP.rglob("*.py")}
	assert not {n for n in names if n.startswith(("trust_", "issue", "fix_", "new_", "tmp"))}


HOLIDAY_CLOCKS = re.compile(r"clocks\.(response_due|submission_due|correction_due|review_window_end|takes_effect_on|period_end|is_working_day)\b")


def test_every_frappe_module_computing_a_clock_reads_the_sites_holiday_schedules():
	"""The clocks read the site's 节假日安排 once springoffer.controllers is imported (it installs the
	calendar source): a module that computes a clock without reaching it would use the library alone."""
	edges = graph()

	def reaches(name, seen):
		if name == "springoffer.controllers" or name.startswith("springoffer.controllers."):
			return True  # importing a module of the package runs the package's __init__
		seen.add(name)
		return any(reaches(t, seen) for t in edges.get(name, ()) if t not in seen)

	missing = [
		name
		for name, path in app_modules().items()
		if room(name) not in (*FRAMEWORK_FREE, "devtools") and not is_test(path)
		and HOLIDAY_CLOCKS.search(path.read_text(encoding="utf-8"))
		and not reaches(name, set())
	]
	assert missing == []
