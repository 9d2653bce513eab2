"""Sending drafts: each becomes an Offer saved through the Offer's own controller, so the date sent
starts the 20-day clock (民法典 Art. 203) exactly as an offer made by hand; nothing is sent without
the officer, and a draft that cannot be sent says why and stays as it was."""

import frappe
from frappe import _
from frappe.utils import getdate

from springoffer.core import categories as c
from springoffer.core import offer_drafts as od

LIMIT = 500  # drafts in one request; the list view sends a page at a time


def send(names, date_sent):
	"""Send the drafts `names` as offers dated `date_sent`: {"sent": [(draft, offer)], "failed": [(draft, why)]}."""
	if not names:
		frappe.throw(_("Select the drafts to send"))
	if len(names) > LIMIT:
		frappe.throw(_("Send at most {0} drafts at a time").format(LIMIT))
	date_sent = getdate(date_sent)
	sent, failed = [], []
	for name in names:
		frappe.db.savepoint("offer_draft")
		try:
			sent.append((name, _send_one(name, date_sent)))
		except frappe.ValidationError as error:
			frappe.db.rollback(save_point="offer_draft")
			frappe.clear_messages()
			failed.append((name, str(error) or type(error).__name__))
	return {"sent": sent, "failed": failed}


def _send_one(name, date_sent):
	draft = frappe.get_doc("Offer Draft", name, for_update=True)
	draft.check_permission("write")
	if draft.status != od.TO_SEND:
		frappe.throw(_("Draft {0} is {1}; only drafts 待发送 are sent").format(name, draft.status))
	offer = frappe.get_doc(
		{
			"doctype": "Offer",
			"campaign": draft.campaign,
			"scope": draft.scope,
			"offering_side": c.OFFERING_SIDES[0],
			"region": draft.region,
			"main_topic": draft.main_topic,
			"date_sent": date_sent,
			"response": c.PENDING,
			"covered_enterprises": [
				{"enterprise": row.enterprise, "covered_workers": row.covered_workers} for row in draft.covered_enterprises
			],
		}
	).insert()
	draft.status, draft.offer, draft.date_sent = od.SENT, offer.name, date_sent
	draft.flags.sending = True
	draft.save()
	return offer.name
