frappe.query_reports["Instructor Workload"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign", reqd: 1 },
		{ fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Region", reqd: 1 },
		{
			fieldname: "reporting_body",
			label: __("Body"),
			fieldtype: "Select",
			options: ["", "人力资源和社会保障部门", "总工会", "企业和工业经济联合会", "工商业联合会"],
		},
	],
};
