"""The 附件's figures computed once per change of the annex ledger, city by city.

Every write to the ledger stamps a new random version, as its transaction commits, on the 市州 whose
enterprises it touches (an offer or contract posted or unposted, an enterprise moved); a rebuild or a
change to the region tree stamps the whole province. Figures are cached in Frappe's Redis cache under
the versions of the scopes they read, so a read sees its own transaction's writes, another worker sees
them once committed (the writing transaction itself reads those scopes uncached until then), and a
write that is rolled back leaves the stamps — and the figures — as they were. Versions are random, never counters, so an entry made inside a transaction that rolled back is
never served later. A write in one city leaves every other city's cached figures in place; the
province's are the sum of its cities' (springoffer.annex.figures).
"""

import hashlib
import time

import frappe

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


def _tree():
	"""{region: its 市州 (the root for the root itself)}, read once per request."""
	tree = getattr(frappe.local, "springoffer_region_cities", None)
	if tree is None:
		rows = frappe.get_all("Region", fields=["name", "lft", "rgt", "parent_region"], order_by="lft asc")
		roots = [r for r in rows if not r.parent_region]
		cities = [r for r in rows if r.parent_region in {root.name for root in roots}]
		tree = {root.name: root.name for root in roots}
		for row in rows:
			city = next((c for c in cities if c.lft <= row.lft and row.rgt <= c.rgt), None)
			if city:
				tree[row.name] = city.name
		frappe.local.springoffer_region_cities = tree
	return tree


def scope_of(region):
	"""The 市州 a region lies in (the root for the root itself); the whole province when unknown."""
	return _tree().get(region, EVERYWHERE)


def bump(regions=None):
	"""New versions for the 市州 of `regions` (for every scope when None), written when the current
	transaction commits, and the open boards told: the version rows are then locked last and for an instant, so a ledger write
	never waits on them while holding other rows (nor they on it). Until then this transaction reads
	those scopes uncached, so it sees its own writes."""
	scopes = {EVERYWHERE} if regions is None else {scope_of(region) for region in regions if region}
	if regions is None:
		frappe.local.springoffer_region_cities = None  # the tree may have changed
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


def _pending():
	return getattr(frappe.local, "springoffer_pending_scopes", None) or set()


def versions():
	"""{scope: version} as this transaction sees them; None where the table is missing."""
	try:
		return dict(frappe.db.sql(f"SELECT scope, version FROM `{TABLE}`"))
	except Exception as error:
		if frappe.db.is_table_missing(error):
			return None
		raise


def _key(kind, parts, scope):
	"""The cache key of `kind` and `parts` at the current version of `scope`; None when this
	transaction must compute it itself (it changed what it reads, or there are no versions yet)."""
	pending = _pending()
	if pending and (EVERYWHERE in pending or scope == EVERYWHERE or scope in pending):
		return None  # this transaction changed what it reads: its own writes, uncached
	stamps = versions()
	if stamps is None:
		return None
	if scope == EVERYWHERE:  # reads every city: changes with any of them
		stamp = hashlib.sha1("|".join(f"{k}={v}" for k, v in sorted(stamps.items())).encode()).hexdigest()[:20]
	else:
		stamp = stamps.get(EVERYWHERE, "0") + "." + stamps.get(scope, "0")
	return f"springoffer:annex:{kind}:{stamp}:" + ":".join(str(part) for part in parts)


def _get(key):
	"""A cached value, read from Redis once per request (Frappe's own per-request copy would also
	keep a miss, and hide an entry another worker has stored since)."""
	memo = _memo()
	if key not in memo:
		value = frappe.cache.get_value(key, expires=True)
		if value is None:
			return None
		memo[key] = value
	return memo[key]


def _set(key, value):
	frappe.cache.set_value(key, value, expires_in_sec=EXPIRY)
	_memo()[key] = value


def _memo():
	memo = getattr(frappe.local, "springoffer_annex_memo", None)
	if memo is None:
		memo = frappe.local.springoffer_annex_memo = {}
	return memo


def cached(kind, parts, compute, scope=EVERYWHERE):
	"""compute() once per version of `scope` (a 市州, the root, or everywhere) for `kind` and `parts`."""
	key = _key(kind, parts, scope)
	if key is None:
		return compute()
	value = _get(key)
	if value is None:
		value = _compute_once(key, compute)
	return value


def peek(kind, parts, scope=EVERYWHERE):
	"""What cached() would return without computing anything: the value, or None."""
	key = _key(kind, parts, scope)
	return None if key is None else _get(key)


def store(kind, parts, value, scope=EVERYWHERE):
	"""Cache `value` as what cached() would compute for `kind` and `parts` (a by-product of another
	computation); nothing when this transaction computes its own."""
	key = _key(kind, parts, scope)
	if key is not None:
		_set(key, value)


def _compute_once(key, compute):
	"""One worker computes a missing entry; the others asking for it meanwhile wait for its result
	instead of running the same queries at the same time (a burst after each ledger write, under the
	deadline's load). A worker that waits in vain — the other failed — computes it itself."""
	lock = frappe.cache.make_key(f"{key}:computing")
	if frappe.cache.set(lock, frappe.local.site, nx=True, ex=COMPUTE_SECONDS):
		try:
			value = compute()
			_set(key, value)
			return value
		finally:
			frappe.cache.delete(lock)
	deadline = time.monotonic() + COMPUTE_SECONDS
	while time.monotonic() < deadline:
		time.sleep(WAIT_STEP)
		value = _get(key)
		if value is not None:
			return value
		if not frappe.cache.get(lock):
			break
	value = compute()
	_set(key, value)
	return value


def version():
	"""One string that changes with any stamp (for tests and diagnostics)."""
	stamps = versions()
	return None if stamps is None else "|".join(f"{k}={v}" for k, v in sorted(stamps.items()))
