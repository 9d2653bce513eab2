"""The audit trail: who exported what (every channel writes an Annex Export Log, province reviewers
list them all, a city user only its own region's, nobody edits or deletes them), and what changed
on the records (track changes on every record users edit; workflow steps and HRSS handling on record
with who and when)."""

import json
from contextlib import contextmanager

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.devtools.testing import make_enterprise, make_user, offer_doc
from springoffer.security.audit import COMMAND, DESK, REST, record_export
from springoffer.springoffer.doctype.region.test_permission_matrix import call

CITY_UNION = "audit.zz.union@example.com"
CITY_HRSS = "audit.zz.hrss@example.com"
OTHER_CITY = "audit.cs.union@example.com"
REVIEWER = "audit.union.reviewer@example.com"
CAMPAIGN = "2023年春季要约行动"


def logs(**filters):
	return frappe.get_all("Annex Export Log", filters=filters, fields=["*"], order_by="creation asc")


class TestAnnexExportLog(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(CITY_UNION, ["Trade Union Officer"], region="株洲市")
		make_user(CITY_HRSS, ["HRSS Officer"], region="株洲市")
		make_user(OTHER_CITY, ["Trade Union Officer"], region="长沙市")
		make_user(REVIEWER, ["Trade Union Reviewer"])
		cls.enterprise = make_enterprise(region="株洲市", employees=200).name

	def setUp(self):
		frappe.db.delete("Annex Export Log", {"exported_by": ("in", [CITY_UNION, OTHER_CITY, REVIEWER, "Administrator"])})

	def test_every_channel_writes_who_exported_what_for_which_unit(self):
		args = {"campaign": CAMPAIGN, "unit": "株洲市", "as_of": "2023-06-30"}
		with self.set_user(CITY_UNION):
			call("springoffer.api.download_annex", **args)
			frappe.local.request = frappe._dict(method="GET", headers={"Authorization": "token abc:def"})
			try:
				from springoffer import api

				api.annex_figures(**args)
			finally:
				del frappe.local.request
			report = frappe.get_doc(
				{"doctype": "Unit Report", "campaign": CAMPAIGN, "reporting_unit": "株洲市", "reporting_body": c.BODY_UNION, "as_of_date": "2023-06-30"}
			).insert()
			call("springoffer.springoffer.doctype.unit_report.unit_report.download", name=report.name)
			call("springoffer.springoffer.doctype.unit_report.unit_report.download_package", name=report.name)
			call(
				"frappe.desk.reportview.export_query",
				doctype="Offer", file_format_type="Excel", title="Offer", fields='["`tabOffer`.`name`"]', filters="[]",
			)
			call(
				"frappe.desk.query_report.export_query",
				report_name="Spring Offer Annex", file_format_type="Excel", visible_idx="[]", include_indentation=0,
				filters=frappe.as_json({"campaign": CAMPAIGN, "reporting_unit": "株洲市", "as_of_date": "2023-06-30"}),
			)
		from springoffer.annex.files import export_annex_file

		export_annex_file(CAMPAIGN, "株洲市", "2023-06-30", "/tmp/springoffer-audit-test.xlsx")  # what the bench command runs

		found = [(r.exported_by, r.channel, r.export_kind, r.reporting_unit, r.reference_doctype) for r in logs()]
		self.assertEqual(
			found,
			[
				(CITY_UNION, DESK, "附件 Excel", "株洲市", None),
				(CITY_UNION, REST, "附件数据", "株洲市", None),
				(CITY_UNION, DESK, "报送单位统计表 Excel", "株洲市", "Unit Report"),
				(CITY_UNION, DESK, "报送包", "株洲市", "Unit Report"),
				(CITY_UNION, DESK, "台帐导出", "株洲市", "Offer"),
				(CITY_UNION, DESK, "附件 Excel", "株洲市", "Report"),
				("Administrator", COMMAND, "附件 Excel", "株洲市", None),
			],
		)
		self.assertTrue(all(r.exported_at and r.campaign == CAMPAIGN for r in logs(export_kind=("!=", "台帐导出"))))

	def test_reviewers_list_every_log_and_a_city_only_its_own(self):
		with self.set_user(CITY_UNION):
			record_export("附件 Excel", unit="株洲市", campaign=CAMPAIGN)
		with self.set_user(OTHER_CITY):
			record_export("附件 Excel", unit="长沙市", campaign=CAMPAIGN)
		with self.set_user(REVIEWER):
			units = {r.reporting_unit for r in frappe.get_list("Annex Export Log", fields=["reporting_unit"])}
			self.assertLessEqual({"株洲市", "长沙市"}, units)
		with self.set_user(CITY_UNION):
			units = {r.reporting_unit for r in frappe.get_list("Annex Export Log", fields=["reporting_unit"])}
			self.assertEqual(units, {"株洲市"})
			self.assertEqual(call("frappe.client.get_count", doctype="Annex Export Log"), 1)

	def test_nobody_changes_or_deletes_a_log(self):
		record_export("附件 Excel", unit="株洲市", campaign=CAMPAIGN)
		name = logs()[0].name
		with self.set_user(REVIEWER):
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc({"doctype": "Annex Export Log", "exported_by": REVIEWER, "exported_at": frappe.utils.now(),
					"channel": DESK, "export_kind": "附件 Excel", "reporting_unit": "株洲市"}).insert()
		doc = frappe.get_doc("Annex Export Log", name)
		doc.reporting_unit = "长沙市"
		with self.assertRaises(frappe.PermissionError):
			doc.save(ignore_permissions=True)  # not even the system itself
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("Annex Export Log", name, ignore_permissions=True)
		self.assertEqual(frappe.db.get_value("Annex Export Log", name, "reporting_unit"), "株洲市")


@contextmanager
def recording_versions():
	"""Frappe skips Versions under tests (ignore_version = in_test): record them as a site does."""
	in_test, frappe.flags.in_test = frappe.flags.in_test, False
	try:
		yield
	finally:
		frappe.flags.in_test = in_test


# Records users edit keep their history (Version); these do not need one:
NOT_TRACKED = {
	"Annex Ledger Entry": "derived from offers and contracts, rebuilt by a command; users never edit it",
	"Annex Export Log": "is itself the record, written once",
	"Ledger Import": "records who imported which workbook and when in its own fields",
	"Answer Link": "records who issued and who withdrew it in its own fields; users never edit it",
	"Answer Log": "is itself the record, written once",
}


class TestChangeHistory(FrappeTestCase):
	def test_every_record_users_edit_tracks_changes(self):
		untracked = frappe.get_all(
			"DocType", filters={"module": "Springoffer", "istable": 0, "track_changes": 0}, pluck="name"
		)
		self.assertEqual(sorted(set(untracked) - set(NOT_TRACKED)), [])

	def test_workflow_steps_and_hrss_handling_say_who_did_what_when(self):
		make_user(CITY_UNION, ["Trade Union Officer"], region="株洲市")
		make_user(CITY_HRSS, ["HRSS Officer"], region="株洲市")
		enterprise = make_enterprise(region="株洲市", employees=100)
		with self.set_user(CITY_UNION):
			offer = offer_doc([enterprise], 50, date_sent="2023-03-10", response=c.REFUSED, response_date="2023-03-20",
				refusal_reason=c.REFUSAL_REASONS[0]).insert()
		with self.set_user(CITY_HRSS), recording_versions():
			doc = frappe.get_doc("Offer", offer.name)
			doc.hrss_handling, doc.hrss_handling_date = c.HRSS_HANDLINGS[0], "2023-03-25"
			doc.save()
		changes = self.changes("Offer", offer.name)
		self.assertIn((CITY_HRSS, "hrss_handling", c.HRSS_HANDLINGS[0]), changes)

		with self.set_user(CITY_UNION):
			report = frappe.get_doc(
				{"doctype": "Unit Report", "campaign": CAMPAIGN, "reporting_unit": "株洲市", "reporting_body": c.BODY_UNION,
					"as_of_date": "2023-06-30", "work_summary": "<p>总结</p>"}
			).insert()
			with recording_versions():
				apply_workflow(report, "提交")
		self.assertIn((CITY_UNION, "workflow_state", c.REPORT_SUBMITTED), self.changes("Unit Report", report.name))
		comments = frappe.get_all(
			"Comment", filters={"reference_doctype": "Unit Report", "reference_name": report.name, "comment_type": "Workflow"},
			fields=["owner", "content", "creation"],
		)
		self.assertEqual([(row.owner, row.content) for row in comments], [(CITY_UNION, c.REPORT_SUBMITTED)])

	def changes(self, doctype, name):
		"""(who, field, new value) of every recorded change."""
		found = []
		for version in frappe.get_all("Version", filters={"ref_doctype": doctype, "docname": name}, fields=["owner", "data", "creation"]):
			self.assertTrue(version.creation)
			for field, _old, new in json.loads(version.data).get("changed", []):
				found.append((version.owner, field, new))
		return found
