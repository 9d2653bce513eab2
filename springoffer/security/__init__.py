"""Who may see and change what: a user's region, row-level permissions on the doors Frappe leaves
open, personal data, the export audit log, input checks and the 等保 2.0 baseline. May import core."""
