"""Import benchmark: N activity rows over a province of 500 agencies and 20,000 villages.

    uv run python bench/import.py                 # 1,000,000 rows
    uv run python bench/import.py --rows 100000 200000 --xlsx 100000
    uv run python bench/import.py --postgres URL  # also against PostgreSQL (and psql \\copy)

Prints, for each size: ketnghia's wall time, rows/s and peak memory (of the ketnghia process),
the time of `sqlite3 .import` of the same CSV into a plain table, and the ratio. Targets (see
issue "Batch import"): ratio <= 3 with full validation; peak memory <= 150 MiB and flat in N.
POSIX only (it reads the child's peak memory with wait4).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
AGENCIES, VILLAGES = 500, 20_000
KINDS = ["construction", "production", "gifts", "education", "health", "culture", "training"]
SOURCES = ["agency", "staff", "enterprise", "community", "state"]
TITLES = [
    "Tặng quà Tết cho hộ nghèo",
    "Khoan giếng nước sạch",
    "Hỗ trợ bò giống sinh sản",
    "Tặng cây giống cà phê",
    "Trao học bổng",
    "Khám bệnh, cấp thuốc",
    "Tập huấn kỹ thuật",
]


def make_province(folder: Path) -> list[Path]:
    rng = random.Random(1)
    files = []
    path = folder / "agencies.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["code", "name", "kind"])
        w.writerows([f"A{i:04d}", f"Cơ quan số {i}", "department"] for i in range(AGENCIES))
    files.append(path)
    path = folder / "villages.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["code", "name", "district", "households", "poor_households"])
        for i in range(VILLAGES):
            w.writerow([f"V{i:05d}", f"Làng số {i}", f"Huyện {i % 17}", 200, rng.randrange(60)])
    files.append(path)
    path = folder / "pairings.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["agency_code", "village_code", "started_on"])
        w.writerows([f"A{i % AGENCIES:04d}", f"V{i:05d}", "2024-01-01"] for i in range(VILLAGES))
    files.append(path)
    return files


def make_activities(
    path: Path, rows: int, start: dt.date = dt.date(2024, 1, 1), days: int = 730
) -> None:
    rng = random.Random(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "ref",
                "agency_code",
                "village_code",
                "date",
                "kind",
                "title",
                "value_vnd",
                "source",
                "quantity",
                "unit",
                "households_benefited",
            ]
        )
        for i in range(rows):
            v = rng.randrange(VILLAGES)
            w.writerow(
                [
                    f"HD{i:08d}",
                    f"A{v % AGENCIES:04d}",
                    f"V{v:05d}",
                    (start + dt.timedelta(days=rng.randrange(days))).isoformat(),
                    rng.choice(KINDS),
                    rng.choice(TITLES),
                    rng.randrange(1, 300) * 100_000,
                    rng.choice(SOURCES),
                    rng.randrange(1, 50),
                    "suất",
                    rng.randrange(1, 40),
                ]
            )


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak MiB of a child process."""
    began = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - began
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(args)}\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024


def ketnghia(*args: str) -> list[str]:
    return [sys.executable, "-m", "ketnghia", *args]


def bench_sqlite(rows: int, base: list[Path], csv_path: Path) -> dict:
    db = OUT / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    run(ketnghia("--db", str(db), "import", "--quiet", *map(str, base)))
    seconds, peak = run(ketnghia("--db", str(db), "import", "--quiet", str(csv_path)))
    plain = OUT / "plain.db"
    plain.unlink(missing_ok=True)
    reference, _ = run(["sqlite3", str(plain), f".import --csv {csv_path} activities"])
    return {"rows": rows, "seconds": seconds, "peak": peak, "reference": reference}


def bench_postgres(rows: int, base: list[Path], csv_path: Path, url: str) -> dict:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    run(ketnghia("--db", url, "import", "--quiet", *map(str, base)))
    seconds, peak = run(ketnghia("--db", url, "import", "--quiet", str(csv_path)))
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    create = (
        "CREATE TABLE plain_activities (ref text, agency_code text, village_code text, "
        "date text, kind text, title text, value_vnd text, source text, quantity text, "
        "unit text, households_benefited text)"
    )
    subprocess.run(["psql", plain, "-qc", "DROP TABLE IF EXISTS plain_activities"], check=True)
    subprocess.run(["psql", plain, "-qc", create], check=True)
    reference, _ = run(
        ["psql", plain, "-qc", f"\\copy plain_activities FROM '{csv_path}' CSV HEADER"]
    )
    return {"rows": rows, "seconds": seconds, "peak": peak, "reference": reference}


def bench_xlsx(rows: int, base: list[Path], csv_path: Path, csv_seconds: float | None) -> dict:
    from openpyxl import Workbook

    xlsx = OUT / f"activities-{rows}.xlsx"
    if not xlsx.exists():
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("activities")
        with csv_path.open(encoding="utf-8") as f:
            for row in csv.reader(f):
                sheet.append(row)
        workbook.save(xlsx)
    db = OUT / "bench-xlsx.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    run(ketnghia("--db", str(db), "import", "--quiet", *map(str, base)))
    seconds, peak = run(ketnghia("--db", str(db), "import", "--quiet", str(xlsx)))
    if csv_seconds is None:
        csv_seconds = bench_sqlite(rows, base, csv_path)["seconds"]
    return {"rows": rows, "seconds": seconds, "peak": peak, "reference": csv_seconds}


def table(title: str, reference: str, results: list[dict]) -> None:
    print(f"\n{title}")
    print(
        f"{'rows':>10} {'ketnghia s':>11} {'rows/s':>10} {'peak MiB':>9} "
        f"{reference:>14} {'ratio':>6}"
    )
    for r in results:
        print(
            f"{r['rows']:>10,} {r['seconds']:>11.2f} {r['rows'] / r['seconds']:>10,.0f} "
            f"{r['peak']:>9.0f} {r['reference']:>14.2f} {r['seconds'] / r['reference']:>6.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--xlsx", type=int, nargs="*", default=[])
    parser.add_argument("--postgres", metavar="URL")
    options = parser.parse_args()
    if shutil.which("sqlite3") is None:
        sys.exit("the sqlite3 command-line shell is needed for the comparison")
    OUT.mkdir(exist_ok=True)
    base = make_province(OUT)
    sizes = sorted(set(options.rows) | set(options.xlsx))
    files = {}
    for rows in sizes:
        files[rows] = OUT / f"activities-{rows}.csv"
        if not files[rows].exists():
            make_activities(files[rows], rows)
    results = [bench_sqlite(rows, base, files[rows]) for rows in options.rows]
    table("CSV into SQLite (full validation) vs sqlite3 .import", "sqlite3 .import", results)
    if options.xlsx:
        known = {r["rows"]: r["seconds"] for r in results}
        xlsx = [bench_xlsx(n, base, files[n], known.get(n)) for n in options.xlsx]
        table("xlsx vs the same rows from CSV (target ratio <= 10)", "CSV s", xlsx)
    if options.postgres:
        pg = [bench_postgres(rows, base, files[rows], options.postgres) for rows in options.rows]
        table("CSV into PostgreSQL vs psql \\copy", "psql \\copy", pg)


if __name__ == "__main__":
    main()
