frappe.ui.form.on("Spot Check", {
	onload(frm) {
		if (!frm.is_new()) return;
		frappe.call("springoffer.api.new_record_defaults").then(({ message }) => {
			if (message && message.campaign) frm.set_value("campaign", message.campaign);
			if (message && message.checking_body) frm.set_value("checking_body", message.checking_body);
		});
	},
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0 || !(frm.perm[0] && frm.perm[0].write)) return;
		frm.add_custom_button(__("Draw Sample"), () =>
			frm.call("draw_sample").then(() => frm.reload_doc())
		);
		if (frm.doc.drawn_at) {
			frm.add_custom_button(__("Check the Draw"), () =>
				frm.call("redraw_check").then((r) =>
					frappe.msgprint(
						r.message.same
							? __("Drawn again from the frame at the draw with seed {0}: the same contracts.", [frm.doc.seed])
							: __("Drawn again with seed {0}: the contracts differ from this list.", [frm.doc.seed])
					)
				)
			);
		}
	},
});
