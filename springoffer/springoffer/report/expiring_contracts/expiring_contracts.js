frappe.query_reports["Expiring Contracts"] = {
	filters: [{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Campaign" }],
};
