frappe.ui.form.on("Unit Report", {
	onload(frm) {
		springoffer.fill_new_defaults(frm);
	},
	refresh(frm) {
		show_refusal_sheet(frm);
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

// The refusal sheet is a list of records of its own (a city's has a thousand): its count here, the
// list one click away, and a new row for a report still open to changes.
function show_refusal_sheet(frm) {
	const field = frm.get_field("refusal_sheet");
	if (frm.is_new()) {
		field.$wrapper.html(`<p class="text-muted">${__("Save the report first, then list its refusing enterprises")}</p>`);
		return;
	}
	frappe.db.count("Unit Report Refusal", { filters: { unit_report: frm.doc.name } }).then((count) => {
		const open = ["草稿", "退回", "", undefined, null].includes(frm.doc.workflow_state) && frm.doc.docstatus === 0;
		field.$wrapper.html(`
			<p>${__("{0} enterprises on the refusal sheet", [count])}</p>
			<button class="btn btn-xs btn-default so-refusal-list">${__("View Refusal Sheet")}</button>
			${open ? `<button class="btn btn-xs btn-default so-refusal-new">${__("Add Refusing Enterprise")}</button>` : ""}`);
		field.$wrapper.find(".so-refusal-list").on("click", () =>
			frappe.set_route("List", "Unit Report Refusal", { unit_report: frm.doc.name })
		);
		field.$wrapper.find(".so-refusal-new").on("click", () =>
			frappe.new_doc("Unit Report Refusal", { unit_report: frm.doc.name })
		);
	});
}
