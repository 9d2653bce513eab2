// Offers: select several and send their letters by e-mail and/or SMS (springoffer.portal.letters).
frappe.listview_settings["Offer"] = {
	add_fields: ["response", "delivery_status"],
	onload(listview) {
		if (!frappe.model.can_write("Offer")) return;
		listview.page.add_actions_menu_item(__("Send Offer Letters"), () => {
			const names = listview.get_checked_items(true);
			if (!names.length) return frappe.msgprint(__("Select the offers whose letters to send"));
			springoffer.send_offer_letters(names, () => listview.refresh());
		});
	},
};
