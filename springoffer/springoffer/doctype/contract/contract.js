frappe.ui.form.on("Contract", {
	onload(frm) {
		springoffer.fill_new_defaults(frm);
	},
});
