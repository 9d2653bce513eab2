frappe.ui.form.on("Contract Performance Check", {
	onload(frm) {
		if (!frm.is_new()) return;
		// the running campaign, the user's own region and body
		frappe.call("springoffer.api.new_record_defaults").then(({ message }) => {
			for (const [fieldname, value] of Object.entries(message || {})) {
				if (value && frm.fields_dict[fieldname]) frm.set_value(fieldname, value);
			}
		});
	},
});
