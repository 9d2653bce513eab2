// 开启下一年度行动: the next campaign from this one (springoffer.planning.opening), for province users.
frappe.ui.form.on("Campaign", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_create("Campaign") || frappe.defaults.get_user_permissions().Region) return;
		frm.add_custom_button(__("Open the Next Campaign"), () => open_next_campaign(frm));
		if (frm.doc.previous_campaign) {
			frm.add_custom_button(__("Draft Offers"), () => frappe.set_route("List", "Offer Draft", { campaign: frm.doc.name }));
		}
	},
});

function open_next_campaign(frm) {
	const year = (frm.doc.year || frappe.datetime.str_to_obj(frm.doc.start_date).getFullYear()) + 1;
	const shift = (date) => (date ? frappe.datetime.add_months(date, 12) : null);
	const dialog = new frappe.ui.Dialog({
		title: __("Open the Next Campaign"),
		fields: [
			{ fieldname: "name", label: __("Campaign Name"), fieldtype: "Data", reqd: 1, default: `${year}年春季要约行动` },
			{ fieldname: "start_date", label: __("Start Date"), fieldtype: "Date", reqd: 1, default: shift(frm.doc.start_date) },
			{ fieldname: "end_date", label: __("End Date"), fieldtype: "Date", reqd: 1, default: shift(frm.doc.end_date) },
			{ fieldname: "report_due_date", label: __("Report Due Date"), fieldtype: "Date", reqd: 1, default: shift(frm.doc.report_due_date) },
			{ fieldname: "notice_reference", label: __("Notice Reference"), fieldtype: "Data" },
			{
				fieldname: "what",
				fieldtype: "HTML",
				options: `<p class="text-muted small">${__(
					"Wage guidelines, minimum wages, group robots and instructors stay in force; demonstration sites are carried over; each union unit gets a worklist of draft offers, none sent. Nothing of {0} changes.",
					[frappe.utils.escape_html(frm.doc.name)]
				)}</p>`,
			},
		],
		primary_action_label: __("Open"),
		primary_action(values) {
			dialog.disable_primary_action();
			frappe
				.xcall("springoffer.api.open_next_campaign", { source: frm.doc.name, ...values })
				.then((done) => {
					dialog.hide();
					frappe.show_alert({ message: __("{0} opened", [done.campaign]), indicator: "green" });
					frappe.set_route("Form", "Campaign", done.campaign);
				})
				.finally(() => dialog.enable_primary_action());
		},
	});
	dialog.show();
}
