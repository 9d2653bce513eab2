// The negotiation's form: a headline when the talks stall (core.stalled: no meeting for 30 days, or a
// suspension past its agreed date) or a coordination is open; 申请协调处理 for a dispute; 生成集体合同
// once signed; new meetings chaired in turn by the two chief representatives (集体合同规定 Art. 34).
frappe.ui.form.on("Negotiation", {
	refresh(frm) {
		if (frm.is_new()) return;
		show_headline(frm);
		const open = ["准备", "协商中", "中止"].includes(frm.doc.state);
		if (open && !frm.doc.open_coordination && frappe.model.can_create("Negotiation Coordination")) {
			frm.add_custom_button(__("Apply for Coordination"), () =>
				frappe.new_doc("Negotiation Coordination", { negotiation: frm.doc.name, applied_on: frappe.datetime.get_today() })
			);
		}
		if (frm.doc.signed_on && !frm.doc.contract && frappe.model.can_create("Contract") && !frm.is_dirty()) {
			frm.add_custom_button(__("Make the Collective Contract"), () => make_contract(frm)).addClass("btn-primary");
		}
		describe_chairs(frm);
	},
});

frappe.ui.form.on("Negotiation Representative", {
	is_chief: describe_chairs,
	representative_name: describe_chairs,
	side: describe_chairs,
	representatives_remove: describe_chairs,
});

frappe.ui.form.on("Negotiation Meeting", {
	meetings_add(frm, cdt, cdn) {
		// the chief who did not chair the previous meeting chairs this one (they take turns)
		const chair = next_chair(frm, cdn);
		if (chair) frappe.model.set_value(cdt, cdn, "chair", chair);
	},
});

function chiefs(frm) {
	const found = {};
	(frm.doc.representatives || []).forEach((row) => {
		if (row.is_chief && row.representative_name) found[row.side] = row.representative_name.trim();
	});
	return [found["职工方"], found["企业方"]].filter(Boolean);
}

function next_chair(frm, new_row) {
	const names = chiefs(frm);
	if (!names.length) return null;
	const held = (frm.doc.meetings || []).filter((row) => row.name !== new_row && row.held_on && row.chair);
	if (!held.length) return names[0];
	const last = held.reduce((a, b) => (a.held_on >= b.held_on ? a : b));
	return names.find((name) => name !== last.chair) || names[0];
}

function describe_chairs(frm) {
	const names = chiefs(frm);
	const grid = frm.fields_dict.meetings && frm.fields_dict.meetings.grid;
	if (!grid) return;
	grid.update_docfield_property(
		"chair",
		"description",
		names.length ? __("The chief representatives {0} chair in turn", [names.join("、")]) : ""
	);
}

function show_headline(frm) {
	const onload = frm.doc.__onload || {};
	const parts = [];
	let colour = "orange";
	if (onload.stalled) {
		const { reason, days } = onload.stalled;
		if (reason === "suspension overdue") {
			parts.push(
				__("The talks were suspended until {0}; that day passed {1} days ago with no meeting on record (集体合同规定 Art. 35)", [
					frappe.datetime.str_to_user(frm.doc.next_meeting_on),
					days,
				])
			);
		} else if (frm.doc.last_meeting_on) {
			parts.push(__("No meeting for {0} days since {1}: the talks are stalled", [days, frappe.datetime.str_to_user(frm.doc.last_meeting_on)]));
		} else {
			parts.push(__("No meeting on record {0} days after the offer was agreed: the talks are stalled", [days]));
		}
		colour = "red";
	}
	if (onload.coordination) {
		const c = onload.coordination;
		const link = frappe.utils.get_form_link("Negotiation Coordination", c.name, true);
		parts.push(
			c.due_date
				? __("In coordination by HRSS: {0} ({1}), last day {2}", [link, __(c.status), frappe.datetime.str_to_user(c.due_date)])
				: __("In coordination by HRSS: {0} ({1})", [link, __(c.status)])
		);
	}
	if (parts.length) frm.dashboard.set_headline(parts.join("<br>"), colour);
}

function make_contract(frm) {
	frappe
		.call({ method: "springoffer.springoffer.doctype.negotiation.negotiation.make_contract", args: { source_name: frm.doc.name }, freeze: true })
		.then((r) => {
			if (!r.message) return;
			const doc = frappe.model.sync(r.message)[0];
			frappe.set_route("Form", doc.doctype, doc.name);
		});
}
