frappe.query_reports["Focus Areas"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign", reqd: 1 },
		{ fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Region", reqd: 1 },
		// the previous campaign on the same day of its own, beside each count (同比)
		{ fieldname: "compare_previous", label: __("Compare with the Previous Campaign"), fieldtype: "Check" },
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
			value = `<a class="text-primary" style="text-decoration: underline" href="${frappe.router.make_url(["query-report", "Focus Area Enterprises"])}?${args.toString()}">${value}</a>`;
		}
		if (data && column.fieldname.startsWith("change_") && data[column.fieldname]) {
			const change = data[column.fieldname];
			value = `<span class="${change > 0 ? "text-success" : "text-danger"}">${change > 0 ? "+" : ""}${format_number(change, null, 0)}</span>`;
		}
		return data && data.bold ? `<b>${value}</b>` : value;
	},
};
