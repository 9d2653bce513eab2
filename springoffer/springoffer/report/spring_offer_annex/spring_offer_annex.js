frappe.query_reports["Spring Offer Annex"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign", reqd: 1 },
		{ fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Region", reqd: 1 },
		{ fieldname: "as_of_date", label: __("As Of"), fieldtype: "Date", reqd: 1 },
		// the previous campaign's figures on the same day, beside each figure (同比)
		{ fieldname: "compare_previous", label: __("Compare with the Previous Campaign"), fieldtype: "Check" },
	],
	onload(report) {
		frappe.call("springoffer.api.annex_defaults").then((r) => {
			const d = r.message || {};
			for (const [fieldname, value] of Object.entries({
				campaign: d.campaign,
				reporting_unit: d.unit,
				as_of_date: d.as_of,
			})) {
				if (value && !report.get_filter_value(fieldname)) report.set_filter_value(fieldname, value);
			}
		});
		report.page.add_inner_button(__("Download Annex Excel"), () => {
			const f = report.get_values();
			if (!f) return;
			const args = new URLSearchParams({ campaign: f.campaign, unit: f.reporting_unit, as_of: f.as_of_date });
			window.open(`/api/method/springoffer.api.download_annex?${args.toString()}`);
		});
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		// each count opens the list of the enterprises it counts
		const counts = ["offered", "responded", "signed", "refused"];
		const report = frappe.query_report;
		if (data && counts.includes(column.fieldname) && data[column.fieldname] && report) {
			const f = report.get_filter_values();
			const args = new URLSearchParams({
				campaign: f.campaign,
				reporting_unit: f.reporting_unit,
				as_of_date: f.as_of_date,
				column: column.fieldname,
				report_category: data.bold ? "" : data.category,
			});
			value = `<a class="text-primary" style="text-decoration: underline" href="${frappe.router.make_url(["query-report", "Spring Offer Annex Enterprises"])}?${args.toString()}">${value}</a>`;
		}
		return data && data.bold ? `<b>${value}</b>` : value;
	},
};
