import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.devtools.testing import make_region
from springoffer.springoffer.doctype.minimum_wage_standard.minimum_wage_standard import minimum_wage_on


class TestMinimumWageStandard(FrappeTestCase):
	def test_nearest_region_and_latest_standard_win(self):
		county = make_region("测试工资县", "湘潭市")
		self.assertEqual(minimum_wage_on(county, "2023-05-01"), 1550)  # the province's floor
		frappe.get_doc({"doctype": "Minimum Wage Standard", "region": "湘潭市", "effective_from": "2022-04-01", "monthly_wage": 1700}).insert()
		frappe.get_doc({"doctype": "Minimum Wage Standard", "region": "湘潭市", "effective_from": "2024-01-01", "monthly_wage": 1800}).insert()
		self.assertEqual(minimum_wage_on(county, "2023-05-01"), 1700)
		self.assertEqual(minimum_wage_on(county, "2024-05-01"), 1800)
		self.assertIsNone(minimum_wage_on(county, "2020-05-01"))

	def test_two_standards_on_one_day_refused(self):
		with self.assertRaises(frappe.DuplicateEntryError):
			frappe.get_doc(
				{"doctype": "Minimum Wage Standard", "region": "湖南省", "effective_from": "2022-04-01", "monthly_wage": 1600}
			).insert()
