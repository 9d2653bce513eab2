"""The notice's focus areas counted from the records, against counts made by hand."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.annex import campaigns, focus_areas
from springoffer.core import categories as c
from springoffer.devtools.testing import contract_doc, make_campaign, make_enterprise, make_user, offer_doc
from springoffer.springoffer.report.focus_areas import focus_areas as report

CAMPAIGN = "重点领域测试活动"
CITY_USER = "fa.city.union@example.com"


class TestFocusAreas(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_campaign(CAMPAIGN)
		make_user(CITY_USER, ["Trade Union Officer"], region="衡阳市")
		agreed = {"response": c.AGREED, "response_date": "2023-03-20"}
		soe = make_enterprise(region="衡阳市", category=c.STATE_OWNED, is_wage_total_approval=1)
		offer_doc(soe, campaign=CAMPAIGN, **agreed).insert()
		contract_doc(soe, campaign=CAMPAIGN).insert()
		offer_doc(make_enterprise(region="衡阳市", is_piece_rate=1), campaign=CAMPAIGN).insert()
		offer_doc(
			make_enterprise(region="邵阳市"), campaign=CAMPAIGN, main_topic=c.OFFER_TOPICS[1],
			response=c.REFUSED, response_date="2023-03-25", refusal_reason=c.REFUSAL_REASONS[0],
		).insert()
		cls.small = [make_enterprise(region="邵阳市", is_small_micro=1, employees=20) for _i in range(2)]
		offer_doc(cls.small, workers=[15, 18], campaign=CAMPAIGN, scope=c.SCOPE_REGIONAL, **agreed).insert()
		contract_doc(cls.small, workers=[15, 18], campaign=CAMPAIGN, contract_kind=c.CONTRACT_KINDS[4]).insert()
		offer_doc(make_enterprise(region="邵阳市", is_small_micro=1, employees=20), workers=10, campaign=CAMPAIGN).insert()  # single: not the area
		offer_doc(make_enterprise(region="衡阳市", is_platform=1), campaign=CAMPAIGN, **agreed).insert()
		skilled = make_enterprise(region="衡阳市")
		offer_doc(skilled, campaign=CAMPAIGN, main_topic=c.OFFER_TOPICS[2], **agreed).insert()
		contract_doc(skilled, campaign=CAMPAIGN, contract_kind=c.CONTRACT_KINDS[2]).insert()
		cluster = make_enterprise(region="邵阳市", industrial_cluster="邵东智能制造产业园")
		offer_doc(cluster, campaign=CAMPAIGN).insert()
		cancelled = contract_doc(cluster, campaign=CAMPAIGN).insert()
		frappe.db.set_value("Contract", cancelled.name, "is_cancelled", 1)

	def test_counts_equal_the_hand_count(self):
		_unit, rows = focus_areas.count(CAMPAIGN, "湖南省")
		got = {
			(area, row["region"]): tuple(row[f"{focus_areas.KEYS[area]}_{col}"] for col in focus_areas.COLUMNS)
			for row in rows
			for area in c.FOCUS_AREAS
			if any(row[f"{focus_areas.KEYS[area]}_{col}"] for col in focus_areas.COLUMNS)
		}
		self.assertEqual(
			got,
			{
				(c.FOCUS_SOE, "衡阳市"): (1, 1, 1),
				(c.FOCUS_LABOUR_INTENSIVE, "衡阳市"): (1, 0, 0),
				(c.FOCUS_LABOUR_INTENSIVE, "邵阳市"): (1, 0, 0),
				(c.FOCUS_SMALL_MICRO, "邵阳市"): (2, 2, 2),
				(c.FOCUS_PLATFORM, "衡阳市"): (1, 1, 0),
				(c.FOCUS_SKILLED, "衡阳市"): (1, 1, 1),
				(c.FOCUS_CLUSTER, "邵阳市"): (1, 0, 0),
			},
		)
		self.assertEqual([row["region"] for row in rows][:3], ["长沙市", "株洲市", "湘潭市"])  # every city, tree order

	def test_report_rows_and_drill_down_agree(self):
		_columns, data = report.execute({"campaign": CAMPAIGN, "reporting_unit": "湖南省"})
		small = next(row for row in data if row["indent"] == 0 and row["area"] == c.FOCUS_SMALL_MICRO)
		self.assertEqual((small["offered"], small["agreed"], small["signed"]), (2, 2, 2))
		listed = focus_areas.enterprises(CAMPAIGN, "邵阳市", c.FOCUS_SMALL_MICRO, "signed")
		self.assertEqual(sorted(r.enterprise for r in listed), sorted(e.name for e in self.small))
		self.assertEqual(focus_areas.enterprises(CAMPAIGN, "衡阳市", c.FOCUS_SMALL_MICRO, "signed"), [])

	def test_a_city_user_sees_only_their_city(self):
		with self.set_user(CITY_USER):
			unit, rows = focus_areas.count(CAMPAIGN, "衡阳市")
			self.assertEqual(unit, "衡阳市")
			self.assertEqual(sum(row["soe_offered"] for row in rows), 1)
			with self.assertRaises(frappe.PermissionError):
				focus_areas.count(CAMPAIGN, "湖南省")
			with self.assertRaises(frappe.PermissionError):
				focus_areas.enterprises(CAMPAIGN, "邵阳市", c.FOCUS_SMALL_MICRO, "signed")

	def test_default_campaign_is_never_one_that_has_not_started(self):

		make_campaign("2099年春季要约行动", start="2099-03-01", end="2099-06-30", due="2099-06-30")
		self.assertNotEqual(campaigns.latest_campaign(), "2099年春季要约行动")
		self.assertLessEqual(str(frappe.db.get_value("Campaign", campaigns.latest_campaign(), "start_date")), frappe.utils.today())

	def test_the_units_own_records_get_a_row_of_their_own(self):
		_columns, data = report.execute({"campaign": CAMPAIGN, "reporting_unit": "衡阳市"})
		labels = [row["label"] for row in data if row["indent"] == 1 and row["area"] == c.FOCUS_SOE]
		self.assertEqual(labels[-1], frappe._("{0} (directly)").format("衡阳市"))
		own = next(row for row in data if row["area"] == c.FOCUS_SOE and row["label"] == labels[-1])
		self.assertEqual(own["offered"], 1)  # the SOE sits on 衡阳市 itself, not in a county
