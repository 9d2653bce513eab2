frappe.query_reports["Demonstration Site Coverage"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign", reqd: 1 },
		{ fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Region", reqd: 1 },
		{
			fieldname: "reporting_body",
			label: __("Reporting Body"),
			fieldtype: "Select",
			options: ["", "人力资源和社会保障部门", "总工会", "企业和工业经济联合会", "工商业联合会"],
		},
	],
	tree: true,
	initial_depth: 2,
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && !data.sites && ["sites", "status"].includes(column.fieldname)) {
			return `<span style="color: var(--red-600); font-weight: bold">${value}</span>`;
		}
		return value;
	},
};
