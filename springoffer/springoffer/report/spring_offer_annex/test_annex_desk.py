"""The 附件 as the desk shows it besides the grid: the workspace's number cards, the chart by region,
the printed form above the grid and 同比 — each the same figures as the report for the same filters."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.annex import figures as annex_db
from springoffer.annex import printed as annex_print
from springoffer.core import categories as c
from springoffer.desk import workspace
from springoffer.devtools.testing import contract_doc, make_campaign, make_enterprise, make_user, offer_doc
from springoffer.security.regions import region_subtree
from springoffer.springoffer.report.spring_offer_annex.spring_offer_annex import execute

CAMPAIGN = "2023年春季要约行动"


class TestAnnexDesk(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_campaign("2022年春季要约行动", "2022-03-01", "2022-06-30", "2022-06-30")
		cls.zz = [make_enterprise(region="株洲市", category=c.PRIVATE) for _i in range(3)]
		cls.cs = make_enterprise(region="芙蓉区", category=c.STATE_OWNED)
		offer_doc(cls.zz[:2], workers=[100, 200]).insert(ignore_permissions=True)
		offer_doc(cls.zz[2], response=c.REFUSED, response_date="2023-03-15", refusal_reason=c.REFUSAL_REASONS[0]).insert(ignore_permissions=True)
		offer_doc(cls.cs, response=c.AGREED, response_date="2023-03-12").insert(ignore_permissions=True)
		contract_doc(cls.cs).insert(ignore_permissions=True)
		offer_doc(cls.zz[0], date_sent="2022-03-10", campaign="2022年春季要约行动").insert(ignore_permissions=True)

	def test_cards_are_the_reports_totals(self):
		_columns, data, *_ = execute({"campaign": CAMPAIGN, "reporting_unit": "湖南省", "as_of_date": "2023-06-30"})
		total = data[-1]
		for column in workspace.ANNEX_COLUMNS:
			card = workspace.annex_figure({"column": column, "campaign": CAMPAIGN, "reporting_unit": "湖南省", "as_of_date": "2023-06-30"})
			self.assertEqual(card["value"], total[column], column)
			self.assertEqual(card["route"], ["query-report", "Spring Offer Annex"])

	def test_chart_by_city_adds_up_to_each_citys_annex(self):
		rows = dict(annex_print.by_child_region(CAMPAIGN, "湖南省", "2023-06-30"))
		self.assertEqual(list(rows)[:2], ["长沙市", "株洲市"])  # every 市州, in the tree's order
		for city in ("长沙市", "株洲市", "湘潭市"):
			annex = annex_db.count(CAMPAIGN, city, "2023-06-30", with_refusals=False)
			for column in annex_print.COUNT_COLUMNS:
				self.assertEqual(rows[city][column], getattr(annex.total, column), (city, column))
		chart = execute({"campaign": CAMPAIGN, "reporting_unit": "株洲市", "as_of_date": "2023-06-30"})[3]
		counties = frappe.get_all("Region", filters={"parent_region": "株洲市"}, order_by="lft asc", pluck="name")
		self.assertEqual(chart["data"]["labels"][: len(counties)], counties)  # a city's chart is by 县市区
		offered = sum(chart["data"]["datasets"][0]["values"])
		self.assertEqual(offered, annex_db.count(CAMPAIGN, "株洲市", "2023-06-30", with_refusals=False).total.offered)

	def test_form_above_the_grid_links_each_count(self):
		_columns, data, message, *_ = execute({"campaign": CAMPAIGN, "reporting_unit": "株洲市", "as_of_date": "2023-06-30"})
		self.assertIn(c.ANNEX_TITLE, message)
		self.assertIn('colspan="2">发出要约', message)
		self.assertIn('rowspan="2"', message)
		self.assertIn("备注：1. 请各地于 2023 年 6 月 30 日前上报", message)
		self.assertIn("column=offered", message)
		self.assertIn(f">{data[-1]['offered']}</a>", message)

	def test_cards_say_which_change_is_bad_news(self):
		"""同比 on the cards: a rise in 不予回应 is marked as bad, like a fall in the others."""
		marks = {}
		for column in workspace.ANNEX_COLUMNS:
			card = workspace.annex_figure({"column": column, "campaign": CAMPAIGN, "reporting_unit": "株洲市", "as_of_date": "2023-06-30"})
			self.assertIn("previous", card, column)
			marks[column] = card["rise_is_bad"]
		self.assertEqual(marks, {"offered": False, "responded": False, "signed": False, "refused": True})

	def test_compare_with_the_previous_campaign_on_demand(self):
		columns, data, message, *_ = execute(
			{"campaign": CAMPAIGN, "reporting_unit": "株洲市", "as_of_date": "2023-06-30", "compare_previous": 1}
		)
		before = annex_db.count("2022年春季要约行动", "株洲市", "2022-06-30", with_refusals=False)
		self.assertEqual(data[-1]["previous_offered"], before.total.offered)
		self.assertIn("上年同期", message)
		self.assertIn("previous_offered", [col["fieldname"] for col in columns])
		self.assertEqual(annex_print.previous_as_of(CAMPAIGN, "2022年春季要约行动", frappe.utils.getdate("2023-03-31")), frappe.utils.getdate("2022-03-31"))

	def test_open_work_counts_the_users_region_only(self):
		user = make_user("desk.zz@example.com", ["HRSS Officer"], region="株洲市")
		with self.set_user(user):
			card = workspace.open_work({"item": "refusals_unhandled"})
			self.assertEqual(card["route"], ["List", "Offer", "List"])
			expected = len(frappe.get_list("Offer", filters=workspace.open_work_filters("refusals_unhandled")[1], pluck="name"))
			self.assertEqual(card["value"], expected)
			regions = set(frappe.get_list("Offer", filters=workspace.open_work_filters("refusals_unhandled")[1], pluck="region"))
			self.assertLessEqual(regions, set(region_subtree("株洲市")))
			with self.assertRaises(frappe.PermissionError):
				workspace.annex_figure({"column": "offered", "reporting_unit": "长沙市"})
