frappe.query_reports["Spring Offer Annex Enterprises"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign", reqd: 1 },
		{ fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Region", reqd: 1 },
		{ fieldname: "as_of_date", label: __("As Of"), fieldtype: "Date", reqd: 1 },
		{
			fieldname: "report_category",
			label: __("Report Category"),
			fieldtype: "Select",
			options: ["", "国有及国有控股企业或集体企业", "私营企业（民营企业）", "外商投资企业（中外合资）", "其他企业"],
		},
		{
			fieldname: "column",
			label: __("Count"),
			fieldtype: "Select",
			options: [
				{ value: "offered", label: "发出要约" },
				{ value: "responded", label: "回应要约" },
				{ value: "signed", label: "签订集体合同" },
				{ value: "refused", label: "不予回应（拒绝协商）" },
			],
			default: "offered",
		},
	],
};
