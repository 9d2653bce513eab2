"""抽查: a stratified sample reproducible from its seed, the checks recorded on it, and their sum."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.devtools.testing import contract_doc, make_campaign, make_enterprise, make_user
from springoffer.springoffer.report.spot_check_summary import spot_check_summary as summary_report

CAMPAIGN = "抽查测试活动"
CITY_OFFICER = "sc.city.hrss@example.com"
REVIEWER = "sc.union.reviewer@example.com"


class TestSpotCheck(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_campaign(CAMPAIGN)
		make_user(CITY_OFFICER, ["HRSS Officer"], region="长沙市")
		make_user(REVIEWER, ["Trade Union Reviewer"])
		cls.frame = []
		for _i in range(3):
			cls.frame.append(contract_doc(make_enterprise(region="长沙市"), campaign=CAMPAIGN, contract_kind=c.CONTRACT_KINDS[3]).insert().name)
		for _i in range(2):
			cls.frame.append(contract_doc(make_enterprise(region="株洲市", is_above_scale=1), campaign=CAMPAIGN).insert().name)
		cls.outside = contract_doc(make_enterprise(region="株洲市"), campaign=CAMPAIGN).insert().name

	def new_check(self, seed=20230630, per_city=2):
		with self.set_user(REVIEWER):
			doc = frappe.get_doc(
				{"doctype": "Spot Check", "campaign": CAMPAIGN, "checking_body": c.BODY_UNION, "per_city": per_city, "seed": seed}
			).insert()
			return doc.draw_sample()

	def test_sample_is_stratified_within_the_frame_and_reproducible(self):
		doc = self.new_check()
		contracts = [row.contract for row in doc.items]
		self.assertEqual(sorted(row.city for row in doc.items), ["株洲市", "株洲市", "长沙市", "长沙市"])
		self.assertTrue(set(contracts) <= set(self.frame))
		self.assertNotIn(self.outside, contracts)
		self.assertIn("共 5 份", doc.sampling_frame)
		# a contract signed after the draw does not change what the seed draws from the frame at the draw
		contract_doc(make_enterprise(region="长沙市"), campaign=CAMPAIGN, contract_kind=c.CONTRACT_KINDS[4]).insert()
		with self.set_user(REVIEWER):
			self.assertEqual(doc.redraw_check(), {"same": True, "contracts": contracts})
		again = self.new_check()
		self.assertEqual(len(again.items), 4)

	def test_the_list_comes_from_the_draw_alone(self):
		doc = self.new_check()
		doc.items.pop()
		with self.set_user(REVIEWER), self.assertRaises(frappe.ValidationError):
			doc.save()
		doc.reload()
		doc.seed = 1
		with self.set_user(REVIEWER), self.assertRaises(frappe.ValidationError):
			doc.save()

	def test_results_are_recorded_completely_and_summed(self):
		name = self.new_check(seed=99).name

		def record(**values):
			doc = frappe.get_doc("Spot Check", name)
			doc.items[0].update(values)
			with self.set_user(REVIEWER):
				return doc.save()

		with self.assertRaises(frappe.ValidationError):  # no date, no checker
			record(result=c.SPOT_CHECK_RESULTS[1])
		checked = {"result": c.SPOT_CHECK_RESULTS[1], "check_date": "2023-07-05", "checked_by": "省总工会 张华"}
		with self.assertRaises(frappe.ValidationError):  # problems without findings and rectification
			record(**checked)
		doc = record(**checked, findings="未按协议调整计件单价", rectification=c.RECTIFICATION_STATES[1])
		with self.set_user(REVIEWER), self.assertRaises(frappe.ValidationError):  # drawing again would discard the result
			doc.draw_sample()
		_columns, data = summary_report.execute({"campaign": CAMPAIGN, "checking_body": c.BODY_UNION})
		sampled = frappe.db.sql(
			"SELECT COUNT(*) FROM `tabSpot Check Item` i JOIN `tabSpot Check` s ON s.name = i.parent WHERE s.campaign = %s AND s.checking_body = %s",
			(CAMPAIGN, c.BODY_UNION),
		)[0][0]
		total = data[-1]
		self.assertEqual(total["sampled"], sampled)
		self.assertEqual((total["checked"], total["problems"], total["rectified"], total["rectifying"]), (1, 1, 0, 1))
		city = next(r for r in data if r["city"] == doc.items[0].city)
		self.assertEqual(city["problems"], 1)

	def test_city_officers_do_not_draw_province_samples(self):
		with self.set_user(CITY_OFFICER), self.assertRaises(frappe.PermissionError):
			frappe.get_doc({"doctype": "Spot Check", "campaign": CAMPAIGN, "checking_body": c.BODY_HRSS, "per_city": 1, "seed": 5}).insert()
