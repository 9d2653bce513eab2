from frappe.model.document import Document


class AnswerLink(Document):
	"""An offer's answer link for the employer (springoffer/portal/links.py): only a hash of its secret
	is kept; the secret itself is re-derived from the site's key to print the link again."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		issued_by: DF.Data | None
		nonce: DF.Data | None
		offer: DF.Link
		region: DF.Link
		status: DF.Literal["\u6709\u6548", "\u5df2\u64a4\u56de"]
		token_hash: DF.Data | None
		withdrawn_by: DF.Data | None
		withdrawn_on: DF.Datetime | None
	# end: auto-generated types

	pass
