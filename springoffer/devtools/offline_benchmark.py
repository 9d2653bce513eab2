"""The offline command against openpyxl's bare read of the same province-scale workbook, in one run
(issue target: the command in at most a quarter of openpyxl's time, at most 400 MB peak memory).

    python -m springoffer.devtools.offline_benchmark [ledger.xlsx]

The workbook is springoffer.devtools.benchmark's ledger (100,000 enterprises, 200,000 offer rows, 50,000
contract rows), written first when the file does not exist. Each measurement runs in a child process
so its wall time and peak resident memory are its own. It prints; it asserts nothing.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPENPYXL_READ = """
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], read_only=True, data_only=True)
rows = 0
for sheet in book.worksheets:
	sheet.reset_dimensions()
	for _values in sheet.iter_rows(values_only=True):
		rows += 1
print(rows)
"""

CALAMINE_READ = """
import sys
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
print(sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names))
"""


def measure(argv):
	"""(seconds, peak MB, last line printed) of one child process."""
	started = time.perf_counter()
	child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
	output = child.stdout.read()
	_pid, status, usage = os.wait4(child.pid, 0)
	seconds = time.perf_counter() - started
	if os.waitstatus_to_exitcode(status) != 0:
		raise SystemExit(f"{' '.join(map(str, argv))} failed:\n{output}")
	return seconds, usage.ru_maxrss / 1024, (output.strip().splitlines() or [""])[-1]


def run(path):
	path = Path(path)
	if not path.exists():
		from springoffer.devtools.province_data import write_ledger_workbook

		print(f"writing the benchmark ledger to {path} …")
		write_ledger_workbook(path)
	print(f"workbook: {path} ({path.stat().st_size / 1e6:.1f} MB)\n")
	python = sys.executable
	with tempfile.TemporaryDirectory() as folder:
		results = {
			"openpyxl bare read (read-only, values)": measure([python, "-c", OPENPYXL_READ, str(path)]),
			"calamine bare read": measure([python, "-c", CALAMINE_READ, str(path)]),
			"offline command, whole province": measure(
				[python, "-m", "springoffer", "annex", str(path), "--unit", "湖南省", "--as-of", "2023-06-30", "--output", str(Path(folder) / "annex.xlsx")]
			),
		}
	for label, (seconds, peak, _last) in results.items():
		print(f"{label:<42}{seconds:>8.2f} s {peak:>8.0f} MB")
	bare = results["openpyxl bare read (read-only, values)"][0]
	seconds, peak, _last = results["offline command, whole province"]
	print(f"\n{'offline command ≤ ¼ of openpyxl read':<42}{seconds / bare:>8.2f}×   {'met' if seconds <= bare / 4 else 'NOT met'}")
	print(f"{'offline command ≤ 400 MB':<42}{peak:>8.0f} MB  {'met' if peak <= 400 else 'NOT met'}")


if __name__ == "__main__":
	run(sys.argv[1] if len(sys.argv) > 1 else "benchmark-ledger.xlsx")
