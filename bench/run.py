"""Every speed target of ketnghia, measured side by side in one run.

    uv run python bench/run.py [--quick] [--postgres URL]

Start-up figures are medians of 7 runs (3 with --quick) of the installed console script in
subprocesses, taken round-robin (one run of each figure per round) so that a busy machine
weighs on all of them alike; each is compared with its anchor measured in the same rounds.
The annual report over 1,000,000 activities (100,000 with --quick) is timed in process, net
of start-up, against one `sqlite3` scan of the same rows (medians too). The import figures
are one run each, through bench/import.py (1,000,000 rows, or 100,000 with --quick; the
memory's flatness compares 0.3x and 1.5x that size). Databases and files are built once in
bench/out/ and reused. The `sqlite3` shell is needed (and `psql` with --postgres).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


bench_import = _load("import")
bench_report = _load("report")

EXE = ".exe" if os.name == "nt" else ""
KETNGHIA = str(Path(sysconfig.get_path("scripts")) / f"ketnghia{EXE}")
PYTHON = sys.executable
FLOOR = "import typer, sqlmodel, rich.console"
# A pairing the demo does not hold (its villages from GL-0032 on are not paired).
PAIR_ADD = ["pair", "add", "--agency", "BCHQS", "--village", "GL-0040", "--since", "2024-03-05"]

REPORT_IN_PROCESS = """
import statistics, sys, time
from ketnghia.db import Database
from ketnghia.reports.annual import annual_report
db = Database(sys.argv[1])
times = []
with db.session() as s:
    annual_report(s, 2023)  # warm the page cache like the sqlite3 runs
    for _ in range(int(sys.argv[2])):
        began = time.perf_counter()
        annual_report(s, 2024)
        times.append(time.perf_counter() - began)
print(statistics.median(times))
"""


def command_paths() -> list[list[str]]:
    """Every group and command, as the words that name it ([] for the root)."""
    import typer.main

    from ketnghia.cli.app import app

    found: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        found.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


class Figure:
    """A command timed over the rounds; `prepare` runs before each run, untimed."""

    def __init__(self, name: str, args: list[str], prepare: Any = None) -> None:
        self.name, self.args, self.prepare = name, args, prepare
        self.times: list[float] = []

    def run_once(self) -> None:
        if self.prepare is not None:
            self.prepare()
        began = time.perf_counter()
        done = subprocess.run(self.args, capture_output=True, env=ENV)
        self.times.append(time.perf_counter() - began)
        if done.returncode != 0:
            sys.exit(f"failed: {' '.join(self.args)}\n{done.stderr.decode(errors='replace')}")

    @property
    def median(self) -> float:
        return statistics.median(self.times)


# Byte code is cached as an installed program's is: without it every run compiles every module.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
# The user's settings must not change what is measured.
ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith("KETNGHIA_")},
    "KETNGHIA_CONFIG": str(OUT / "no-config.toml"),
    "KETNGHIA_LANG": "en",
    "KETNGHIA_NO_INPUT": "1",
    "COLUMNS": "120",
}


def demo_database() -> Path:
    folder = OUT / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "ketnghia-demo.db"
    if not db.exists():
        subprocess.run([KETNGHIA, "demo"], cwd=folder, check=True, capture_output=True, env=ENV)
    return db


def startup(rounds: int) -> tuple[dict[str, Figure], list[Figure]]:
    demo = demo_database()
    scratch = Path(tempfile.mkdtemp(prefix="ketnghia-bench-"))
    fresh = scratch / "pair-add.db"

    def fresh_copy() -> None:
        for suffix in ("-wal", "-shm"):
            Path(f"{fresh}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(demo, fresh)

    figures = {
        "pass": Figure("python -c pass", [PYTHON, "-c", "pass"]),
        "floor": Figure(f'python -c "{FLOOR}"', [PYTHON, "-c", FLOOR]),
        "agency list": Figure(
            "agency list (demo)", [KETNGHIA, "--db", str(demo), "agency", "list"]
        ),
        "pair add": Figure(
            "pair add (fresh demo)", [KETNGHIA, "--db", str(fresh), *PAIR_ADD], fresh_copy
        ),
        "report": Figure(
            "report annual --year 2024 (demo)",
            [KETNGHIA, "--db", str(demo), "report", "annual", "--year", "2024"],
        ),
    }
    helps = [
        Figure(" ".join(["ketnghia", *path, "--help"]), [KETNGHIA, *path, "--help"])
        for path in command_paths()
    ]
    everything = [*figures.values(), *helps]
    for figure in everything:  # warm: byte code compiled, files in the page cache
        figure.run_once()
        figure.times.clear()
    for done in range(rounds):
        print(f"start-up: round {done + 1} of {rounds} …", file=sys.stderr)
        for figure in everything:
            figure.run_once()
    shutil.rmtree(scratch, ignore_errors=True)
    return figures, helps


def big_report(rows: int, rounds: int) -> tuple[float, float]:
    """The annual report's median in process, and one sqlite3 scan's median."""
    db = OUT / f"report-{rows}.db"
    if not db.exists():
        print(f"building {db} …", file=sys.stderr)
        bench_report.build(rows, str(db))
    run = subprocess.run(
        [PYTHON, "-c", REPORT_IN_PROCESS, str(db), str(rounds)],
        check=True,
        capture_output=True,
        text=True,
    )
    sqlite = ["sqlite3", str(db), bench_report.SCAN]
    bench_report.timed(sqlite)  # warm
    scan = statistics.median(bench_report.timed(sqlite) for _ in range(rounds))
    return float(run.stdout.split()[-1]), scan


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(
        self,
        figure: str,
        value: float,
        anchor: str = "",
        anchor_value: float | None = None,
        target: float | None = None,
        unit: str = "s",
    ) -> None:
        def show(x: float) -> str:
            return f"{x:.3f} s" if unit == "s" else f"{x:.0f} {unit}"

        ratio = value / anchor_value if anchor_value else None
        met = "" if target is None or ratio is None else ("yes" if ratio <= target else "NO")
        self.rows.append(
            (
                figure,
                show(value),
                anchor,
                "" if anchor_value is None else show(anchor_value),
                "" if ratio is None else f"{ratio:.2f}×",
                "" if target is None else f"≤ {target:g}×",
                met,
            )
        )

    def print(self) -> None:
        head = ("figure", "ketnghia", "anchor", "anchor's time", "ratio", "target", "met?")
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(len(head))]
        for i, row in enumerate([head, *self.rows]):
            print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
            if i == 0:
                print("-+-".join("-" * w for w in widths))


def machine() -> str:
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()} ({platform.system()} {platform.machine()}){load}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs, 100,000 rows")
    parser.add_argument("--postgres", metavar="URL", help="also import into this database")
    parser.add_argument("--rows", type=int, help="activities for the report and the import")
    options = parser.parse_args()
    if shutil.which("sqlite3") is None:
        sys.exit("the sqlite3 command-line shell is needed for the comparisons")
    if not Path(KETNGHIA).exists():
        sys.exit(f"the ketnghia console script is not installed at {KETNGHIA} (uv sync)")
    rounds = 3 if options.quick else 7
    rows = options.rows or (100_000 if options.quick else 1_000_000)
    OUT.mkdir(exist_ok=True)
    began = machine()

    figures, helps = startup(rounds)
    print(f"report annual over {rows:,} activities …", file=sys.stderr)
    report, scan = big_report(rows, rounds)

    print("imports …", file=sys.stderr)
    base = bench_import.make_province(OUT)
    sizes = {"small": int(rows * 0.3), "main": rows, "large": int(rows * 1.5)}
    files: dict[int, Path] = {}
    xlsx_rows = min(rows, 100_000)  # the target's 100,000 unless --rows asks for fewer
    for n in [*sizes.values(), xlsx_rows]:
        files[n] = OUT / f"activities-{n}.csv"
        if not files[n].exists():
            bench_import.make_activities(files[n], n)
    imports = {n: bench_import.bench_sqlite(n, base, files[n]) for n in sizes.values()}
    same = imports.get(xlsx_rows) or bench_import.bench_sqlite(xlsx_rows, base, files[xlsx_rows])
    xlsx = bench_import.bench_xlsx(xlsx_rows, base, files[xlsx_rows], same["seconds"])
    pg = None
    if options.postgres:
        pg = bench_import.bench_postgres(rows, base, files[rows], options.postgres)

    table = Table()
    python, floor = figures["pass"].median, figures["floor"].median
    table.add("python -c pass", python)
    table.add("stack floor: " + figures["floor"].name, floor, "python -c pass", python)
    root = helps[0]
    table.add(root.name, root.median, "python -c pass", python, 8)
    worst = max(helps, key=lambda f: f.median)
    table.add(f"worst help: {worst.name}", worst.median, "python -c pass", python, 8)
    middle = statistics.median(f.median for f in helps)
    table.add(f"median of {len(helps)} helps", middle, "python -c pass", python, 8)
    for key in ("agency list", "pair add"):
        table.add(figures[key].name, figures[key].median, "stack floor", floor, 1.15)
    table.add(figures["report"].name, figures["report"].median, "stack floor", floor, 1.3)
    table.add(f"report annual, {rows:,} activities (in process)", report, "sqlite3 scan", scan, 2)
    main_run = imports[rows]
    table.add(
        f"import {rows:,} rows CSV → SQLite",
        main_run["seconds"],
        "sqlite3 .import",
        main_run["reference"],
        3,
    )
    peak = max(r["peak"] for r in imports.values())
    table.add("import peak memory (largest of 3 sizes)", peak, "limit", 150, 1, unit="MiB")
    small, large = imports[sizes["small"]], imports[sizes["large"]]
    table.add(
        f"import peak memory at {sizes['large']:,} rows",
        large["peak"],
        f"at {sizes['small']:,} rows",
        small["peak"],
        1.1,
        unit="MiB",
    )
    if pg is not None:
        table.add(
            f"import {rows:,} rows CSV → PostgreSQL",
            pg["seconds"],
            "psql \\copy",
            pg["reference"],
            3,
        )
    table.add(
        f"import {xlsx_rows:,} rows xlsx → SQLite",
        xlsx["seconds"],
        "same rows CSV",
        xlsx["reference"],
        3,
    )

    print(f"\nketnghia speed targets — {began}")
    print(f"start-up: medians of {rounds} runs, round-robin; imports: one run each\n")
    table.print()
    print(
        "\nslowest helps: "
        + ", ".join(
            f"{f.name} {f.median:.3f} s" for f in sorted(helps, key=lambda f: -f.median)[:3]
        )
    )


if __name__ == "__main__":
    main()
