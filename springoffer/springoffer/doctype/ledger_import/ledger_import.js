// 台帐导入: download the template, attach a workbook, 校验 lists its problems, 导入 runs in the
// background with a progress bar fed by the job (event ledger_import_progress on this document).

const LEDGER_IMPORT_TEMPLATE = "springoffer.springoffer.doctype.ledger_import.ledger_import.download_template";

frappe.ui.form.on("Ledger Import", {
	setup(frm) {
		// the problems' reason and fix in full: their cells wrap instead of ending in "…"
		frappe.dom.set_style(
			`.frappe-control[data-fieldname="problems"] .data-row .grid-static-col,
			.frappe-control[data-fieldname="problems"] .data-row .row-index,
			.frappe-control[data-fieldname="problems"] .data-row .row-check { height: auto; min-height: 38px; max-height: none; }
			.frappe-control[data-fieldname="problems"] .data-row .static-area { white-space: normal; }`,
			"ledger-import-problems"
		);
		frappe.realtime.on("ledger_import_progress", (data) => {
			if (!data || data.ledger_import !== frm.doc.name) return;
			if (data.finished) {
				frm.dashboard.hide_progress();
				frm.reload_doc();
				return;
			}
			frm.dashboard.show_progress(__("Importing the ledger"), data.percent || 0, data.description || "");
		});
	},

	refresh(frm) {
		show_sheet_problems_without_a_row(frm);
		frm.add_custom_button(__("Download Template"), () => {
			window.open(frappe.urllib.get_full_url("/api/method/" + LEDGER_IMPORT_TEMPLATE));
		});
		const ran = ["导入中", "已导入"].includes(frm.doc.status);
		frm.toggle_enable("ledger_file", !ran);
		if (ran) frm.disable_save(); // the record of an import: nothing left to edit
		else frm.enable_save();
		frm.dashboard.hide_progress();
		show_intro(frm);
		if (frm.is_new() || !frm.has_perm("write")) return;
		if (!ran || stalled(frm)) {
			frm.add_custom_button(__("Check"), () => check(frm), null);
		}
		if (frm.doc.status === "校验通过") {
			frm.page.set_primary_action(__("Import"), () => start_import(frm));
		}
		if (frm.doc.status === "中断") {
			// the job was killed before it finished and kept nothing: the whole workbook again, once
			frm.page.set_primary_action(__("Run Again"), () => start_import(frm));
		}
		if (frm.doc.status === "导入中") {
			frm.dashboard.show_progress(
				__("Importing the ledger"),
				0,
				frm.doc.started_at ? __("Importing…") : __("Waiting for a background worker to start the import…")
			);
		}
	},

	ledger_file(frm) {
		if (frm.doc.ledger_file) frm.save();
	},
});

// A problem of a whole sheet (a missing sheet, one that reaches too far) has no row: its cell stays
// empty instead of showing 0 (the Int formatter takes no custom formatter; Data's does).
function show_sheet_problems_without_a_row(frm) {
	const row = frappe.meta.docfield_map["Ledger Import Problem"]?.row;
	if (row) row.formatter = (value) => (cint(value) ? value : "");
	frm.fields_dict.problems.grid.update_docfield_property("row", "fieldtype", "Data");
}

// An import still 导入中 after the job's time limit has lost its worker: it may be checked again.
function stalled(frm) {
	if (frm.doc.status !== "导入中") return false;
	const since = frm.doc.started_at || frm.doc.modified;
	return frappe.datetime.get_hour_diff(frappe.datetime.now_datetime(), since) >= 2;
}

function check(frm) {
	const run = () =>
		frm.call({ method: "check", doc: frm.doc, freeze: true, freeze_message: __("Checking the workbook…") }).then((r) => {
			frm.reload_doc();
			const result = r.message || {};
			if (result.problems) {
				frappe.show_alert({ message: __("{0} problems found: see the table below", [result.problems]), indicator: "red" });
			} else if (result.dry_run) {
				frappe.show_alert({ message: __("No problems found: the workbook can be imported"), indicator: "green" });
			} else {
				frappe.msgprint(
					__("The workbook reads without problems. It is too large to try out here: the records' own rules are applied by the import, which imports everything or nothing.")
				);
			}
		});
	if (frm.is_dirty() || frm.is_new()) frm.save().then(run);
	else run();
}

function start_import(frm) {
	frappe.confirm(__("Import this workbook now? It runs in the background; you may leave this page."), () =>
		frm.call({ method: "start_import", doc: frm.doc, freeze: true }).then(() => {
			frm.reload_doc();
			frappe.show_alert({ message: __("The import has been queued"), indicator: "blue" });
		})
	);
}

function show_intro(frm) {
	frm.set_intro("");
	if (frm.is_new()) {
		frm.set_intro(__("Download the template, fill it in, attach it here and save; then check it and import it."), "blue");
		return;
	}
	const problems = (frm.doc.problems || []).length;
	if (frm.doc.status === "校验未通过") {
		frm.set_intro(__("The workbook has problems ({0} rows below): correct them in the workbook, attach it again and check again. Nothing has been imported.", [problems]), "red");
	} else if (frm.doc.status === "导入失败") {
		frm.set_intro(__("The import was refused: nothing has been imported. Correct the workbook, attach it again and check again."), "red");
	} else if (frm.doc.status === "已导入") {
		frm.set_intro(
			__("Imported by {0} on {1}: {2} rows, {3} rows a second.", [
				(frappe.user_info(frm.doc.imported_by) || {}).fullname || frm.doc.imported_by,
				frappe.datetime.str_to_user(frm.doc.finished_at),
				frm.doc.total_rows,
				frm.doc.rows_per_second,
			]),
			"green"
		);
	} else if (frm.doc.status === "校验通过") {
		frm.set_intro(__("The workbook passed the check: import it with the Import button."), "green");
	} else if (frm.doc.status === "待校验") {
		frm.set_intro(__("Check the workbook before importing it"), "blue");
	}
}
