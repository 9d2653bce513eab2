"""The restore drill's comparison (bench … springoffer compare-site): a site's snapshot equals itself,
and one record changed shows as its count, its 附件 figures and nothing else."""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core.snapshots import differences
from springoffer.devtools.testing import make_campaign, make_enterprise, offer_doc
from springoffer.setup.site_snapshot import snapshot

CAMPAIGN = "2023年恢复演练测试活动"


class TestSiteSnapshot(FrappeTestCase):
	def test_a_site_equals_itself_and_one_change_is_named(self):
		make_campaign(CAMPAIGN)
		enterprise = make_enterprise(region="娄底市")
		before = snapshot()
		self.assertEqual(differences(before, snapshot()), [])
		self.assertIn((CAMPAIGN, "娄底市"), before["annex"])
		self.assertEqual(before["counts"]["Enterprise"], frappe.db.count("Enterprise"))

		offer_doc(enterprise, campaign=CAMPAIGN, workers=77).insert()
		found = differences(before, snapshot())
		self.assertIn(f"记录数 Offer：本站 {before['counts']['Offer']}，对方 {before['counts']['Offer'] + 1}", found)
		self.assertIn("记录内容 Offer", {line.split("：")[0] for line in found})
		changed = {line.split("：")[0] for line in found if line.startswith("附件数字")}
		self.assertEqual(changed, {f"附件数字 {CAMPAIGN} / 娄底市", f"附件数字 {CAMPAIGN} / 湖南省"})

	def test_attached_files_are_compared_by_content(self):
		enterprise = make_enterprise(region="娄底市")
		file = frappe.get_doc(
			{"doctype": "File", "file_name": "snapshot-test.pdf", "content": b"%PDF-1.4 one", "is_private": 1,
			 "attached_to_doctype": "Enterprise", "attached_to_name": enterprise.name}
		).insert(ignore_permissions=True)
		before = snapshot()
		self.assertEqual(len(before["files"][file.file_url]), 64)
		with open(frappe.get_site_path(file.file_url.lstrip("/")), "wb") as f:
			f.write(b"%PDF-1.4 two")
		self.assertEqual([line.split("：")[0] for line in differences(before, snapshot())], [f"附件文件 {file.file_url}"])
		file.delete()

	def test_a_value_changed_without_changing_any_count_is_found(self):
		enterprise = make_enterprise(region="娄底市", employees=300)
		before = snapshot()
		frappe.db.sql("UPDATE tabEnterprise SET employees = 301 WHERE name = %s", enterprise.name)
		self.assertEqual([line.split("：")[0] for line in differences(before, snapshot())], ["记录内容 Enterprise"])
