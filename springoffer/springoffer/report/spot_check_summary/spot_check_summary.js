frappe.query_reports["Spot Check Summary"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign", reqd: 1 },
		{
			fieldname: "checking_body",
			label: __("Checking Body"),
			fieldtype: "Select",
			options: ["", "人力资源和社会保障部门", "总工会", "企业和工业经济联合会", "工商业联合会"],
		},
	],
	onload(report) {
		frappe.call("springoffer.api.annex_defaults").then((r) => {
			const d = r.message || {};
			if (d.campaign && !report.get_filter_value("campaign")) report.set_filter_value("campaign", d.campaign);
		});
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.bold ? `<b>${value}</b>` : value;
	},
};
