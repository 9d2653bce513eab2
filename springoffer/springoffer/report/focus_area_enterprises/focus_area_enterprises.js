frappe.query_reports["Focus Area Enterprises"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign", reqd: 1 },
		{ fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Region", reqd: 1 },
		{
			fieldname: "area",
			label: __("Focus Area"),
			fieldtype: "Select",
			reqd: 1,
			options: [
				"国有企业（工资总额核准制）",
				"劳动密集型行业（计件单价、劳动定额）",
				"小微企业（区域性、行业性协商）",
				"新就业形态平台企业",
				"技术工人薪酬专项集体协商",
				"产业集聚乡镇（园区）",
			],
		},
		{
			fieldname: "column",
			label: __("Column"),
			fieldtype: "Select",
			reqd: 1,
			options: [
				{ value: "offered", label: __("Enterprises Offered") },
				{ value: "agreed", label: __("Enterprises Agreeing to Bargain") },
				{ value: "signed", label: __("Enterprises with a Contract") },
			],
		},
	],
};
