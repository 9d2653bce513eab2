"""Negotiations recorded before the workspace counted stalled talks get the day their quiet starts:
the last meeting, or the day the offer was agreed while no meeting is on record (as the controller
derives it on every save)."""

import frappe


def execute():
	frappe.db.sql(
		"""UPDATE `tabNegotiation` SET quiet_since = COALESCE(last_meeting_on, agreed_to_negotiate_on)
		WHERE NOT quiet_since <=> COALESCE(last_meeting_on, agreed_to_negotiate_on)"""
	)
