"""The employer answers its offer through its link (springoffer.portal.links): the page /offer-answer
and the guest methods springoffer.api.answer_view / answer_offer / answer_letter run these rules.

Nothing about an offer is shown before the link's secret and the addressee's 统一社会信用代码 (all 18
characters, or the page's last six) both match; every mismatch gets the same refusal and is logged.
An answer goes through the Offer's own controller and rules (response date, refusal reason, the annex
ledger, the overdue mark), changes only the employer's answer, and is logged with address and browser.
Once an officer has confirmed it, or HRSS has recorded its handling of a refusal, the link shows it
read-only.
"""

import functools

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate, now_datetime, today

from springoffer.core import categories as c
from springoffer.core import credit_code as codes
from springoffer.core import guest_input
from springoffer.portal import contracts, links

OPENED, ANSWERED, FILED, REFUSED_ACCESS, RECEIVED = "打开", "回复", "报送合同", "拒绝访问", "电子送达"
REFUSAL = "This link or credit code does not open an offer; check the link on the offer letter and your unified social credit code"
# What an agreement must say for the first meeting to be arranged (the chief representative may follow).
REQUIRED_WHEN_AGREED = {
	"meeting_time": "Proposed First Meeting",
	"meeting_place": "Meeting Place",
	"employer_contact_name": "Employer Contact",
	"employer_contact_phone": "Employer Contact Phone",
}


def log(event, offer=None, outcome=""):
	request = getattr(frappe.local, "request", None)
	agent = request.headers.get("User-Agent", "") if request is not None and hasattr(request, "headers") else ""
	region = frappe.db.get_value("Offer", offer, "region") if offer else None
	frappe.get_doc(
		{
			"doctype": "Answer Log",
			"offer": offer,
			"region": region or frappe.db.get_value("Region", {"parent_region": ("is", "not set")}, "name"),
			"event": event,
			"outcome": outcome[:500],
			"logged_at": now_datetime(),
			"ip_address": getattr(frappe.local, "request_ip", None) or "",
			"user_agent": agent[:500],
		}
	).insert(ignore_permissions=True)


def addressee_code(offer):
	"""The credit code of the party the offer was sent to."""
	if offer.scope == c.SCOPE_SINGLE:
		return offer.covered_enterprises[0].enterprise if offer.covered_enterprises else ""
	return codes.normalize(offer.employer_side_credit_code or "")


def _matches(expected, given):
	given = codes.normalize(given or "")
	if not expected or len(given) not in (6, 18):
		return False
	return expected.endswith(given) if len(given) == 6 else expected == given


def open_offer(token, credit_code):
	"""The offer the link and credit code open together; the one refusal otherwise (logged)."""
	name = links.offer_of(token)
	offer = frappe.get_doc("Offer", name) if name else None
	if offer is None or not _matches(addressee_code(offer), credit_code):
		refuse(name)
	record_receipt(offer)
	return offer


def record_receipt(offer):
	"""民法典 Art. 137: a data message takes effect when its addressee knows it reached them. The first
	time the employer opens its link with its own credit code is that moment: unless a delivery is
	already on record, today becomes the offer's 送达日期 by 电子送达, and its 20 days start."""
	if offer.delivered_on or offer.response != c.PENDING or not offer.date_sent or getdate(offer.date_sent) > getdate(today()):
		return  # on record already, answered (it knew), or not sent yet
	if frappe.db.sql("SELECT delivered_on FROM `tabOffer` WHERE name = %s FOR UPDATE", offer.name)[0][0]:
		offer.reload()  # another request recorded it first
		return
	request_ip = getattr(frappe.local, "request_ip", None) or ""
	offer.delivered_on = today()
	offer.delivery_method = c.DELIVERY_ELECTRONIC
	offer.delivery_failure_reason = None
	offer.delivery_log = _("Opened through its answer link with its credit code on {0} (address {1})", lang="zh").format(
		now_datetime(), request_ip or "—"
	)
	offer.flags.employer_answer = True
	offer.save(ignore_permissions=True)
	log(RECEIVED, offer.name, _("Delivered on {0}; the 20 days to answer end on {1}").format(offer.delivered_on, offer.response_due_date))


def refuse(offer_name=None):
	"""The one refusal for every wrong key, logged although the request fails."""
	log(REFUSED_ACCESS, offer_name, _("Link or credit code did not match"))
	if not frappe.flags.in_test:
		frappe.db.commit()
	frappe.throw(_(REFUSAL), frappe.PermissionError, title=_("Not found"))


def in_chinese(method):
	"""The employer's door answers in Chinese whatever the browser asks for, its limit of tries too
	(put it above frappe.rate_limiter.rate_limit)."""

	@functools.wraps(method)
	def wrapper(*args, **kwargs):
		frappe.local.lang = "zh"
		return method(*args, **kwargs)

	return wrapper


def checked_input(fields):
	"""A guest method's arguments checked by springoffer.core.guest_input before it runs: a malformed
	key gets the one refusal, a malformed field a Chinese 417 naming it, and the method receives the
	cleaned values. The wrapper carries no annotations, so Frappe's own type check (English, naming
	Python types) is not what a guest sees; the signature still lists the method's arguments."""

	def decorate(method):
		@functools.wraps(method, assigned=("__module__", "__name__", "__qualname__", "__doc__"))
		def wrapper(**kwargs):
			try:
				values = guest_input.clean(fields, kwargs)
			except guest_input.KeyRefused as error:
				refuse(links.offer_of(error.token) if error.token else None)
			except guest_input.GuestInputError as error:
				throw_input_error(error)
			return method(**values)

		return wrapper

	return decorate


def throw_input_error(error):
	violation = error.violation
	label, *args = violation.args
	frappe.throw(_(violation.message).format(_(label), *args), frappe.ValidationError, title=_("Please correct the following"))


def is_closed(offer):
	"""Confirmed by an officer, or a refusal HRSS has handled: the link shows the answer read-only."""
	return bool(offer.answer_confirmed or (offer.response == c.REFUSED and offer.hrss_handling))


def view(offer):
	"""The offer as its letter states it, and the answer as recorded."""
	from springoffer.desk.printing import so_offer_parties

	sender, addressee = so_offer_parties(offer)
	return {
		"offer": offer.name,
		"sender": sender,
		"addressee": addressee,
		"campaign": offer.campaign,
		"scope": offer.scope,
		"topics": "、".join(filter(None, (offer.main_topic, offer.topics_note))),
		"covered_enterprises": len(offer.covered_enterprises),
		"covered_workers": offer.total_covered_workers,
		"date_sent": str(offer.date_sent or ""),
		"delivered_on": str(offer.delivered_on or ""),
		"delivery_method": offer.delivery_method or "",
		"response_due_date": str(offer.response_due_date or ""),
		"response": offer.response,
		"response_date": str(offer.response_date or ""),
		"refusal_reason": offer.refusal_reason or "",
		"refusal_detail": offer.refusal_detail or "",
		"meeting_time": str(offer.meeting_time or ""),
		"meeting_place": offer.meeting_place or "",
		"employer_contact_name": offer.employer_contact_name or "",
		"employer_chief_representative": offer.employer_chief_representative or "",
		"refusal_reasons": [r for r in c.REFUSAL_REASONS if r],
		"closed": is_closed(offer),
		"contract": contracts.status(offer),
		"contract_kinds": list(c.CONTRACT_KINDS),
		"next_meeting": next_meeting(offer),
	}


def next_meeting(offer):
	"""The next meeting of the offer's negotiation, or None (no negotiation, no date agreed, or a day passed): its date,
	and the time and place where they are on record — the employer's proposed first meeting before any
	was held, else the place agreed at the last meeting (the page writes them in Chinese)."""
	if not offer.get("negotiation"):
		return None
	talks = frappe.db.get_value("Negotiation", offer.negotiation, ["next_meeting_on", "last_meeting_on"], as_dict=True)
	if not talks or not talks.next_meeting_on or getdate(talks.next_meeting_on) < getdate(today()):
		return None  # none agreed, or its day passed without a meeting on record: nothing to come to
	if talks.last_meeting_on:
		time, place = "", frappe.db.get_value(
			"Negotiation Meeting",
			{"parent": offer.negotiation, "parenttype": "Negotiation", "held_on": talks.last_meeting_on},
			"next_meeting_place",
			order_by="idx desc",
		)
	else:
		proposed = offer.meeting_time and frappe.utils.get_datetime(offer.meeting_time)
		same_day = proposed and proposed.date() == getdate(talks.next_meeting_on)
		time, place = (proposed.strftime("%H:%M") if same_day else ""), offer.meeting_place
	return {"date": str(getdate(talks.next_meeting_on)), "time": time, "place": place or ""}


# What an answer consists of, by response: sent again unchanged, it is the same answer.
ANSWER_FIELDS = {
	c.AGREED: ("meeting_time", "meeting_place", "employer_contact_name", "employer_contact_phone", "employer_chief_representative"),
	c.REFUSED: ("refusal_reason", "refusal_detail"),
}


def lock_offer(offer):
	"""The offer as last committed, its row held until this request ends: two requests writing the
	same offer (an answer sent again after a timeout, two taps at once) take their turns, the second
	seeing what the first stored (a locking read; a plain one would see the transaction's snapshot)."""
	return frappe.get_doc("Offer", offer.name, for_update=True)


def is_recorded(offer, response, values):
	"""Whether `response` with `values` is already the offer's answer (the natural key of an answer
	is its offer: one answer each, a repeat of it changes nothing)."""
	if offer.response != response or response not in ANSWER_FIELDS:
		return False
	for field in ANSWER_FIELDS[response]:
		stored, sent = offer.get(field), values.get(field)
		if field == "meeting_time":
			stored, sent = (get_datetime(v) if v else None for v in (stored, sent))
		if (stored or None) != (sent or None):
			return False
	return True


def answer(offer, response, values):
	"""Record the employer's answer through the Offer's own rules; returns the view of the offer.
	`values` were cleaned by springoffer.core.guest_input (text stripped, the meeting a datetime).
	The same answer sent again (a weak network's retry, two at once) is taken once: the repeat gets
	the same view back and writes nothing, not even a log row or a notification."""
	offer = lock_offer(offer)
	if is_recorded(offer, response, values):
		return view(offer)
	if is_closed(offer):
		frappe.throw(_("The answer to offer {0} has been confirmed and can no longer be changed here; contact the union that sent it").format(offer.name))
	if response not in (c.AGREED, c.REFUSED):
		frappe.throw(_("Choose 同意协商 or 拒绝协商"))
	missing = []
	if response == c.AGREED:
		missing = [_(label) for field, label in REQUIRED_WHEN_AGREED.items() if not values.get(field)]
	elif not values.get("refusal_reason"):
		missing = [_("Refusal Reason")]
	if missing:
		frappe.throw(_("Fill in: {0}").format("、".join(missing)))
	if response == c.AGREED:
		try:
			guest_input.check_meeting_time(values["meeting_time"], now_datetime())
		except guest_input.GuestInputError as error:
			throw_input_error(error)
	offer.response = response
	offer.response_date = today()
	for field in ("meeting_time", "meeting_place", "employer_contact_name", "employer_contact_phone", "employer_chief_representative"):
		offer.set(field, values.get(field) or None if response == c.AGREED else offer.get(field))
	offer.refusal_reason = values.get("refusal_reason") if response == c.REFUSED else None
	offer.refusal_detail = values.get("refusal_detail") or None if response == c.REFUSED else offer.refusal_detail
	offer.answered_online_on = now_datetime()  # the 企业在线回复要约 notification and robots follow it
	offer.flags.employer_answer = True
	offer.save(ignore_permissions=True)
	log(ANSWERED, offer.name, f"{response}（{getdate(offer.response_date)}）")
	return view(offer)
