"""The chief representatives' phones: checked, kept encrypted, masked in lists, prints and exports;
HRSS staff of the contract's region may ask for a number, and the request is logged; nobody else may."""

import csv
import io

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.devtools.testing import contract_doc, make_enterprise, make_user
from springoffer.springoffer.doctype.region.test_permission_matrix import call

UNION = "pd.union@example.com"  # 常德市
HRSS = "pd.hrss@example.com"  # 常德市
HRSS_ELSEWHERE = "pd.hrss.cs@example.com"  # 长沙市
PHONE, OTHER = "13812345678", "0736-7788990"


class TestRepresentativePhones(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(UNION, ["Trade Union Officer"], region="常德市")
		make_user(HRSS, ["HRSS Officer"], region="常德市")
		make_user(HRSS_ELSEWHERE, ["HRSS Officer"], region="长沙市")
		enterprise = make_enterprise(region="常德市", employees=100)
		with cls.as_user(UNION):
			cls.contract = contract_doc(
				enterprise, worker_representative_phone=f"+86 {PHONE}", employer_representative_phone=OTHER
			).insert().name

	@classmethod
	def as_user(cls, user):
		from contextlib import contextmanager

		@contextmanager
		def switch():
			frappe.set_user(user)
			try:
				yield
			finally:
				frappe.set_user("Administrator")

		return switch()

	def test_stored_encrypted_and_shown_masked(self):
		row = frappe.db.get_value("Contract", self.contract, ["worker_representative_phone", "worker_representative_phone_masked",
			"employer_representative_phone_masked"], as_dict=True)
		self.assertEqual(row.worker_representative_phone_masked, "138****5678")
		self.assertEqual(row.employer_representative_phone_masked, "0736-***8990")
		self.assertNotIn("12345678", row.worker_representative_phone)  # the table holds asterisks
		self.assertEqual(frappe.get_doc("Contract", self.contract).get_password("worker_representative_phone"), PHONE)

	def test_lists_exports_and_prints_never_show_the_number(self):
		from frappe.www.printview import get_html_and_style

		with self.set_user(UNION):
			listed = frappe.get_list("Contract", filters={"name": self.contract}, fields=["*"])
			call(
				"frappe.desk.reportview.export_query", doctype="Contract", file_format_type="CSV", title="Contract",
				fields='["`tabContract`.`name`", "`tabContract`.`worker_representative_phone`", "`tabContract`.`worker_representative_phone_masked`"]',
				filters=frappe.as_json([["Contract", "name", "=", self.contract]]),
			)
			exported = frappe.response.filecontent.decode("utf-8")
			printed = get_html_and_style("Contract", name=self.contract)["html"]
		for text in (frappe.as_json(listed), exported, printed):
			self.assertNotIn("12345678", text)
			self.assertNotIn("7788990", text)
		self.assertIn("138****5678", exported)
		self.assertTrue(list(csv.reader(io.StringIO(exported))))

	def test_hrss_of_the_region_may_ask_and_the_request_is_logged(self):
		before = frappe.db.count("Access Log", {"reference_document": self.contract})
		with self.set_user(HRSS):
			number = call("springoffer.security.personal_data.reveal", doctype="Contract", name=self.contract, fieldname="worker_representative_phone")
		self.assertEqual(number, PHONE)
		log = frappe.get_all("Access Log", filters={"reference_document": self.contract}, fields=["user", "page", "method"], order_by="creation desc")
		self.assertEqual(len(log), before + 1)
		self.assertEqual((log[0].user, log[0].page), (HRSS, "worker_representative_phone"))

	def test_nobody_else_may_ask(self):
		for user in (UNION, HRSS_ELSEWHERE):
			with self.set_user(user), self.assertRaises(frappe.PermissionError):
				call("springoffer.security.personal_data.reveal", doctype="Contract", name=self.contract, fieldname="worker_representative_phone")
		with self.set_user(HRSS), self.assertRaises(frappe.PermissionError):
			call("springoffer.security.personal_data.reveal", doctype="User", name="Administrator", fieldname="new_password")

	def test_a_number_that_is_not_a_phone_is_refused(self):
		doc = frappe.get_doc("Contract", self.contract)
		doc.worker_representative_phone = "=1+1"
		with self.assertRaises(frappe.ValidationError) as refused:
			doc.save()
		self.assertIn("手机号", str(refused.exception))
