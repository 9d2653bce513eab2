"""What the controllers share: core Violations turned into one clear frappe.ValidationError, and the
checks every Offer, Contract, Unit Report, case and site runs alike (region scope, body, review,
workflow, ledger numbers)."""

from contextlib import contextmanager

import frappe
from frappe import _

from springoffer.security.regions import permitted_regions, region_chain, region_subtree


def throw_violations(doc, violations):
	"""Refuse the save with every violation at once, each prefixed by the label of its field."""
	if not violations:
		return
	meta = frappe.get_meta(doc.doctype)
	lines = []
	for violation in violations:
		label = meta.get_label(violation.field) if meta.has_field(violation.field) else ""
		text = _(violation.message).format(*violation.args)
		lines.append(f"{_(label)}：{text}" if label else text)
	frappe.throw("<br>".join(lines), frappe.ValidationError, title=_("Please correct the following"))


@contextmanager
def legal_calendar():
	"""A legal clock whose year the State Council schedule does not cover: a clear refusal, never a guess."""
	from springoffer.core.clocks import CalendarNotCovered

	try:
		yield
	except CalendarNotCovered as error:
		frappe.throw(_(CalendarNotCovered.message).format(error.year), title=_("Holiday schedule missing"))


def coverage_lines(rows):
	"""Core CoverageLines for a coverage child table, and each enterprise's region, in one query."""
	from springoffer.core.rules import CoverageLine

	names = [row.enterprise for row in rows if row.enterprise]
	found = {
		name: (employees, region)
		for name, employees, region in frappe.get_all(
			"Enterprise", filters={"name": ("in", names)}, fields=["name", "employees", "region"], as_list=True
		)
	} if names else {}
	lines = [CoverageLine(row.enterprise, row.covered_workers, found.get(row.enterprise, (None, None))[0]) for row in rows]
	return lines, {name: region for name, (_employees, region) in found.items()}


def check_region_scope(doc, enterprise_regions):
	"""A city or county user records only what lies in its own region: the document's region and
	every covered enterprise. (Frappe checks the create permission before validate fills the region,
	and never checks child-table links in get_list, so this is checked here.)"""
	allowed = permitted_regions()
	if allowed is None:
		return
	outside = [doc.region] if doc.region and doc.region not in allowed else []
	outside += [f"{name}（{region}）" for name, region in enterprise_regions.items() if region not in allowed]
	if outside:
		message = (
			"You may only record offers and contracts of your own region; outside it: {0}"
			if doc.doctype in ("Offer", "Contract")
			else "You may only record what lies in your own region; outside it: {0}"
		)
		frappe.throw(_(message).format("、".join(outside)), frappe.PermissionError)


def check_body_role(reporting_body):
	"""Each body files its own reports and cases: a union officer cannot file the HRSS department's."""
	from springoffer.core import categories

	roles = set(frappe.get_roles())
	if "System Manager" in roles or frappe.session.user == "Administrator":
		return
	if not roles & set(categories.BODY_ROLES.get(reporting_body, ())):
		frappe.throw(
			_("Only staff of {0} may file its report; choose your own body as the reporting body").format(reporting_body),
			frappe.PermissionError,
		)


def check_review(doc):
	"""For documents reviewed like a Unit Report (submitted_by, reviewed_by, return_reason): who
	submitted never reviews, a submitted document waits unchanged, a return gives its reason."""
	from springoffer.core import categories

	before = doc.get_doc_before_save()
	old_state = before.workflow_state if before else None
	user = frappe.session.user
	if old_state == doc.workflow_state:
		if doc.workflow_state == categories.REPORT_SUBMITTED and before:
			changed = snapshot_changes(doc, before, ignore=("return_reason",))
			if changed and user != "Administrator":
				frappe.throw(
					_("A submitted report waits for review; return it to change: {0}").format("、".join(changed)),
					frappe.PermissionError,
				)
		return
	if doc.workflow_state == categories.REPORT_SUBMITTED:
		doc.submitted_by = user
		doc.return_reason = None
	elif doc.workflow_state in (categories.REPORT_APPROVED, categories.REPORT_RETURNED):
		if user == doc.submitted_by and user != "Administrator":
			frappe.throw(_("You submitted this report, so another reviewer must review it"), frappe.PermissionError)
		doc.reviewed_by = user
		if doc.workflow_state == categories.REPORT_RETURNED and not (doc.return_reason or "").strip():
			frappe.throw(_("Write the return reason so the unit knows what to correct"))


def related_enterprise_regions(doc, table="enterprises"):
	"""For a document listing enterprises with an optional offer and contract each (Related Enterprise):
	refuse an offer or contract that does not cover its row's enterprise, and return {enterprise: region}."""
	rows = doc.get(table) or []
	names = [row.enterprise for row in rows if row.enterprise]
	regions = dict(frappe.get_all("Enterprise", filters={"name": ("in", names)}, fields=["name", "region"], as_list=True)) if names else {}
	for child, link in (("Offer Coverage", "offer"), ("Contract Coverage", "contract")):
		pairs = {(row.get(link), row.enterprise) for row in rows if row.get(link)}
		if not pairs:
			continue
		covered = set(
			frappe.get_all(
				child,
				filters={"parent": ("in", [p for p, _e in pairs]), "parenttype": link.title()},
				fields=["parent", "enterprise"],
				as_list=True,
			)
		)
		for parent, enterprise in sorted(pairs - covered):
			frappe.throw(
				_("{0} {1} does not cover enterprise {2}; choose the {0} that covers it or leave it empty").format(
					_(link.title()), parent, enterprise
				)
			)
	return regions


# Roles that may change what an offer or contract says; the others (HRSS) write only their own fields.
CONTENT_EDITORS = {"Trade Union Officer", "Enterprise Confederation Officer", "Commerce Federation Officer", "System Manager"}


def _comparable(df, value):
	from frappe.utils import cint, cstr, flt, getdate

	if df.fieldtype == "Date":
		return str(getdate(value)) if value else ""
	if df.fieldtype in ("Int", "Check"):
		return cint(value)
	if df.fieldtype in ("Float", "Currency", "Percent"):
		return flt(value)
	return cstr(value)


def _snapshot(doc, meta):
	values = {}
	for df in meta.fields:
		if df.permlevel or df.read_only or df.fieldtype in frappe.model.no_value_fields:
			if df.fieldtype not in frappe.model.table_fields:
				continue
		if df.fieldtype in frappe.model.table_fields:
			child_meta = frappe.get_meta(df.options)
			values[df.fieldname] = [
				tuple(_comparable(cdf, row.get(cdf.fieldname)) for cdf in child_meta.fields if not cdf.read_only and cdf.fieldtype not in frappe.model.no_value_fields)
				for row in doc.get(df.fieldname) or []
			]
		else:
			values[df.fieldname] = _comparable(df, doc.get(df.fieldname))
	return values


def snapshot_changes(doc, before, ignore=()):
	"""Labels of the user-editable fields (tables included) that differ between two versions."""
	meta = frappe.get_meta(doc.doctype)
	now, then = _snapshot(doc, meta), _snapshot(before, meta)
	return [_(meta.get_label(field)) for field in now if field not in ignore and now[field] != then[field]]


# What an employer changes on its offer when it answers through its link (springoffer/portal/answers.py).
EMPLOYER_ANSWER_FIELDS = (
	"response",
	"response_date",
	"refusal_reason",
	"refusal_detail",
	"meeting_time",
	"meeting_place",
	"employer_contact_name",
	"employer_contact_phone",
	"employer_chief_representative",
	# the receipt its first opening of the link records (民法典 Art. 137)
	"delivered_on",
	"delivery_method",
	"delivery_log",
	"delivery_failure_reason",
)


def check_only_review_fields_changed(doc):
	"""HRSS staff save offers and contracts to record their handling and review (permission level 1);
	the content (level 0) belongs to the union and the employer side. An employer answering through its
	link changes its answer and nothing else."""
	employer = bool(doc.flags.employer_answer)
	if doc.is_new() or frappe.session.user == "Administrator":
		return
	if not employer and set(frappe.get_roles()) & CONTENT_EDITORS:
		return
	before = doc.get_doc_before_save()
	if not before:
		return
	changed = snapshot_changes(doc, before, ignore=EMPLOYER_ANSWER_FIELDS if employer else ())
	if changed and employer:
		frappe.throw(_("The answer link changes only the employer's answer, not: {0}").format("、".join(changed)), frappe.PermissionError)
	if changed:
		frappe.throw(
			_("HRSS staff record only the HRSS fields; ask the union or the employer side to change: {0}").format("、".join(changed)),
			frappe.PermissionError,
		)


def _workflow(doc):
	from frappe.model.workflow import get_workflow_name

	name = get_workflow_name(doc.doctype)
	return frappe.get_cached_doc("Workflow", name) if name else None


def check_workflow_rules(doc):
	"""What Frappe's Workflow leaves to the client or to apply_workflow, enforced on every save:
	only a state's editors may change a document in that state, and a transition that forbids
	self-approval is refused to the document's owner even through a plain save."""
	workflow = _workflow(doc)
	before = doc.get_doc_before_save()
	if not workflow or not before or frappe.session.user == "Administrator":
		return
	field = workflow.workflow_state_field
	old_state, new_state = before.get(field), doc.get(field)
	roles = set(frappe.get_roles())
	if old_state == new_state:
		editors = {row.allow_edit for row in workflow.states if row.state == old_state}
		if not editors & roles:
			frappe.throw(
				_("In state {0} only {1} may change this document").format(
					old_state, "、".join(sorted(_(role) for role in editors))
				),
				frappe.PermissionError,
			)
		return
	transitions = [
		t for t in workflow.transitions if t.state == old_state and t.next_state == new_state and t.allowed in roles
	]
	if transitions and not any(t.allow_self_approval for t in transitions) and doc.owner == frappe.session.user:
		frappe.throw(_("You created this document, so someone else must approve it"), frappe.PermissionError)


def _users_with_role(role):
	return frappe.get_all(
		"Has Role",
		filters={"role": role, "parenttype": "User", "parent": ("not in", ("Administrator", "Guest"))},
		pluck="parent",
	)


def regional_officers(region, role):
	"""Enabled users of `role` confined to `region` or one of its ancestors below the province:
	the staff who handle what happens there (province-wide staff are not paged for every case)."""
	users = set(_users_with_role(role))
	if not users or not region:
		return []
	chain = region_chain(region)
	permitted = frappe.get_all(
		"User Permission",
		filters={"allow": "Region", "for_value": ("in", chain), "user": ("in", list(users))},
		pluck="user",
	)
	enabled = frappe.get_all("User", filters={"name": ("in", permitted or [""]), "enabled": 1}, pluck="name")
	return sorted(enabled)


def unit_officers(unit, role):
	"""Users of `role` who report for `unit`: confined exactly to it, or, for the province, not confined."""
	users = set(_users_with_role(role))
	if not users:
		return []
	confined = frappe.get_all("User Permission", filters={"allow": "Region", "user": ("in", list(users))}, fields=["user", "for_value"])
	if frappe.db.get_value("Region", unit, "parent_region"):
		chosen = {row.user for row in confined if row.for_value == unit}
	else:
		chosen = users - {row.user for row in confined}
	return sorted(frappe.get_all("User", filters={"name": ("in", list(chosen) or [""]), "enabled": 1}, pluck="name"))


def check_ledger_number(doc):
	"""A ledger number (要约编号 / 合同编号) names one record per campaign: imports find records by it."""
	doc.ledger_no = (doc.ledger_no or "").strip() or None  # blank is no number (NULL), never a duplicate ""
	if not doc.ledger_no:
		return
	other = frappe.db.get_value(
		doc.doctype, {"campaign": doc.campaign, "ledger_no": doc.ledger_no, "name": ("!=", doc.name)}, "name"
	)
	if other:
		frappe.throw(
			_("{0} {1} is already used by {2} in this campaign; give each ledger entry its own number").format(
				_(frappe.get_meta(doc.doctype).get_label("ledger_no")), doc.ledger_no, other
			),
			frappe.DuplicateEntryError,
		)


def check_upload(file_url, label):
	"""An attached scan is a PDF, JPEG or PNG of at most 10 MB, judged by its content."""
	from springoffer.core.uploads import MAX_BYTES, scan_kind

	name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	content = frappe.get_doc("File", name).get_content() if name else None
	if isinstance(content, str):
		content = content.encode()
	if not content or scan_kind(content) is None:
		frappe.throw(_("{0} is not a PDF, JPEG or PNG file; upload the scan itself").format(_(label)))
	if len(content) > MAX_BYTES:
		frappe.throw(_("{0} is larger than 10 MB; scan it at a lower resolution and upload it again").format(_(label)))


def check_coverage_document(doc):
	"""What an Offer and a Contract check alike before their own rules: the region (defaulted from
	the first enterprise), who may change what, the ledger number and the region scope.
	Returns the core CoverageLines of its covered enterprises."""
	rows = doc.covered_enterprises or []
	if not doc.region and rows:
		doc.region = frappe.db.get_value("Enterprise", rows[0].enterprise, "region")
	check_workflow_rules(doc)
	check_only_review_fields_changed(doc)
	check_ledger_number(doc)
	lines, enterprise_regions = coverage_lines(rows)
	check_region_scope(doc, enterprise_regions)
	return lines


def check_related_enterprises(doc, table="enterprises"):
	"""A demonstration site or a typical case: its offers and contracts cover their enterprises, the
	user may record in its region, and the region includes every enterprise it names."""
	regions = related_enterprise_regions(doc, table)
	check_region_scope(doc, regions)
	inside = set(region_subtree(doc.region))
	outside = [f"{name}（{region}）" for name, region in regions.items() if region not in inside]
	if outside:
		frappe.throw(
			_("Region {0} does not include: {1}; choose a region that covers all the enterprises named here").format(
				doc.region, "、".join(outside)
			)
		)
