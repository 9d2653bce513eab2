"""The province board: the 附件's figures of each 市州, overdue offers and unit-report states,
a city user's 县市区 and the city's own enterprises, and the announcement that makes open boards refresh."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from springoffer.annex import figures as annex_db
from springoffer.annex.cache import ANNOUNCEMENT
from springoffer.desk import board
from springoffer.devtools.testing import make_campaign, make_enterprise, make_user, offer_doc

CAMPAIGN = "看板测试2023年春季要约行动"
CITY_USER = "board-officer@springoffer.test"


def new_transaction():
	"""What a commit leaves of the realtime messages queued: none (tests do not commit)."""
	frappe.local._realtime_log = []


def announced():
	return [entry for entry in getattr(frappe.local, "_realtime_log", []) if entry[0] == ANNOUNCEMENT]


class TestCampaignBoard(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_campaign(CAMPAIGN)
		make_user(CITY_USER, ["Trade Union Officer"], region="湘潭市")
		offer_doc(make_enterprise(region="湘潭市"), campaign=CAMPAIGN, date_sent="2023-03-10").insert()  # overdue by now
		offer_doc(
			make_enterprise(region="湘潭市"), campaign=CAMPAIGN, response="同意协商", response_date="2023-03-12"
		).insert()

	def test_the_province_sees_every_city_with_the_annex_figures(self):
		found = board.figures(CAMPAIGN)
		cities = frappe.get_all("Region", filters={"parent_region": "湖南省"}, pluck="name", order_by="lft asc")
		self.assertEqual([row["unit"] for row in found["rows"]], cities)
		xiangtan = next(row for row in found["rows"] if row["unit"] == "湘潭市")
		total = annex_db.count(CAMPAIGN, "湘潭市", getdate(found["as_of"]), with_refusals=False).total
		self.assertEqual(
			[xiangtan[k] for k in ("offered", "responded", "signed", "refused")],
			[total.offered, total.responded, total.signed, total.refused],
		)
		self.assertEqual((xiangtan["offered"], xiangtan["responded"], xiangtan["overdue"]), (2, 1, 1))
		self.assertEqual(set(xiangtan["reports"]), set(found["bodies"]))
		self.assertLess(found["days_left"], 0)  # 2023's due date has passed: the page says by how many days

	def test_a_city_user_sees_their_counties_and_the_citys_own(self):
		frappe.set_user(CITY_USER)
		try:
			found = board.figures(CAMPAIGN)
		finally:
			frappe.set_user("Administrator")
		counties = frappe.get_all("Region", filters={"parent_region": "湘潭市"}, pluck="name", order_by="lft asc")
		self.assertTrue(counties)
		# their 县市区, and the city's own enterprises (both offers are registered on 湘潭市 itself) as 本级
		self.assertEqual([row["unit"] for row in found["rows"]], [*counties, "湘潭市（本级）"])
		own = found["rows"][-1]
		self.assertEqual((own["offered"], own["responded"], own["overdue"]), (2, 1, 1))
		self.assertTrue(all(row["offered"] == 0 for row in found["rows"][:-1]))
		self.assertFalse(found["province"])

	def test_a_ledger_write_and_a_unit_report_announce_a_change_once_per_transaction(self):
		frappe.db.savepoint("board_writes")  # the other tests count setUpClass's offers only
		try:
			new_transaction()
			offer = offer_doc(make_enterprise(region="湘潭市"), campaign=CAMPAIGN).insert()
			offer.response, offer.response_date = "同意协商", "2023-03-20"
			offer.save()
			self.assertEqual(len(announced()), 1)
			new_transaction()
			report = frappe.get_doc(
				{"doctype": "Unit Report", "campaign": CAMPAIGN, "reporting_unit": "湘潭市", "reporting_body": "总工会", "source": "手工填报", "as_of_date": "2023-06-30"}
			).insert()
			self.assertEqual(len(announced()), 1)
			frappe.set_user(CITY_USER)
			try:
				rows = board.figures(CAMPAIGN)["rows"]
				state = next(row for row in rows if row["unit"] == "湘潭市（本级）")["reports"]["总工会"]
			finally:
				frappe.set_user("Administrator")
			self.assertEqual(state, report.workflow_state)
		finally:
			frappe.db.rollback(save_point="board_writes")
			new_transaction()
