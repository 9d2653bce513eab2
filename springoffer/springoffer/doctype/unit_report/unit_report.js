frappe.ui.form.on("Unit Report", {
	onload(frm) {
		springoffer.fill_new_defaults(frm);
	},
	refresh(frm) {
		if (frm.is_new()) return;
		const writable = frm.doc.docstatus === 0 && frm.perm[0] && frm.perm[0].write;
		if (writable) {
			frm.add_custom_button(__("Fill from Records"), () =>
				frm.call("fill_from_records").then(() => frm.reload_doc())
			);
			frm.add_custom_button(__("Collect Sites and Cases"), () =>
				frm.call("collect_package").then(() => frm.reload_doc())
			);
		}
		if (writable && frm.doc.reporting_unit === "湖南省") {
			frm.add_custom_button(__("Roll up City Reports"), () =>
				frm.call("roll_up_cities").then(() => frm.reload_doc())
			);
		}
		const download = (method) => {
			const args = new URLSearchParams({ name: frm.doc.name });
			window.open(`/api/method/springoffer.springoffer.doctype.unit_report.unit_report.${method}?${args.toString()}`);
		};
		frm.add_custom_button(__("Download Excel"), () => download("download"), __("Download"));
		frm.add_custom_button(__("Download Report Package"), () => download("download_package"), __("Download"));
	},
});
