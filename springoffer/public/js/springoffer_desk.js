// springoffer: desk-wide fixes for a desk used in Chinese (hooks.app_include_js).
(function () {
	// Every control appends a tooltip with its fieldname, shown while Alt is held (a developer's aid,
	// frappe/public/js/frappe/form/controls/base_control.js). A control made without a fieldname (the
	// list sidebar's filter-name box, the tag box…) wrote the word "undefined" into the page: drop the
	// tooltip there. springoffer_desk.css keeps the others out of the page text until Alt is held.
	const Control = frappe.ui && frappe.ui.form && frappe.ui.form.Control;
	if (Control && !Control.prototype.__springoffer_tooltip) {
		const make = Control.prototype.make;
		Control.prototype.make = function () {
			make.apply(this, arguments);
			if (!this.df || !this.df.fieldname) {
				this.tooltip && this.tooltip.remove();
			}
		};
		Control.prototype.__springoffer_tooltip = true;
	}
})();

(function () {
	// The search boxes' screen-reader status (awesomplete, frappe's search dialog) is written in
	// English by the library, outside __(): translate it as it is written.
	const patterns = [
		[/^Begin typing for results\.$/, () => __("Begin typing for results.")],
		[/^Type (\d+) or more characters for results\.$/, (m) => __("Type {0} or more characters for results.", [m[1]])],
		[/^No results found$/, () => __("No results found")],
		[/^(\d+) results found$/, (m) => __("{0} results found", [m[1]])],
		[/^(.*), list item (\d+) of (\d+)$/, (m) => __("{0}, item {1} of {2}", [m[1], m[2], m[3]])],
	];
	function translate(node) {
		const text = node.textContent;
		for (const [pattern, make] of patterns) {
			const m = text.match(pattern);
			if (m) {
				const translated = make(m);
				if (translated !== text) node.textContent = translated;
				return;
			}
		}
	}
	function visit(root) {
		if (!(root instanceof Element)) return;
		if (root.matches('[role="status"], .results-status')) translate(root);
		root.querySelectorAll('[role="status"], .results-status').forEach(translate);
	}
	function start() {
		visit(document.body);
		new MutationObserver((mutations) => {
			for (const mutation of mutations) {
				const target = mutation.target instanceof Element ? mutation.target : mutation.target.parentElement;
				if (target && target.matches('[role="status"], .results-status')) translate(target);
				mutation.addedNodes.forEach(visit);
			}
		}).observe(document.body, { childList: true, subtree: true });
	}
	if (document.body) start();
	else document.addEventListener("DOMContentLoaded", start);
})();

// What a new form of the campaign starts with: the running campaign, the user's own region, today
// (springoffer.desk.defaults.form_defaults). Called from the forms' onload; fields already set are kept.
window.springoffer = window.springoffer || {};
springoffer.fill_new_defaults = function (frm) {
	if (!frm.is_new()) return;
	frappe.call("springoffer.desk.defaults.form_defaults", { doctype: frm.doctype }).then(({ message }) => {
		for (const [fieldname, value] of Object.entries(message || {})) {
			if (value && frm.fields_dict[fieldname] && !frm.doc[fieldname]) frm.set_value(fieldname, value);
		}
	});
};

// Report filters of the campaign start filled in, the same rule as forms and exports: a filter for
// the campaign, the reporting unit or the as-of date that has no default of its own gets the
// session's (frappe.boot.springoffer_defaults, springoffer.desk.defaults.boot_session).
(function () {
	const reports = frappe.query_reports || {};
	const defaults_for = (filter) => {
		const d = frappe.boot && frappe.boot.springoffer_defaults;
		if (!d || filter.default !== undefined) return;
		if (filter.fieldtype === "Link" && filter.options === "Campaign") return d.campaign;
		if (filter.fieldtype === "Link" && filter.options === "Region") {
			return ["reporting_unit", "unit"].includes(filter.fieldname) ? d.unit : d.region;
		}
		if (filter.fieldtype === "Date" && ["as_of_date", "as_of"].includes(filter.fieldname)) return d.as_of;
	};
	frappe.query_reports = new Proxy(reports, {
		set(target, name, report) {
			for (const filter of (report && report.filters) || []) {
				const value = defaults_for(filter);
				if (value) filter.default = value;
			}
			target[name] = report;
			return true;
		},
	});
})();

// The form timeline prints an empty old value through html2text, which turned null into the word
// "null" ("状态：null → 已提交"): an empty value is empty text.
if (frappe.utils && frappe.utils.html2text && !frappe.utils.html2text.__springoffer) {
	const html2text = frappe.utils.html2text;
	frappe.utils.html2text = function (html) {
		return html === null || html === undefined ? "" : html2text.call(this, html);
	};
	frappe.utils.html2text.__springoffer = true;
}

(function () {
	// 同比 on the workspace's 附件 cards: a Custom number card whose method returns `previous` shows
	// the previous campaign's figure for the same day under its number (Frappe shows stats only
	// for Document Type cards).
	const Card = frappe.widget && frappe.widget.widget_factory && frappe.widget.widget_factory.number_card;
	if (!Card || Card.prototype.__springoffer_previous) return;
	const render_stats = Card.prototype.render_stats;
	Card.prototype.render_stats = function () {
		const data = this.data;
		if (this.card_doc.type !== "Custom" || !data || data.previous === undefined || data.previous === null) {
			return render_stats.apply(this, arguments);
		}
		const change = data.value - data.previous;
		// more refusals is bad news, like fewer contracts: the server says which figures are so
		const better = data.rise_is_bad ? change < 0 : change > 0;
		const colour = change === 0 ? "grey-stat" : better ? "green-stat" : "red-stat";
		const sign = change > 0 ? "+" : "";
		const text = __("Year on year {0} (then {1})", [`${sign}${format_number(change, null, 0)}`, format_number(data.previous, null, 0)]);
		$(this.body)
			.find(".widget-content")
			.append(
				`<div class="card-stats ${colour}" title="${frappe.utils.escape_html(data.previous_label || "")}"><span class="percentage-stat-area">${text}</span></div>`
			);
	};
	Card.prototype.__springoffer_previous = true;
})();

// The site's own administrator shows as 系统管理员 in sidebars, timelines and lists (Frappe's user
// record keeps the English name "Administrator", which the desk prints as it is).
(function () {
	const user_info = frappe.user_info;
	if (!user_info || user_info.__springoffer) return;
	frappe.user_info = function (uid) {
		const info = user_info.apply(this, arguments);
		if ((uid || frappe.session.user) === "Administrator" && info.fullname === "Administrator") {
			info.fullname = __("System Administrator");
			info.abbr = frappe.get_abbr(info.fullname);
		}
		return info;
	};
	frappe.user_info.__springoffer = true;
})();

// 发送要约书: the letters of `names` by e-mail and/or SMS (springoffer.api.send_offer_letters), from an
// offer's form and the offer list; says at the end which went out and which did not.
springoffer.send_offer_letters = function (names, after) {
	const dialog = new frappe.ui.Dialog({
		title: __("Send Offer Letters ({0})", [names.length]),
		fields: [
			{ fieldname: "email", label: __("By E-mail (the letter as PDF, the answer link and QR code)"), fieldtype: "Check", default: 1 },
			{ fieldname: "sms", label: __("By SMS (a short message with the answer link)"), fieldtype: "Check", default: 0 },
			{
				fieldname: "note",
				fieldtype: "HTML",
				options: `<p class="text-muted small">${__(
					"Sending is not yet delivery: the 20 days start on the day the employer opens its link and enters its credit code, or on the day you record it received the letter."
				)}</p>`,
			},
		],
		primary_action_label: __("Send"),
		primary_action(values) {
			const channels = ["email", "sms"].filter((channel) => values[channel]);
			if (!channels.length) return frappe.msgprint(__("Choose e-mail, SMS or both"));
			dialog.disable_primary_action();
			frappe
				.xcall("springoffer.api.send_offer_letters", { names, channels })
				.then((result) => {
					dialog.hide();
					springoffer.show_letter_results(result);
					after && after();
				})
				.finally(() => dialog.enable_primary_action());
		},
	});
	dialog.show();
};

// "N sent" and the list of those that were not, with why: for offers sent and for letters sent.
springoffer.sent_and_failed_html = function (summary, failed) {
	const rows = failed.map(([name, why]) => `<li>${frappe.utils.escape_html(name)}：${frappe.utils.escape_html(why)}</li>`);
	return `<p>${summary}</p>` + (rows.length ? `<p>${__("Not sent:")}</p><ul>${rows.join("")}</ul>` : "");
};

springoffer.show_letter_results = function (result) {
	frappe.msgprint({
		title: __("Offer Letters Sent"),
		message: springoffer.sent_and_failed_html(__("{0} letters went out.", [result.sent.length]), result.failed),
		indicator: result.failed.length ? "orange" : "green",
	});
};

// Frappe's date-range picker (the list filters on a date, "between") is always English
// (frappe/form/controls/date_range.js sets language "en"): give it the language the date picker uses.
(function () {
	const DateRange = frappe.ui.form && frappe.ui.form.ControlDateRange;
	if (!DateRange || DateRange.prototype.__springoffer_language) return;
	const set_date_options = DateRange.prototype.set_date_options;
	DateRange.prototype.set_date_options = function () {
		set_date_options.apply(this, arguments);
		const lang = (frappe.boot.user && frappe.boot.user.language) || frappe.boot.lang;
		if (lang && $.fn.datepicker.language[lang]) this.datepicker_options.language = lang;
	};
	DateRange.prototype.__springoffer_language = true;
})();
