frappe.listview_settings["Typical Case"] = {
	onload(listview) {
		listview.page.add_inner_button(__("Case Compilation"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("Case Compilation"),
				fields: [
					{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign", reqd: 1 },
					{
						fieldname: "group_by",
						label: __("Group By"),
						fieldtype: "Select",
						options: [
							{ value: "topic", label: __("Topic") },
							{ value: "region", label: __("Region") },
						],
						default: "topic",
					},
					{
						fieldname: "reporting_body",
						label: __("Reporting Body"),
						fieldtype: "Select",
						options: ["", "人力资源和社会保障部门", "总工会", "企业和工业经济联合会", "工商业联合会"],
					},
				],
				primary_action_label: __("Download Word"),
				primary_action(values) {
					const args = new URLSearchParams({
						campaign: values.campaign,
						group_by: values.group_by || "topic",
						reporting_body: values.reporting_body || "",
					});
					window.open(`/api/method/springoffer.api.download_case_compilation?${args.toString()}`);
					dialog.hide();
				},
			});
			frappe.call("springoffer.api.annex_defaults").then((r) => {
				if (r.message && r.message.campaign) dialog.set_value("campaign", r.message.campaign);
			});
			dialog.show();
		});
	},
};
