frappe.query_reports["Unit Report Status"] = {
	filters: [{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign" }],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname !== "unit" && data && String(data[column.fieldname] || "").includes("（")) {
			return `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
};
