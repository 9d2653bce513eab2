# Underscored names are not read as hooks.
from springoffer.core.categories import CONTRACT_STATES as _CONTRACT_STATES
from springoffer.core.categories import REPORT_STATES as _REPORT_STATES
from springoffer.core.categories import ROLES as _ROLES

app_name = "springoffer"
app_title = "Springoffer"
app_publisher = "springoffer developers"
app_description = "集体协商“春季要约行动”台帐、统计表与审核 — Hunan spring wage-bargaining campaign"
app_email = "springoffer@example.invalid"
app_license = "MIT"

export_python_type_annotations = True

after_install = "springoffer.setup.install.after_install"
after_migrate = "springoffer.setup.install.after_migrate"
before_uninstall = "springoffer.setup.install.before_uninstall"
after_uninstall = "springoffer.setup.install.after_uninstall"
# run-tests says in one line when Frappe's test dependencies (bench setup requirements --dev) are missing.
before_tests = "springoffer.devtools.testing.check_test_dependencies"

# Campaign officers and reviewers land on the campaign's workspace with only its module in the sidebar.
doc_events = {
	"User": {"validate": "springoffer.desk.setup.user_validate"},
	# Our DocTypes: a number field holding text is refused in Chinese before validate compares it.
	"*": {"before_validate": "springoffer.security.input_checks.refuse_non_numbers"},
	# The chief representatives' phones: checked, kept encrypted, shown masked (springoffer/security/personal_data.py).
	"Contract": {"validate": "springoffer.security.personal_data.set_masked"},
	# The province board refreshes when a unit report moves (the annex ledger announces its own changes).
	"Unit Report": {"on_change": "springoffer.annex.cache.announce"},
}
doctype_js = {"Contract": "public/js/contract_contacts.js"}
# Desk-wide fixes (no build step: plain files under public/).
app_include_js = ["/assets/springoffer/js/springoffer_desk.js"]
app_include_css = ["/assets/springoffer/css/springoffer_desk.css"]
boot_session = "springoffer.desk.defaults.boot_session"
# The legal clocks read the site's 节假日安排 before the chinesecalendar library (springoffer/controllers/holidays.py).
# A service unavailable (Redis, MariaDB) answers a short Chinese message with 503, never a traceback (springoffer/security/faults.py).
before_request = ["springoffer.security.faults.install", "springoffer.controllers.holidays.use_site_calendar"]
before_job = ["springoffer.controllers.holidays.use_site_calendar"]
# The notifications also go to the 企业微信 / 钉钉 group robots of the region and body (springoffer/desk/group_robots.py).
# A leaving user's past approvals stay on record (Workflow Action keeps the user's id, as Frappe's own
# Version and Access Log do) instead of stopping their deletion.
ignore_links_on_delete = ["Workflow Action"]
override_doctype_class = {
	"Notification": "springoffer.desk.group_robots.RobotNotification",
	# Offboarding a campaign user needs no second System Manager (springoffer/security/users.py).
	"User": "springoffer.security.users.CampaignSiteUser",
}
# Print formats' helpers (springoffer/desk/printing.py): Chinese dates, letter parties, the printed 附件.
jinja = {
	"methods": [
		"springoffer.desk.printing.so_cn_date",
		"springoffer.desk.printing.so_offer_parties",
		"springoffer.desk.printing.so_response_due",
		"springoffer.desk.printing.so_hrss_office",
		"springoffer.desk.printing.so_takes_effect",
		"springoffer.desk.printing.so_unit_report_annex",
		"springoffer.desk.printing.so_unit_report_refusals",
		"springoffer.desk.printing.so_coordination_parties",
		"springoffer.portal.links.so_answer_link",
	]
}

scheduler_events = {
	"daily": ["springoffer.controllers.daily.daily"],
	# the day's backup with files, while the site config asks for it (springoffer/security/backups.py)
	"daily_long": ["springoffer.security.backups.daily_backup"],
	# offer letters the Email Queue gave up on mark their offers 送达失败 (springoffer/portal/letters.py)
	# and ledger imports whose job was killed are marked 中断, to be run again (springoffer/workbook/desk_import.py)
	"all": ["springoffer.portal.letters.check_failed_emails", "springoffer.workbook.desk_import.mark_interrupted_imports"],
}

# Row-level permission where Frappe's own stops (springoffer/security/permissions.py): child tables listed with
# parent= (every child table of the module, present and future), 抽查 (no region of its own), and the
# whitelisted methods that bypass permissions.
permission_query_conditions = {"*": "springoffer.security.permissions.query_conditions"}
has_permission = {
	"Spot Check": "springoffer.security.permissions.province_only_permission",
	# the coordination cards are on HRSS's workspace only (springoffer/desk/workspace.py)
	"Number Card": "springoffer.desk.workspace.card_permission",
}
override_whitelisted_methods = {
	"frappe.client.get_count": "springoffer.security.permissions.get_count",
	"frappe.client.validate_link": "springoffer.security.permissions.validate_link",
	"frappe.desk.listview.get_group_by_count": "springoffer.security.permissions.get_group_by_count",
	"frappe.desk.search.search_link": "springoffer.security.permissions.search_link",
	"frappe.desk.search.search_widget": "springoffer.security.permissions.search_widget",
	"frappe.desk.reportview.export_query": "springoffer.security.exports.export_query",
	"frappe.desk.query_report.export_query": "springoffer.security.exports.export_report",
	# an approval sent twice (a retry, two reviewers at once) is taken once (springoffer/desk/workflow_actions.py)
	"frappe.model.workflow.apply_workflow": "springoffer.desk.workflow_actions.apply_workflow",
	# Deprecated paths of methods that moved when the app was grouped into packages (0.2): kept so a
	# desk tab opened before the upgrade and a site's own copies of our number cards keep working.
	"springoffer.workspace.open_work": "springoffer.desk.workspace.open_work",
	"springoffer.workspace.annex_figure": "springoffer.desk.workspace.annex_figure",
	"springoffer.defaults.form_defaults": "springoffer.desk.defaults.form_defaults",
	"springoffer.personal_data.reveal": "springoffer.security.personal_data.reveal",
}

# Shipped as fixtures, filtered by name: Frappe ships states and actions of its own
# (Pending, Approve…) that must not be exported with ours.
_CONTRACT_ACTIONS = ["报送", "受理", "要求补正", "补正后报送", "开始审查", "审查通过", "提出异议", "确认生效", "重新报送", "期满生效", "撤销"]
_REPORT_ACTIONS = ["提交", "审核通过", "退回", "重新提交"]

fixtures = [
	{"dt": "Role", "filters": [["name", "in", list(_ROLES)]]},
	{"dt": "Workflow State", "filters": [["name", "in", list(_CONTRACT_STATES + _REPORT_STATES)]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", _CONTRACT_ACTIONS + _REPORT_ACTIONS]]},
	{"dt": "Workflow", "filters": [["name", "in", ["集体合同审查备案", "报送单位统计表审核", "典型案例审核"]]]},
]
