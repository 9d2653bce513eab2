// Coordinations by status; an open one past its last day (集体合同规定 Art. 52) shows its day in red.
frappe.listview_settings["Negotiation Coordination"] = {
	add_fields: ["status", "due_date"],
	get_indicator(doc) {
		const colour = { 待受理: "orange", 协调中: "blue", 已结案: "green" }[doc.status] || "gray";
		return [__(doc.status), colour, `status,=,${doc.status}`];
	},
	formatters: {
		due_date(value, df, doc) {
			if (!value) return "";
			const late = doc.status !== "已结案" && value < frappe.datetime.get_today();
			const text = frappe.datetime.str_to_user(value);
			return late ? `<span class="text-danger">${__("{0} (overdue)", [text])}</span>` : text;
		},
	},
};
