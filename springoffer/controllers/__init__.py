"""What the DocType controllers and the daily jobs share: rule violations turned into Chinese errors,
the checks every record runs alike, the running campaign, the legal calendar as the site holds it,
and the daily jobs. May import core and security."""
