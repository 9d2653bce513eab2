"""Rules one record can break, without Frappe.

Each check returns a list of Violation: the field at fault, an English message template with {0}
placeholders (translated through translations/zh.csv by the caller: frappe._ in the desk,
springoffer.core.i18n offline) and its arguments. Messages say what is wrong and how to fix it.
"""

from dataclasses import dataclass

from springoffer.core import categories, clocks, credit_code


@dataclass(frozen=True)
class Violation:
	field: str
	message: str
	args: tuple = ()


def money(amount):
	"""1550 for 1550.0, 1550.5 for 1550.50: how people write wages."""
	return f"{amount:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class CoverageLine:
	"""One enterprise covered by an offer or contract."""

	enterprise: str
	workers: int | None
	employees: int | None = None  # the enterprise's headcount, when known


def check_enterprise(code, category, employees):
	found = []
	error = credit_code.check(code)
	if error:
		found.append(Violation("credit_code", error.message, error.args))
	if category not in categories.REPORT_CATEGORIES:
		found.append(
			Violation(
				"report_category",
				"Report category {0} is not one of the four rows of the form: {1}",
				(category or "", "、".join(categories.REPORT_CATEGORIES)),
			)
		)
	if employees is not None and employees < 0:
		found.append(Violation("employees", "Employees cannot be negative: enter the headcount, or 0 if unknown"))
	return found


def check_coverage(lines, table_field):
	"""Covered enterprises of one offer or contract: each once, with 1 … headcount workers."""
	found = []
	seen = {}
	for row, line in enumerate(lines, start=1):
		if not line.enterprise:
			found.append(Violation(table_field, "Row {0}: choose the covered enterprise", (row,)))
			continue
		if line.enterprise in seen:
			found.append(
				Violation(
					table_field,
					"Row {0}: enterprise {1} is already covered in row {2}; remove one of the rows",
					(row, line.enterprise, seen[line.enterprise]),
				)
			)
		seen.setdefault(line.enterprise, row)
		if line.workers is None or line.workers <= 0:
			found.append(
				Violation(
					table_field,
					"Row {0}: covered workers of {1} must be a whole number above 0",
					(row, line.enterprise),
				)
			)
		elif line.employees and line.workers > line.employees:
			found.append(
				Violation(
					table_field,
					"Row {0}: covered workers {1} exceed the {2} employees of {3}; correct the figure or the enterprise's headcount",
					(row, line.workers, line.employees, line.enterprise),
				)
			)
	return found


def check_offer(
	*,
	scope,
	lines,
	date_sent,
	campaign_start,
	campaign_end,
	response,
	response_date,
	refusal_reason,
	today,
):
	found = check_coverage(lines, "covered_enterprises")
	if not lines:
		found.append(Violation("covered_enterprises", "Add the enterprise this offer is sent to"))
	elif scope == categories.SCOPE_SINGLE and len(lines) != 1:
		found.append(
			Violation(
				"covered_enterprises",
				"A single-enterprise offer covers exactly one enterprise, this one covers {0}; choose 行业性 or 区域性 for more",
				(len(lines),),
			)
		)
	if date_sent and campaign_start and campaign_end and not (campaign_start <= date_sent <= campaign_end):
		found.append(
			Violation(
				"date_sent",
				"Date sent {0} is outside the campaign ({1} to {2}); correct the date or choose the campaign it belongs to",
				(date_sent, campaign_start, campaign_end),
			)
		)
	if date_sent and today and date_sent > today:
		found.append(Violation("date_sent", "Date sent {0} is in the future; enter the day the offer was sent", (date_sent,)))
	if response == categories.PENDING:
		if response_date:
			found.append(
				Violation("response_date", "An offer still awaiting a response has no response date; clear it or record the response")
			)
	else:
		if not response_date:
			found.append(Violation("response_date", "Enter the date of the response {0}", (response,)))
		elif date_sent and response_date < date_sent:
			found.append(
				Violation(
					"response_date",
					"Response date {0} is before the offer was sent on {1}; correct one of the dates",
					(response_date, date_sent),
				)
			)
		elif today and response_date > today:
			found.append(Violation("response_date", "Response date {0} is in the future", (response_date,)))
	if response == categories.REFUSED and not refusal_reason:
		found.append(Violation("refusal_reason", "A refusal needs its reason: choose the refusal reason category"))
	return found


def check_delivery(*, date_sent, delivered_on, method, failure_reason, today):
	"""The offer's delivery (送达): received on or after the day it was sent and not in the future, how
	it was delivered named; a returned letter (送达失败) has its reason and no date received."""
	found = []
	if delivered_on:
		if not method:
			found.append(Violation("delivery_method", "Choose how the offer was delivered on {0}", (delivered_on,)))
		if date_sent and delivered_on < date_sent:
			found.append(
				Violation(
					"delivered_on",
					"Delivered on {0}, before the offer was sent on {1}; enter the day the employer side received it",
					(delivered_on, date_sent),
				)
			)
		if today and delivered_on > today:
			found.append(Violation("delivered_on", "Delivered on {0} is in the future; enter the day the employer side received it", (delivered_on,)))
		if failure_reason:
			found.append(
				Violation(
					"delivery_failure_reason",
					"The offer was delivered on {0} and also marked 送达失败; clear the failure reason, or clear the delivery date if the letter came back",
					(delivered_on,),
				)
			)
	return found


def delivery_status(delivered_on, failure_reason):
	if delivered_on:
		return categories.DELIVERED
	return categories.DELIVERY_FAILED if failure_reason else categories.NOT_DELIVERED


def check_hrss_handling(*, handling, handling_date, response_date, today, response=None):
	"""HRSS handles a refusal after it; an offer HRSS urged while it was overdue may be agreed to later."""
	found = []
	if handling_date and not handling:
		found.append(Violation("hrss_handling", "Choose how HRSS handled the case, or clear the handling date"))
	if handling and not handling_date:
		found.append(Violation("hrss_handling_date", "Enter the date HRSS handled the case"))
	if handling_date and response_date and handling_date < response_date and response != categories.AGREED:
		found.append(
			Violation(
				"hrss_handling_date",
				"Handling date {0} is before the response date {1}; correct one of the dates",
				(handling_date, response_date),
			)
		)
	if handling_date and today and handling_date > today:
		found.append(Violation("hrss_handling_date", "Handling date {0} is in the future", (handling_date,)))
	return found


def check_congress_vote(total, attending, approving):
	"""职工代表大会 or all workers: ≥ 2/3 present and > 1/2 of all in favour (集体合同规定 Art. 36)."""
	if total is None and attending is None and approving is None:
		return []
	if not total or total <= 0:
		return [Violation("congress_members", "Enter the number of workers' congress members (or of all workers) above 0")]
	found = []
	attending, approving = attending or 0, approving or 0
	if attending < 0 or approving < 0:
		found.append(Violation("congress_attending", "Vote figures cannot be negative"))
		return found
	if attending > total:
		found.append(
			Violation("congress_attending", "{0} attending is more than the {1} members; correct the figures", (attending, total))
		)
	if approving > attending:
		found.append(
			Violation("congress_approving", "{0} approving is more than the {1} attending; correct the figures", (approving, attending))
		)
	if not found and attending * 3 < total * 2:
		found.append(
			Violation(
				"congress_attending",
				"Only {0} of {1} members attended; at least two thirds ({2}) must attend for the vote to be valid (集体合同规定 Art. 36)",
				(attending, total, -(-total * 2 // 3)),
			)
		)
	if not found and approving * 2 <= total:
		found.append(
			Violation(
				"congress_approving",
				"Only {0} of {1} members approved; more than half of all members ({2}) must approve (集体合同规定 Art. 36)",
				(approving, total, total // 2 + 1),
			)
		)
	return found


def minimum_wage_for(region_chain, standards, on_date):
	"""The minimum monthly wage in force on `on_date` for the nearest region of `region_chain`.

	region_chain: the enterprise's region first, then its ancestors up to the province.
	standards: iterable of (region, effective_from, monthly_amount).
	"""
	by_region = {}
	for region, effective_from, amount in standards:
		if effective_from <= on_date:
			best = by_region.get(region)
			if best is None or effective_from > best[0]:
				by_region[region] = (effective_from, amount)
	for region in region_chain:
		if region in by_region:
			return by_region[region][1]
	return None


def check_contract(
	*,
	lines,
	signing_date,
	term_start,
	term_end,
	campaign_start,
	today,
	offer_date_sent,
	wage_adjustment,
	wage_growth,
	zero_growth_consent,
	lowest_wage,
	minimum_wage,
	congress=(None, None, None),
	cancelled=False,
	cancellation_reason="",
):
	found = check_coverage(lines, "covered_enterprises")
	if not lines:
		found.append(Violation("covered_enterprises", "Add the enterprises this contract covers"))
	if signing_date and today and signing_date > today:
		found.append(Violation("signing_date", "Signing date {0} is in the future", (signing_date,)))
	if signing_date and campaign_start and signing_date < campaign_start:
		found.append(
			Violation(
				"signing_date",
				"Signing date {0} is before the campaign started on {1}; choose the campaign it was signed in",
				(signing_date, campaign_start),
			)
		)
	if signing_date and offer_date_sent and signing_date < offer_date_sent:
		found.append(
			Violation(
				"signing_date",
				"Signing date {0} is before its offer was sent on {1}; correct the date or the offer",
				(signing_date, offer_date_sent),
			)
		)
	if term_start and term_end:
		if term_end <= term_start:
			found.append(
				Violation("term_end", "Term ends {0}, not after it starts {1}; correct the term", (term_end, term_start))
			)
		elif not clocks.term_in_range(term_start, term_end):
			found.append(
				Violation(
					"term_end",
					"A collective contract runs one to three years; the term {0} to {1} does not. Correct the term",
					(term_start, term_end),
				)
			)
	if term_start and signing_date and term_start < signing_date:
		found.append(
			Violation(
				"term_start",
				"Term starts {0}, before the contract was signed on {1}; correct the term start",
				(term_start, signing_date),
			)
		)
	if wage_adjustment in (categories.WAGE_FREEZE, categories.WAGE_CUT) and not zero_growth_consent:
		found.append(
			Violation(
				"zero_growth_consent",
				"Zero growth or a wage cut needs the recorded consent of the union or employee representatives; tick it and attach the minutes",
			)
		)
	if wage_adjustment == categories.WAGE_RISE and (wage_growth or 0) <= 0:
		found.append(Violation("wage_growth_percent", "Enter the agreed growth above 0%, or choose zero growth or a cut"))
	if wage_adjustment == categories.WAGE_CUT and (wage_growth or 0) >= 0:
		found.append(Violation("wage_growth_percent", "Enter a cut as a negative percentage, for example -3"))
	if wage_adjustment == categories.WAGE_FREEZE and wage_growth:
		found.append(Violation("wage_growth_percent", "Zero growth has a growth of 0%; clear the percentage"))
	if lowest_wage is not None and lowest_wage < 0:
		found.append(Violation("lowest_monthly_wage", "Lowest monthly wage cannot be negative"))
	elif lowest_wage and minimum_wage and lowest_wage < minimum_wage:
		found.append(
			Violation(
				"lowest_monthly_wage",
				"Lowest monthly wage {0} is below the local minimum wage {1}; agree a wage of at least {1}",
				(money(lowest_wage), money(minimum_wage)),
			)
		)
	found.extend(check_congress_vote(*congress))
	if cancelled and not (cancellation_reason or "").strip():
		found.append(Violation("cancellation_reason", "A cancelled contract needs the reason it was cancelled"))
	return found


def check_campaign(start, end, report_due):
	found = []
	if start and end and end < start:
		found.append(Violation("end_date", "Campaign ends {0}, before it starts {1}; correct the dates", (end, start)))
	if report_due and start and report_due < start:
		found.append(
			Violation("report_due_date", "Report due date {0} is before the campaign starts {1}", (report_due, start))
		)
	return found


def check_contract_state(*, state, signing_date, submitted_on, late_reason, objection, correction_note, term=(None, None)):
	"""What entering a review state needs (集体合同规定 Art. 42, 44, 47)."""
	found = []
	# no state yet: a new contract, which Frappe's Workflow starts as a draft after validate
	if state and state not in (categories.CONTRACT_DRAFT, categories.CONTRACT_CANCELLED) and not all(term):
		found.append(Violation("term_end", "Enter the contract's term (start and end) before submitting it to HRSS"))
	if state == categories.CONTRACT_SUBMITTED and signing_date and submitted_on:
		due = clocks.submission_due(signing_date)
		if submitted_on > due and not (late_reason or "").strip():
			found.append(
				Violation(
					"late_submission_reason",
					"Submitted on {0}, after the 10 days that ended {1}: record the reason for the late submission",
					(submitted_on, due),
				)
			)
	if submitted_on and signing_date and submitted_on < signing_date:
		found.append(
			Violation("submitted_on", "Submitted on {0}, before the contract was signed on {1}; correct the date", (submitted_on, signing_date))
		)
	if state == categories.CONTRACT_OBJECTED and not (objection or "").strip():
		found.append(Violation("objection", "Write the objection so both sides know what to renegotiate"))
	if state == categories.CONTRACT_NEEDS_CORRECTION and not (correction_note or "").strip():
		found.append(Violation("correction_note", "List the materials the employer side must complete"))
	return found


def effective_date(received_on, today):
	"""The day a contract takes effect on reaching 已生效: the statutory day once HRSS's 15 days ran out
	without objection (even if the daily job runs late), else the day HRSS confirms it."""
	if received_on and today > clocks.review_window_end(received_on):
		return clocks.takes_effect_on(received_on)
	return today
