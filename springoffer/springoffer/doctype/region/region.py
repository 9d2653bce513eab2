import frappe
from frappe.utils.nestedset import NestedSet

from springoffer.annex import cache


class Region(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_region: DF.Link | None
		region_code: DF.Data | None
		region_level: DF.Literal["\u7701", "\u5e02\u5dde", "\u53bf\u5e02\u533a", "\u4e61\u9547\u8857\u9053"]
		region_name: DF.Data
		rgt: DF.Int
	# end: auto-generated types
	nsm_parent_field = "parent_region"

	def on_update(self):
		super().on_update()
		# User Permissions are expanded to descendants and cached per user; a new or moved
		# region must become visible to the users of its ancestors at once.
		frappe.cache.delete_value("user_permissions")
		cache.bump()  # a unit's subtree, and so its figures, may have changed

	def on_trash(self):
		super().on_trash()
		frappe.cache.delete_value("user_permissions")
		cache.bump()
