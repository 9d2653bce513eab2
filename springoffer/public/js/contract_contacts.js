// 首席代表电话：表单、列表、打印和导出中只显示掩码；人社部门审查人员可查看完整号码（记入访问日志）。
frappe.ui.form.on("Contract", {
	refresh(frm) {
		const may_see = ["HRSS Officer", "HRSS Reviewer", "System Manager"].some((role) => frappe.user.has_role(role));
		if (frm.is_new() || !may_see) return;
		const fields = ["worker_representative_phone", "employer_representative_phone"].filter((f) => frm.doc[f]);
		if (!fields.length) return;
		frm.add_custom_button(__("Show Representatives' Phones"), async () => {
			const lines = [];
			for (const fieldname of fields) {
				const r = await frappe.call({
					method: "springoffer.security.personal_data.reveal",
					args: { doctype: frm.doctype, name: frm.doc.name, fieldname },
				});
				lines.push(`${__(frappe.meta.get_label(frm.doctype, fieldname))}：${frappe.utils.escape_html(r.message || "")}`);
			}
			frappe.msgprint({ title: __("Representatives' Phones"), message: lines.join("<br>") + "<br><small>" + __("This look-up is recorded in the Access Log.") + "</small>" });
		});
	},
});
