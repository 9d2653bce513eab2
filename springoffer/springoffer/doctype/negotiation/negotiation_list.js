// Negotiations by state (准备 … 已签订), with the days since the last meeting — or since the offer was
// agreed while none is on record — and open talks quiet for 30 days or more (core.STALLED_AFTER_DAYS) in red.
const NEGOTIATION_COLOURS = {
	准备: "gray",
	协商中: "blue",
	中止: "orange",
	争议协调: "red",
	达成一致: "purple",
	已签订: "green",
};
const OPEN_NEGOTIATION_STATES = ["准备", "协商中", "中止"];
const STALLED_AFTER_DAYS = 30;

frappe.listview_settings["Negotiation"] = {
	add_fields: ["state", "last_meeting_on", "agreed_to_negotiate_on", "next_meeting_on"],
	get_indicator(doc) {
		return [__(doc.state), NEGOTIATION_COLOURS[doc.state] || "gray", `state,=,${doc.state}`];
	},
	formatters: {
		last_meeting_on(value, df, doc) {
			const since = value || doc.agreed_to_negotiate_on;
			if (!since) return "";
			const days = frappe.datetime.get_day_diff(frappe.datetime.get_today(), since);
			// short enough for the column; the date itself in the tooltip
			const text = value ? __("{0} days ago", [days]) : __("No meeting, {0} days", [days]);
			const title = value
				? frappe.datetime.str_to_user(value)
				: __("No meeting on record; the offer was agreed on {0}", [frappe.datetime.str_to_user(since)]);
			const quiet = OPEN_NEGOTIATION_STATES.includes(doc.state) && days > STALLED_AFTER_DAYS;
			return `<span class="${quiet ? "text-danger" : ""}" title="${frappe.utils.escape_html(title)}">${text}</span>`;
		},
	},
};
