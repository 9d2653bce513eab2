"""The fault drill's accounting (springoffer.core.fault_drill): requests per phase, recovery of p95,
every write's fate, the verdict."""

from springoffer.core.fault_drill import (
	Phase,
	Request,
	Write,
	account,
	percentile,
	recovery_seconds,
	result_lines,
	tally_writes,
	verdict,
)


def target(_kind):
	return 1000.0


def steady(start, end, ms=100.0, kind="list view"):
	return [Request(at=t / 2, kind=kind, ms=ms, ok=True, status=200) for t in range(int(start * 2), int(end * 2))]


def test_percentile_is_nearest_rank():
	assert percentile([], 0.95) == 0.0
	assert percentile([5], 0.95) == 5
	assert percentile(list(range(1, 101)), 0.95) == 95
	assert percentile(list(range(1, 21)), 0.95) == 19


def test_requests_are_counted_when_they_ended_the_seconds_after_a_fault_still_during():
	requests = steady(0, 100)
	requests += [Request(at=12.0, kind="list view", ms=5, ok=False, status=500), Request(at=75.0, kind="list view", ms=5, ok=False, status=502)]
	phase = Phase("Redis queue stopped", start=10, end=70, until=130)
	result = account(phase, requests, [], {}, target)
	assert (result.failed_during, result.failed_after) == (1, 1)
	assert result.requests_during == 130 + 1  # from 10 s to 70 + 5 settling seconds, two a second, and the failure
	assert "1 requests failed after it" in result.problems


def test_recovery_is_the_first_clean_window_within_target_after_the_fault():
	requests = steady(0, 200)
	requests += [Request(at=60 + t / 4, kind="附件 .xlsx", ms=5000, ok=True) for t in range(0, 60)]  # slow for 15 s after
	seconds = recovery_seconds(requests, since=60, until=200, target_of=target, window=10)
	assert seconds == 15
	assert recovery_seconds(steady(0, 200), since=60, until=200, target_of=target) == 0
	# a failure inside every window: never back
	failing = steady(0, 100) + [Request(at=float(t), kind="x", ms=1, ok=False) for t in range(60, 100)]
	assert recovery_seconds(failing, since=60, until=100, target_of=target) is None


def test_recovery_scales_each_kind_by_its_own_target():
	targets = {"附件 .xlsx": 2000.0, "list view": 1000.0}
	requests = [Request(at=float(t), kind="附件 .xlsx", ms=1500, ok=True) for t in range(0, 30)]
	assert recovery_seconds(requests, 0, 30, targets.__getitem__) == 0
	assert recovery_seconds(requests, 0, 30, lambda _k: 1000.0) is None


def test_every_write_is_classified():
	writes = [
		Write("answer", "a", 1, True),  # stored once
		Write("answer", "b", 1, True),  # lost
		Write("contract", "c", 1, True),  # doubled
		Write("contract", "d", 1, False),  # error answer, not stored: right
		Write("guest answer", "e", 1, False),  # error answer, stored once: right, counted
		Write("guest answer", "f", 1, False),  # error answer, stored twice: doubled
	]
	tally = tally_writes(writes, {"a": 1, "c": 2, "e": 1, "f": 2})
	assert (tally.made, tally.acknowledged, tally.stored_once, tally.lost, tally.doubled) == (6, 3, 2, 1, 2)
	assert (tally.refused, tally.refused_but_stored) == (3, 1)


def test_writes_belong_to_the_phase_they_were_made_in():
	phase = Phase("MariaDB restarted", start=100, end=110, until=170)
	writes = [Write("answer", "early", 50, True), Write("answer", "in", 105, True), Write("answer", "quiet", 160, True), Write("answer", "next", 170, True)]
	result = account(phase, steady(0, 200), writes, {"early": 0, "in": 1, "quiet": 1, "next": 0}, target)
	assert (result.writes.made, result.writes.stored_once, result.writes.lost) == (2, 2, 0)


def test_a_fault_that_must_cost_no_request_fails_on_one():
	requests = steady(0, 100) + [Request(at=20.0, kind="附件 figures", ms=5, ok=False, status=500)]
	cache = Phase("Redis cache stopped", start=10, end=70, until=100, requests_must_answer=True)
	assert "1 requests failed while it lasted" in account(cache, requests, [], {}, target).problems
	queue = Phase("Redis queue stopped", start=10, end=70, until=100)
	assert account(queue, requests, [], {}, target).problems == []


def test_verdict_names_every_problem_and_passes_only_a_clean_drill():
	clean = account(Phase("gunicorn worker SIGKILLed", 10, 10, 80), steady(0, 100), [Write("answer", "a", 20, True)], {"a": 1}, target)
	passed, line = verdict([clean])
	assert passed and line.startswith("verdict: PASSED")
	torn = Phase("worker SIGKILLed in import-ledger", 10, 10, 80, checks=[("ledger as before or after the import", False)])
	doubled = account(torn, steady(0, 100), [Write("contract", "c", 20, True)], {"c": 2}, target)
	passed, line = verdict([clean, doubled])
	assert not passed
	assert "1 writes doubled" in line and "ledger as before or after the import" in line
	assert not verdict([])[0]
	assert not verdict([clean], baseline_problems=["p95 above target"])[0]


def test_tracebacks_in_error_answers_fail_the_fault():
	requests = steady(0, 100) + [Request(at=15.0, kind="guest answer", ms=5, ok=False, status=500, traceback=True)]
	result = account(Phase("MariaDB restarted", 10, 20, 90), requests, [], {}, target)
	assert "1 error answers with a traceback" in result.problems
	assert any("traceback" in line for line in result_lines(result))


def test_a_request_cut_off_by_a_kill_counts_during_the_kill_even_if_it_started_before():
	requests = steady(0, 100)
	requests.append(Request(at=48.0, kind="附件 figures, province", ms=2200, ok=False, status=0))  # ends at the kill
	kill = Phase("one gunicorn worker SIGKILLed", start=50, end=50, until=110)
	result = account(kill, requests, [], {}, target)
	assert (result.failed_during, result.failed_after) == (1, 0)
	late = steady(0, 100) + [Request(at=56.0, kind="list view", ms=10, ok=False, status=502)]  # past the settling seconds
	assert account(kill, late, [], {}, target).failed_after == 1


def test_on_a_busy_machine_back_means_back_to_the_level_before_the_faults():
	busy = [Request(at=t / 2, kind="list view", ms=1300, ok=True) for t in range(0, 200)]  # 1.3 × target throughout
	busy += [Request(at=50 + t / 4, kind="list view", ms=9000, ok=True) for t in range(0, 40)]  # 10 s very slow
	phase = Phase("Redis cache stopped", start=40, end=50, until=100)
	result = account(phase, busy, [], {}, target, baseline_ratio=1.3)
	assert result.recovery_seconds is None
	assert result.recovery_to_baseline == 10
	assert result.problems == []
	assert "to its level before the faults, 1.30 of target: 10 s" in result_lines(result)[1]
	assert account(phase, busy, [], {}, target, baseline_ratio=1.0).problems == ["p95 not back within target, nor at its level before the faults, in the quiet time"]
