"""Province roll-up, the comparison with the records and across bodies, and the status overview."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.devtools.testing import contract_doc, delete_unit_reports, make_enterprise, make_user
from springoffer.springoffer.report.expiring_contracts.expiring_contracts import execute as expiring
from springoffer.springoffer.report.unit_report_comparison.unit_report_comparison import execute as compare
from springoffer.springoffer.report.unit_report_status.unit_report_status import execute as status

CAMPAIGN = "2023年春季要约行动"


def city_report(unit, body=c.BODY_UNION, private=(0,) * 7, state=c.REPORT_DRAFT):
	fields = ("offered_enterprises", "offered_workers", "responded_enterprises", "responded_workers", "signed_enterprises", "signed_workers", "refused_enterprises")
	refusals = [
		{"enterprise_name": f"{unit}拒绝企业{i}", "report_category": c.PRIVATE, "refusal_kind": c.REFUSED, "reason": "其他"}
		for i in range(private[6])
	]
	doc = frappe.get_doc(
		{
			"doctype": "Unit Report",
			"campaign": CAMPAIGN,
			"reporting_unit": unit,
			"reporting_body": body,
			"as_of_date": "2023-06-30",
			"work_summary": "<p>本单位组织开展春季要约行动。</p>",
			"rows": [{"report_category": c.PRIVATE, **dict(zip(fields, private))}],
		}
	)
	doc.set_refusal_sheet(refusals)
	doc.insert()
	for action in {c.REPORT_SUBMITTED: ["提交"], c.REPORT_APPROVED: ["提交", "审核通过"]}.get(state, []):
		doc = apply_workflow(doc, action)
	return doc


class TestUnitReportRollUp(FrappeTestCase):
	def setUp(self):
		delete_unit_reports({"campaign": CAMPAIGN})

	def test_province_rolls_up_approved_cities_only(self):
		city_report("长沙市", private=(10, 500, 8, 400, 5, 300, 1), state=c.REPORT_APPROVED)
		city_report("衡阳市", private=(4, 100, 2, 50, 1, 20, 2), state=c.REPORT_APPROVED)
		city_report("株洲市", private=(99, 990, 0, 0, 0, 0, 0), state=c.REPORT_SUBMITTED)
		province = city_report("湖南省")
		province.roll_up_cities()
		row = next(r for r in province.rows if r.report_category == c.PRIVATE)
		self.assertEqual(
			(row.offered_enterprises, row.offered_workers, row.responded_enterprises, row.signed_workers, row.refused_enterprises),
			(14, 600, 10, 320, 3),
		)
		self.assertEqual(len(province.refusal_rows()), 3)
		self.assertEqual(province.source, "市州汇总")
		self.assertIn("已汇总 2 个市州", province.rollup_status)
		self.assertIn("株洲市（已提交）", province.rollup_status)
		self.assertIn("湘潭市", province.rollup_status)  # not reported at all
		with self.assertRaises(frappe.ValidationError):
			city_report("湘潭市").roll_up_cities()

	def test_comparison_flags_figures_that_differ_from_the_records(self):
		enterprise = make_enterprise(region="张家界市", category=c.PRIVATE, employees=90)
		from springoffer.devtools.testing import offer_doc

		offer_doc([enterprise], 80, date_sent="2023-03-02").insert()
		city_report("张家界市", body=c.BODY_UNION, private=(1, 80, 0, 0, 0, 0, 1))  # matches the records
		city_report("张家界市", body=c.BODY_HRSS, private=(2, 80, 0, 0, 0, 0, 0))  # does not
		_columns, data, _message, _chart, summary, _skip = compare(
			{"campaign": CAMPAIGN, "reporting_unit": "张家界市", "as_of_date": "2023-06-30"}
		)
		offered = next(r for r in data if r["category"] == c.PRIVATE)
		self.assertEqual((offered["records"], offered["union"], offered["hrss"]), (1, 1, 2))
		self.assertEqual(offered["differences"], c.BODY_HRSS)
		refused = [r for r in data if r["figure"] == c.HEADER_REFUSED][1]  # the private row's
		self.assertEqual(refused["differences"], c.BODY_HRSS)
		self.assertNotIn("commerce", offered)  # no report of that body
		self.assertGreater(summary[-1]["value"], 0)

	def test_status_flags_overdue_units_and_confines_city_users(self):
		city_report("娄底市", state=c.REPORT_SUBMITTED)
		with self.freeze_time("2023-07-02 09:00"):
			_columns, data, _m, _c, _summary = status({"campaign": CAMPAIGN})
		loudi = next(r for r in data if r["unit"] == "娄底市")
		self.assertEqual(loudi["union"], c.REPORT_SUBMITTED)
		self.assertIn("（", loudi["hrss"])  # not created and past due
		self.assertEqual(len(data), 15)
		user = make_user("status.city@example.com", ["Trade Union Officer"], region="娄底市")
		with self.set_user(user):
			_cols, data, *_ = status({"campaign": CAMPAIGN})
		self.assertEqual([r["unit"] for r in data], ["娄底市"])

	def test_expiring_contracts_are_next_years_offer_candidates(self):
		enterprise = make_enterprise(region="怀化市", employees=300)
		ending = contract_doc([enterprise], 100, signing_date="2023-05-20", term_start="2023-06-01", term_end="2024-05-31").insert()
		later = contract_doc([enterprise], 100, signing_date="2023-05-20", term_start="2023-06-01", term_end="2026-05-31").insert()
		cancelled = contract_doc([enterprise], 100, signing_date="2023-05-20", term_start="2023-06-01", term_end="2024-05-31", cancellation_reason="解除", is_cancelled=1).insert()
		if not frappe.db.exists("Campaign", "2024年春季要约行动"):
			frappe.get_doc({"doctype": "Campaign", "campaign_name": "2024年春季要约行动", "year": 2024, "start_date": "2024-03-01", "end_date": "2024-06-30", "report_due_date": "2024-06-30"}).insert()
		_columns, data = expiring({"campaign": "2024年春季要约行动"})
		contracts = {r["contract"] for r in data}
		self.assertIn(ending.name, contracts)
		self.assertNotIn(later.name, contracts)
		self.assertNotIn(cancelled.name, contracts)
