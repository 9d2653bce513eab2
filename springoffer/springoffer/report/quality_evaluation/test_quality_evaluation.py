"""质效评估: 建制率 arithmetic, contracts in force by kind, the signs of bargaining that was not real,
the 履约 check that clears them, and contracts measured against the wage guideline."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.core import guidelines
from springoffer.devtools.testing import contract_doc, make_enterprise, make_region, offer_doc
from springoffer.springoffer.report.quality_evaluation import quality_evaluation as report

COUNTY = "质效测试县"
GUIDED = "指导线测试县"


def check(contract, **values):
	return frappe.get_doc(
		{
			"doctype": "Contract Performance Check",
			"contract": contract,
			"check_date": "2023-06-10",
			"checker": "县总工会 李明",
			"checker_body": c.BODY_UNION,
			"wage_terms_honoured": c.WAGE_TERMS_HONOURED[0],
			"findings": "工资按协议增长，按月足额支付",
			**values,
		}
	).insert()


class TestQualityEvaluation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_region(COUNTY, "怀化市")
		u1, u2, u3 = (make_enterprise(region=COUNTY, union_established=1) for _i in range(3))
		n1 = make_enterprise(region=COUNTY)
		make_enterprise(region=COUNTY)
		offer = offer_doc([u1, n1], campaign="2023年春季要约行动", response=c.AGREED, response_date="2023-03-20").insert()
		cls.a = contract_doc([u1, n1], contract_kind=c.CONTRACT_KINDS[0], offer=offer.name, region=COUNTY).insert()
		cls.b = contract_doc(u2, region=COUNTY).insert()
		cls.c = contract_doc(u3, region=COUNTY).insert()
		for contract, state in ((cls.a, c.CONTRACT_EFFECTIVE), (cls.b, c.CONTRACT_EFFECTIVE), (cls.c, c.CONTRACT_UNDER_REVIEW)):
			frappe.db.set_value("Contract", contract.name, "workflow_state", state)

	def evaluate(self, as_of="2023-06-30"):
		_columns, data, _m, _c, _summary = report.execute({"campaign": "2023年春季要约行动", "reporting_unit": COUNTY, "as_of_date": as_of})
		(row,) = [r for r in data if not r.get("bold")]
		return row

	def test_rates_and_contracts_in_force(self):
		self.assertTrue(self.a.negotiated_on_record)
		self.assertFalse(self.b.negotiated_on_record)
		row = self.evaluate()
		self.assertEqual((row["enterprises"], row["covered"], row["rate"]), (5, 3, 60.0))
		self.assertEqual((row["union_enterprises"], row["covered_union"], row["union_rate"]), (3, 2, 66.7))
		self.assertEqual(row["contracts_in_force"], 2)
		self.assertEqual((row[report.KIND_KEYS[c.CONTRACT_KINDS[0]]], row[report.KIND_KEYS[c.CONTRACT_KINDS[1]]]), (1, 1))
		self.assertEqual(row["without_negotiation"], 2)  # b and c name no agreed offer
		self.assertEqual(row["never_checked"], 2)
		expired = self.evaluate("2024-06-30")
		self.assertEqual((expired["covered"], expired["rate"], expired["contracts_in_force"]), (0, 0.0, 0))

	def test_a_performance_check_clears_never_checked(self):
		done = check(self.a.name)
		self.assertEqual(str(frappe.db.get_value("Contract", self.a.name, "last_performance_check")), "2023-06-10")
		self.assertEqual(done.region, COUNTY)
		self.assertEqual(self.evaluate()["never_checked"], 1)
		done.delete()
		self.assertIsNone(frappe.db.get_value("Contract", self.a.name, "last_performance_check"))

	def test_performance_checks_refuse_bad_input(self):
		with self.assertRaises(frappe.ValidationError):
			check(self.a.name, check_date="2023-05-01")  # before the signing on 2023-05-20
		with self.assertRaises(frappe.ValidationError):
			check(self.a.name, wage_terms_honoured=c.WAGE_TERMS_HONOURED[2])  # not honoured, no follow-up
		self.assertFalse(frappe.db.exists("Contract Performance Check", {"contract": self.a.name}))
		check(self.a.name, wage_terms_honoured=c.WAGE_TERMS_HONOURED[2], follow_up="县人社局下达整改意见").delete()

	def test_growth_against_the_guideline(self):
		make_region(GUIDED, "怀化市")  # its own county: these contracts stay out of the other counts
		guideline = frappe.get_doc(
			{"doctype": "Wage Guideline", "region": GUIDED, "year": 2023, "effective_from": "2023-01-01", "baseline": 6, "upper": 9, "lower": 3}
		).insert()
		enterprise = make_enterprise(region=GUIDED)
		low = contract_doc(enterprise, region=GUIDED, wage_adjustment=c.WAGE_RISE, wage_growth_percent=2).insert()
		self.assertEqual((low.wage_guideline, low.guideline_position, low.needs_attention), (guideline.name, guidelines.BELOW_LOWER, 1))
		fair = contract_doc(enterprise, region=GUIDED, wage_adjustment=c.WAGE_RISE, wage_growth_percent=6.5).insert()
		self.assertEqual((fair.guideline_position, fair.needs_attention), (guidelines.BASELINE_TO_UPPER, 0))
		frozen = contract_doc(enterprise, region=GUIDED, wage_adjustment=c.WAGE_FREEZE, zero_growth_consent=1).insert()
		self.assertEqual((frozen.guideline_position, frozen.needs_attention), (guidelines.ZERO_OR_CUT, 0))
		with self.assertRaises(frappe.ValidationError):  # zero growth without consent is refused outright
			contract_doc(enterprise, region=GUIDED, wage_adjustment=c.WAGE_FREEZE).insert()
		with self.assertRaises(frappe.DuplicateEntryError):
			frappe.get_doc(
				{"doctype": "Wage Guideline", "region": GUIDED, "year": 2023, "effective_from": "2023-01-01", "baseline": 6, "upper": 9, "lower": 3}
			).insert()
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc(
				{"doctype": "Wage Guideline", "region": GUIDED, "year": 2024, "effective_from": "2024-01-01", "baseline": 6, "upper": 5, "lower": 3}
			).insert()
