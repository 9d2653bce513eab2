"""Install, migrate and uninstall (hooks after_install, after_migrate, before_uninstall), and the seed
data shipped as code, not fixtures: fixtures are deleted and re-inserted on every migrate,
which would lose a tree's lft/rgt and every edit made on the site (FRAPPE-NOTES §9)."""

import frappe

from springoffer.annex import cache as annex_cache
from springoffer.controllers import holidays
from springoffer.core.categories import ROLES
from springoffer.core.regions import shipped_regions
from springoffer.desk import setup as desk_setup
from springoffer.security import backups, baseline
from springoffer.setup import notifications

FIRST_CAMPAIGN = {
	"campaign_name": "2023年春季要约行动",
	"year": 2023,
	"start_date": "2023-03-01",
	"end_date": "2023-06-30",
	"report_due_date": "2023-06-30",
	"notice_reference": "湘人社发〔2023〕11号",
}

# 湖南省最低工资标准 from 2022-04-01: 一类 1930, 二类 1700, 三类 1550 元/月. Only the lowest
# tier is shipped, on the province, as the floor that holds everywhere; cities and counties in
# the higher tiers are added on the site as Minimum Wage Standard records.
PROVINCE_MINIMUM_WAGE = {
	"region": "湖南省",
	"tier": "三类（全省最低档）",
	"effective_from": "2022-04-01",
	"monthly_wage": 1550,
	"hourly_wage": 15,
	"document_reference": "湖南省2022年最低工资标准",
}



def after_install():
	annex_cache.create_table()
	desk_setup.after_install()  # the time zone first: the seed records are stamped in Asia/Shanghai
	ensure_seed_data()
	notifications.sync_notifications()
	ensure_unique_ledger_numbers()
	baseline.apply_baseline()
	backups.turn_on_scheduled_backups()


def after_migrate():
	annex_cache.create_table()
	ensure_seed_data()
	desk_setup.after_migrate()
	notifications.sync_notifications()
	ensure_unique_ledger_numbers()
	baseline.apply_baseline()  # once per site: existing sites get it on their first migrate with this app version


def ensure_unique_ledger_numbers():
	"""The unique index on (ledger_no, campaign) of offers and contracts (on_doctype_update adds it when
	the DocType is synced; sites installed before it get it here). Blank numbers become NULL first;
	numbers used twice are listed, and the index waits for the next migrate after they are renumbered."""
	import click

	for doctype in ("Offer", "Contract"):
		if frappe.db.sql(
			"""SELECT 1 FROM information_schema.TABLE_CONSTRAINTS WHERE table_schema = DATABASE()
			AND table_name = %s AND constraint_name = 'unique_ledger_no_campaign'""",
			f"tab{doctype}",
		):
			continue
		frappe.db.sql(f"UPDATE `tab{doctype}` SET ledger_no = NULL WHERE TRIM(ledger_no) = ''")
		duplicates = frappe.db.sql(
			f"""SELECT campaign, ledger_no, GROUP_CONCAT(name SEPARATOR '、') FROM `tab{doctype}`
			WHERE ledger_no IS NOT NULL GROUP BY campaign, ledger_no HAVING COUNT(*) > 1"""
		)
		for campaign, number, names in duplicates:
			click.secho(f"{campaign} 的{'要约' if doctype == 'Offer' else '集体合同'}编号 {number} 重复：{names}；改正编号后再次 migrate 即加上唯一索引", fg="red")
		if not duplicates:
			frappe.db.add_unique(doctype, ["ledger_no", "campaign"], constraint_name="unique_ledger_no_campaign")


def ensure_seed_data():
	"""Insert what is missing, never overwrite: a second run changes nothing."""
	insert_missing_regions()
	holidays.prefill_from_library()
	if not frappe.db.exists("Campaign", FIRST_CAMPAIGN["campaign_name"]):
		frappe.get_doc({"doctype": "Campaign", **FIRST_CAMPAIGN}).insert(ignore_permissions=True)
	if not frappe.db.exists(
		"Minimum Wage Standard",
		{"region": PROVINCE_MINIMUM_WAGE["region"], "effective_from": PROVINCE_MINIMUM_WAGE["effective_from"]},
	):
		frappe.get_doc({"doctype": "Minimum Wage Standard", **PROVINCE_MINIMUM_WAGE}).insert(ignore_permissions=True)


def insert_missing_regions():
	existing = dict(frappe.get_all("Region", fields=["name", "region_code"], as_list=True))
	rows = shipped_regions()
	for row in rows:  # a region a ledger import added before the tree shipped it: give it its code
		if row["name"] in existing and not existing[row["name"]]:
			frappe.db.set_value("Region", row["name"], {"region_code": row["code"], "region_level": row["level"]})
	parents = {row["parent"] for row in rows if row["parent"]}
	missing = [row for row in rows if row["name"] not in existing]
	if not missing:
		return 0
	for row in missing:  # tree order: parents first, so the nested set stays whole
		frappe.get_doc(
			{
				"doctype": "Region",
				"region_name": row["name"],
				"region_code": row["code"],
				"region_level": row["level"],
				"parent_region": row["parent"],
				"is_group": 1 if row["name"] in parents or row["level"] != "县市区" else 0,
			}
		).insert(ignore_permissions=True)
	return len(missing)


def before_uninstall():
	"""Leave no trace outside the app's own DocTypes: workflows, their states, actions and pending
	workflow actions, notifications and the comments and logs on our documents, our scheduled job,
	region user permissions and our roles."""
	notifications.remove_notifications()
	desk_setup.before_uninstall()
	from springoffer import hooks

	for entry in hooks.fixtures:
		if entry["dt"] in ("Workflow", "Notification"):
			for name in entry["filters"][0][2]:
				if frappe.db.exists(entry["dt"], name):
					frappe.delete_doc(entry["dt"], name, force=True, ignore_permissions=True)
	for entry in hooks.fixtures:
		if entry["dt"] in ("Workflow State", "Workflow Action Master"):
			used_elsewhere = set(frappe.get_all("Workflow Document State", pluck="state")) | set(
				frappe.get_all("Workflow Transition", pluck="action")
			)
			for name in entry["filters"][0][2]:
				if name not in used_elsewhere and frappe.db.exists(entry["dt"], name):
					frappe.delete_doc(entry["dt"], name, force=True, ignore_permissions=True)
	# Rows Frappe keeps about our documents, which would point at dropped tables.
	doctypes = frappe.get_all("DocType", filters={"module": "Springoffer"}, pluck="name")
	actions = frappe.get_all("Workflow Action", filters={"reference_doctype": ("in", doctypes)}, pluck="name")
	frappe.db.delete("Workflow Action Permitted Role", {"parent": ("in", actions or [""])})
	frappe.db.delete("Workflow Action", {"name": ("in", actions or [""])})
	for doctype, field in (("Comment", "reference_doctype"), ("Notification Log", "document_type")):
		frappe.db.delete(doctype, {field: ("in", doctypes)})
	# The scheduler would otherwise call our daily task on a site without our tables, until the next migrate.
	frappe.db.delete("Scheduled Job Type", {"method": ("like", "springoffer.%")})
	frappe.db.delete("User Permission", {"allow": "Region"})
	frappe.db.delete("Has Role", {"role": ("in", ROLES)})
	for role in ROLES:
		if frappe.db.exists("Role", role):
			frappe.delete_doc("Role", role, force=True, ignore_permissions=True)
	frappe.cache.delete_value("user_permissions")


def after_uninstall():
	"""What lies outside Frappe's tables of the app, once they are gone (DDL: after uninstall's own)."""
	annex_cache.drop_table()
