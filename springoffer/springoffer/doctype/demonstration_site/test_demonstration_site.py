"""Demonstration sites and the province's view of which regions have none yet."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.devtools.testing import make_campaign, make_enterprise, make_region, make_site, make_user
from springoffer.springoffer.report.demonstration_site_coverage import (
	demonstration_site_coverage as coverage_report,
)

OFFICER = "ds.city.union@example.com"
CAMPAIGN = "示范点测试活动"


class TestDemonstrationSite(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_campaign(CAMPAIGN)
		make_user(OFFICER, ["Trade Union Officer"], region="娄底市")
		cls.county = make_region("示范点测试县", "娄底市")

	def test_activities_need_attendance_and_a_past_date(self):
		enterprise = make_enterprise(region="娄底市")
		with self.assertRaises(frappe.ValidationError):
			make_site([enterprise], "娄底市", campaign=CAMPAIGN, activities=((c.SITE_ACTIVITIES[1], "2023-05-10", 0),))
		with self.assertRaises(frappe.ValidationError):
			make_site([enterprise], "娄底市", campaign=CAMPAIGN, activities=((c.SITE_ACTIVITIES[1], "2099-05-10", 30),))
		self.assertFalse(frappe.db.exists("Demonstration Site", {"campaign": CAMPAIGN, "region": "娄底市"}))

	def test_a_city_officer_names_sites_only_in_their_city(self):
		with self.set_user(OFFICER), self.assertRaises(frappe.PermissionError):
			make_site([make_enterprise(region="邵阳市")], "邵阳市", campaign=CAMPAIGN)

	def test_coverage_flags_every_region_without_a_site(self):
		frappe.db.delete("Demonstration Site", {"campaign": CAMPAIGN})
		make_site([make_enterprise(region=self.county)], self.county, campaign=CAMPAIGN, activities=(("经验交流会", "2023-05-10", 40), ("现场观摩会", "2023-06-01", 25)))
		make_site([make_enterprise(region="湘潭市")], "湘潭市", campaign=CAMPAIGN, body=c.BODY_HRSS, activities=())
		_columns, data, _m, _c, summary = coverage_report.execute({"campaign": CAMPAIGN, "reporting_unit": "湖南省"})
		rows = {row["region"]: row for row in data}
		self.assertEqual(len(rows), frappe.db.count("Region"))  # every region is listed
		self.assertEqual((rows[self.county]["sites"], rows[self.county]["activities"], rows[self.county]["attendance"]), (1, 2, 65))
		self.assertEqual(rows["娄底市"]["sites"], 1)  # a city counts its counties' sites
		self.assertEqual(rows["湘潭市"]["sites"], 1)
		self.assertEqual(rows["湖南省"]["sites"], 2)
		cities_without = [r for r in data if r["region_level"] == "市州" and not r["sites"]]
		self.assertEqual(len(cities_without), 12)
		levels = frappe.db.get_all("Region", filters={"region_level": "市州"}, pluck="name")
		without = {s["label"]: (s["value"], s["indicator"]) for s in summary}
		self.assertEqual(without[frappe._("{0} without a Site").format("市州")], (12, "red"))
		self.assertEqual(len(levels), 14)
		# one body only: the HRSS site alone
		_cols, data, *_rest = coverage_report.execute({"campaign": CAMPAIGN, "reporting_unit": "湖南省", "reporting_body": c.BODY_HRSS})
		self.assertEqual({r["region"]: r["sites"] for r in data}["湖南省"], 1)
