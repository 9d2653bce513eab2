from frappe import _


def get_data():
	"""The offer form's connections: the contracts signed on it, and its negotiation and coordinations, its answer links and their log."""
	return {
		"fieldname": "offer",
		"transactions": [
			{"label": _("Negotiation"), "items": ["Negotiation", "Negotiation Coordination"]},
			{"label": _("Contract"), "items": ["Contract"]},
			{"label": _("Answer Link"), "items": ["Answer Link", "Answer Log"]},
		],
	}
