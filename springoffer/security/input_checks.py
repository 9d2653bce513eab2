"""Input Frappe lets through to the controllers: a number field holding text ("三百") reaches our
validate as a string, and comparing it with a number fails with a TypeError (a traceback, HTTP 500)
instead of a message. Run before every validate of our DocTypes (doc_events "*": before_validate)."""

import frappe
from frappe import _

NUMBER_TYPES = ("Int", "Float", "Currency", "Percent")


def _is_number(value):
	if value is None or value == "" or isinstance(value, int | float):
		return True
	if isinstance(value, str):
		try:
			float(value.replace(",", "").strip())
		except ValueError:
			return False
		return True
	return False


def refuse_non_numbers(doc, method=None):
	"""Every number field of the document and its rows holds a number (or nothing)."""
	if doc.meta.module != "Springoffer":
		return
	problems = []
	for df in doc.meta.fields:
		if df.fieldtype in NUMBER_TYPES and not _is_number(doc.get(df.fieldname)):
			problems.append(
				_("{0}: “{1}” is not a number; enter it in digits, for example 120").format(_(df.label), doc.get(df.fieldname))
			)
		elif df.fieldtype in frappe.model.table_fields:
			for row in doc.get(df.fieldname) or []:
				for cdf in row.meta.fields:
					if cdf.fieldtype in NUMBER_TYPES and not _is_number(row.get(cdf.fieldname)):
						problems.append(
							_("{0} row {1}, {2}: “{3}” is not a number; enter it in digits, for example 120").format(
								_(df.label), row.idx, _(cdf.label), row.get(cdf.fieldname)
							)
						)
	if problems:
		frappe.throw("<br>".join(problems), frappe.ValidationError, title=_("Please correct the following"))
