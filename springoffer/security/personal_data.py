"""The chief representatives' phone numbers on a contract (the filing asks for a contact): kept
encrypted in Password fields, shown masked (138****5678) in the form, lists, prints and exports; HRSS
staff who review the filing may ask for a number, and every such request is written to Frappe's
Access Log (who, when, which contract and field), kept at least 180 days."""

import frappe
from frappe import _

from springoffer.core.personal_data import mask_phone, normalize_phone, phone_problem

PHONE_FIELDS = {
	"Contract": {
		"worker_representative_phone": "worker_representative_phone_masked",
		"employer_representative_phone": "employer_representative_phone_masked",
	}
}
REVEALERS = {"HRSS Officer", "HRSS Reviewer", "System Manager"}


def set_masked(doc, method=None):
	"""validate (doc_events): check a newly typed number, store it normalized, show it masked."""
	for field, masked in PHONE_FIELDS.get(doc.doctype, {}).items():
		value = doc.get(field)
		if not value:
			doc.set(masked, None)
			continue
		if doc.is_dummy_password(value):
			continue  # unchanged: Frappe hands back asterisks for a stored password
		problem = phone_problem(value)
		if problem:
			frappe.throw(f"{_(doc.meta.get_label(field))}：{problem}")
		doc.set(field, normalize_phone(value))
		doc.set(masked, mask_phone(value))


@frappe.whitelist()
def reveal(doctype: str, name: str, fieldname: str) -> str:
	"""The full number, for HRSS staff who may read the contract; logged in the Access Log."""
	if fieldname not in PHONE_FIELDS.get(doctype, {}):
		frappe.throw(_("{0} is not a phone number this app keeps").format(fieldname), frappe.PermissionError)
	if frappe.session.user != "Administrator" and not set(frappe.get_roles()) & REVEALERS:
		frappe.throw(_("Only HRSS staff reviewing the filing may see the full number"), frappe.PermissionError)
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	from frappe.core.doctype.access_log.access_log import _make_access_log

	_make_access_log(doctype=doctype, document=name, method="springoffer.security.personal_data.reveal", page=fieldname)
	if getattr(frappe.local, "request", None) is not None:
		frappe.local.flags.commit = True
	return doc.get_password(fieldname, raise_exception=False) or ""
