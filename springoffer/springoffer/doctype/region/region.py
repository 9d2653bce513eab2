import frappe
from frappe.utils.nestedset import NestedSet


class Region(NestedSet):
	nsm_parent_field = "parent_region"

	def on_update(self):
		super().on_update()
		# User Permissions are expanded to descendants and cached per user; a new or moved
		# region must become visible to the users of its ancestors at once.
		frappe.cache.delete_value("user_permissions")

	def on_trash(self):
		super().on_trash()
		frappe.cache.delete_value("user_permissions")
