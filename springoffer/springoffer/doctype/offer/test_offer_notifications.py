"""The shipped Notifications reach the right people: the offering union before and after the
20 days, and the HRSS officers of the offer's own region on a refusal or an overdue offer."""

import frappe
from frappe.email.doctype.notification.notification import trigger_daily_alerts
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.devtools.commits import no_commit
from springoffer.devtools.testing import make_enterprise, make_user, offer_doc

UNION = "notify.union@example.com"
HRSS = "notify.hrss@example.com"
HRSS_ELSEWHERE = "notify.hrss.other@example.com"


def logs(user, words):
	return frappe.get_all("Notification Log", filters={"for_user": user, "subject": ("like", f"%{words}%")}, pluck="name")


class TestOfferNotifications(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(UNION, ["Trade Union Officer"], region="邵阳市")
		make_user(HRSS, ["HRSS Officer"], region="邵阳市")
		make_user(HRSS_ELSEWHERE, ["HRSS Officer"], region="娄底市")
		cls.enterprise = make_enterprise(region="邵阳市", employees=300)

	def setUp(self):
		frappe.db.delete("Notification Log", {"for_user": ("in", [UNION, HRSS, HRSS_ELSEWHERE])})

	def test_refusal_tells_the_regions_hrss_officers_only(self):
		with self.set_user(UNION):
			offer = offer_doc([self.enterprise], 100, date_sent="2023-03-10").insert()
			self.assertEqual(offer.hrss_notify, HRSS)
			offer.response, offer.response_date, offer.refusal_reason = c.REFUSED, "2023-03-20", c.REFUSAL_REASONS[0]
			offer.save()
		self.assertTrue(logs(HRSS, offer.name))
		self.assertFalse(logs(HRSS_ELSEWHERE, offer.name))

	def test_reminder_before_the_due_date_and_notice_after_it(self):
		with self.set_user(UNION):
			pending = offer_doc([self.enterprise], 100, date_sent="2023-04-10").insert()  # due 05-04: 04-30 is in the May Day holiday
			answered = offer_doc([self.enterprise], 100, date_sent="2023-04-10", response=c.AGREED, response_date="2023-04-12").insert()
		with self.freeze_time("2023-04-29 08:00"), no_commit():
			trigger_daily_alerts()
		self.assertTrue(logs(UNION, pending.name))
		self.assertFalse(logs(UNION, answered.name))
		self.assertFalse(logs(HRSS, pending.name))
		with self.freeze_time("2023-05-05 08:00"), no_commit():
			trigger_daily_alerts()
		self.assertTrue(logs(HRSS, f"{pending.name} 已逾期"))
		self.assertTrue(logs(UNION, f"{pending.name} 已逾期"))
		self.assertFalse(logs(HRSS_ELSEWHERE, pending.name))
