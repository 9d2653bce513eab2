"""What the DocType controllers and the daily jobs share: rule violations turned into Chinese errors,
the checks every record runs alike, the legal calendar as the site holds it, and the daily jobs.
May import core, security and annex."""

# The legal clocks read the site's 节假日安排 from here on (springoffer/controllers/holidays.py).
from springoffer.controllers import holidays  # noqa: F401
