import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.core import credit_code
from springoffer.devtools.testing import make_enterprise, unique_code


class TestEnterprise(FrappeTestCase):
	def new(self, **values):
		doc = {
			"doctype": "Enterprise",
			"enterprise_name": "长沙测试机械有限公司",
			"credit_code": unique_code(),
			"report_category": c.PRIVATE,
			"region": "长沙市",
			"employees": 100,
		}
		doc.update(values)
		return frappe.get_doc(doc)

	def test_valid_enterprise_is_named_by_its_normalised_code(self):
		code = unique_code()
		doc = self.new(credit_code=" " + code.lower() + " ").insert()
		self.assertEqual(doc.name, code)
		self.assertEqual(doc.credit_code, code)

	def test_wrong_check_character_refused_with_the_expected_one(self):
		code = unique_code()
		wrong = code[:17] + ("0" if code[17] != "0" else "1")
		with self.assertRaises(frappe.ValidationError) as caught:
			self.new(credit_code=wrong).insert()
		self.assertIn(code[17], str(caught.exception))
		self.assertFalse(frappe.db.exists("Enterprise", wrong))

	def test_wrong_organisation_code_refused(self):
		first17 = "91430100MA4L0000" + ("1" if credit_code.org_check_char("MA4L0000") != "1" else "2")
		with self.assertRaises(frappe.ValidationError):
			self.new(credit_code=first17 + credit_code.credit_check_char(first17)).insert()

	def test_duplicate_code_refused_naming_the_existing_enterprise(self):
		first = make_enterprise(name="湘潭重复测试有限公司")
		with self.assertRaises(frappe.DuplicateEntryError) as caught:
			self.new(credit_code=first.credit_code.lower(), enterprise_name="另一家").insert()
		self.assertIn("湘潭重复测试有限公司", str(caught.exception))

	def test_category_outside_the_four_refused(self):
		with self.assertRaises(frappe.ValidationError):
			self.new(report_category="民营企业").insert()

	def test_negative_employees_refused(self):
		with self.assertRaises(frappe.ValidationError):
			self.new(employees=-1).insert()

	def test_region_is_mandatory(self):
		with self.assertRaises(frappe.MandatoryError):
			self.new(region=None).insert()

	def test_messages_are_chinese_for_a_chinese_user(self):
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(frappe.ValidationError) as caught:
				self.new(credit_code="123").insert()
			self.assertIn("统一社会信用代码应为 18 位", str(caught.exception))
		finally:
			frappe.local.lang = "en"
