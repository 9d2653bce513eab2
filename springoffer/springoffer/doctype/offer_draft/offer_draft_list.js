// The worklist of draft offers: filter by reason, region, category; select and send (springoffer.planning.sending).
frappe.listview_settings["Offer Draft"] = {
	add_fields: ["status", "reason", "total_covered_workers"],
	filters: [["status", "=", "待发送"]],
	formatters: {
		// the reason is what the officer reads the list for: plain text, not a pill that truncates it
		reason: (value) => `<span title="${frappe.utils.escape_html(value || "")}">${frappe.utils.escape_html(value || "")}</span>`,
	},
	get_indicator(doc) {
		const colours = { 待发送: "orange", 已发送: "green", 不发送: "gray", 已排除: "red" };
		return [__(doc.status), colours[doc.status] || "gray", `status,=,${doc.status}`];
	},
	onload(listview) {
		if (!frappe.model.can_create("Offer")) return;
		listview.page.add_actions_menu_item(__("Send Offers"), () => send_offer_drafts(listview), false);
	},
};

function send_offer_drafts(listview) {
	const names = listview.get_checked_items(true);
	if (!names.length) return frappe.msgprint(__("Select the drafts to send"));
	const dialog = new frappe.ui.Dialog({
		title: __("Send {0} Offers", [names.length]),
		fields: [
			{ fieldname: "date_sent", label: __("Date Sent"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
			{ fieldname: "email", label: __("Also send each letter by e-mail"), fieldtype: "Check", default: 0 },
			{ fieldname: "sms", label: __("Also send each letter by SMS"), fieldtype: "Check", default: 0 },
			{
				fieldname: "what",
				fieldtype: "HTML",
				options: `<p class="text-muted small">${__(
					"Each selected draft becomes an offer sent on this date; its 20 days to answer start on the day the employer receives it."
				)}</p>`,
			},
		],
		primary_action_label: __("Send"),
		primary_action(values) {
			dialog.disable_primary_action();
			frappe
				.xcall("springoffer.api.send_offer_drafts", {
					names,
					date_sent: values.date_sent,
					channels: ["email", "sms"].filter((channel) => values[channel]),
				})
				.then((result) => {
					dialog.hide();
					const letters = result.letters;
					frappe.msgprint({
						title: __("Offers Sent"),
						message:
							springoffer.sent_and_failed_html(__("{0} offers sent.", [result.sent.length]), result.failed) +
							(letters ? springoffer.sent_and_failed_html(__("{0} letters went out.", [letters.sent.length]), letters.failed) : ""),
						indicator: result.failed.length || (letters && letters.failed.length) ? "orange" : "green",
					});
					listview.clear_checked_items();
					listview.refresh();
				})
				.finally(() => dialog.enable_primary_action());
		},
	});
	dialog.show();
}
