frappe.listview_settings["Region"] = {
	// A region is named by its own name (the first column): no second "ID" column.
	hide_name_column: true,
};
