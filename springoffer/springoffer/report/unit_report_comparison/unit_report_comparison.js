frappe.query_reports["Unit Report Comparison"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign", reqd: 1 },
		{ fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Region", reqd: 1 },
		{ fieldname: "as_of_date", label: __("As Of"), fieldtype: "Date", reqd: 1 },
	],
	onload(report) {
		frappe.call("springoffer.api.annex_defaults").then((r) => {
			const d = r.message || {};
			const defaults = { campaign: d.campaign, reporting_unit: d.unit, as_of_date: d.as_of };
			for (const [fieldname, value] of Object.entries(defaults)) {
				if (value && !report.get_filter_value(fieldname)) report.set_filter_value(fieldname, value);
			}
		});
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		const bodies = ["hrss", "union", "enterprise_confederation", "commerce"];
		if (data && bodies.includes(column.fieldname) && data[column.fieldname] !== undefined
			&& data[column.fieldname] !== data.records) {
			return `<span style="color: var(--red-600); font-weight: bold">${value}</span>`;
		}
		return value;
	},
};
