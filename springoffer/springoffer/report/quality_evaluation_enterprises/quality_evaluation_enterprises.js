frappe.query_reports["Quality Evaluation Enterprises"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign", reqd: 1 },
		{ fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Region", reqd: 1 },
		{ fieldname: "as_of_date", label: __("As Of"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
		// the row of the quality evaluation (a 市州 or 县市区 under the unit); empty: the whole unit
		{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "Region" },
		{
			fieldname: "column",
			label: __("Count"),
			fieldtype: "Select",
			reqd: 1,
			default: "signed",
			options: [
				{ value: "signed", label: __("Contracts Signed in the Campaign") },
				{ value: "real_negotiation", label: __("Of Them with Meetings and a Congress Vote on Record") },
				{ value: "coordinations", label: __("Coordinations Opened") },
				{ value: "closed_in_time", label: __("Closed by Their Last Day") },
				{ value: "closed_late", label: __("Closed after Their Last Day") },
				{ value: "open_overdue", label: __("Open past Their Last Day") },
			],
		},
	],
};
