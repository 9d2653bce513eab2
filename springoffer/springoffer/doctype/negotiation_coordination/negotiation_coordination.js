// The coordination's clock on its form: the days left to its last day, or how far past it an open
// coordination is (集体合同规定 Art. 52: 30 days from acceptance, once extended by at most 15).
frappe.ui.form.on("Negotiation Coordination", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status === "已结案" || !frm.doc.due_date) return;
		const left = frappe.datetime.get_day_diff(frm.doc.due_date, frappe.datetime.get_today());
		const due = frappe.datetime.str_to_user(frm.doc.due_date);
		if (left < 0) {
			frm.dashboard.set_headline(__("The last day {0} passed {1} days ago; close the coordination with the 协调处理协议书", [due, -left]), "red");
		} else {
			frm.dashboard.set_headline(__("Last day {0}: {1} days left", [due, left]), left <= 5 ? "orange" : "blue");
		}
	},
});
