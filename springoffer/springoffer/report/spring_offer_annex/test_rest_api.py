"""The 附件 over REST with an API key, as a script would pull it: a city key gets its own city,
another city is refused with 403 (not an empty table)."""

from io import BytesIO
from urllib.parse import urlencode

import frappe
import frappe.tests.test_api as api_test
from frappe.core.doctype.user.user import generate_keys
from openpyxl import load_workbook

from springoffer.devtools.testing import make_enterprise, make_user, offer_doc

USER = "rest.city@example.com"


class TestAnnexOverRest(api_test.FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(USER, ["Trade Union Officer"], region="湘西土家族苗族自治州")
		generate_keys(USER)
		inside = make_enterprise(region="湘西土家族苗族自治州", employees=100)
		outside = make_enterprise(region="岳阳市", employees=100)
		cls.inside = offer_doc([inside], 60, date_sent="2023-03-03").insert().name
		cls.outside = offer_doc([outside], 60, date_sent="2023-03-03").insert().name
		frappe.db.commit()  # the request runs on its own connection
		cls.enterprises = [inside.name, outside.name]
		cls.addClassCleanup(cls.remove)
		user = frappe.get_doc("User", USER)
		cls.token = f"{user.api_key}:{user.get_password('api_secret')}"

	@classmethod
	def remove(cls):
		"""What setUpClass committed (and the exports' logs), so the suite leaves the site as it found it."""
		from springoffer.devtools.commits import delete_records

		delete_records("Offer", [cls.inside, cls.outside])
		delete_records("Enterprise", cls.enterprises)
		frappe.db.delete("Annex Export Log", {"exported_by": USER})
		frappe.db.commit()

	def call(self, method, headers=None, **params):
		api_test.authorization_token = self.token
		try:
			return self.get(f"{self.method(method)}?{urlencode(params)}", headers=headers)
		finally:
			api_test.authorization_token = None

	def test_the_figures_come_compressed_when_accepted_and_follow_each_write(self):
		import gzip
		import json

		args = {"campaign": "2023年春季要约行动", "unit": "湘西土家族苗族自治州", "as_of": "2023-06-30"}
		plain = self.call("springoffer.api.annex_figures", **args)
		self.assertNotIn("Content-Encoding", plain.headers)
		compressed = self.call("springoffer.api.annex_figures", headers={"Accept-Encoding": "gzip, deflate"}, **args)
		self.assertEqual(compressed.headers["Content-Encoding"], "gzip")
		self.assertEqual(json.loads(gzip.decompress(compressed.get_data())), plain.json)
		# a write in between: the next answer counts it, compressed or not
		another = make_enterprise(region="湘西土家族苗族自治州", employees=100)
		added = offer_doc([another], 60, date_sent="2023-03-04").insert().name
		frappe.db.commit()
		try:
			after = self.call("springoffer.api.annex_figures", headers={"Accept-Encoding": "gzip"}, **args)
			after = json.loads(gzip.decompress(after.get_data()))["message"]
			self.assertEqual(after["total"]["offered"], plain.json["message"]["total"]["offered"] + 1)
			self.assertEqual(self.call("springoffer.api.annex_figures", **args).json["message"], after)
		finally:
			from springoffer.devtools.commits import delete_records

			delete_records("Offer", [added])
			delete_records("Enterprise", [another.name])
			frappe.db.commit()

	def test_a_script_calling_from_python_gets_the_figures_themselves(self):
		"""`bench execute springoffer.api.annex_figures` and scripts: outside a request the method returns
		the figures (the REST answer's "message"), not a response object."""
		from springoffer import api

		args = {"campaign": "2023年春季要约行动", "unit": "湘西土家族苗族自治州", "as_of": "2023-06-30"}
		rest = self.call("springoffer.api.annex_figures", **args).json["message"]
		self.assertIsNone(getattr(frappe.local, "request", None))
		try:
			with self.set_user(USER):
				figures = api.annex_figures(**args)
		finally:
			frappe.db.rollback()  # its export log holds locks the other tests' requests (own connections) wait on
		self.assertIsInstance(figures, dict)
		self.assertEqual(figures, rest)
		self.assertGreaterEqual(figures["total"]["offered"], 1)

	def test_own_city_figures_and_workbook(self):
		args = {"campaign": "2023年春季要约行动", "unit": "湘西土家族苗族自治州", "as_of": "2023-06-30"}
		response = self.call("springoffer.api.annex_figures", **args)
		self.assertEqual(response.status_code, 200)
		figures = response.json["message"]
		self.assertEqual(figures["unit"], "湘西土家族苗族自治州")
		self.assertGreaterEqual(figures["total"]["offered"], 1)
		response = self.call("springoffer.api.download_annex", **args)
		self.assertEqual(response.status_code, 200)
		ws = load_workbook(BytesIO(response.data))["附件"]
		self.assertEqual(ws["A2"].value, "报送单位：湘西土家族苗族自治州")
		self.assertEqual(ws.cell(9, 2).value, figures["total"]["offered"])

	def test_another_city_is_403(self):
		for method in ("springoffer.api.annex_figures", "springoffer.api.download_annex"):
			response = self.call(method, campaign="2023年春季要约行动", unit="岳阳市", as_of="2023-06-30")
			self.assertEqual(response.status_code, 403, method)
		response = self.call("springoffer.api.annex_figures", campaign="2023年春季要约行动", unit="湖南省")
		self.assertEqual(response.status_code, 403)

	def test_resource_api_lists_own_region_only(self):
		response = self.call("frappe.client.get_list", doctype="Offer", limit_page_length=0, fields='["name"]')
		names = {row["name"] for row in response.json["message"]}
		self.assertIn(self.inside, names)
		self.assertNotIn(self.outside, names)
		api_test.authorization_token = self.token
		try:
			self.assertEqual(self.get(self.resource("Offer", self.outside)).status_code, 403)
			self.assertEqual(self.get(self.resource("Offer", self.inside)).status_code, 200)
		finally:
			api_test.authorization_token = None
