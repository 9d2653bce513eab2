frappe.ui.form.on("Unit Report", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.docstatus === 0 && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Fill from Records"), () =>
				frm.call("fill_from_records").then(() => frm.reload_doc())
			);
		}
		if (frm.doc.docstatus === 0 && frm.perm[0] && frm.perm[0].write && frm.doc.reporting_unit === "湖南省") {
			frm.add_custom_button(__("Roll up City Reports"), () =>
				frm.call("roll_up_cities").then(() => frm.reload_doc())
			);
		}
		frm.add_custom_button(__("Download Excel"), () => {
			const args = new URLSearchParams({ name: frm.doc.name });
			window.open(
				`/api/method/springoffer.springoffer.doctype.unit_report.unit_report.download?${args.toString()}`
			);
		});
	},
});
