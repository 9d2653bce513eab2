frappe.ui.form.on("Contract", {
	onload(frm) {
		springoffer.fill_new_defaults(frm);
	},
	refresh(frm) {
		show_negotiation_record(frm);
	},
});

// Whether the contract came out of a negotiation on record (真协商): its meetings, or none.
function show_negotiation_record(frm) {
	const meetings = frm.doc.negotiation_meetings || 0;
	if (!frm.doc.negotiation) {
		if (!frm.is_new()) frm.dashboard.set_headline(__("No negotiation meeting on record (contract entered directly)"), "orange");
		return;
	}
	const link = frappe.utils.get_form_link("Negotiation", frm.doc.negotiation, true);
	if (frm.is_new()) {
		frm.dashboard.set_headline(__("Made from negotiation {0}", [link]), "blue");
	} else if (meetings) {
		frm.dashboard.set_headline(__("Negotiated: {0}, {1} meetings on record", [link, meetings]), "green");
	} else {
		frm.dashboard.set_headline(__("Negotiation {0} has no meeting on record", [link]), "orange");
	}
}
