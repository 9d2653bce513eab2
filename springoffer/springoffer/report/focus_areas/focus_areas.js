frappe.query_reports["Focus Areas"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign", reqd: 1 },
		{ fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Region", reqd: 1 },
	],
	tree: true,
	initial_depth: 1,
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		const report = frappe.query_report;
		if (data && ["offered", "agreed", "signed"].includes(column.fieldname) && data[column.fieldname] && report) {
			const f = report.get_filter_values();
			const args = new URLSearchParams({
				campaign: f.campaign,
				reporting_unit: data.region,
				area: data.area,
				column: column.fieldname,
			});
			value = `<a class="text-primary" style="text-decoration: underline" href="/app/query-report/Focus Area Enterprises?${args.toString()}">${value}</a>`;
		}
		return data && data.bold ? `<b>${value}</b>` : value;
	},
};
