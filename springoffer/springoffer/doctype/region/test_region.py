import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core.regions import CITIES, shipped_regions
from springoffer.devtools.testing import make_enterprise, make_user


class TestRegion(FrappeTestCase):
	def test_shipped_tree_is_installed_as_a_nested_set(self):
		self.assertEqual(
			set(frappe.get_all("Region", filters={"parent_region": "湖南省"}, pluck="name")) >= set(CITIES), True
		)
		province = frappe.db.get_value("Region", "湖南省", ["lft", "rgt"], as_dict=True)
		for row in shipped_regions():
			bounds = frappe.db.get_value("Region", row["name"], ["lft", "rgt", "region_code"], as_dict=True)
			self.assertTrue(province.lft <= bounds.lft < bounds.rgt <= province.rgt, row["name"])
			self.assertEqual(bounds.region_code, row["code"])

	def test_seeding_twice_changes_nothing(self):
		from springoffer.setup.install import ensure_seed_data

		before = frappe.db.count("Region"), frappe.db.count("Campaign"), frappe.db.count("Minimum Wage Standard")
		ensure_seed_data()
		self.assertEqual(before, (frappe.db.count("Region"), frappe.db.count("Campaign"), frappe.db.count("Minimum Wage Standard")))

	def test_city_user_sees_own_subtree_only_including_a_new_county(self):
		user = make_user("region.city@example.com", ["Trade Union Officer"], region="株洲市")
		with self.set_user(user):
			self.assertIn("株洲市", frappe.get_list("Region", pluck="name", limit=0))
			self.assertNotIn("长沙市", frappe.get_list("Region", pluck="name", limit=0))
		# a county added later is visible at once (the user-permission cache is cleared)
		county = frappe.get_doc(
			{"doctype": "Region", "region_name": "测试新区", "parent_region": "株洲市", "region_level": "县市区"}
		).insert()
		inside = make_enterprise(region=county.name)
		outside = make_enterprise(region="长沙市")
		with self.set_user(user):
			names = frappe.get_list("Enterprise", pluck="name", limit=0)
			self.assertIn(inside.name, names)
			self.assertNotIn(outside.name, names)
			self.assertTrue(frappe.has_permission("Enterprise", doc=inside.name))
			self.assertFalse(frappe.has_permission("Enterprise", doc=outside.name))

	def test_county_user_does_not_see_its_city(self):
		county = frappe.get_doc(
			{"doctype": "Region", "region_name": "测试县", "parent_region": "衡阳市", "region_level": "县市区"}
		).insert()
		user = make_user("region.county@example.com", ["Trade Union Officer"], region=county.name)
		city_level = make_enterprise(region="衡阳市")
		county_level = make_enterprise(region=county.name)
		with self.set_user(user):
			names = frappe.get_list("Enterprise", pluck="name", limit=0)
			self.assertIn(county_level.name, names)
			self.assertNotIn(city_level.name, names)
