"""Next spring in one step: the new Campaign opened from this year's, what stays valid carried over
(each carried item naming where it came from), and each union unit's worklist of draft offers.
Nothing of the campaign it opens from changes."""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import getdate, today

from springoffer.core import offer_drafts as od
from springoffer.planning import worklist


def check_may_open(user=None):
	"""Province users only: a campaign is the province's, whatever body opens it."""
	from springoffer.security.regions import permitted_regions

	user = user or frappe.session.user
	if permitted_regions(user) is not None or not frappe.has_permission("Campaign", "create", user=user):
		frappe.throw(_("Only province users who may create a Campaign open the next one"), frappe.PermissionError)


def open_next(source, name, start, end, report_due, notice_reference=None):
	"""Create campaign `name` from `source` and draft its offers; returns what was done."""
	if not frappe.db.exists("Campaign", source):
		frappe.throw(_("Campaign {0} does not exist; give the name of the campaign to open from").format(source))
	if frappe.db.exists("Campaign", name):
		frappe.throw(_("Campaign {0} already exists; choose another name").format(name), frappe.DuplicateEntryError)
	start, end, report_due = getdate(start), getdate(end), getdate(report_due)
	previous = frappe.db.get_value("Campaign", source, ["start_date", "end_date", "notice_reference"], as_dict=True)
	if start <= getdate(previous.end_date):
		frappe.throw(
			_("The new campaign starts on {0}, before {1} ends on {2}; start it after that day").format(start, source, previous.end_date)
		)
	campaign = frappe.get_doc(
		{
			"doctype": "Campaign",
			"campaign_name": name,
			"year": start.year,
			"start_date": start,
			"end_date": end,
			"report_due_date": report_due,
			"notice_reference": notice_reference,
			"previous_campaign": source,
		}
	).insert()
	sites = carry_demonstration_sites(source, campaign.name, start)
	counts = worklist.draft(campaign.name, source)
	campaign.db_set("carryover_note", carryover_note(source, start, sites, counts), update_modified=False)
	return frappe._dict(campaign=campaign.name, sites=sites, counts=counts)


def carry_demonstration_sites(source, campaign, start):
	"""The source's demonstration sites whose enterprises all still operate, as new records of
	`campaign` naming the one they came from (their activities stay with the old campaign)."""
	closed = set(frappe.get_all("Enterprise", filters={"operating_status": ("in", [od.CLOSED, od.MERGED])}, pluck="name"))
	carried = []
	for name in frappe.get_all("Demonstration Site", filters={"campaign": source}, pluck="name", order_by="name asc"):
		site = frappe.get_doc("Demonstration Site", name)
		if any(row.enterprise in closed for row in site.enterprises):
			continue
		copy = frappe.copy_doc(site)
		copy.campaign = campaign
		copy.carried_from = site.name
		copy.activities = []
		for row in copy.enterprises:  # last spring's offer and contract stay with last spring
			row.offer = row.contract = None
		with as_site():  # the province carries every body's sites, not the opener's own body alone
			copy.insert(ignore_permissions=True)
		carried.append(copy.name)
	return carried


@contextmanager
def as_site():
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.set_user(user)


def carryover_note(source, start, sites, counts):
	"""What the new campaign takes from `source`, in the campaign's own words."""

	def in_force(doctype, filters):
		return frappe.db.count(doctype, filters)

	sent = sum(n for reason, (n, _m) in counts.items() if reason in od.REASONS)
	left = sum(n for reason, (n, _m) in counts.items() if reason in od.LEFT_OUT_REASONS)
	lines = [
		f"承接自 {source}（{today()}）",
		f"工资指导线：{in_force('Wage Guideline', {'effective_from': ('<=', start)})} 条继续有效（新指导线发布后按生效日期自动取用）",
		f"最低工资标准：{in_force('Minimum Wage Standard', {'effective_from': ('<=', start)})} 条继续有效",
		f"群机器人：{in_force('Group Robot', {'enabled': 1})} 个继续推送",
		f"集体协商指导员：{in_force('Bargaining Instructor', {'active': 1})} 名在岗",
		f"示范点：{len(sites)} 个承接（各示范点“承接自”注明原记录）",
		f"要约草稿：{sent} 份待发送，{left} 家企业已注销或合并未列入",
	]
	lines += [f"　{reason}：{n} 份，{m} 家企业" for reason, (n, m) in counts.items() if reason in od.REASONS and n]
	return "\n".join(lines)
