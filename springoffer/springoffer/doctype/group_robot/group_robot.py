import frappe
from frappe import _
from frappe.model.document import Document

from springoffer.core import robots


class GroupRobot(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		enabled: DF.Check
		last_result: DF.SmallText | None
		last_sent_on: DF.Datetime | None
		notify_answer_due: DF.Check
		notify_overdue: DF.Check
		notify_online_answer: DF.Check
		notify_refusal: DF.Check
		notify_report_due: DF.Check
		notify_report_returned: DF.Check
		platform: DF.Literal["\u4f01\u4e1a\u5fae\u4fe1", "\u9489\u9489"]
		region: DF.Link
		reporting_body: DF.Literal["", "\u4eba\u529b\u8d44\u6e90\u548c\u793e\u4f1a\u4fdd\u969c\u90e8\u95e8", "\u603b\u5de5\u4f1a", "\u4f01\u4e1a\u548c\u5de5\u4e1a\u7ecf\u6d4e\u8054\u5408\u4f1a", "\u5de5\u5546\u4e1a\u8054\u5408\u4f1a"]
		robot_name: DF.Data
		secret: DF.Password | None
		webhook_url: DF.Password
	# end: auto-generated types
	def validate(self):
		from springoffer.controllers.checks import check_region_scope

		check_region_scope(self, {})
		url = self.webhook_url or ""
		if url and "*" not in url and not url.startswith(("https://", "http://")):
			frappe.throw(_("The robot address starts with https://; copy it from the group robot's settings"))
		if self.platform != robots.DINGTALK:
			self.secret = None

	@frappe.whitelist()
	def send_test(self):
		"""Post a test message now, and say whether the robot took it."""
		from springoffer.desk.group_robots import post

		self.check_permission("write")
		ok = post(
			self.name,
			_("Test message from the Spring Offer Action"),
			_("This group will receive the campaign's reminders for {0}.").format(
				"、".join(filter(None, [self.region, self.reporting_body])) or self.region
			),
			frappe.utils.get_url_to_list("spring-offer-action"),  # the workspace's route, with the desk's prefix
		)
		return {"ok": ok, "result": frappe.db.get_value("Group Robot", self.name, "last_result")}
