frappe.ui.form.on("Offer", {
	onload(frm) {
		springoffer.fill_new_defaults(frm);
	},
});
