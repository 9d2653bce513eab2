// 春季要约行动看板: each 市州 at a glance, refreshed when the server announces a change
// (springoffer.annex.cache.announce) — one request per change per open board, never a timer loop.
frappe.pages["campaign-board"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({ parent: wrapper, title: __("Campaign Board"), single_column: true });
	wrapper.campaign_board = new CampaignBoard(page, wrapper);
};

frappe.pages["campaign-board"].on_page_show = function (wrapper) {
	wrapper.campaign_board && wrapper.campaign_board.refresh();
};

const BOARD_BODIES = {
	人力资源和社会保障部门: __("HRSS"),
	总工会: __("Trade Union"),
	企业和工业经济联合会: __("Enterprise Confederation"),
	工商业联合会: __("Commerce Federation"),
};
const BOARD_STATES = { 草稿: "gray", 已提交: "orange", 已审核: "green", 退回: "red" };
const BOARD_QUIET_MS = 1500; // after an announcement, wait a little: a burst of saves is one refresh

class CampaignBoard {
	constructor(page, wrapper) {
		this.page = page;
		this.wrapper = wrapper;
		this.previous = {};
		this.campaign = frappe.route_options && frappe.route_options.campaign;
		this.$body = $(`<div class="so-board"></div>`).appendTo(page.main);
		page.add_button(__("Full Screen"), () => this.full_screen());
		page.add_button(__("Open the Annex"), () => frappe.set_route("query-report", "Spring Offer Annex"));
		this.listen();
		this.refresh();
	}

	listen() {
		frappe.realtime.on("springoffer_figures_changed", () => {
			if (!this.visible()) return (this.stale = true);
			clearTimeout(this.timer);
			this.timer = setTimeout(() => this.refresh(), BOARD_QUIET_MS + Math.random() * 1000);
		});
		document.addEventListener("visibilitychange", () => {
			if (this.stale && this.visible()) this.refresh();
		});
	}

	visible() {
		return document.visibilityState === "visible" && frappe.get_route_str() === "campaign-board";
	}

	full_screen() {
		const element = this.wrapper;
		if (document.fullscreenElement) document.exitFullscreen();
		else if (element.requestFullscreen) element.requestFullscreen();
	}

	refresh() {
		if (this.loading) return (this.stale = true);
		this.loading = true;
		this.stale = false;
		frappe
			.xcall("springoffer.api.campaign_board", { campaign: this.campaign })
			.then((data) => this.render(data))
			.finally(() => {
				this.loading = false;
				if (this.stale && this.visible()) this.refresh();
			});
	}

	due_text(data) {
		const due = frappe.datetime.str_to_user(data.report_due_date);
		if (data.days_left > 0) return __("{0} days to the report due date {1}", [`<b>${data.days_left}</b>`, due]);
		if (data.days_left === 0) return __("The reports are due today ({0})", [due]);
		return __("The report due date {0} passed {1} days ago", [due, `<b>${-data.days_left}</b>`]);
	}

	render(data) {
		if (!data.campaign) {
			this.$body.html(`<div class="so-board-empty">${__("Create a Campaign first")}</div>`);
			return;
		}
		// [key, the form's heading, the chart legend's short name (long names overlap there)]
		const columns = [
			["offered", __("Offers Sent (Enterprises)"), __("Offers Sent")],
			["responded", __("Offers Answered (Enterprises)"), __("Answered")],
			["signed", __("Contracts Signed (Enterprises)"), __("Signed")],
			["refused", __("Refusing (Enterprises)"), __("Refusing")],
			["overdue", __("Offers Overdue")],
		];
		const total = {};
		columns.forEach(([key]) => (total[key] = data.rows.reduce((sum, row) => sum + row[key], 0)));
		const changed = (unit, key, value) => {
			const before = this.previous[`${unit}|${key}`];
			this.previous[`${unit}|${key}`] = value;
			return before !== undefined && before !== value ? " so-board-changed" : "";
		};
		const number = (value) => format_number(value, null, 0);
		const tiles = columns
			.map(
				([key, label]) => `<div class="so-board-tile${changed("*", key, total[key])}">
					<div class="so-board-tile-value">${number(total[key])}</div>
					<div class="so-board-tile-label">${label}</div></div>`
			)
			.join("");
		const head = columns.map(([, label]) => `<th>${label}</th>`).join("");
		const bodies = data.bodies.map((body) => `<th>${BOARD_BODIES[body] || body}</th>`).join("");
		const rows = data.rows
			.map((row) => {
				const cells = columns
					.map(([key]) => `<td class="so-board-number${changed(row.unit, key, row[key])}">${number(row[key])}</td>`)
					.join("");
				const states = data.bodies
					.map((body) => {
						const state = row.reports[body];
						const text = state || __("Not Started");
						return `<td class="${changed(row.unit, body, state)}"><span class="indicator-pill ${BOARD_STATES[state] || "gray"}">${frappe.utils.escape_html(text)}</span></td>`;
					})
					.join("");
				return `<tr><th class="so-board-unit">${frappe.utils.escape_html(row.unit)}</th>${cells}${states}</tr>`;
			})
			.join("");
		this.$body.html(`
			<div class="so-board-head">
				<div class="so-board-title">${frappe.utils.escape_html(data.campaign)}</div>
				<div class="so-board-due">${this.due_text(data)}</div>
				<div class="so-board-asof">${__("As of {0}, updated {1}", [
					frappe.datetime.str_to_user(data.as_of),
					frappe.datetime.now_time(),
				])}</div>
			</div>
			<div class="so-board-tiles">${tiles}</div>
			<div class="so-board-grid">
				<div class="so-board-table"><table class="table table-bordered">
					<thead><tr><th rowspan="2">${__("Region")}</th>${head.replace(/<th>/g, '<th rowspan="2">')}
						<th colspan="${data.bodies.length}">${__("Unit Report")}</th></tr><tr>${bodies}</tr></thead>
					<tbody>${rows}</tbody></table></div>
				<div class="so-board-chart"></div>
			</div>`);
		if (data.rows.length > 1) {
			new frappe.Chart(this.$body.find(".so-board-chart")[0], {
				type: "bar",
				height: 420,
				colors: ["#2490EF", "#29CD42", "#7575FF", "#ECAD4B"],
				data: {
					labels: data.rows.map((row) => row.unit),
					datasets: columns.slice(0, 4).map(([key, , short]) => ({ name: short, values: data.rows.map((row) => row[key]) })),
				},
				barOptions: { spaceRatio: 0.3 },
				axisOptions: { xAxisMode: "tick", xIsSeries: 0 },
			});
		} else {
			this.$body.find(".so-board-chart").remove();
		}
	}
}
