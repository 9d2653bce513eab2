import random
from datetime import date, timedelta
from io import BytesIO

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from springoffer import api
from springoffer.annex import figures as annex_db
from springoffer.annex import files
from springoffer.core import categories as c
from springoffer.core.counting import ContractLine, Enterprise, OfferLine, RegionTree, count_annex
from springoffer.devtools.testing import insert_ledger, make_region, make_user, random_ledger
from springoffer.security import regions
from springoffer.springoffer.report.spring_offer_annex.spring_offer_annex import execute


def region_tree():
	return RegionTree(frappe.get_all("Region", fields=["name", "parent_region"], as_list=True))


class TestSpringOfferAnnex(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.county = make_region("测试统计区", "长沙市")
		cls.tree = region_tree()

	def assert_sql_equals_core(self, enterprises, offers, contracts, campaign, unit, as_of):
		expected = count_annex(enterprises, offers, contracts, self.tree, campaign, unit, as_of)
		got = annex_db.count(campaign, unit, as_of)
		self.assertEqual(
			{k: v.as_tuple() for k, v in got.rows.items()}, {k: v.as_tuple() for k, v in expected.rows.items()}, (unit, as_of)
		)
		self.assertEqual(got.refusals, expected.refusals, (unit, as_of))
		summary_only = annex_db.count(campaign, unit, as_of, with_refusals=False)
		for category in (*c.REPORT_CATEGORIES, None):
			self.assertEqual(summary_only.reasons(category), expected.reasons(category), (unit, as_of, category))
		return got

	def test_hand_made_edge_cases(self):
		campaign = "边界测试活动"
		E = lambda key, cat, region: Enterprise(key, f"企业{key}", cat, region)  # noqa: E731
		from springoffer.core import credit_code

		codes = [credit_code.make_code(org_body=f"EDGE{i:04d}") for i in range(8)]
		enterprises = [
			E(codes[0], c.PRIVATE, "长沙市"),  # two offers: counted once, larger figure
			E(codes[1], c.STATE_OWNED, self.county),  # county counted in its city
			E(codes[2], c.FOREIGN, "长沙市"),  # refused, later agreed
			E(codes[3], c.OTHER, "长沙市"),  # inside its 20 days
			E(codes[4], c.PRIVATE, "株洲市"),  # another region
			E(codes[5], c.PRIVATE, "长沙市"),  # cancelled contract
			E(codes[6], c.OTHER, "长沙市"),  # contract with no offer
			E(codes[7], c.PRIVATE, "长沙市"),  # overdue, with HRSS handling
		]
		d = date
		offers = [
			OfferLine("EO1", campaign, codes[0], 80, d(2023, 3, 1), c.AGREED, d(2023, 3, 5), delivered_on=d(2023, 3, 1)),
			OfferLine("EO2", campaign, codes[0], 120, d(2023, 4, 1), delivered_on=d(2023, 4, 1)),
			OfferLine("EO3", campaign, codes[1], 60, d(2023, 3, 1), c.REFUSED, d(2023, 3, 9), "企业经营困难：亏损", "约谈企业负责人", delivered_on=d(2023, 3, 1)),
			OfferLine("EO4", campaign, codes[2], 70, d(2023, 3, 1), c.REFUSED, d(2023, 3, 9), "其他", delivered_on=d(2023, 3, 1)),
			OfferLine("EO5", campaign, codes[2], 75, d(2023, 4, 1), c.AGREED, d(2023, 4, 9), delivered_on=d(2023, 4, 1)),
			OfferLine("EO6", campaign, codes[3], 30, d(2023, 6, 10), delivered_on=d(2023, 6, 10)),
			OfferLine("EO7", campaign, codes[4], 30, d(2023, 3, 1), delivered_on=d(2023, 3, 1)),
			OfferLine("EO8", campaign, codes[7], 44, d(2023, 3, 1), hrss_handling="督促企业应约", delivered_on=d(2023, 3, 1)),
			OfferLine("EO9", "另一个活动", codes[5], 10, d(2023, 3, 1), delivered_on=d(2023, 3, 1)),
		]
		contracts = [
			ContractLine("EC1", campaign, codes[0], 110, d(2023, 5, 1)),
			ContractLine("EC2", campaign, codes[5], 90, d(2023, 5, 1), cancelled=True),
			ContractLine("EC3", campaign, codes[6], 15, d(2023, 5, 1)),
		]
		insert_ledger(enterprises, offers, contracts)
		got = self.assert_sql_equals_core(enterprises, offers, contracts, campaign, "长沙市", d(2023, 6, 20))
		# and by hand, so the core itself is held to the rules
		self.assertEqual(got.rows[c.PRIVATE].as_tuple(), (2, 164, 1, 80, 1, 110, 1))
		self.assertEqual(got.rows[c.STATE_OWNED].as_tuple(), (1, 60, 0, 0, 0, 0, 1))
		self.assertEqual(got.rows[c.FOREIGN].as_tuple(), (1, 75, 1, 75, 0, 0, 0))
		self.assertEqual(got.rows[c.OTHER].as_tuple(), (1, 30, 0, 0, 1, 15, 0))
		self.assertEqual([r.kind for r in got.refusals], [c.REFUSED, c.OVERDUE])
		self.assertEqual(got.refusals[0].reason, "企业经营困难：亏损")
		self.assertEqual(got.refusals[1].hrss_handling, "督促企业应约")
		for unit in ("湖南省", "株洲市", self.county, "湘潭市"):
			for as_of in (d(2023, 3, 5), d(2023, 3, 22), d(2023, 6, 30)):
				self.assert_sql_equals_core(enterprises, offers, contracts, campaign, unit, as_of)

	def test_sql_equals_core_on_random_ledgers(self):
		rng = random.Random(2023)
		regions = ["长沙市", self.county, "株洲市", "湘潭市"]
		units = ["湖南省", *regions]
		ledgers = []
		for n in range(300):
			campaign = f"随机台帐{n}"
			ledger = random_ledger(rng, campaign, regions)
			insert_ledger(*ledger)
			ledgers.append((campaign, ledger))
		for campaign, (enterprises, offers, contracts) in ledgers:
			as_of = date(2023, 3, 1) + timedelta(days=rng.randint(0, 150))
			self.assert_sql_equals_core(enterprises, offers, contracts, campaign, rng.choice(units), as_of)

	def test_report_rows_columns_and_defaults(self):
		columns, data, message, _chart, _summary, skip_total = execute({"campaign": "2023年春季要约行动", "reporting_unit": "湖南省", "as_of_date": "2023-06-30"})
		self.assertEqual([row["category"] for row in data], [*c.REPORT_CATEGORIES, c.TOTAL_LABEL])
		self.assertEqual(len(columns), 9)
		self.assertTrue(skip_total)
		for field in ("offered", "refused"):
			self.assertEqual(data[-1][field], sum(row[field] for row in data[:-1]))
		self.assertIn("报送单位：湖南省", message)  # the form as printed, above the grid
		# defaults: the latest campaign, the whole province for an unrestricted user
		columns, data, *_ = execute({})
		self.assertEqual(len(data), 5)

	def test_city_user_gets_own_city_and_is_refused_another(self):
		user = make_user("annex.city@example.com", ["Trade Union Officer"], region="株洲市")
		with self.set_user(user):
			self.assertEqual(regions.default_unit(), "株洲市")
			result = api.annex_figures(campaign="2023年春季要约行动", unit="株洲市", as_of="2023-06-30")
			self.assertEqual(result["unit"], "株洲市")  # called from Python: the figures themselves
			with self.assertRaises(frappe.PermissionError):
				api.annex_figures(campaign="2023年春季要约行动", unit="长沙市", as_of="2023-06-30")
			with self.assertRaises(frappe.PermissionError):
				execute({"campaign": "2023年春季要约行动", "reporting_unit": "湖南省", "as_of_date": "2023-06-30"})
			with self.assertRaises(frappe.PermissionError):
				api.download_annex(campaign="2023年春季要约行动", unit="长沙市", as_of="2023-06-30")

	def test_download_is_the_form(self):
		api.download_annex(campaign="2023年春季要约行动", unit="长沙市", as_of="2023-06-30")
		self.assertEqual(frappe.response.type, "binary")
		self.assertEqual(frappe.response.filename, "annex-2023-430100-20230630.xlsx")
		wb = load_workbook(BytesIO(frappe.response.filecontent))
		ws = wb["附件"]
		self.assertEqual(ws["A2"].value, "报送单位：长沙市")
		self.assertIn("A3:A4", {str(r) for r in ws.merged_cells.ranges})
		self.assertEqual(ws["A10"].value, "备注：1. 请各地于 2023 年 6 月 30 日前上报；")
		figures = api.annex_figures(campaign="2023年春季要约行动", unit="长沙市", as_of="2023-06-30")
		self.assertEqual([ws.cell(9, col).value for col in range(2, 9)], [figures["total"][f] for f in ("offered", "offered_workers", "responded", "responded_workers", "signed", "signed_workers", "refused")])

	def test_export_command_writes_the_form_and_refuses_bad_input(self):
		import os
		import tempfile

		path = os.path.join(tempfile.mkdtemp(), "annex.xlsx")
		written, annex = files.export_annex_file("2023年春季要约行动", "株洲市", "2023-06-30", path)
		self.assertEqual(written, path)
		ws = load_workbook(path)["附件"]
		self.assertEqual(ws["A2"].value, "报送单位：株洲市")
		self.assertEqual(ws.cell(9, 2).value, annex.total.offered)
		with self.assertRaises(frappe.DoesNotExistError):
			files.export_annex_file("2023年春季要约行动", "不存在市", "2023-06-30", path)
		with self.assertRaises(frappe.ValidationError):
			files.export_annex_file("2023年春季要约行动", "株洲市", "2023-13-45", path)
		with self.assertRaisesRegex(frappe.ValidationError, "folder exists|文件夹是否存在"):
			files.export_annex_file("2023年春季要约行动", "株洲市", "2023-06-30", os.path.join(path, "no-such-folder", "annex.xlsx"))

	def test_each_count_drills_down_to_exactly_its_enterprises(self):
		from springoffer.springoffer.report.spring_offer_annex_enterprises.spring_offer_annex_enterprises import (
			execute as detail,
		)

		rng = random.Random(7)
		enterprises, offers, contracts = random_ledger(rng, "钻取测试活动", ["长沙市", self.county, "株洲市"], enterprises=25, offers=40, contracts=12)
		insert_ledger(enterprises, offers, contracts)
		annex = annex_db.count("钻取测试活动", "长沙市", date(2023, 5, 15))
		for column in ("offered", "responded", "signed", "refused"):
			for category in c.REPORT_CATEGORIES:
				_columns, rows, _message = detail(
					{"campaign": "钻取测试活动", "reporting_unit": "长沙市", "as_of_date": "2023-05-15", "column": column, "report_category": category}
				)
				self.assertEqual(len(rows), getattr(annex.rows[category], column), (column, category))
				self.assertTrue(all(r["category"] == category for r in rows))
		refused = detail({"campaign": "钻取测试活动", "reporting_unit": "长沙市", "as_of_date": "2023-05-15", "column": "refused"})[1]
		self.assertEqual(sorted(r["enterprise"] for r in refused), sorted(r.credit_code for r in annex.refusals))
