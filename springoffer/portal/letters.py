"""The 要约书 delivered electronically: by e-mail through Frappe's Email Account and Email Queue (the
letter as PDF, the answer link and its QR code in the body) and by SMS through Frappe's SMS Settings
(any HTTP gateway; a short message with the link).

Sending is not yet delivery (民法典 Art. 137): the offer's 20 days start when the employer opens its
link with its credit code (springoffer.portal.answers.record_receipt) or an officer records the day it
was received. A message that cannot go out — no address, a gateway that refuses, an e-mail the queue
fails to send — marks the offer 送达失败 with the reason and tells its sender; a batch goes on past a
failure and says at the end which went out and which did not.

The addressee is the one the offer names: the enterprise of a single-enterprise offer (its 联系邮箱 and
联系电话), the employers' representative body of an industry or regional offer (the e-mail and mobile
entered beside its name and credit code on the offer).
"""

import re

import frappe
from frappe.utils import now_datetime

from springoffer.core import categories as c
from springoffer.portal import links

EMAIL, SMS = "email", "sms"
CHANNELS = (EMAIL, SMS)
MOBILE = re.compile(r"1[3-9]\d{9}")
LIMIT = 500  # offers per request, as the drafts' bulk send


def _(message):
	"""Chinese, whoever sends: these texts are kept on the offer's delivery record."""
	return frappe._(message, lang="zh")


class NotSent(Exception):
	"""The letter could not go out by one channel: the reason, in Chinese, for the offer's record."""


def contacts(offer):
	"""(e-mail, mobile) of the offer's addressee, each None when it has none."""
	if offer.scope == c.SCOPE_SINGLE:
		enterprise = offer.covered_enterprises[0].enterprise if offer.covered_enterprises else None
		email, phone = frappe.db.get_value("Enterprise", enterprise, ["contact_email", "contact_phone"]) or (None, None)
	else:
		email, phone = offer.employer_side_email, offer.employer_side_mobile
	mobile = re.sub(r"[\s-]", "", phone or "")
	return (email or "").strip() or None, mobile if MOBILE.fullmatch(mobile) else None


def send_many(names, channels):
	"""Each offer's letter by `channels`; {"sent": [offer…], "failed": [[offer, why]…]}."""
	channels = [channel for channel in CHANNELS if channel in (channels or ())]
	if not channels:
		frappe.throw(_("Choose e-mail, SMS or both"))
	if not names:
		frappe.throw(_("Select the offers whose letters to send"))
	if len(names) > LIMIT:
		frappe.throw(_("Send at most {0} offer letters at a time").format(LIMIT))
	sent, failed = [], []
	for name in names:
		frappe.db.savepoint("offer_letter")
		try:
			problems = send(frappe.get_doc("Offer", name), channels)
		except (frappe.ValidationError, frappe.PermissionError) as error:
			frappe.db.rollback(save_point="offer_letter")
			frappe.clear_messages()
			problems = [frappe.utils.strip_html(str(error)) or type(error).__name__]
		if problems:
			failed.append([name, "；".join(problems)])
		else:
			sent.append(name)
	return {"sent": sent, "failed": failed}


def send(offer, channels):
	"""The letter of one offer by each channel; returns the problems (empty when every channel went out).
	Whatever went out or failed is written in the offer's delivery record."""
	offer.check_permission("write")
	if offer.response != c.PENDING:
		frappe.throw(_("Offer {0} has been answered ({1}); its letter is not sent again").format(offer.name, offer.response))
	url = links.ensure(offer)  # refuses offers not sent yet, sent by the employer side, or without an addressee code
	email, mobile = contacts(offer)
	lines, problems = [], []
	for channel in channels:
		try:
			if channel == EMAIL:
				lines.append(_send_email(offer, email, url))
			else:
				lines.append(_send_sms(offer, mobile, url))
		except NotSent as reason:
			problems.append(str(reason))
			lines.append(str(reason))
	_record(offer, lines, failure="；".join(problems) if len(problems) == len(channels) else None)
	return problems


def _send_email(offer, email, url):
	if not email:
		raise NotSent(_("No e-mail address for the addressee; enter the enterprise's 联系邮箱"))
	if not frappe.utils.validate_email_address(email):
		raise NotSent(_("“{0}” is not an e-mail address; correct the enterprise's 联系邮箱").format(email))
	pdf = frappe.get_print("Offer", offer.name, "要约书", as_pdf=True)  # its own copy: printing marks a doc unsavable
	queue = frappe.sendmail(
		recipients=[email],
		subject=_("Offer to bargain collectively {0}").format(offer.name),
		message=frappe.render_template(
			"templates/emails/offer_letter.html",
			{"offer": offer, "url": url, "qr": links.qr_data_uri(url), "sender": offer_sender(offer)},
		),
		attachments=[{"fname": f"offer-{offer.name}.pdf", "fcontent": pdf}],
		reference_doctype="Offer",
		reference_name=offer.name,
		delayed=True,
	)
	return _("{0}: e-mail queued to {1} ({2})").format(now_datetime().strftime("%Y-%m-%d %H:%M"), email, getattr(queue, "name", ""))


def _send_sms(offer, mobile, url):
	# Frappe's send_request with the site's SMS Settings, as its send_sms does; not send_sms itself,
	# whose SMS Log is missing from Frappe v15 without ERPNext (it fails after the gateway took the
	# message, and a sent letter would be reported as not sent). The offer's delivery record is the log.
	from frappe.core.doctype.sms_settings.sms_settings import get_headers, send_request

	if not mobile:
		raise NotSent(_("No mobile number for the addressee; enter the enterprise's 联系电话 as an 11-digit mobile number"))
	if not frappe.db.get_single_value("SMS Settings", "sms_gateway_url"):
		raise NotSent(_("No SMS gateway is set up; a system manager enters it in SMS Settings"))
	text = _("{0} sent you an offer to bargain collectively ({1}). Open {2} and enter your credit code to read and answer it.").format(
		offer_sender(offer), offer.name, url
	)
	settings = frappe.get_doc("SMS Settings")
	headers = get_headers(settings)
	params = {row.parameter: row.value for row in settings.parameters if not row.header}
	params.update({settings.message_parameter: text, settings.receiver_parameter: mobile})
	try:
		send_request(settings.sms_gateway_url, params, headers, settings.use_post, headers.get("Content-Type") == "application/json")
	except Exception as error:  # the gateway's own failure (refused, unreachable, timed out)
		frappe.clear_messages()
		raise NotSent(_("The SMS gateway did not take the message to {0} ({1}); try again later").format(mobile, type(error).__name__))
	return _("{0}: SMS sent to {1}").format(now_datetime().strftime("%Y-%m-%d %H:%M"), mobile)


def offer_sender(offer):
	from springoffer.desk.printing import so_offer_parties

	return so_offer_parties(offer)[0]


def _record(offer, lines, failure=None):
	"""Append to the offer's delivery record; a letter that went out by no channel is 送达失败 unless the
	offer is already delivered."""
	offer.reload()
	offer.delivery_log = "\n".join(filter(None, [offer.delivery_log, *lines]))
	if not offer.delivered_on:
		offer.delivery_method = c.DELIVERY_ELECTRONIC
		offer.delivery_failure_reason = failure
	offer.save()


def mark_failed(offer_name, reason, marker):
	"""An e-mail the queue could not send: the offer's delivery becomes 送达失败 and its sender is told
	(once per `marker`, the Email Queue's name, kept in the delivery record)."""
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	offer = frappe.get_doc("Offer", offer_name)
	failed = _("e-mail {0} could not be sent").format(marker)
	if failed in (offer.delivery_log or ""):
		return False
	line = f"{now_datetime():%Y-%m-%d %H:%M}：{failed}（{reason}）"
	offer.delivery_log = "\n".join(filter(None, [offer.delivery_log, line]))
	if not offer.delivered_on:
		offer.delivery_failure_reason = line
	offer.flags.ignore_permissions = True
	offer.save()
	make_notification_logs(
		{
			"type": "Alert",
			"document_type": "Offer",
			"document_name": offer.name,
			"subject": _("The letter of offer {0} could not be sent by e-mail; check the address and send it again, or deliver it by hand or post").format(
				offer.name
			),
			"from_user": "Administrator",
		},
		[offer.owner],
	)
	return True


def check_failed_emails():
	"""Scheduler (every few minutes): letters the Email Queue gave up on mark their offers."""
	failed = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Offer", "status": "Error", "modified": (">=", frappe.utils.add_days(now_datetime(), -2))},
		fields=["name", "reference_name", "error"],
	)
	marked = []
	for row in failed:
		lines = (row.error or "").strip().splitlines()
		if mark_failed(row.reference_name, lines[-1][:200] if lines else _("refused by the mail server"), row.name):
			marked.append(row.name)
	if marked:
		frappe.db.commit()
	return marked
