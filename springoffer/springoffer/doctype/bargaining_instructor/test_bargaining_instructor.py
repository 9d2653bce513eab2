"""集体协商指导员: the roster, their assignments, what each handled; 首席代表 on offers and contracts."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.devtools.testing import contract_doc, make_enterprise, make_user, offer_doc
from springoffer.springoffer.report.instructor_workload import instructor_workload as report

OFFICER = "bi.city.union@example.com"


def instructor(region="岳阳市", assignments=(), **extra):
	return frappe.get_doc(
		{
			"doctype": "Bargaining Instructor",
			"full_name": extra.pop("full_name", "王协商"),
			"reporting_body": c.BODY_UNION,
			"instructor_kind": c.INSTRUCTOR_KINDS[1],
			"region": region,
			"assignments": [{"assigned_on": "2023-03-05", **a} for a in assignments],
			**extra,
		}
	).insert()


class TestBargainingInstructor(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICER, ["Trade Union Officer"], region="岳阳市")

	def test_workload_counts_what_each_instructor_handled(self):
		e1, e2 = make_enterprise(region="岳阳市"), make_enterprise(region="岳阳市")
		person = instructor(assignments=[{"enterprise": e1.name}, {"enterprise": e2.name}, {"enterprise": e1.name}], full_name="李指导")
		idle = instructor(full_name="赵兼职")
		offer_doc(e1, instructor=person.name, response=c.AGREED, response_date="2023-03-15").insert()
		offer = offer_doc(
			e2,
			instructor=person.name,
			worker_chief_representative="张工会",
			employer_chief_representative="刘厂长",
			employer_representative_recommended_by=c.BODY_ENTERPRISE_CONFEDERATION,
		).insert()
		self.assertEqual(frappe.db.get_value("Offer", offer.name, "employer_representative_recommended_by"), c.BODY_ENTERPRISE_CONFEDERATION)
		contract_doc(e1, instructor=person.name, worker_chief_representative="张工会").insert()
		_columns, data = report.execute({"campaign": "2023年春季要约行动", "reporting_unit": "岳阳市"})
		rows = {row["name"]: row for row in data}
		self.assertEqual(
			{k: rows[person.name][k] for k in ("enterprises", "offers", "agreed", "contracts")},
			{"enterprises": 2, "offers": 2, "agreed": 1, "contracts": 1},
		)
		self.assertEqual({k: rows[idle.name][k] for k in ("enterprises", "offers", "agreed", "contracts")}, dict.fromkeys(("enterprises", "offers", "agreed", "contracts"), 0))

	def test_assignments_must_name_something_real(self):
		e1, e2 = make_enterprise(region="岳阳市"), make_enterprise(region="岳阳市")
		offer = offer_doc(e1).insert()
		with self.assertRaises(frappe.ValidationError):
			instructor(assignments=[{"note": "无对象"}])
		with self.assertRaises(frappe.ValidationError):
			instructor(assignments=[{"enterprise": e2.name, "offer": offer.name}])
		instructor(assignments=[{"enterprise": e1.name, "offer": offer.name}])

	def test_a_city_officer_keeps_only_their_citys_roster(self):
		with self.set_user(OFFICER):
			instructor(full_name="本市指导员")
			with self.assertRaises(frappe.PermissionError):
				instructor(region="长沙市", full_name="外市指导员")
			with self.assertRaises(frappe.PermissionError):
				instructor(reporting_body=c.BODY_HRSS, full_name="他部门指导员")
			with self.assertRaises(frappe.PermissionError):
				report.execute({"campaign": "2023年春季要约行动", "reporting_unit": "长沙市"})
