"""The demo province on a site: `bench --site S springoffer demo` and `… demo --remove`.

springoffer.core.demo plans it; this module writes it through the documents' own controllers and
the Workflow, acting as the demo's own users, so the desk shows what a season of real use leaves:
ledger rows, review states, notifications. What the demo made is what its users own (users whose
login ends in @demo.example.com) plus the campaigns it created; `remove` deletes exactly that and the
framework's rows about it (versions, comments, workflow actions, notifications, deleted-document
copies), and puts back the naming series counters when nothing else used them since.
"""

import json

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate

from springoffer.annex import cache
from springoffer.core import categories as c
from springoffer.core import demo as plan_demo

STATE_KEY = "springoffer_demo"
# Our documents, in the order they are deleted (those linking others first).
DOCTYPES = (
	"Unit Report",
	"Typical Case",
	"Demonstration Site",
	"Contract Performance Check",
	"Spot Check",
	"Negotiation Coordination",
	"Negotiation",
	"Contract",
	"Offer",
	"Bargaining Instructor",
	"Enterprise",
	"Campaign",
)
# the naming series the demo's offers, contracts, negotiations and coordinations draw from
SERIES = {"SO-": "Offer", "CC-": "Contract", "NG-": "Negotiation", "XT-": "Negotiation Coordination"}
# Framework rows that point at a document by (doctype field, name field).
REFERENCES = (
	("Version", "ref_doctype", "docname"),
	("Comment", "reference_doctype", "reference_name"),
	("Notification Log", "document_type", "document_name"),
	("ToDo", "reference_type", "reference_name"),
	("Activity Log", "reference_doctype", "reference_name"),
	("Communication", "reference_doctype", "reference_name"),
	("Deleted Document", "deleted_doctype", "deleted_name"),
	("Document Follow", "ref_doctype", "ref_docname"),
	("Access Log", "export_from", "reference_document"),
)
COMMIT_EVERY = 100


def demo_users():
	return frappe.get_all("User", filters={"name": ("like", f"%@{plan_demo.EMAIL_DOMAIN}")}, pluck="name")


def is_present():
	return bool(demo_users()) or bool(frappe.db.get_default(STATE_KEY))


class _Writer:
	"""Inserts as the user who would have done it, committing in batches (every saved document
	queues realtime messages that cost n² within one transaction; FRAPPE-NOTES §12)."""

	def __init__(self, echo):
		self.echo = echo
		self.pending = 0

	def as_user(self, user):
		if frappe.session.user != user:
			frappe.set_user(user)

	def done(self, n=1):
		self.pending += n
		if self.pending >= COMMIT_EVERY:
			frappe.db.commit()
			self.pending = 0


def _series_values():
	"""Naming series counters (`tabSeries`, not a DocType) of the demo's documents."""
	rows = frappe.db.sql(
		"SELECT name, current FROM `tabSeries` WHERE " + " OR ".join(["name LIKE %s"] * len(SERIES)), [f"{prefix}%" for prefix in SERIES]
	)
	return {name: int(current or 0) for name, current in rows}


def create(enterprises=2400, seed=2023, today=None, echo=print):
	"""Write the demo; refuses when one is already there (remove it first)."""
	if is_present():
		frappe.throw(frappe._("The demo is already on this site; remove it first with --remove"))
	today = getdate(today) if today else getdate(frappe.utils.today())
	plan = plan_demo.build(today, enterprises=enterprises, seed=seed)
	state = {"series": _series_values(), "campaigns": [], "made_on": str(today)}
	frappe.db.set_default(STATE_KEY, json.dumps(state))
	frappe.db.commit()
	frappe.flags.mute_emails = True
	writer = _Writer(echo)
	user = frappe.session.user
	try:
		users = make_users(plan)
		state["campaigns"] = make_campaigns(plan, users)
		frappe.db.set_default(STATE_KEY, json.dumps(state))
		frappe.db.commit()
		echo(f"用户 {len(users)} 个，活动 {', '.join(x.name for x in plan.campaigns)}")
		make_enterprises(plan, users, writer)
		echo(f"企业 {len(plan.enterprises)} 家")
		offers = make_offers(plan, users, writer)
		echo(f"要约 {len(offers)} 份")
		talks = make_negotiations(plan, users, offers, writer)
		echo(f"集体协商 {talks} 项（其中争议协调 {sum(bool(n.coordination) for n in plan.negotiations)} 项）")
		made = make_contracts(plan, users, offers, writer)
		echo(f"集体合同 {made} 份")
		make_reports(plan, users, writer)
		echo(f"报送单位统计表 {len(plan.reports)} 份")
		answered = answer_online(plan, users)
		echo(f"企业通过回复链接回复要约 {len(answered)} 份：{'、'.join(answered)}")
		frappe.db.commit()
	finally:
		frappe.set_user(user)
	return plan


def office(body, city, users, reviewer=0):
	"""The demo user of `body` for a city (when the demo has users there) or else the province's."""
	return users[(body, city if city in plan_demo.DEMO_CITIES else None, reviewer)]


def make_users(plan):
	"""The demo's users, with their role, region permission, module profile and default workspace."""
	from frappe.utils.password import update_password

	found = {}
	for u in plan.users:
		doc = frappe.get_doc(
			{
				"doctype": "User",
				"email": u.email,
				"first_name": u.full_name,
				"language": "zh",
				"time_zone": "Asia/Shanghai",
				"send_welcome_email": 0,
				"roles": [{"role": u.role}],
			}
		)
		doc.flags.no_welcome_mail = True
		doc.insert(ignore_permissions=True)
		update_password(u.email, plan_demo.PASSWORD)
		if u.region:
			frappe.get_doc({"doctype": "User Permission", "user": u.email, "allow": "Region", "for_value": u.region}).insert(
				ignore_permissions=True
			)
		is_reviewer = u.role == c.BODY_ROLES[u.body][1]
		found[(u.body, u.region, int(is_reviewer))] = u.email
	return found


def make_campaigns(plan, users):
	made = []
	province_officer = users[(c.BODY_HRSS, None, 0)]
	for campaign in plan.campaigns:
		if frappe.db.exists("Campaign", campaign.name):
			continue
		frappe.set_user(province_officer)
		frappe.get_doc(
			{
				"doctype": "Campaign",
				"campaign_name": campaign.name,
				"year": campaign.year,
				"start_date": campaign.start,
				"end_date": campaign.end,
				"report_due_date": campaign.due,
				"notice_reference": f"湘人社发〔{campaign.year}〕号（演示）",
			}
		).insert(ignore_permissions=True)
		made.append(campaign.name)
	frappe.set_user("Administrator")
	return made


def make_enterprises(plan, users, writer):
	existing = set(frappe.get_all("Enterprise", filters={"name": ("in", [e.credit_code for e in plan.enterprises])}, pluck="name"))
	for e in plan.enterprises:
		if e.credit_code in existing:
			continue
		writer.as_user(office(c.BODY_UNION, e.city, users))
		frappe.get_doc(
			{
				"doctype": "Enterprise",
				"enterprise_name": e.name,
				"credit_code": e.credit_code,
				"report_category": e.category,
				"region": e.region,
				"industry": e.industry,
				"employees": e.employees,
				"union_established": e.union_established,
				**e.flags,
			}
		).insert(ignore_permissions=True)
		writer.done()


def make_offers(plan, users, writer):
	"""Offers sent by the union of the offer's city (or the province's union office)."""
	names = {}
	for o in plan.offers:
		writer.as_user(office(c.BODY_UNION, o.city, users))
		doc = frappe.get_doc(
			{
				"doctype": "Offer",
				"campaign": o.campaign,
				"scope": o.scope,
				"offering_side": c.OFFERING_SIDES[0],
				"region": o.region,
				"main_topic": o.main_topic,
				"date_sent": o.date_sent,
				"delivered_on": o.delivered_on,
				"delivery_method": o.delivery_method or None,
				"postal_tracking_no": o.postal_tracking_no or None,
				"delivery_log": o.delivery_log or None,
				"delivery_failure_reason": o.delivery_failure_reason or None,
				"covered_enterprises": [{"enterprise": code, "covered_workers": workers} for code, workers in o.coverage],
				"response": o.response,
				"response_date": o.response_date,
				"refusal_reason": o.refusal_reason or None,
				"refusal_detail": o.refusal_detail or None,
				"hrss_handling": o.hrss_handling or None,
				"hrss_handling_date": o.hrss_handling_date,
				"hrss_handling_detail": o.hrss_handling_detail or None,
				"worker_chief_representative": o.worker_chief,
				"employer_chief_representative": o.employer_chief,
				"follow_ups": [
					{"follow_up_date": day, "method": method, "note": note} for day, method, note in o.follow_ups
				],
			}
		).insert(ignore_permissions=True)
		names[o.key] = doc.name
		writer.done()
	return names


ONLINE_ANSWERS = 5


def answer_online(plan, users):
	"""A handful of the latest campaign's single-enterprise offers still awaiting an answer in 长沙市,
	answered by their enterprises through the answer link, as a guest would (springoffer.portal)."""
	from springoffer.portal import answers, links
	from springoffer.security.regions import region_subtree

	chosen = frappe.get_all(
		"Offer",
		filters={
			"campaign": plan.campaigns[-1].name,
			"response": c.PENDING,
			"scope": c.SCOPE_SINGLE,
			"region": ("in", region_subtree("长沙市")),
			"owner": ("in", list(users.values())),
		},
		order_by="date_sent desc",
		limit=ONLINE_ANSWERS,
		pluck="name",
	)
	done = []
	for number, name in enumerate(chosen):
		offer = frappe.get_doc("Offer", name)
		frappe.set_user(offer.owner)
		url = links.ensure(offer)
		frappe.set_user("Guest")
		try:
			offer = answers.open_offer(url.split("t=", 1)[1], offer.covered_enterprises[0].enterprise)
			if number % 4 == 3:
				answers.answer(offer, c.REFUSED, {"refusal_reason": c.REFUSAL_REASONS[1], "refusal_detail": "今年订单减少，明年再议"})
			else:
				answers.answer(
					offer,
					c.AGREED,
					{
						"meeting_time": frappe.utils.get_datetime(f"{frappe.utils.add_days(frappe.utils.today(), 7)} 09:30:00"),
						"meeting_place": "企业行政楼二楼会议室",
						"employer_contact_name": "王经理",
						"employer_contact_phone": "13907310000",
						"employer_chief_representative": "刘总经理",
					},
				)
		finally:
			frappe.set_user("Administrator")
		done.append(name)
	return done


def make_negotiations(plan, users, offers, writer):
	"""Each agreed offer's negotiation (opened when the offer was saved 同意协商) filled by the union of
	its city: the table, the meetings, the draft, the congress vote and the signature; then the
	coordinations HRSS opened, accepted, extended or closed. Written before the contracts, which then
	find their negotiation signed and link it."""
	made = 0
	for talk in plan.negotiations:
		offer = offers.get(talk.offer_key)
		name = frappe.db.get_value("Negotiation", {"offer": offer}, "name") if offer else None
		if not name:
			continue
		writer.as_user(office(c.BODY_UNION, talk.city, users))
		doc = frappe.get_doc("Negotiation", name)
		doc.set(
			"representatives",
			[
				{"side": side, "representative_name": person, "is_chief": chief, "appointed_by": appointed_by, "position": position}
				for side, person, chief, appointed_by, position in talk.representatives
			],
		)
		doc.recorder = talk.recorder
		doc.set(
			"meetings",
			[
				{
					"held_on": m.held_on,
					"place": m.place,
					"chair": m.chair,
					"outcome": m.outcome,
					"next_meeting_on": m.next_meeting_on,
					"topics": m.topics,
					"suspension_reason": m.suspension_reason or None,
					"record_text": m.record_text,
					"recorded_by": talk.recorder,
				}
				for m in talk.meetings
			],
		)
		members, attending, approving = talk.congress
		doc.update(
			{
				"draft_agreed_on": talk.draft_agreed_on,
				"congress_voted_on": talk.congress_voted_on,
				"congress_members": members,
				"congress_attending": attending,
				"congress_approving": approving,
				"signed_on": talk.signed_on,
			}
		)
		doc.save(ignore_permissions=True)
		if talk.coordination:
			coordinate(doc, talk, users)
		made += 1
		writer.done()
	return made


def coordinate(negotiation, talk, users):
	"""The dispute's coordination, recorded by the HRSS office of the negotiation's city."""
	k = talk.coordination
	frappe.set_user(office(c.BODY_HRSS, talk.city, users))
	frappe.get_doc(
		{
			"doctype": "Negotiation Coordination",
			"negotiation": negotiation.name,
			"applicant": k.applicant,
			"applied_on": k.applied_on,
			"dispute_facts": k.dispute_facts,
			"accepted_on": k.accepted_on,
			"hrss_coordinator": k.hrss_coordinator,
			"union_coordinator": k.union_coordinator,
			"enterprise_coordinator": k.enterprise_coordinator,
			"extensions": [{"extended_on": on, "days": days, "reason": reason} for on, days, reason in k.extensions],
			"closed_on": k.closed_on,
			"result": k.result or None,
			"remaining_issues": k.remaining_issues or None,
		}
	).insert(ignore_permissions=True)


EMPLOYER_ACTIONS = ("报送", "补正后报送", "重新报送", "撤销")
# What the person taking an action writes down first (db_set: apply_workflow reloads the document).
ACTION_FIELDS = {"受理": "hrss_received_on", "要求补正": "correction_note", "提出异议": "objection", "撤销": "cancellation_reason"}


def make_contracts(plan, users, offers, writer):
	"""Contracts entered by the employer side (企联 or 工商联), taken through the review Workflow to
	their planned state by the people the Workflow names."""
	made = 0
	for i, k in enumerate(plan.contracts):
		employer_side = c.BODY_ENTERPRISE_CONFEDERATION if i % 2 == 0 else c.BODY_COMMERCE
		writer.as_user(office(employer_side, k.city, users))
		doc = frappe.get_doc(
			{
				"doctype": "Contract",
				"campaign": k.campaign,
				"contract_kind": k.kind,
				"offer": offers.get(k.offer_key),
				"region": k.region,
				"signing_date": k.signing_date,
				"term_start": k.term_start,
				"term_end": k.term_end,
				"covered_enterprises": [{"enterprise": code, "covered_workers": workers} for code, workers in k.coverage],
				"wage_adjustment": k.wage_adjustment,
				"wage_growth_percent": k.wage_growth,
				"zero_growth_consent": int(k.wage_adjustment != c.WAGE_RISE),
				"lowest_monthly_wage": k.lowest_wage,
				"congress_members": k.congress[0],
				"congress_attending": k.congress[1],
				"congress_approving": k.congress[2],
				"employer_representative_recommended_by": employer_side,
				"submitted_on": k.submitted_on,
				"late_submission_reason": k.late_reason or None,
			}
		).insert(ignore_permissions=True)
		if k.state == c.CONTRACT_EFFECTIVE:
			settle(doc, k)
			made += 1
			writer.done()
			continue
		values = {"受理": k.received_on, "要求补正": k.correction_note, "提出异议": k.objection, "撤销": k.cancellation_reason}
		for action in plan_demo.CONTRACT_PATHS[k.state]:
			writer.as_user(office(employer_side if action in EMPLOYER_ACTIONS else c.BODY_HRSS, k.city, users))
			if action in ACTION_FIELDS:
				doc.db_set(ACTION_FIELDS[action], values[action], update_modified=False)
			doc = apply_workflow(doc, action)
		made += 1
		writer.done(1 + len(plan_demo.CONTRACT_PATHS[k.state]))
	return made


def settle(doc, k):
	"""A contract of the past: reported, received and, with no objection in HRSS's 15 days, in effect
	from the statutory day — what the daily job's 期满生效 records. Written in one update instead of five
	Workflow saves (the demo has hundreds; the states in between go through the Workflow)."""
	from springoffer.core import clocks

	doc.db_set(
		{
			"workflow_state": c.CONTRACT_EFFECTIVE,
			"submitted_on": k.submitted_on,
			"hrss_received_on": k.received_on,
			"review_window_end": clocks.review_window_end(k.received_on),
			"effective_date": clocks.takes_effect_on(k.received_on),
		},
		update_modified=False,
	)


WORK_SUMMARY = (
	"<p>{unit}{office}按照省四部门通知要求，结合本地实际开展集体协商“春季要约行动”：召开动员部署会，"
	"印发工作方案，组织指导员深入企业宣讲政策，重点推进工资专项集体协商和行业性、区域性集体协商。</p>"
	"<p>截至目前，共向 {offered} 家企业发出要约，{responded} 家企业回应，签订集体合同覆盖 {signed} 家企业。"
	"对拒绝协商和逾期未回应的企业，会同人社部门逐一督促应约。</p>"
)


def make_reports(plan, users, writer):
	"""Each unit's report, filled from the records, with a work summary, then submitted, approved
	or returned by the body's officers and the province reviewer."""
	for r in plan.reports:
		officer = office(r.body, r.unit, users)
		writer.as_user(officer)
		doc = frappe.get_doc(
			{
				"doctype": "Unit Report",
				"campaign": r.campaign,
				"reporting_unit": r.unit,
				"reporting_body": r.body,
				"as_of_date": min(plan.today, plan.campaigns[-1].due),
			}
		).insert(ignore_permissions=True)
		doc.fill_from_records()
		total = {key: sum(row.get(f"{key}_enterprises") or 0 for row in doc.rows) for key in ("offered", "responded", "signed")}
		city_office, province_office = plan_demo.BODY_OFFICES[r.body]
		doc.work_summary = WORK_SUMMARY.format(
			unit=plan_demo.short_city(r.unit) if r.unit != "湖南省" else "湖南省",
			office=province_office if r.unit == "湖南省" else city_office,
			**total,
		)
		doc.save(ignore_permissions=True)
		for action in plan_demo.REPORT_PATHS[r.state]:
			if action in ("审核通过", "退回"):
				writer.as_user(users[(r.body, None, 1)])
				if action == "退回":
					doc.db_set("return_reason", r.return_reason, update_modified=False)
			else:
				writer.as_user(officer)
			doc = apply_workflow(doc, action)
		writer.done(2 + len(plan_demo.REPORT_PATHS[r.state]))


def remove(echo=print):
	"""Delete what the demo made: its users' documents and the campaigns it created, the framework's
	rows about them, and the users. Nothing else; running it again finds nothing to delete."""
	users = demo_users()
	state = json.loads(frappe.db.get_default(STATE_KEY) or "{}")
	counts = {}
	owned = {}
	for doctype in DOCTYPES:
		filters = {"owner": ("in", users or [""])}
		names = frappe.get_all(doctype, filters=filters, pluck="name")
		if doctype == "Campaign":
			names = [n for n in names if n in set(state.get("campaigns") or [])] + [
				n for n in state.get("campaigns") or [] if n not in names and frappe.db.exists("Campaign", n)
			]
		owned[doctype] = names
	# a negotiation belongs to its offer, whoever opened it (an employer's online answer opens it as Guest)
	owned["Negotiation"] = sorted(set(owned["Negotiation"]) | set(_in_chunks("Negotiation", "offer", owned["Offer"])))
	owned["Negotiation Coordination"] = sorted(
		set(owned["Negotiation Coordination"]) | set(_in_chunks("Negotiation Coordination", "negotiation", owned["Negotiation"]))
	)
	_check_nothing_else_links(owned)
	for doctype, names in owned.items():
		if names:
			_delete_documents(doctype, names)
			counts[doctype] = len(names)
			frappe.db.commit()
	for user in users:
		_delete_user(user)
	counts["User"] = len(users)
	_restore_series(state.get("series") or {})
	frappe.db.set_default(STATE_KEY, None)
	frappe.db.delete("DefaultValue", {"defkey": STATE_KEY})
	frappe.db.commit()
	frappe.clear_cache()
	return counts


def _check_nothing_else_links(owned):
	"""Refuse before deleting anything when a record the demo did not make points at one it did
	(someone recorded real work on a demo enterprise): deleting would break it."""
	checks = (
		("Offer Coverage", "enterprise", "Enterprise", "Offer"),
		("Offer Coverage", "enterprise", "Enterprise", "Offer Draft"),  # next spring's worklist
		("Contract Coverage", "enterprise", "Enterprise", "Contract"),
		("Offer", "campaign", "Campaign", None),
		("Contract", "campaign", "Campaign", None),
		("Unit Report", "campaign", "Campaign", None),
		("Contract", "offer", "Offer", None),
		("Negotiation", "offer", "Offer", None),
		("Negotiation Coordination", "negotiation", "Negotiation", None),
	)
	found = []
	for doctype, field, target, parent in checks:
		names = owned.get(target) or []
		if not names:
			continue
		if parent:
			rows = frappe.get_all(doctype, filters={field: ("in", names), "parenttype": parent}, pluck="parent")
			strangers = set(rows) - set(owned.get(parent) or [])
		else:
			strangers = set(frappe.get_all(doctype, filters={field: ("in", names)}, pluck="name")) - set(owned.get(doctype) or [])
		if strangers:
			found.append(f"{frappe._(parent or doctype)}：{'、'.join(sorted(strangers)[:10])}")
	if found:
		frappe.throw(
			frappe._("Records not made by the demo use its data; delete or change them first: {0}").format("；".join(found))
		)


def _in_chunks(doctype, field, values):
	found = []
	for chunk in _chunks(values):
		found += frappe.get_all(doctype, filters={field: ("in", chunk)}, pluck="name")
	return found


def _children(doctype):
	return [df.options for df in frappe.get_meta(doctype).get_table_fields()]


def _delete_documents(doctype, names):
	"""Delete rows of `doctype` and their children, the annex ledger rows they posted and the
	framework's rows about them."""
	for chunk in _chunks(names):
		for child in _children(doctype):
			frappe.db.delete(child, {"parent": ("in", chunk), "parenttype": doctype})
		if doctype in ("Offer", "Contract", "Enterprise", "Campaign"):
			cache.bump()
		if doctype in ("Offer", "Contract"):
			frappe.db.delete("Annex Ledger Entry", {"voucher_type": doctype, "voucher_no": ("in", chunk)})
		if doctype == "Unit Report":  # its refusal sheet, records of their own
			frappe.db.delete("Unit Report Refusal", {"unit_report": ("in", chunk)})
		if doctype == "Offer":  # the employers' answer links and their log (written as Guest)
			frappe.db.delete("Answer Link", {"offer": ("in", chunk)})
			frappe.db.delete("Answer Log", {"offer": ("in", chunk)})
		if doctype == "Enterprise":
			frappe.db.delete("Annex Ledger Entry", {"enterprise": ("in", chunk)})
		if doctype == "Campaign":
			frappe.db.delete("Annex Ledger Entry", {"campaign": ("in", chunk)})
		_delete_references(doctype, chunk)
		frappe.db.delete(doctype, {"name": ("in", chunk)})


def _delete_references(doctype, names):
	actions = frappe.get_all("Workflow Action", filters={"reference_doctype": doctype, "reference_name": ("in", names)}, pluck="name")
	if actions:
		frappe.db.delete("Workflow Action Permitted Role", {"parent": ("in", actions)})
		frappe.db.delete("Workflow Action", {"name": ("in", actions)})
	for table, type_field, name_field in REFERENCES:
		if frappe.db.table_exists(table) and frappe.get_meta(table).has_field(name_field):
			frappe.db.delete(table, {type_field: doctype, name_field: ("in", names)})


def _delete_user(user):
	"""A demo user and everything Frappe keeps about them. Rows are deleted directly: User.on_trash
	refuses while no System Manager but Administrator exists (a site set up without the wizard)."""
	from frappe.utils.password import delete_all_passwords_for

	for table, field in (
		("User Permission", "user"),
		("Notification Log", "for_user"),
		("Notification Log", "from_user"),
		("Workflow Action", "user"),
		("DocShare", "user"),
		("ToDo", "allocated_to"),
		("Activity Log", "user"),
		("Access Log", "user"),
		("Route History", "user"),
		("Energy Point Log", "user"),
		("Notification Settings", "name"),
		("Dashboard Settings", "name"),
		("Sessions", "user"),
		("DefaultValue", "parent"),
	):
		if frappe.db.table_exists(table):
			frappe.db.delete(table, {field: user})
	frappe.db.sql("DELETE FROM `__UserSettings` WHERE user = %s", (user,))  # list and report settings
	contacts = frappe.get_all("Contact", filters={"user": user}, pluck="name")
	for child in _children("Contact") if contacts else ():
		frappe.db.delete(child, {"parent": ("in", contacts), "parenttype": "Contact"})
	frappe.db.delete("Contact", {"name": ("in", contacts or [""])})
	for child in _children("User"):
		frappe.db.delete(child, {"parent": user, "parenttype": "User"})
	delete_all_passwords_for("User", user)
	_delete_references("User", [user])
	frappe.db.delete("User", {"name": user})
	frappe.cache.hdel("user_permissions", user)
	frappe.clear_cache(user=user)


def _restore_series(before):
	"""Put the offer and contract numbering back where it was, unless documents other than the
	demo's were numbered since (then their numbers must stay unique)."""
	for name, current in _series_values().items():
		doctype = next((dt for prefix, dt in SERIES.items() if name.startswith(prefix)), None)
		if not doctype:
			continue
		highest = frappe.db.sql(f"SELECT MAX(name) FROM `tab{doctype}` WHERE name LIKE %s", (name + "%",))[0][0]
		used = int(highest[len(name):]) if highest and highest[len(name):].isdigit() else 0
		target = max(before.get(name, 0), used)
		if target != current:
			if target:
				frappe.db.sql("UPDATE `tabSeries` SET current = %s WHERE name = %s", (target, name))
			else:
				frappe.db.sql("DELETE FROM `tabSeries` WHERE name = %s", (name,))


def _chunks(names, size=500):
	for i in range(0, len(names), size):
		yield names[i : i + size]


def logins():
	"""[(email, full name, role, region)] of the demo's users, for the command to print."""
	rows = []
	for u in plan_demo.make_users():
		rows.append((u.email, u.full_name, u.role, u.region or "湖南省（全省）"))
	return rows

