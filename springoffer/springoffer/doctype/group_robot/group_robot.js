frappe.ui.form.on("Group Robot", {
	onload(frm) {
		springoffer.fill_new_defaults(frm);
	},
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Send Test Message"), () =>
			frm.call("send_test").then(({ message }) => {
				frappe.show_alert({ message: message.result, indicator: message.ok ? "green" : "red" });
				frm.reload_doc();
			})
		);
	},
});
