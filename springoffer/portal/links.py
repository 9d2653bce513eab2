"""An offer's answer link: the employer's way in, printed on the 要约书 as text and QR code.

The link carries a 256-bit secret derived from the site's encryption key and a random nonce kept on
the Answer Link (HMAC-SHA256), so the same link can be printed again; the database keeps only the
nonce and the secret's SHA-256, and a copy of the database alone opens nothing. Withdrawing a link
marks it withdrawn; a new one gets a new nonce. Every way a secret can be wrong — unknown, tampered,
withdrawn, or another offer's — ends in the same refusal (springoffer.portal.answers).
"""

import base64
import hashlib
import hmac
import secrets

import frappe
from frappe import _
from frappe.utils import get_url, now_datetime
from frappe.utils.password import get_encryption_key

from springoffer.core import categories as c

DOCTYPE = "Answer Link"
ACTIVE, WITHDRAWN = "有效", "已撤回"
PAGE = "/offer-answer"


def _secret(offer, nonce):
	key = get_encryption_key().encode()
	digest = hmac.new(key, f"springoffer-answer:{offer}:{nonce}".encode(), hashlib.sha256).digest()
	return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_hash(token):
	return hashlib.sha256((token or "").encode()).hexdigest()


def url_for(token):
	return get_url(f"{PAGE}?t={token}")


def check_may_link(offer):
	"""An answer link is for an offer that was sent, to the party it was sent to."""
	if not offer.date_sent:
		frappe.throw(_("Offer {0} has not been sent; enter the date it was sent before giving the employer its answer link").format(offer.name))
	if offer.scope != c.SCOPE_SINGLE and not offer.employer_side_credit_code:
		frappe.throw(
			_("An industry or regional offer is answered by the employers' side: enter its name and credit code on offer {0} first").format(offer.name)
		)


def active_link(offer_name):
	return frappe.db.get_value(DOCTYPE, {"offer": offer_name, "status": ACTIVE}, ["name", "nonce"], as_dict=True)


def ensure(offer):
	"""The offer's active link (made on first use); returns its URL."""
	check_may_link(offer)
	if offer.offering_side == "企业方":
		frappe.throw(_("Offer {0} was sent by the employer side; the union answers it in the desk").format(offer.name))
	link = active_link(offer.name)
	if not link:
		nonce = secrets.token_urlsafe(16)
		frappe.get_doc(
			{
				"doctype": DOCTYPE,
				"offer": offer.name,
				"region": offer.region,
				"status": ACTIVE,
				"nonce": nonce,
				"token_hash": token_hash(_secret(offer.name, nonce)),
				"issued_by": frappe.session.user,
			}
		).insert(ignore_permissions=True)
		link = frappe._dict(nonce=nonce)
	return url_for(_secret(offer.name, link.nonce))


def withdraw(offer):
	"""Withdraw the active link; the next `ensure` issues a new one with a new secret."""
	link = active_link(offer.name)
	if link:
		frappe.db.set_value(
			DOCTYPE, link.name, {"status": WITHDRAWN, "withdrawn_by": frappe.session.user, "withdrawn_on": now_datetime()}
		)
	return bool(link)


def offer_of(token):
	"""The offer an active link's secret opens, or None."""
	if not token or len(token) > 100:
		return None
	found = frappe.db.get_value(DOCTYPE, {"token_hash": token_hash(token), "status": ACTIVE}, ["offer", "nonce"], as_dict=True)
	if not found or not hmac.compare_digest(_secret(found.offer, found.nonce), token):
		return None
	return found.offer


def qr_data_uri(url):
	"""The link as a QR code (SVG, as Frappe draws its two-factor codes), for <img src=…>."""
	import io

	import pyqrcode

	stream = io.BytesIO()
	pyqrcode.create(url, error="M").svg(stream, scale=4, quiet_zone=2)
	return "data:image/svg+xml;base64," + base64.b64encode(stream.getvalue()).decode()


def so_answer_link(doc):
	"""Jinja (the 要约书): {"url", "qr"} of the offer's answer link, or None for an offer that has none
	(not sent yet, sent by the employer side, or an industry offer without the employers' credit code)."""
	if doc.offering_side == "企业方":
		return None
	try:
		url = ensure(doc)
	except frappe.ValidationError:
		frappe.clear_last_message()
		return None
	return frappe._dict(url=url, qr=qr_data_uri(url))
