"""A dispute in a negotiation coordinated by the HRSS department with the trade union and the enterprise
organisation of the same level (集体合同规定 Arts. 49–55): applied for by either side or opened by HRSS,
accepted, closed within 30 days of acceptance (once extended by at most 15), ending in a
《协调处理协议书》. While it is open its negotiation's state is 争议协调."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from springoffer.controllers.checks import check_region_scope, legal_calendar, throw_violations
from springoffer.core import negotiation as core
from springoffer.core.rules import Violation

WAITING, COORDINATING, CLOSED = "待受理", "协调中", "已结案"


def _date(value):
	return getdate(value) if value else None


class NegotiationCoordination(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from springoffer.springoffer.doctype.coordination_extension.coordination_extension import (
			CoordinationExtension,
		)

		accepted_on: DF.Date | None
		applicant: DF.Literal["\u804c\u5de5\u65b9", "\u4f01\u4e1a\u65b9", "\u4eba\u529b\u8d44\u6e90\u793e\u4f1a\u4fdd\u969c\u90e8\u95e8"]
		applied_on: DF.Date
		campaign: DF.Link | None
		closed_on: DF.Date | None
		dispute_facts: DF.Text
		due_date: DF.Date | None
		employer_name: DF.Data | None
		enterprise_coordinator: DF.Data | None
		extensions: DF.Table[CoordinationExtension]
		hrss_coordinator: DF.Data | None
		negotiation: DF.Link
		offer: DF.Link | None
		region: DF.Link | None
		remaining_issues: DF.Text | None
		result: DF.Text | None
		status: DF.Literal["\u5f85\u53d7\u7406", "\u534f\u8c03\u4e2d", "\u5df2\u7ed3\u6848"]
		union_coordinator: DF.Data | None
	# end: auto-generated types
	def validate(self):
		negotiation = frappe.db.get_value(
			"Negotiation", self.negotiation, ["offer", "campaign", "region", "employer_name", "agreed_to_negotiate_on"], as_dict=True
		)
		if not negotiation:
			frappe.throw(_("Negotiation {0} does not exist").format(self.negotiation))
		self.offer, self.campaign, self.region, self.employer_name = (
			negotiation.offer, negotiation.campaign, negotiation.region, negotiation.employer_name
		)
		check_region_scope(self, {})
		with legal_calendar():
			self.check_and_fill(_date(negotiation.agreed_to_negotiate_on))

	def check_and_fill(self, agreed_on):
		applied_on, accepted_on, closed_on = _date(self.applied_on), _date(self.accepted_on), _date(self.closed_on)
		now = getdate(today())
		extensions = [row.days for row in self.extensions or []]
		found = core.check_coordination(accepted_on, extensions, closed_on, now)
		if applied_on and applied_on > now:
			found.append(Violation("applied_on", "{0} is in the future; record it once it has happened", (applied_on,)))
		if applied_on and agreed_on and applied_on < agreed_on:
			found.append(Violation("applied_on", "{0} is before the offer was agreed on {1}; correct the date", (applied_on, agreed_on)))
		if accepted_on and applied_on and accepted_on < applied_on:
			found.append(Violation("accepted_on", "Accepted on {0}, before the application of {1}; correct one of the dates", (accepted_on, applied_on)))
		if accepted_on and accepted_on > now:
			found.append(Violation("accepted_on", "{0} is in the future; record it once it has happened", (accepted_on,)))
		if (self.extensions or closed_on) and not accepted_on:
			found.append(Violation("accepted_on", "Enter the day HRSS accepted the application: the 30 days run from it (集体合同规定 Art. 52)"))
		if accepted_on:
			first_due = core.coordination_due(accepted_on)
			for row in self.extensions or []:
				if row.extended_on and (getdate(row.extended_on) < accepted_on or getdate(row.extended_on) > first_due):
					found.append(
						Violation(
							"extensions",
							"The extension of {0} falls outside the 30 days from {1} to {2}; a coordination is extended before its 30 days end (集体合同规定 Art. 52)",
							(getdate(row.extended_on), accepted_on, first_due),
						)
					)
		if closed_on:
			missing = [
				label
				for field, label in (
					("hrss_coordinator", "HRSS Coordinator"),
					("union_coordinator", "Trade Union Co-coordinator"),
					("enterprise_coordinator", "Enterprise Organisation Co-coordinator"),
					("result", "Result of the Coordination"),
				)
				if not (self.get(field) or "").strip()
			]
			if missing:
				found.append(
					Violation(
						"closed_on",
						"Enter {0} before closing: the 协调处理协议书 names them (集体合同规定 Arts. 50, 54)",
						("、".join(_(label) for label in missing),),
					)
				)
		throw_violations(self, found)
		self.due_date = core.coordination_due(accepted_on, sum(extensions)) if accepted_on else None
		self.status = CLOSED if closed_on else COORDINATING if accepted_on else WAITING
		if self.status != CLOSED:
			other = frappe.db.get_value(
				"Negotiation Coordination",
				{"negotiation": self.negotiation, "status": ("!=", CLOSED), "name": ("!=", self.name or "")},
				"name",
			)
			if other:
				frappe.throw(_("Coordination {0} of this negotiation is still open; continue there").format(other))

	def on_update(self):
		self.update_negotiation()

	def on_trash(self):
		self.update_negotiation(removed=True)

	def update_negotiation(self, removed=False):
		"""The negotiation shows 争议协调 while a coordination of it is open."""
		negotiation = frappe.get_doc("Negotiation", self.negotiation)
		open_one = None if removed or self.status == CLOSED else self.name
		if negotiation.open_coordination == open_one or (negotiation.open_coordination not in (None, "", self.name)):
			return
		negotiation.open_coordination = open_one
		negotiation.flags.ignore_permissions = True  # HRSS may coordinate a negotiation it does not write
		negotiation.save()
