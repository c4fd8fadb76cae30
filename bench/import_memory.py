"""Import memory benchmark: peak memory of `ketnghia import` as a CSV grows.

    uv run python bench/import_memory.py                        # 3, 300,000 and 1,500,000 rows
    uv run python bench/import_memory.py --rows 3 100000 --kind agencies

For each size and kind it generates a CSV (bench/out, reused), imports it into a fresh
database (activities: over the province of bench/import.py, 500 agencies and 20,000 villages
and pairings; agencies: into an empty database) and prints the peak resident memory of the
ketnghia process beside that of `sqlite3 .import` of the same file into a plain table. The
contract: memory constant whatever the file's size, so the ketnghia column should not grow
with the rows. POSIX only (it reads the child's peak memory with wait4).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
spec = importlib.util.spec_from_file_location("bench_import", HERE / "import.py")
bench_import = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
spec.loader.exec_module(bench_import)  # type: ignore[union-attr]
run, ketnghia = bench_import.run, bench_import.ketnghia


def make_agencies(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["code", "name", "kind", "level", "district", "head", "phone", "note"])
        for i in range(rows):
            w.writerow(
                [
                    f"CQ{i:07d}",
                    f"Cơ quan số {i}",
                    "department",
                    "province",
                    f"Huyện {i % 17}",
                    "Nguyễn Văn An",
                    f"0269 {i % 10_000:04d}",
                    "ghi chú",
                ]
            )


def fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def measure(kind: str, rows: int, base: Path | None) -> dict:
    path = OUT / f"{kind}-{rows}.csv"
    if not path.exists():
        if kind == "agencies":
            make_agencies(path, rows)
        else:
            bench_import.make_activities(path, rows)
    db = OUT / "memory.db"
    fresh(db)
    if base is not None:
        shutil.copy(base, db)
    seconds, peak = bench_import.run(
        bench_import.ketnghia("--db", str(db), "import", "--quiet", str(path))
    )
    plain = OUT / "memory-plain.db"
    fresh(plain)
    reference, reference_peak = bench_import.run(
        ["sqlite3", str(plain), f".import --csv {path} {kind}"]
    )
    return {
        "kind": kind,
        "rows": rows,
        "seconds": seconds,
        "peak": peak,
        "reference": reference,
        "reference_peak": reference_peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[3, 300_000, 1_500_000])
    parser.add_argument(
        "--kind", choices=["activities", "agencies"], nargs="+", default=["activities", "agencies"]
    )
    options = parser.parse_args()
    if shutil.which("sqlite3") is None:
        sys.exit("the sqlite3 command-line shell is needed for the comparison")
    OUT.mkdir(exist_ok=True)
    base = None
    if "activities" in options.kind:
        base = OUT / "memory-province.db"
        if not base.exists():
            fresh(base)
            files = bench_import.make_province(OUT)
            bench_import.run(
                bench_import.ketnghia("--db", str(base), "import", "--quiet", *map(str, files))
            )
    print(
        f"{'kind':<11} {'rows':>10} {'ketnghia s':>11} {'peak MiB':>9} "
        f"{'sqlite3 s':>10} {'sqlite3 MiB':>12}"
    )
    for kind in options.kind:
        for rows in options.rows:
            r = measure(kind, rows, base if kind == "activities" else None)
            print(
                f"{r['kind']:<11} {r['rows']:>10,} {r['seconds']:>11.2f} {r['peak']:>9.0f} "
                f"{r['reference']:>10.2f} {r['reference_peak']:>12.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
