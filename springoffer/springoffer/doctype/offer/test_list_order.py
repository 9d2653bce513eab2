"""A confined officer's list page has an index to walk (issue 27).

Frappe confines a city officer with `ifnull(region, '') = '' or region in (…)`, which MariaDB cannot
range over; a 20-row page stays cheap only when an index leads with the page's order and holds region
(and campaign, which the list is often filtered to), so each entry is checked without reading its row.
Measured on the province-scale sites (100,000 enterprises, 71,000 offers, 50,000 contracts): without
it, 57–140 ms when the city's records lie far down the order; with it, 2–4 ms, and 11–30 ms when the
whole index is walked.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

LISTS = {  # DocType: the columns a confined list page filters on besides its order
	"Offer": ("region", "campaign"),
	"Contract": ("region", "campaign"),
	"Enterprise": ("region",),
}


def indexes(doctype):
	"""{index name: [columns in order]} of the DocType's table."""
	found = {}
	for row in frappe.db.sql(f"SHOW INDEX FROM `tab{doctype}`", as_dict=True):
		found.setdefault(row.Key_name, []).append((row.Seq_in_index, row.Column_name))
	return {name: [column for _seq, column in sorted(columns)] for name, columns in found.items()}


class TestListOrder(FrappeTestCase):
	def test_each_list_order_has_an_index_that_answers_the_page_alone(self):
		for doctype, filtered in LISTS.items():
			# what a sync of the DocType runs (a site installed before the indexes gets them so)
			frappe.get_attr(f"springoffer.springoffer.doctype.{frappe.scrub(doctype)}.{frappe.scrub(doctype)}.on_doctype_update")()
			meta = frappe.get_meta(doctype)
			found = indexes(doctype)
			for order in dict.fromkeys(("modified", meta.sort_field or "modified")):
				with self.subTest(doctype=doctype, order=order):
					walked = [columns for columns in found.values() if columns[0] == order and set(filtered) <= set(columns)]
					self.assertTrue(walked, f"{doctype}: no index leading with {order} holding {', '.join(filtered)}: {found}")

	def test_the_confinement_is_the_one_the_indexes_are_built_for(self):
		"""If Frappe (or the site's Apply Strict User Permissions) confines by `region in (…)` alone, an
		index on (region, order) ranges over it instead: the choice above is worth measuring again."""
		from springoffer.devtools.testing import make_user

		user = make_user("list.order.changsha@example.com", ["Trade Union Officer"], region="长沙市")
		frappe.set_user(user)
		try:
			sql = frappe.get_list("Offer", fields=["name"], order_by="date_sent desc", limit_page_length=20, run=0)
		finally:
			frappe.set_user("Administrator")
		self.assertIn("ifnull(`tabOffer`.`region`, '')=''", sql)
		self.assertIn("'长沙市'", sql)
