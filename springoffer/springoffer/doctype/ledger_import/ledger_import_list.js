const LEDGER_IMPORT_COLOURS = {
	待校验: "gray",
	校验未通过: "red",
	校验通过: "blue",
	导入中: "orange",
	已导入: "green",
	导入失败: "red",
	中断: "red",
};

frappe.listview_settings["Ledger Import"] = {
	get_indicator(doc) {
		return [__(doc.status), LEDGER_IMPORT_COLOURS[doc.status] || "gray", "status,=," + doc.status];
	},
};
