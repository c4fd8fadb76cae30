"""Trust under pressure: concurrent writers, racing pairings, kill -9, backups while writing."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.invoking import ENV, finish, start


def province(cli: Cli, villages: int = 10) -> None:
    cli("agency", "add", "--code", "A", "--name", "Sở A")
    cli("agency", "add", "--code", "B", "--name", "Sở B")
    for i in range(villages):
        cli("village", "add", "--code", f"V{i}", "--name", f"Làng {i}")
    cli("pair", "add", "--agency", "A", "--village", "V0", "--since", "2024-01-01")


@pytest.mark.slow
def test_racing_pairings_exactly_one_wins(cli: Cli) -> None:
    province(cli, villages=12)
    calls = {
        since: [
            ["pair", "add", "--agency", "B", "--village", f"V{i}", "--since", since]
            for i in range(1, 12)
        ]
        for since in ("2024-01-01", "2024-06-01")
    }
    procs = [start(cli.url, c) for c in calls.values()]
    results = [finish(p) for p in procs]
    assert sum(r["ok"] for r, _ in results) == 11
    assert sum(r["failed"] for r, _ in results) == 11
    for _, err in results:
        assert "locked" not in err and "Traceback" not in err
        for line in err.strip().splitlines():
            assert "already paired" in line, line
    pairs = cli.json("pair", "list", "--agency", "B")
    assert sorted(p["village_code"] for p in pairs) == sorted(f"V{i}" for i in range(1, 12))
    cli("db", "check")


@pytest.mark.slow
def test_four_writers_and_an_import_at_once(cli: Cli, tmp_path: Path) -> None:
    province(cli)
    csv_path = tmp_path / "activities.csv"
    with csv_path.open("w", encoding="utf-8") as f:
        f.write("agency_code,village_code,date,kind,title,value_vnd\n")
        for i in range(5000):
            f.write(f"A,V0,2024-03-{1 + i % 28:02d},gifts,Nhập {i},1000\n")
    writers = [
        start(
            cli.url,
            [
                [
                    "activity",
                    "add",
                    "--agency",
                    "A",
                    "--village",
                    "V0",
                    "--date",
                    "2024-05-01",
                    "--kind",
                    "gifts",
                    "--title",
                    f"Ghi {w}-{i}",
                ]
                for i in range(250)
            ],
        )
        for w in range(4)
    ]
    importer = start(cli.url, [["import", "--quiet", str(csv_path)]])
    for proc in [*writers, importer]:
        result, err = finish(proc)
        assert result["failed"] == 0, err
        assert "locked" not in err
    assert len(cli.json("activity", "list")) == 4 * 250 + 5000


def _activities(n: int, path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("ref,agency_code,village_code,date,kind,title,value_vnd,source\n")
        for i in range(n):
            f.write(f"R{i},A,V0,2024-{1 + i % 12:02d}-{1 + i % 28:02d},gifts,Quà {i},{i},staff\n")


@pytest.mark.slow
def test_kill_9_during_import_leaves_all_or_nothing(sqlite_path: Path, tmp_path: Path) -> None:
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("POSIX only")
    cli = Cli(str(sqlite_path))
    province(cli)
    base = tmp_path / "base.db"
    sqlite3.connect(sqlite_path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    base.write_bytes(sqlite_path.read_bytes())
    rows = 20_000  # about 8 MB of log while the import writes
    csv_path = tmp_path / "activities.csv"
    _activities(rows, csv_path)
    rng = random.Random(9)
    outcomes = []
    for round_ in range(6):
        db = tmp_path / f"k{round_}.db"
        db.write_bytes(base.read_bytes())
        proc = subprocess.Popen(
            [sys.executable, "-m", "ketnghia", "--db", str(db), "import", "--quiet", str(csv_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=ENV,
        )
        # killed while it writes: once its uncommitted pages in the log pass a random size
        _wait_for_log(db, rng.randrange(1, 4_000_000), proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = Cli(str(db))
        after("db", "check")
        count = after.json("db", "info")["counts"]["activities"]
        assert count in (0, rows), count
        outcomes.append(count)
    assert 0 in outcomes  # at least one kill landed in the middle of the writing


def _wait_for_log(db: Path, size: int, proc: subprocess.Popen) -> None:
    """Until the write-ahead log of `db` holds `size` bytes, or the process has ended."""
    log = db.with_name(db.name + "-wal")
    deadline = time.monotonic() + 300
    while proc.poll() is None and (not log.exists() or log.stat().st_size < size):
        assert time.monotonic() < deadline, "the import never wrote"
        time.sleep(0.005)


@pytest.mark.slow
def test_backup_while_another_process_writes(sqlite_path: Path, tmp_path: Path) -> None:
    cli = Cli(str(sqlite_path))
    province(cli)
    writer = start(
        str(sqlite_path),
        [
            [
                "activity",
                "add",
                "--agency",
                "A",
                "--village",
                "V0",
                "--date",
                "2024-05-01",
                "--kind",
                "gifts",
                "--title",
                f"Quà {i}",
            ]
            for i in range(300)
        ],
    )
    # wait until the writer has committed some rows (a busy machine may start it late)
    deadline = time.monotonic() + 120
    while _count_activities(sqlite_path) == 0:
        assert time.monotonic() < deadline, "the writer never wrote"
        assert writer.poll() is None or _count_activities(sqlite_path), "the writer stopped"
        time.sleep(0.05)
    target = tmp_path / "backup.db"
    cli("db", "backup", str(target))
    result, err = finish(writer)
    assert result["failed"] == 0, err
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    taken = copy.execute("SELECT count(*) FROM activities").fetchone()[0]
    ids = [r[0] for r in copy.execute("SELECT id FROM activities ORDER BY id")]
    copy.close()
    assert 0 < taken <= 300
    assert ids == list(range(1, taken + 1))  # a consistent prefix of the writes, no holes
    Cli(str(target))("db", "check")


def _count_activities(path: Path) -> int:
    conn = sqlite3.connect(path, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM activities").fetchone()[0]
    finally:
        conn.close()
