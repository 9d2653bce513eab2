"""Two sites compared after a restore: what `bench … springoffer compare-site` prints.

A snapshot is plain data: {"counts": {doctype: rows}, "content": {doctype: checksum}, "annex": {(campaign, unit): figures as a
list}, "files": {file_url: sha256}}. `differences` names every way two snapshots differ, in Chinese,
most telling first; none means the restore gave back the same site."""


def differences(ours, theirs, limit=50):
	found = []
	for section, label in (("counts", "记录数"), ("content", "记录内容"), ("annex", "附件数字"), ("files", "附件文件")):
		a, b = ours.get(section, {}), theirs.get(section, {})
		for key in sorted(set(a) | set(b), key=str):
			if a.get(key) != b.get(key):
				found.append(f"{label} {_name(key)}：本站 {_value(a.get(key))}，对方 {_value(b.get(key))}")
	return found[:limit] + ([f"……另有 {len(found) - limit} 处不同"] if len(found) > limit else [])


def _name(key):
	return " / ".join(map(str, key)) if isinstance(key, (tuple, list)) else str(key)


def _value(value):
	if value is None:
		return "无"
	if isinstance(value, str) and len(value) == 64:  # a file's hash
		return value[:12]
	return str(value)
