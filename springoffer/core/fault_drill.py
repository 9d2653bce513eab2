"""The fault drill's accounting, framework-free (springoffer.devtools.fault_drill runs the drill):
per fault, the requests that failed while it lasted and after it, how long p95 took to come back
within target, what became of every write made in its time, and the drill's verdict.

A request is counted by the moment its answer came (or the connection broke): "during" from the
injection until `settle` seconds after the service is back (for a kill, the kill: the requests in
flight then end within those seconds), "after" from then to the next fault's injection (the quiet
minute). p95 is back when, in a window of `window` seconds, the 95th percentile of each request's
time over its kind's target is at most 1 and nothing failed (on a machine already above target
before the faults, also: at most the level it had then). A write belongs to the phase it was
made in; the database then holds it once (right when the server acknowledged it; a write that got
an error answer may be stored once or not at all: the user saw the error, and saving it again is
refused or takes effect once), never twice, and never not at all once acknowledged.

The verdict passes when, for every fault: no write lost or doubled, no request failed after it, p95
back (within target or at its level before the faults) before the next one, no error answer with a
Python traceback, the fault's own checks held, and with the cache Redis down no request failed; and
no request failed before the faults.
"""

from dataclasses import dataclass, field


@dataclass
class Request:
	at: float  # when it started (epoch seconds)
	kind: str
	ms: float
	ok: bool
	status: int = 0
	traceback: bool = False  # an error answer showing a Python traceback

	@property
	def done(self):
		return self.at + self.ms / 1000


@dataclass
class Write:
	kind: str
	value: str  # the marker the database is searched for
	at: float
	acknowledged: bool


@dataclass
class Phase:
	name: str
	start: float  # the fault injected
	end: float  # the service back (for a kill: the kill)
	until: float  # the next fault's injection, or the end of the run
	checks: list = field(default_factory=list)  # [(what, held)], the fault's own conditions
	requests_must_answer: bool = False  # the fault must cost no request (the cache Redis down)
	settle: float = 5.0  # seconds after `end` still counted as during


@dataclass
class WriteTally:
	made: int = 0
	acknowledged: int = 0
	stored_once: int = 0
	lost: int = 0  # acknowledged, not in the database
	doubled: int = 0  # in the database more than once
	refused: int = 0  # an error answer (stored once or not at all, both right)
	refused_but_stored: int = 0


@dataclass
class PhaseResult:
	name: str
	failed_during: int
	requests_during: int
	failed_after: int
	requests_after: int
	recovery_seconds: float | None  # None: p95 not back within target before the next fault
	writes: WriteTally
	p95_during_ms: float = 0.0
	baseline_ratio: float = 1.0  # p95 over target before the faults
	recovery_to_baseline: float | None = None  # seconds until p95 is back at the baseline's level
	tracebacks: int = 0
	checks: list = field(default_factory=list)
	requests_must_answer: bool = False

	@property
	def problems(self):
		found = []
		if self.writes.lost:
			found.append(f"{self.writes.lost} writes lost")
		if self.writes.doubled:
			found.append(f"{self.writes.doubled} writes doubled")
		if self.failed_after:
			found.append(f"{self.failed_after} requests failed after it")
		if self.recovery_seconds is None and self.recovery_to_baseline is None:
			found.append("p95 not back within target, nor at its level before the faults, in the quiet time")
		if self.tracebacks:
			found.append(f"{self.tracebacks} error answers with a traceback")
		if self.requests_must_answer and self.failed_during:
			found.append(f"{self.failed_during} requests failed while it lasted")
		found += [what for what, held in self.checks if not held]
		return found


def percentile(values, share):
	"""The nearest-rank percentile (as locust reports it) of `values`; 0 for none."""
	ordered = sorted(values)
	if not ordered:
		return 0.0
	rank = max(1, -(-len(ordered) * share // 1))
	return ordered[int(rank) - 1]


def recovery_seconds(requests, since, until, target_of, window=10.0, step=1.0, ceiling=1.0):
	"""Seconds from `since` until the first window of `window` seconds (ending before `until`) whose
	requests all succeeded and whose p95 of time over target is ≤ `ceiling`; None if none does."""
	start = since
	while start + window <= until + 1e-9:
		inside = [r for r in requests if start <= r.at < start + window]
		if inside and all(r.ok for r in inside):
			if percentile([r.ms / target_of(r.kind) for r in inside], 0.95) <= ceiling:
				return round(start - since, 1)
		start += step
	return None


def tally_writes(writes, stored):
	"""writes: the Writes of one phase; stored: {value: times found in the database}."""
	tally = WriteTally()
	for w in writes:
		n = stored.get(w.value, 0)
		tally.made += 1
		tally.doubled += n > 1
		if w.acknowledged:
			tally.acknowledged += 1
			tally.stored_once += n == 1
			tally.lost += n == 0
		else:
			tally.refused += 1
			tally.refused_but_stored += n == 1
			tally.stored_once += n == 1
	return tally


def account(phase, requests, writes, stored, target_of, window=10.0, baseline_ratio=1.0):
	"""The PhaseResult of one fault; baseline_ratio: p95 over target before the faults (a machine busy
	with other work may be above target with no fault at all: then "back" also means back to that)."""
	settled = min(phase.end + phase.settle, phase.until)
	during = [r for r in requests if phase.start <= r.done < settled]
	after = [r for r in requests if settled <= r.done < phase.until]
	return PhaseResult(
		name=phase.name,
		failed_during=sum(not r.ok for r in during),
		requests_during=len(during),
		failed_after=sum(not r.ok for r in after),
		requests_after=len(after),
		recovery_seconds=recovery_seconds(requests, phase.end, phase.until, target_of, window),
		p95_during_ms=percentile([r.ms for r in during], 0.95),
		baseline_ratio=baseline_ratio,
		recovery_to_baseline=recovery_seconds(requests, phase.end, phase.until, target_of, window, ceiling=max(1.0, baseline_ratio)),
		writes=tally_writes([w for w in writes if phase.start <= w.at < phase.until], stored),
		tracebacks=sum(r.traceback for r in during + after),
		checks=list(phase.checks),
		requests_must_answer=phase.requests_must_answer,
	)


def verdict(results, baseline_problems=()):
	"""(passed, last line): every fault without a problem, and the quiet start without one."""
	failing = [f"{r.name}: {'; '.join(r.problems)}" for r in results if r.problems]
	failing += [f"before the faults: {p}" for p in baseline_problems]
	if not results:
		return False, "verdict: FAILED — no fault was injected"
	if failing:
		return False, "verdict: FAILED — " + " | ".join(failing)
	return True, f"verdict: PASSED — {len(results)} faults, 0 writes lost, 0 doubled, no request failed after a fault, p95 back every time"


def result_lines(result):
	"""The lines the drill prints for one fault."""
	w = result.writes
	back = "not within the quiet time" if result.recovery_seconds is None else f"{result.recovery_seconds:.0f} s"
	if result.baseline_ratio > 1.0:
		level = "not within the quiet time" if result.recovery_to_baseline is None else f"{result.recovery_to_baseline:.0f} s"
		back += f" (to its level before the faults, {result.baseline_ratio:.2f} of target: {level})"
	lines = [
		f"== {result.name}",
		f"   requests failed: {result.failed_during} of {result.requests_during} during, "
		f"{result.failed_after} of {result.requests_after} after; p95 during {result.p95_during_ms / 1000:.1f} s; "
		f"p95 back within target after {back}",
		f"   writes: {w.made} made, {w.acknowledged} acknowledged, {w.stored_once} stored once, {w.lost} lost, "
		f"{w.doubled} doubled; {w.refused} answered with an error ({w.refused_but_stored} of them stored once)",
	]
	if result.tracebacks:
		lines.append(f"   error answers with a Python traceback: {result.tracebacks}")
	for what, held in result.checks:
		lines.append(f"   {'ok  ' if held else 'FAIL'} {what}")
	return lines
