# Copyright (c) 2026, springoffer developers and Contributors
# See license.txt

# import frappe
from frappe.tests.utils import FrappeTestCase


class TestBargainingInstructor(FrappeTestCase):
	pass
