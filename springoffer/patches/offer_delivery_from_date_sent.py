"""The 20 days of Art. 32 now run from the day the employer side received the offer. Offers recorded
before delivery was get the date they were sent as their delivery date, marked 未记录（按发出日期计）,
so no due date, overdue mark or figure of the 附件 moves on migrate; officers correct the ones they
know (README: 送达)."""

import frappe

from springoffer.core import categories as c


def execute():
	frappe.db.sql(
		"""UPDATE `tabOffer` SET delivered_on = date_sent, delivery_method = %(unrecorded)s, delivery_status = %(delivered)s
		WHERE delivered_on IS NULL AND date_sent IS NOT NULL AND IFNULL(delivery_failure_reason, '') = ''""",
		{"unrecorded": c.DELIVERY_UNRECORDED, "delivered": c.DELIVERED},
	)
