"""The 附件's figures computed once per change of the annex ledger, region by region.

Every write to the ledger stamps a new random version, as its transaction commits, on the regions
whose enterprises it touches (an offer or contract posted or unposted, an enterprise moved); a
rebuild or a change to the region tree stamps everywhere. Figures are cached in Frappe's Redis cache
under the versions of the regions they read (a unit's: its whole subtree's), so a read sees its own
transaction's writes, another worker sees them once committed (the writing transaction itself reads
those regions uncached until then), and a write that is rolled back leaves the stamps — and the
figures — as they were. Versions are random, never counters, so an entry made inside a transaction
that rolled back is never served later. A write in one county recomputes that county's own figures
only; a city's and the province's are sums of cached parts (springoffer.annex.figures). When several
workers miss the same entry at once, one computes it and the others wait for it.

The cache Redis down (refusing connections, or timing out) costs speed, never an answer: a request
that finds it down computes what it reads without the cache and without the single-flight lock, and
asks Redis no more until it ends. Nothing goes stale meanwhile: the versions live in MariaDB, so a
write made while Redis was down changes the keys its figures are cached under, and entries cached
before it are never read again once Redis is back.
"""

import hashlib
import time

import frappe
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

TABLE = "springoffer_annex_versions"  # not `tab…`: no DocType, and `bench trim-database` leaves it alone
EVERYWHERE = "*"
EXPIRY = 6 * 3600  # entries of versions gone by expire on their own
COMPUTE_SECONDS = 20  # the longest a worker waits for another computing the same entry
WAIT_STEP = 0.05
# The realtime event sent once a transaction that changed figures commits (the province board listens).
ANNOUNCEMENT = "springoffer_figures_changed"


def create_table():
	"""At install and on the first migrate with it (DDL commits: only when the table is missing)."""
	if not frappe.db.sql("SHOW TABLES LIKE %s", TABLE):
		frappe.db.sql_ddl(f"CREATE TABLE `{TABLE}` (scope VARCHAR(140) PRIMARY KEY, version VARCHAR(32) NOT NULL) ENGINE=InnoDB")


def drop_table():
	frappe.db.sql_ddl(f"DROP TABLE IF EXISTS `{TABLE}`")


def _regions():
	"""{region: (lft, rgt)} of the whole tree in tree order, read once per request."""
	regions = getattr(frappe.local, "springoffer_regions", None)
	if regions is None:
		rows = frappe.get_all("Region", fields=["name", "lft", "rgt"], order_by="lft asc")
		regions = frappe.local.springoffer_regions = {row.name: (row.lft, row.rgt) for row in rows}
	return regions


def scope_of(region):
	"""What a record placed on `region` is stamped under: the region itself (everywhere when unknown)."""
	return region if region in _regions() else EVERYWHERE


def bucket_scope(region, bucket):
	"""What a record placed on `region` in `bucket` (springoffer.annex.ledger.bucket_of) is stamped under
	besides its region: a large region's figures are summed from its buckets, each cached apart."""
	scope = scope_of(region)
	return scope if scope == EVERYWHERE else f"{scope}#{bucket}"


def children(region):
	"""The regions directly below `region`, in tree order."""
	regions = _regions()
	if region not in regions:
		return []
	lft, rgt = regions[region]
	below = [(name, bounds) for name, bounds in regions.items() if lft < bounds[0] and bounds[1] < rgt]
	found, covered = [], 0  # in tree order, a child is the first region not inside the previous one
	for name, (left, right) in below:
		if left > covered:
			found.append(name)
			covered = right
	return found


def subtree(region):
	"""The regions of `region`'s subtree, itself first, in tree order ([] when unknown)."""
	regions = _regions()
	if region not in regions:
		return []
	lft, rgt = regions[region]
	return [name for name, (left, right) in regions.items() if lft <= left and right <= rgt]


def bump(regions=None):
	"""New versions for `regions` (for every scope when None), written when the current
	transaction commits, and the open boards told: the version rows are then locked last and for an instant, so a ledger write
	never waits on them while holding other rows (nor they on it). Until then this transaction reads
	those scopes uncached, so it sees its own writes."""
	scopes = {EVERYWHERE} if regions is None else set()
	for place in regions or ():  # a region, or (region, bucket) where the write touched that bucket
		region, bucket = place if isinstance(place, tuple) else (place, None)
		if region:
			scopes.add(scope_of(region))
			if bucket is not None:
				scopes.add(bucket_scope(region, bucket))
	if regions is None:
		frappe.local.springoffer_regions = None  # the tree may have changed
	if not scopes:
		return
	pending = getattr(frappe.local, "springoffer_pending_scopes", None)
	if pending is None:
		pending = frappe.local.springoffer_pending_scopes = set()
		frappe.db.before_commit.add(_write_pending)
		frappe.db.after_rollback.add(_forget_pending)
	pending |= scopes
	announce()


def announce(doc=None, method=None):
	"""Tell the open boards, once this transaction commits, that figures changed: an event with no
	content to the whole site, each board then asks for its own region. Sent once per transaction
	however often it is called (Frappe keeps one of each queued message). Also a doc_events hook."""
	from frappe.realtime import get_site_room

	frappe.publish_realtime(ANNOUNCEMENT, {}, room=get_site_room(), after_commit=True)


def _write_pending():
	scopes = getattr(frappe.local, "springoffer_pending_scopes", None) or set()
	frappe.local.springoffer_pending_scopes = None
	_forget_stamps()
	if not scopes:
		return
	try:
		frappe.db.sql(
			f"INSERT INTO `{TABLE}` (scope, version) VALUES "
			+ ", ".join(["(%s, %s)"] * len(scopes))
			+ " ON DUPLICATE KEY UPDATE version = VALUES(version)",
			[value for scope in sorted(scopes) for value in (scope, frappe.generate_hash(length=20))],
		)
	except Exception as error:
		if not frappe.db.is_table_missing(error):  # before the first migrate with this version: nothing cached yet
			raise


def _forget_pending():
	frappe.local.springoffer_pending_scopes = None
	frappe.local.springoffer_regions = None  # a region made in the rolled-back transaction is gone
	_forget_stamps()


def everywhere_pending():
	"""Whether this transaction changed what every figure reads (nothing is cached for it)."""
	return EVERYWHERE in _pending()


def _pending():
	return getattr(frappe.local, "springoffer_pending_scopes", None) or set()


def versions():
	"""{scope: version} as this transaction sees them; None where the table is missing. Read once per
	transaction (its snapshot would not change them): a province's figures ask for dozens of keys."""
	stamps = getattr(frappe.local, "springoffer_stamps", None)
	if stamps is None:
		try:
			stamps = dict(frappe.db.sql(f"SELECT scope, version FROM `{TABLE}`"))
		except Exception as error:
			if frappe.db.is_table_missing(error):
				return None
			raise
		frappe.local.springoffer_stamps = stamps
		frappe.db.after_commit.add(_forget_stamps)
		frappe.db.after_rollback.add(_forget_stamps)
	return stamps


def _forget_stamps():
	frappe.local.springoffer_stamps = None


def _key(kind, parts, scope, below=True):
	"""The cache key of `kind` and `parts` at the current version of `scope` (with the regions below
	it, unless `below` is false); None when this transaction must compute it itself (it changed what
	it reads, or there are no versions yet)."""
	members = None if scope == EVERYWHERE else (subtree(scope) if below else None) or [scope]
	pending = _pending()
	if pending and (EVERYWHERE in pending or members is None or not pending.isdisjoint(members)):
		return None  # this transaction changed what it reads: its own writes, uncached
	stamps = versions()
	if stamps is None:
		return None
	if members is None:  # reads every region: changes with any of them
		stamp = _digest(f"{k}={v}" for k, v in sorted(stamps.items()))
	elif len(members) == 1:
		stamp = stamps.get(EVERYWHERE, "0") + "." + stamps.get(scope, "0")
	else:  # a region and everything below it
		stamp = _digest([stamps.get(EVERYWHERE, "0"), *(stamps.get(member, "0") for member in members)])
	return f"springoffer:annex:{kind}:{stamp}:" + ":".join(str(part) for part in parts)


def _digest(texts):
	return hashlib.sha1("|".join(texts).encode()).hexdigest()[:20]


# The cache Redis refusing connections or timing out: the figures are computed without it.
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)


def redis_down():
	"""Whether this request found the cache Redis down (it then leaves Redis alone until it ends)."""
	return bool(getattr(frappe.local, "springoffer_cache_down", False))


def _went_down():
	frappe.local.springoffer_cache_down = True


def _get(key):
	"""A cached value, read from Redis once per request (Frappe's own per-request copy would also
	keep a miss, and hide an entry another worker has stored since)."""
	memo = _memo()
	if key not in memo:
		if redis_down():
			return None
		try:
			# Frappe's get_value swallows a refused connection (a miss) but not a timeout
			value = frappe.cache.get_value(key, expires=True)
		except REDIS_DOWN:
			_went_down()
			return None
		if value is None:
			return None
		memo[key] = value
	return memo[key]


def _set(key, value, expires_in_sec=EXPIRY):
	_memo()[key] = value
	if redis_down():
		return
	try:
		frappe.cache.set_value(key, value, expires_in_sec=expires_in_sec)
	except REDIS_DOWN:
		_went_down()


def remembered(key, compute, expires_in_sec):
	"""compute() kept under `key` for `expires_in_sec` (a value that is right whatever its age), or
	computed each time while the cache Redis is down."""
	value = _get(key)
	if value is None:
		value = compute()
		_set(key, value, expires_in_sec)
	return value


def _memo():
	memo = getattr(frappe.local, "springoffer_annex_memo", None)
	if memo is None:
		memo = frappe.local.springoffer_annex_memo = {}
	return memo


def cached(kind, parts, compute, scope=EVERYWHERE, below=True):
	"""compute() once per version of `scope` (a region and those below it, or the region alone when
	`below` is false; or everywhere) for `kind` and `parts`."""
	key = _key(kind, parts, scope, below)
	if key is None:
		return compute()
	value = _get(key)
	if value is None:
		value = _compute_once(key, compute)
	return value


def peek(kind, parts, scope=EVERYWHERE, below=True):
	"""What cached() would return without computing anything: the value, or None."""
	key = _key(kind, parts, scope, below)
	return None if key is None else _get(key)


def store(kind, parts, value, scope=EVERYWHERE, below=True):
	"""Cache `value` as what cached() would compute for `kind` and `parts` (a by-product of another
	computation); nothing when this transaction computes its own."""
	key = _key(kind, parts, scope, below)
	if key is not None:
		_set(key, value)


def _compute_once(key, compute):
	"""One worker computes a missing entry; the others asking for it meanwhile wait for its result
	instead of running the same queries at the same time (a burst after each ledger write, under the
	deadline's load). A worker that waits in vain — the other failed — computes it itself, and so does
	one that finds the cache Redis down (there is no lock to take nor entry to wait for)."""
	if redis_down():
		return compute()
	lock = frappe.cache.make_key(f"{key}:computing")
	try:
		locked = frappe.cache.set(lock, frappe.local.site, nx=True, ex=COMPUTE_SECONDS)
	except REDIS_DOWN:
		_went_down()
		return compute()
	if locked:
		try:
			value = compute()
			_set(key, value)
			return value
		finally:
			_unlock(lock)
	deadline = time.monotonic() + COMPUTE_SECONDS
	while time.monotonic() < deadline and not redis_down():
		time.sleep(WAIT_STEP)
		value = _get(key)
		if value is not None:
			return value
		try:
			if not frappe.cache.get(lock):
				break
		except REDIS_DOWN:
			_went_down()
	value = compute()
	_set(key, value)
	return value


def _unlock(lock):
	if redis_down():
		return  # the lock expires on its own (COMPUTE_SECONDS)
	try:
		frappe.cache.delete(lock)
	except REDIS_DOWN:
		_went_down()


def version():
	"""One string that changes with any stamp (for tests and diagnostics)."""
	stamps = versions()
	return None if stamps is None else "|".join(f"{k}={v}" for k, v in sorted(stamps.items()))
