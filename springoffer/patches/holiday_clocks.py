"""The legal clocks end on a working day (民法典 Art. 203, the State Council's schedule): the due dates
stored before they did are recomputed (springoffer.controllers.daily.recompute_due_dates)."""

from springoffer.controllers import daily


def execute():
	daily.recompute_due_dates()
