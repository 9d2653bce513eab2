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
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.bold ? `<b>${value}</b>` : value;
	},
};
