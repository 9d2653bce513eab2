"""The 附件 from the site's records: its ledger, the figures, the printed form, the .xlsx, the counts
by region and focus area, and the unit's report package. May import core, security and controllers."""
