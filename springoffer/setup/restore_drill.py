"""The restore drill: `bench --site S springoffer restore-drill` (README, 运维).

The newest complete backup of S (database, public and private files, site config, as
springoffer.security.backups finds it in sites/S/private/backups) is restored the way the README tells
an administrator to restore onto a new server: a new site, the backup's encryption_key set on it,
`bench restore … --with-public-files … --with-private-files …`. Then compare-site's snapshot of both
sites (springoffer.setup.site_snapshot) and every active answer link of S, opened with its printed
secret on the restored site. The scratch site is dropped afterwards unless kept. Local MariaDB only.
"""

import json
import secrets
import subprocess
from pathlib import Path

import click
import frappe

from springoffer.core.snapshots import differences
from springoffer.security import backups
from springoffer.setup.site_snapshot import snapshot

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def printed_links():
	"""[(offer, printed secret)] of every active answer link, as the 要约书 printed them."""
	from springoffer.portal import links

	rows = frappe.get_all(links.DOCTYPE, filters={"status": links.ACTIVE}, fields=["offer", "nonce"], order_by="creation", limit=0)
	# the secret the 要约书 carries: the portal's own derivation (read, not reimplemented)
	return [(row.offer, links._secret(row.offer, row.nonce)) for row in rows]


def links_opening(printed):
	"""How many printed secrets open their own offer on the connected site."""
	from springoffer.portal import links

	return sum(links.offer_of(token) == offer for offer, token in printed)


def bench(args, cwd, quiet=False, secret=None):
	"""`bench …` from the bench folder, shown without passwords or the key; its output shown (only
	its last lines, on failure, when quiet); its exit code returned."""
	shown = " ".join("***" if a == secret else "--db-root-password=***" if a.startswith("--db-root-password=") else a for a in args)
	click.echo(f"$ bench {shown}")
	if not quiet:
		return subprocess.run(["bench", *args], cwd=cwd, check=False).returncode
	done = subprocess.run(["bench", *args], cwd=cwd, check=False, capture_output=True, text=True)
	if done.returncode:
		click.echo("\n".join((done.stdout + done.stderr).splitlines()[-20:]))
	return done.returncode


def run(site, scratch, keep, db_root_password, sites_path):
	bench_path = str(Path(sites_path).resolve().parent)
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	try:
		if (frappe.conf.db_host or "localhost") not in LOCAL_HOSTS:
			click.secho(f"数据库不在本机（{frappe.conf.db_host}）：恢复演练只用本机数据库", fg="red")
			return False
		found = backups.latest_backup()
		if not found:
			click.secho(
				f"{site} 没有完整的备份（数据库、公开文件、私有文件、站点配置）：先运行 bench --site {site} backup --with-files", fg="red"
			)
			return False
		with open(found["config"], encoding="utf-8") as f:
			carried = json.load(f)
		key = carried.get("encryption_key")
		# 加密备份 (System Settings): the files are decrypted with the backup key; the copy of the config
		# taken by the first encrypted backup lacks it (Frappe makes the key after copying), so the site's own
		backup_key = carried.get("backup_encryption_key") or frappe.conf.get("backup_encryption_key")
		printed = printed_links()
		root_password = db_root_password or frappe.conf.get("root_password")
		click.echo(f"备份：{Path(found['database']).name}（{Path(found['database']).name.split('-', 1)[0]}）")
		from frappe.utils.scheduler import is_scheduler_disabled

		scheduler = f"未开启（bench --site {site} enable-scheduler）" if is_scheduler_disabled() else "已开启"
		kept = frappe.conf.get(backups.KEEP_HOURS) or 24
		ours = "每天一次（含文件）" if backups.scheduled_backups_on() else "未由本应用开启"
		click.echo(f"定时备份：{ours}，保留 {kept} 小时；调度器{scheduler}")
	finally:
		frappe.destroy()
	if not key:
		click.secho("备份的站点配置中没有 encryption_key：密码、API 密钥和回复链接在新站点上将无法使用", fg="red")
		return False
	if (Path(sites_path) / scratch).exists():
		click.secho(f"站点 {scratch} 已存在：请换一个 --scratch 名称，或先删除它", fg="red")
		return False

	root = [f"--db-root-password={root_password}"] if root_password else []
	created = False
	passed = False
	try:
		password = secrets.token_urlsafe(12)
		if bench(["new-site", scratch, *root, f"--admin-password={password}"], bench_path, quiet=True, secret=f"--admin-password={password}"):
			click.secho(f"无法建立临时站点 {scratch}", fg="red")
			return False
		created = True
		# The key travels with the backup: set before the restore, as on a new server.
		bench(["--site", scratch, "set-config", "encryption_key", key], bench_path, secret=key)
		decrypt = ["--encryption-key", backup_key] if backup_key else []
		restored = bench(
			["--site", scratch, "restore", found["database"], "--with-public-files", found["public"], "--with-private-files", found["private"], *root, *decrypt],
			bench_path,
			secret=backup_key,
		)
		if restored:
			click.secho("恢复失败", fg="red")
			return False
		taken = {}
		opened = {}
		for name in (site, scratch):
			frappe.init(site=name, sites_path=sites_path)
			frappe.connect()
			try:
				taken[name] = snapshot()
				opened[name] = links_opening(printed)
			finally:
				frappe.destroy()
		found_differences = differences(taken[site], taken[scratch])
		for line in found_differences:
			click.echo(line)
		click.echo("compare-site: " + ("identical" if not found_differences else f"{len(found_differences)} differences"))
		click.echo(f"回复链接：{len(printed)} 条有效链接，在原站点打开 {opened[site]} 条，在恢复的站点打开 {opened[scratch]} 条")
		passed = not found_differences and opened[scratch] == len(printed)
	finally:
		if created and not keep:
			bench(["drop-site", scratch, *root, "--no-backup", "--force"], bench_path, quiet=True)
		elif created:
			click.echo(f"保留临时站点 {scratch}（bench drop-site {scratch} 删除）")
	click.secho(
		f"restore drill: {'PASSED' if passed else 'FAILED'} — {Path(found['database']).name} restored into {scratch}",
		fg="green" if passed else "red",
	)
	return passed
