"""Annual report benchmark: 1,000,000 activities over 20,000 pairings and three years.

    uv run python bench/report.py [--rows N] [--postgres URL]

Builds the database once (bench/out/report-N.db, reused), then prints the time of the annual
report for 2024 measured inside one process (net of start-up), its peak memory, one sqlite3
scan of the same year's activity rows, and the report's two aggregate queries run directly in
sqlite3. Targets (see issue "The annual report"): <= 4x the scan (stretch 2x), <= 100 MiB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
spec = importlib.util.spec_from_file_location("bench_import", HERE / "import.py")
bench_import = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
spec.loader.exec_module(bench_import)  # type: ignore[union-attr]

SCAN = (
    "SELECT count(*), sum(value_vnd), sum(households_benefited) FROM activities NOT INDEXED "
    "WHERE date BETWEEN '2024-01-01' AND '2024-12-31'"
)
INDEX_SCAN = SCAN.replace(" NOT INDEXED", "")
REPORT_SQL = [
    "SELECT pairing_id, count(*), coalesce(sum(value_vnd), 0), "
    "coalesce(sum(households_benefited), 0) FROM activities "
    "WHERE date BETWEEN '2024-01-01' AND '2024-12-31' GROUP BY pairing_id",
    "SELECT kind, source, count(*), coalesce(sum(value_vnd), 0) FROM activities "
    "WHERE date BETWEEN '2024-01-01' AND '2024-12-31' GROUP BY kind, source",
]
IN_PROCESS = """
import resource, sys, time
from ketnghia.db import Database
from ketnghia.reports.annual import annual_report
db = Database(sys.argv[1])
with db.session() as s:
    annual_report(s, 2023)  # warm the page cache like the sqlite3 runs below
    began = time.perf_counter()
    report = annual_report(s, 2024)
    elapsed = time.perf_counter() - began
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
      report["totals"]["activities"])
"""


def build(rows: int, target: str) -> None:
    base = bench_import.make_province(OUT)
    pairings = OUT / "pairings.csv"
    pairings.write_text(pairings.read_text().replace("2024-01-01", "2023-01-01"))
    csv_path = OUT / f"report-activities-{rows}.csv"
    if not csv_path.exists():
        bench_import.make_activities(csv_path, rows, dt.date(2023, 1, 1), 3 * 365)
    subprocess.run(
        bench_import.ketnghia("--db", target, "import", "--quiet", *map(str, base), str(csv_path)),
        check=True,
    )


def timed(args: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", metavar="URL")
    options = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    db = OUT / f"report-{options.rows}.db"
    if not db.exists():
        print(f"building {db} …", file=sys.stderr)
        build(options.rows, str(db))
    run = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, str(db)], check=True, capture_output=True, text=True
    )
    seconds, peak, count = run.stdout.split()
    sqlite = ["sqlite3", str(db)]
    timed([*sqlite, SCAN])  # warm
    scan = min(timed([*sqlite, SCAN]) for _ in range(3))
    index_scan = min(timed([*sqlite, INDEX_SCAN]) for _ in range(3))
    direct = min(timed([*sqlite, *REPORT_SQL]) for _ in range(3))
    report = float(seconds)
    print(f"\nannual report 2024 over {options.rows:,} activities ({int(count):,} in 2024)")
    print(f"{'':34}{'seconds':>9}{'× scan':>9}")
    print(f"{'ketnghia report (in process)':34}{report:>9.3f}{report / scan:>9.2f}")
    print(f"{'same SQL directly in sqlite3':34}{direct:>9.3f}{direct / scan:>9.2f}")
    print(f"{'one sqlite3 scan of the rows':34}{scan:>9.3f}{1:>9.2f}")
    print(f"{'the same scan through the index':34}{index_scan:>9.3f}{index_scan / scan:>9.2f}")
    print(f"peak memory of the report process: {float(peak):.0f} MiB")
    if options.postgres:
        build(options.rows, options.postgres)
        run = subprocess.run(
            [sys.executable, "-c", IN_PROCESS, options.postgres],
            check=True,
            capture_output=True,
            text=True,
        )
        print(f"PostgreSQL: annual report {float(run.stdout.split()[0]):.3f} s")


if __name__ == "__main__":
    main()
