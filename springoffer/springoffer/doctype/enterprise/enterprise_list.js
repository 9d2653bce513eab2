frappe.listview_settings["Enterprise"] = {
	// The record's name is its 统一社会信用代码, already a column of the list: no second "ID" column.
	hide_name_column: true,
};
