frappe.query_reports["Quality Evaluation"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign", reqd: 1 },
		{ fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Region", reqd: 1 },
		{ fieldname: "as_of_date", label: __("As Of"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
		// the previous campaign on the same day of its own, beside the rates (同比)
		{ fieldname: "compare_previous", label: __("Compare with the Previous Campaign"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		// the two warning counts open the contracts they count
		const filters = {
			without_negotiation: { negotiated_on_record: 0, is_cancelled: 0 },
			never_checked: { workflow_state: "已生效", is_cancelled: 0, last_performance_check: ["is", "not set"] },
		}[column.fieldname];
		if (data && filters && data[column.fieldname]) {
			const f = frappe.query_report.get_filter_values();
			const route = { ...filters, region: ["descendants of (inclusive)", data.region] };
			if (column.fieldname === "without_negotiation") route.campaign = f.campaign;
			const encoded = encodeURIComponent(JSON.stringify(route));
			value = `<a class="text-danger" style="text-decoration: underline" href="#" onclick='frappe.set_route("List", "Contract", JSON.parse(decodeURIComponent("${encoded}"))); return false;'>${value}</a>`;
		}
		// the 真协商 counts open the enterprises behind them (one line per enterprise and record)
		const drills = ["signed", "real_negotiation", "coordinations", "closed_in_time", "closed_late", "open_overdue"];
		if (data && drills.includes(column.fieldname) && data[column.fieldname]) {
			const f = frappe.query_report.get_filter_values();
			const args = new URLSearchParams({
				campaign: f.campaign,
				reporting_unit: f.reporting_unit,
				as_of_date: f.as_of_date,
				region: data.bold ? "" : data.region,
				column: column.fieldname,
			});
			const warning = ["closed_late", "open_overdue"].includes(column.fieldname);
			value = `<a class="${warning ? "text-danger" : "text-primary"}" style="text-decoration: underline" href="${frappe.router.make_url(["query-report", "Quality Evaluation Enterprises"])}?${args.toString()}">${value}</a>`;
		}
		if (data && column.fieldname.startsWith("change_") && data[column.fieldname]) {
			const change = data[column.fieldname];
			value = `<span class="${change > 0 ? "text-success" : "text-danger"}">${change > 0 ? "+" : ""}${change}</span>`;
		}
		return data && data.bold ? `<b>${value}</b>` : value;
	},
};
