frappe.ui.form.on("Enterprise", {
	onload(frm) {
		springoffer.fill_new_defaults(frm);
	},
});
