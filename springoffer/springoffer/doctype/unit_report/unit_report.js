frappe.ui.form.on("Unit Report", {
	refresh(frm) {
		if (!frm.is_new() && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Fill from Records"), () =>
				frm.call("fill_from_records").then(() => frm.reload_doc())
			);
		}
	},
});
