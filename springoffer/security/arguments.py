"""The officers' whitelisted methods check their arguments in Chinese before they run.

Frappe checks a whitelisted method's arguments against its annotations and answers a wrong type with
an English sentence about Python types ("Argument 'unit' should be of type 'str'…"); a date that is
not one reaches `getdate` and comes back without the argument's name, and some values reach the
database. `checked_arguments` does the same type check itself, naming the argument by its label in
Chinese, checks the arguments that are dates and the length of text, and hands the method the
values as Frappe would have cast them. Its wrapper carries no annotations, so Frappe's own English
check does not run first; the signature still lists the method's arguments.
"""

import functools
import inspect
import typing
from datetime import date

import frappe
from frappe import _
from frappe.utils.typing_validations import TypeAdapter

MAX_TEXT = 2000
# What a refusal asks for, by the annotation's first type (str | list: text or a list is sent as text).
ASK = {
	str: "{0}: the value sent is not text; send it as text",
	int: "{0}: the value sent is not a whole number; send it in digits",
	list: "{0}: the value sent is not a list; send the names as a list",
	dict: "{0}: the value sent is not a set of values; send it as JSON",
	bool: "{0}: the value sent is not yes or no; send 1 or 0",
}


def _ask(hint):
	options = [arg for arg in typing.get_args(hint) if arg is not type(None)] or [hint]
	first = typing.get_origin(options[0]) or options[0]
	return ASK.get(first, ASK[str])


def _refuse(label, message, *args):
	frappe.throw(_(message).format(_(label), *args), frappe.ValidationError, title=_("Please correct the following"))


def checked_arguments(labels, dates=()):
	"""`labels`: argument name → the English label users know it by; `dates`: the arguments that are
	dates (YYYY-MM-DD)."""

	def decorate(method):
		hints = typing.get_type_hints(method)
		hints.pop("return", None)
		required = [
			name
			for name, parameter in inspect.signature(method).parameters.items()
			if parameter.default is inspect.Parameter.empty and parameter.kind is parameter.POSITIONAL_OR_KEYWORD
		]

		@functools.wraps(method, assigned=("__module__", "__name__", "__qualname__", "__doc__"))
		def wrapper(*args, **kwargs):
			missing = [name for name in required[len(args) :] if kwargs.get(name) in (None, "")]
			if missing:
				frappe.throw(
					_("Fill in: {0}").format("、".join(_(labels.get(name, name)) for name in missing)),
					frappe.ValidationError,
					title=_("Please correct the following"),
				)
			for name, value in list(kwargs.items()):
				label = labels.get(name, name)
				if name in hints and value is not None:
					try:
						value = TypeAdapter(hints[name]).validate_python(value)
					except Exception:
						_refuse(label, _ask(hints[name]))
				if isinstance(value, str) and len(value) > MAX_TEXT:
					_refuse(label, "{0} is {1} characters long; shorten it to at most {2}", len(value), MAX_TEXT)
				if name in dates and value:
					try:
						date.fromisoformat(value)
					except ValueError:
						_refuse(label, "{0}: “{1}” is not a date; enter it as YYYY-MM-DD, for example 2024-04-08", value[:40])
				kwargs[name] = value
			return method(*args, **kwargs)

		return wrapper

	return decorate
