"""The annex ledger kept by each save equals the ledger rebuilt from the documents."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from springoffer.annex import ledger as annex_ledger
from springoffer.core import categories as c
from springoffer.devtools.testing import contract_doc, make_campaign, make_enterprise, offer_doc

CAMPAIGN = "2023年台帐一致性活动"


class TestAnnexLedgerEntry(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_campaign(CAMPAIGN)

	def test_incremental_posting_equals_rebuild(self):
		a = make_enterprise(region="岳阳市", employees=500)
		b = make_enterprise(region="岳阳市", employees=500, category=c.STATE_OWNED)
		d = make_enterprise(region="益阳市", employees=500, category=c.FOREIGN)
		kept = offer_doc([a, b], [100, 200], campaign=CAMPAIGN, scope=c.SCOPE_INDUSTRY, region="湖南省").insert()
		refused = offer_doc(
			[d], 50, campaign=CAMPAIGN, response=c.REFUSED, response_date="2023-03-15", refusal_reason="其他", refusal_detail="无意愿",
			hrss_handling="约谈企业负责人", hrss_handling_date="2023-03-20",
		).insert()
		dropped = offer_doc([a], 10, campaign=CAMPAIGN).insert()
		signed = contract_doc([a, b], [90, 180], campaign=CAMPAIGN).insert()
		cancelled = contract_doc([d], 40, campaign=CAMPAIGN, cancellation_reason="解除").insert()

		# answers, edits, a cancellation, a deletion and a re-categorised, moved enterprise
		kept.reload()
		kept.response, kept.response_date = c.AGREED, "2023-03-20"
		kept.covered_enterprises[1].covered_workers = 150
		kept.save()
		apply_workflow(cancelled, "撤销")
		frappe.delete_doc("Offer", dropped.name)
		moved = frappe.get_doc("Enterprise", b.name)
		moved.report_category, moved.region = c.OTHER, "常德市"
		moved.save()

		incremental = annex_ledger.snapshot(CAMPAIGN)
		self.assertEqual(len(incremental), 2 + 1 + 2)  # kept's two lines, refused's one, signed's two
		self.assertIn(("C" + signed.covered_enterprises[1].name), [row[0] for row in incremental])
		moved_rows = [row for row in incremental if row[annex_ledger.COLUMNS.index("enterprise") - 6] == b.name]
		self.assertTrue(moved_rows)
		annex_ledger.rebuild(CAMPAIGN)
		self.assertEqual(annex_ledger.snapshot(CAMPAIGN), incremental)
		refusal = next(row for row in incremental if row[0] == "O" + refused.covered_enterprises[0].name)
		self.assertEqual(refusal[-2:], ("其他：无意愿", "约谈企业负责人"))
		column = {name: i - 6 for i, name in enumerate(annex_ledger.COLUMNS)}  # snapshot leaves out 6 bookkeeping columns
		self.assertEqual(
			refusal[column["refusal_bits"]],
			annex_ledger.REFUSED | annex_ledger.HANDLED | 1 << c.REFUSAL_REASONS.index("其他"),
		)
		self.assertEqual((str(refusal[column["refused_on"]]), refusal[column["agreed_on"]]), ("2023-03-15", None))
		agreed = [row for row in incremental if row[column["voucher_no"]] == kept.name]
		self.assertEqual({str(row[column["agreed_on"]]) for row in agreed}, {"2023-03-20"})
		self.assertEqual({row[column["refused_on"]] for row in agreed}, {None})
		moved_row = next(row for row in incremental if row[column["enterprise"]] == b.name and row[column["voucher_no"]] == kept.name)
		self.assertEqual((moved_row[column["category_no"]], moved_row[column["region"]]), (c.REPORT_CATEGORIES.index(c.OTHER) + 1, "常德市"))
