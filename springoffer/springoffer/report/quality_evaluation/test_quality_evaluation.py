"""质效评估: 建制率 arithmetic, contracts in force by kind, the signs of bargaining that was not real,
the 履约 check that clears them, contracts measured against the wage guideline, and the 真协商 figures
(negotiation records, meetings, days to signature, coordinations) with their drill-down to enterprises."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.core import guidelines
from springoffer.devtools.testing import contract_doc, make_campaign, make_enterprise, make_region, offer_doc
from springoffer.springoffer.doctype.negotiation.negotiation import make_contract
from springoffer.springoffer.report.quality_evaluation import quality_evaluation as report
from springoffer.springoffer.report.quality_evaluation_enterprises import (
	quality_evaluation_enterprises as drill_down,
)

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


# ---- 真协商 (issue 28): a county of its own, counted by hand ------------------------------------------

TALKS_COUNTY = "真协商测试县"
TALKS_CITY = "娄底市"
TALKS_CAMPAIGN = "2025年真协商测试活动"
AGREED_ON = "2025-03-20"


def table(worker_chief="王工会", employer_chief="张厂长"):
	"""Three a side, one chief each (集体合同规定 Art. 19)."""
	workers = [(worker_chief, 1), ("李职工", 0), ("赵职工", 0)]
	employers = [(employer_chief, 1), ("钱经理", 0), ("孙主任", 0)]
	return [{"side": "职工方", "representative_name": n, "is_chief": chief} for n, chief in workers] + [
		{"side": "企业方", "representative_name": n, "is_chief": chief} for n, chief in employers
	]


def meetings(*days, last="继续协商"):
	"""Meetings on `days`, chaired in turn by the two chiefs."""
	return [
		{"held_on": day, "chair": ("王工会", "张厂长")[i % 2], "place": "企业会议室", "outcome": last if i == len(days) - 1 else "继续协商"}
		for i, day in enumerate(days)
	]


class TestRealNegotiation(FrappeTestCase):
	"""The county's records and the hand count of each 真协商 figure:

	contract  enterprises  negotiation                        meetings  vote        agreed → signed     real
	A         EA           NA, from which A is made           3         2025-04-28  03-20 → 04-30 (41)  yes
	B         EB1, EB2     NB, typed naming NB's offer        3         —           03-20 → 05-10 (51)  no
	C         EC           NC, made from it                   0         2025-04-15  03-20 → 04-20 (31)  no
	D         ED           none (typed directly, no offer)    0         —           —                   no
	E         EE           none, cancelled                    not counted
	F         EF           none, another campaign             not counted
	signed 4, real 1 (25.0 %), meetings 6 (1.5 a contract), days (41 + 51 + 31) / 3 = 41.0

	coordination  negotiation (enterprise)  accepted    closed                       standing on 2025-06-30
	X1            N5 (E5)                   2025-04-01  2025-04-15                   closed by its last day
	X2            N5 (E5)                   2025-04-25  —  (last day in May)         open past its last day
	X3            N6 (E6)                   2025-04-02  2025-06-01 (written late)    closed after its last day
	X4            N6 (E6)                   —           —                            waiting: no clock yet
	opened 4, in time 1, late 1, open overdue 1
	"""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_campaign(TALKS_CAMPAIGN, "2025-03-01", "2025-06-30", "2025-06-30")
		make_region(TALKS_COUNTY, TALKS_CITY)
		e = {key: make_enterprise(region=TALKS_COUNTY).name for key in ("A", "B1", "B2", "C", "D", "E", "F", "5", "6")}
		cls.e = e

		def agreed(*enterprises):
			offer = offer_doc(
				list(enterprises), date_sent="2025-03-05", campaign=TALKS_CAMPAIGN, response=c.AGREED, response_date=AGREED_ON,
				worker_chief_representative="王工会", employer_chief_representative="张厂长",
			).insert()
			return offer, frappe.get_doc("Negotiation", {"offer": offer.name})

		def contract(values, **extra):
			doc = frappe.get_doc(values) if isinstance(values, dict) else values
			signed = frappe.utils.getdate(doc.signing_date)
			doc.update({"term_start": signed, "term_end": signed.replace(year=signed.year + 1), **extra})
			return doc.insert()

		_offer_a, na = agreed(e["A"])
		na.set("representatives", table())
		na.recorder = "周记录"
		na.set("meetings", meetings("2025-03-28", "2025-04-08", "2025-04-18", last="达成一致"))
		na.update({"draft_agreed_on": "2025-04-20", "congress_voted_on": "2025-04-28", "congress_members": 50,
			"congress_attending": 45, "congress_approving": 40, "signed_on": "2025-04-30"})
		na.save()
		offer_b, nb = agreed(e["B1"], e["B2"])
		nb.set("representatives", table())
		nb.recorder = "周记录"
		nb.set("meetings", meetings("2025-03-28", "2025-04-08", "2025-04-18"))
		nb.save()
		_offer_c, nc = agreed(e["C"])
		nc.update({"draft_agreed_on": "2025-04-10", "congress_voted_on": "2025-04-15", "congress_members": 50,
			"congress_attending": 45, "congress_approving": 40, "signed_on": "2025-04-20"})
		nc.save()
		cls.contracts = {
			"A": contract(make_contract(na.name)).name,
			"B": contract(contract_doc([e["B1"], e["B2"]], signing_date="2025-05-10", campaign=TALKS_CAMPAIGN, offer=offer_b.name)).name,
			"C": contract(make_contract(nc.name)).name,
			"D": contract(contract_doc(e["D"], signing_date="2025-05-15", campaign=TALKS_CAMPAIGN, region=TALKS_COUNTY)).name,
		}
		cancelled = contract(contract_doc(e["E"], signing_date="2025-05-15", campaign=TALKS_CAMPAIGN, region=TALKS_COUNTY))
		frappe.db.set_value("Contract", cancelled.name, "is_cancelled", 1)
		contract(contract_doc(e["F"], signing_date="2023-05-15", region=TALKS_COUNTY))  # the 2023 campaign's
		cls.negotiations = {"A": na.name, "B": nb.name, "C": nc.name}

		closing = {"hrss_coordinator": "县人社局 刘协调", "union_coordinator": "县总工会 陈协调",
			"enterprise_coordinator": "县企联 何协调", "result": "双方就工资增幅达成一致"}

		def coordination(negotiation, applied_on, **values):
			return frappe.get_doc({"doctype": "Negotiation Coordination", "negotiation": negotiation, "applicant": "职工方",
				"applied_on": applied_on, "dispute_facts": "工资增幅分歧", **values}).insert()

		_offer5, n5 = agreed(e["5"])
		_offer6, n6 = agreed(e["6"])
		x1 = coordination(n5.name, "2025-04-01", accepted_on="2025-04-01", closed_on="2025-04-15", **closing)
		x2 = coordination(n5.name, "2025-04-25", accepted_on="2025-04-25")
		x3 = coordination(n6.name, "2025-04-02", accepted_on="2025-04-02", closed_on="2025-04-20", **closing)
		# The form refuses a closing after the last day (Art. 52); a record written late in the database
		# (a ledger import, a date corrected by hand) still counts as closed late.
		frappe.db.set_value("Negotiation Coordination", x3.name, "closed_on", "2025-06-01")
		x4 = coordination(n6.name, "2025-05-10")
		cls.coordinations = {"X1": x1, "X2": x2, "X3": x3, "X4": x4}
		cls.talks = {"5": n5.name, "6": n6.name}

	def row(self, unit=TALKS_COUNTY, as_of="2025-06-30"):
		_columns, data, _m, _c, _summary = report.execute({"campaign": TALKS_CAMPAIGN, "reporting_unit": unit, "as_of_date": as_of})
		return next(r for r in data if r["region"] == TALKS_COUNTY and not r.get("bold"))

	def test_the_figures_match_the_hand_count(self):
		x = self.coordinations
		self.assertEqual((x["X1"].status, x["X2"].status, x["X4"].status), ("已结案", "协调中", "待受理"))
		self.assertLess(x["X2"].due_date, frappe.utils.getdate("2025-06-30"))
		self.assertGreater(frappe.utils.getdate("2025-06-01"), x["X3"].due_date)
		for unit in (TALKS_COUNTY, TALKS_CITY):  # its own row, and its row under the city
			row = self.row(unit)
			self.assertEqual(
				(row["signed"], row["real_negotiation"], row["real_negotiation_rate"], row["meetings"], row["meetings_per_contract"]),
				(4, 1, 25.0, 6, 1.5),
			)
			self.assertEqual(row["average_days_to_signature"], 41.0)
			self.assertEqual(
				(row["coordinations"], row["closed_in_time"], row["closed_late"], row["open_overdue"]), (4, 1, 1, 1)
			)
		# before X2's last day it is open, not overdue
		self.assertEqual(self.row(as_of=str(x["X2"].due_date))["open_overdue"], 0)

	def test_the_columns_are_labelled_in_chinese(self):
		before = frappe.local.lang
		frappe.local.lang = "zh"
		try:
			columns, *_rest = report.execute({"campaign": TALKS_CAMPAIGN, "reporting_unit": TALKS_COUNTY, "as_of_date": "2025-06-30"})
			drill_columns, _rows = drill_down.execute({"campaign": TALKS_CAMPAIGN, "reporting_unit": TALKS_COUNTY, "column": "closed_late"})
		finally:
			frappe.local.lang = before
		labels = {column["fieldname"]: column["label"] for column in columns}
		self.assertEqual(
			[labels[key] for key in ("signed", "real_negotiation", "real_negotiation_rate", "meetings", "meetings_per_contract")],
			["本次行动签订的集体合同", "其中有协商会议和职代会表决记录的", "有协商会议和职代会表决记录的占比（%）", "协商会议次数", "平均每份合同协商会议次数"],
		)
		self.assertEqual(
			[labels[key] for key in ("average_days_to_signature", "coordinations", "closed_in_time", "closed_late", "open_overdue")],
			["同意协商至签订平均天数", "协调处理件数", "按期结案", "逾期结案", "逾期未结案"],
		)
		self.assertEqual([column["label"] for column in drill_columns][3:], ["协商争议协调处理", "集体协商", "状态", "协调期限届满日", "结案日期"])

	def drill(self, column, unit=TALKS_COUNTY, region=None):
		_columns, rows = drill_down.execute(
			{"campaign": TALKS_CAMPAIGN, "reporting_unit": unit, "as_of_date": "2025-06-30", "region": region, "column": column}
		)
		return rows

	def test_each_count_opens_the_enterprises_behind_it(self):
		e, k, x = self.e, self.contracts, self.coordinations
		signed = {(e["A"], k["A"]), (e["B1"], k["B"]), (e["B2"], k["B"]), (e["C"], k["C"]), (e["D"], k["D"])}
		for unit, region in ((TALKS_COUNTY, None), (TALKS_COUNTY, TALKS_COUNTY), (TALKS_CITY, TALKS_COUNTY)):
			self.assertEqual({(r.enterprise, r.record) for r in self.drill("signed", unit, region)}, signed)
		(real,) = self.drill("real_negotiation", TALKS_CITY, TALKS_COUNTY)
		self.assertEqual(
			(real.enterprise, real.record, real.negotiation, real.meetings, str(real.congress_voted_on), real.days_to_signature),
			(e["A"], k["A"], self.negotiations["A"], 3, "2025-04-28", 41),
		)
		by_record = {r.record: r for r in self.drill("signed")}
		self.assertEqual((by_record[k["B"]].meetings, by_record[k["B"]].congress_voted_on), (3, None))
		self.assertEqual((by_record[k["C"]].meetings, by_record[k["C"]].days_to_signature), (0, 31))
		self.assertEqual((by_record[k["D"]].negotiation, by_record[k["D"]].days_to_signature), (None, None))
		coordinated = {"coordinations": {(e["5"], "X1"), (e["5"], "X2"), (e["6"], "X3"), (e["6"], "X4")},
			"closed_in_time": {(e["5"], "X1")}, "closed_late": {(e["6"], "X3")}, "open_overdue": {(e["5"], "X2")}}
		names = {doc.name: key for key, doc in x.items()}
		for column, want in coordinated.items():
			self.assertEqual({(r.enterprise, names[r.record]) for r in self.drill(column, TALKS_CITY, TALKS_COUNTY)}, want, column)
		# the whole city holds at least the county's lines; another county's row holds none of them
		self.assertLessEqual(signed, {(r.enterprise, r.record) for r in self.drill("signed", TALKS_CITY)})
		make_region("真协商对照县", TALKS_CITY)
		self.assertEqual(self.drill("signed", TALKS_CITY, "真协商对照县"), [])
