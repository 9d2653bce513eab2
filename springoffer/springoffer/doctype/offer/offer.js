frappe.ui.form.on("Offer", {
	onload(frm) {
		springoffer.fill_new_defaults(frm);
	},
	refresh(frm) {
		if (frm.is_new() || !frm.doc.date_sent || frm.doc.offering_side === "企业方") return;
		const group = __("Answer Link");
		frm.add_custom_button(__("Show Link and QR Code"), () => show_answer_link(frm, "springoffer.api.answer_link"), group);
		if (frm.perm[0] && frm.perm[0].write && frm.doc.response === "待回应") {
			frm.add_custom_button(__("Send Offer Letter"), () => springoffer.send_offer_letters([frm.doc.name], () => frm.reload_doc()), group);
		}
		if (frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(
				__("Withdraw and Issue a New Link"),
				() => frappe.confirm(__("The link printed on the offer letter stops working. Issue a new one?"), () =>
					show_answer_link(frm, "springoffer.api.withdraw_answer_link")
				),
				group
			);
		}
	},
});

function show_answer_link(frm, method) {
	frappe.call({ method, args: { offer: frm.doc.name } }).then((r) => {
		const { url, qr } = r.message;
		const dialog = new frappe.ui.Dialog({
			title: __("Answer Link"),
			fields: [
				{ fieldtype: "HTML", fieldname: "qr", options: `<div style="text-align:center"><img src="${qr}" style="width:200px;height:200px" alt=""></div>` },
				{ fieldtype: "Data", fieldname: "url", label: __("Answer Link"), read_only: 1, default: url },
				{
					fieldtype: "HTML",
					fieldname: "note",
					options: `<p class="text-muted small">${__("The employer opens it, enters its unified social credit code and answers; the answer is recorded on this offer at once.")}</p>`,
				},
			],
			primary_action_label: __("Copy Link"),
			primary_action() {
				frappe.utils.copy_to_clipboard(url);
			},
		});
		dialog.show();
	});
}

// Where the talks stand once the offer was agreed: the negotiation's state and its next meeting.
frappe.ui.form.on("Offer", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.negotiation) return;
		const link = frappe.utils.get_form_link("Negotiation", frm.doc.negotiation, true);
		const state = __(frm.doc.negotiation_state || "准备");
		const next = frm.doc.next_meeting_on;
		let text = __("Negotiation {0}: {1}", [link, state]);
		if (next && next < frappe.datetime.get_today()) {
			text = __("Negotiation {0}: {1}; the next meeting agreed for {2} has passed with none on record", [link, state, frappe.datetime.str_to_user(next)]);
		} else if (next) {
			text = __("Negotiation {0}: {1}; next meeting on {2}", [link, state, frappe.datetime.str_to_user(next)]);
		}
		const colour = { 中止: "orange", 争议协调: "red", 达成一致: "purple", 已签订: "green" }[frm.doc.negotiation_state] || "blue";
		frm.dashboard.set_headline(text, colour);
	},
});
