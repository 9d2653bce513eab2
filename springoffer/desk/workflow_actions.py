"""A workflow action sent twice is taken once (issue 29): the desk's 审核通过 / 报送 / 受理 … clicked
again after a timeout, or by two reviewers at the same moment.

Frappe's frappe.model.workflow.apply_workflow reads the document afresh and looks for the action from
its stored state; a repeat then finds none ("Not a valid Workflow Action") or, for two at once, the
second save fails on the changed timestamp — errors a user reads as "it did not work". Here the
document's row is held first, so two requests take their turns, and an action whose transition has
already been taken — the document stands in the state the action leads to from the state the client
saw — answers with the document as it is, writing nothing. The natural key of an approval is
(document, the state it was seen in, the action). Any other request is Frappe's own.
"""

import frappe
from frappe.model import workflow

# The DocTypes of the app that move through a Workflow.
DOCTYPES = ("Contract", "Unit Report", "Typical Case")


@frappe.whitelist(methods=["POST"])
def apply_workflow(doc: str | dict, action: str):
	"""Overrides frappe.model.workflow.apply_workflow (hooks.override_whitelisted_methods)."""
	sent = frappe.parse_json(doc)
	doctype, name = sent.get("doctype"), sent.get("name")
	if doctype in DOCTYPES and name and frappe.db.exists(doctype, name):
		taken = already_taken(doctype, name, sent, action)
		if taken is not None:
			return taken
	return workflow.apply_workflow(doc, action)


def already_taken(doctype, name, sent, action):
	"""The stored document when `action` from the state `sent` shows has already been taken; else None."""
	flow = workflow.get_workflow(doctype)
	field = flow.workflow_state_field
	seen = sent.get(field)
	stored = frappe.get_doc(doctype, name, for_update=True)  # as last committed, its row held: two at once take turns
	if not seen or stored.get(field) == seen:
		return None  # not moved since the client read it: the action is to be taken now
	leads_to = {t.next_state for t in flow.transitions if t.state == seen and t.action == action}
	if stored.get(field) not in leads_to:
		return None  # moved elsewhere: Frappe's own answer (the action is not valid from there)
	stored.check_permission("read")
	return stored
