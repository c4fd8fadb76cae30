"""A locked year's filed figures never change without an unlock — whatever the write.

The province is the sample (2024–2025) plus a few records that reach into 2025 from 2024; the
2025 report is filed and locked. Each way round the lock that used to change the filed 2025
figures is refused, the database and the report unchanged; writes that leave 2025 alone pass;
and a hypothesis test runs random sequences of writes and checks after each one that the
filed report is unchanged or the write was refused.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli, Snapshots, audit_count, demo_province, dump, seed

LOCKED = 2025


def _build_locked(cli: Cli) -> None:
    seed(cli, demo_province)
    cli("agency", "add", "--code", "X", "--name", "Sở Thử Nghiệm")
    cli("agency", "add", "--code", "Y", "--name", "Sở Thử Hai")
    # X–GL-0001 and Y–GL-0002 started in 2024 and are idle in 2025; a 2024 visit of X is open
    cli("pair", "add", "--agency", "X", "--village", "GL-0001", "--since", "2024-05-01")
    cli("pair", "add", "--agency", "Y", "--village", "GL-0002", "--since", "2024-05-01")
    cli(
        "visit",
        "add",
        "--agency",
        "X",
        "--village",
        "GL-0001",
        "--date",
        "2024-06-01",
        "--aspirations",
        "Đề nghị hỗ trợ giống bò",
    )
    cli(
        "household",
        "add",
        "--village",
        "GL-0001",
        "--helper",
        "Nguyễn Văn Khá",
        "--helped",
        "Rơ Châm Thử",
        "--since",
        "2024-03-08",
    )
    cli("report", "annual", "--year", str(LOCKED), "--file")


@pytest.fixture(scope="module")
def locked_file(snapshots: Snapshots) -> Path:
    """The locked province as a SQLite file, built once: to copy, never to write."""
    return snapshots.file(_build_locked)


@pytest.fixture
def locked(cli: Cli) -> Cli:
    """The locked province, in a new database of either backend."""
    return seed(cli, _build_locked)


def report(cli: Cli) -> dict:
    return json.loads(cli("report", "annual", "--year", str(LOCKED), "--format", "json").stdout)


def _visit_id(cli: Cli) -> str:
    visits = cli.json("visit", "list", "--agency", "X")
    return str(visits[0]["id"])


def _household_id(cli: Cli) -> str:
    rows = cli.json("household", "list", "--village", "GL-0001")
    return str(next(r["id"] for r in rows if r["helper"] == "Nguyễn Văn Khá"))


WAYS_ROUND = {
    "pair end before the year": lambda c: [
        "pair", "end", "--agency", "X", "--village", "GL-0001", "--on", "2024-12-31",
    ],
    "pair edit --ended-on": lambda c: [
        "pair", "edit", "--agency", "Y", "--village", "GL-0002", "--ended-on", "2024-09-30",
    ],
    "pair edit --new-started-on": lambda c: [
        "pair", "edit", "--agency", "Y", "--village", "GL-0002", "--new-started-on",
        "2023-05-01",
    ],
    "pair remove": lambda c: ["pair", "remove", "--agency", "Y", "--village", "GL-0002"],
    "household end": lambda c: ["household", "end", _household_id(c), "--on", "2024-12-31"],
    "household remove": lambda c: ["household", "remove", _household_id(c)],
    "visit edit --resolved-on": lambda c: [
        "visit", "edit", _visit_id(c), "--resolved-on", "2024-12-01",
    ],
    "village stats of the year before": lambda c: [
        "village", "stats", "--village", "GL-0070", "--year", "2024", "--poor-households", "1",
    ],
    "locality edit --cosigners": lambda c: [
        "locality", "edit", "--agency", "P-ANNHON", "--commune", "23866", "--cosigners",
        "BIDV-GL;CS-CHUSE",
    ],
    "re-file": lambda c: ["report", "annual", "--year", str(LOCKED), "--file"],
}  # fmt: skip


@pytest.mark.parametrize("way", list(WAYS_ROUND))
def test_no_way_round_a_locked_year(locked: Cli, way: str) -> None:
    filed = report(locked)
    before = dump(locked.url)
    audit_before = audit_count(locked.url)
    result = locked(*WAYS_ROUND[way](locked), code=1)
    assert f"year {LOCKED} is locked" in result.stderr
    assert f"ketnghia unlock {LOCKED} --reason" in result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    assert dump(locked.url) == before
    assert report(locked) == filed
    assert audit_count(locked.url) == audit_before


def test_a_refusal_names_the_sections_and_the_record(locked: Cli) -> None:
    result = locked(*WAYS_ROUND["pair end before the year"](locked), code=1)
    assert "idle_pairings" in result.stderr and "totals" in result.stderr
    assert "pairings X GL-0001 2024-05-01" in result.stderr


def test_the_same_ways_round_through_import(locked: Cli, tmp_path: Path) -> None:
    files = {
        "pairings.csv": "agency_code,village_code,started_on,ended_on\n"
        "X,GL-0001,2024-05-01,2024-12-31\n",
        "households.csv": "village_code,helper,helped,started_on,ended_on\n"
        "GL-0001,Nguyễn Văn Khá,Rơ Châm Thử,2024-03-08,2024-11-30\n",
        "visits.csv": "agency_code,village_code,date,resolved_on\n"
        "X,GL-0001,2024-06-01,2024-12-01\n",
        "village_stats.csv": "village_code,year,poor_households\nGL-0070,2024,1\n",
        "localities.csv": "agency_code,commune,started_on,cosigners\n"
        "P-ANNHON,23866,2025-08-22,BIDV-GL;CS-CHUSE\n",
    }
    filed = report(locked)
    before = dump(locked.url)
    for name, content in files.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        result = locked("import", str(path), code=1)
        assert f"year {LOCKED} is locked" in result.stderr, name
        dry = locked("import", str(path), "--dry-run", code=1)
        assert f"year {LOCKED} is locked" in dry.stderr, name
    assert dump(locked.url) == before
    assert report(locked) == filed


def test_writes_that_leave_the_filed_figures_alone_pass(locked: Cli, tmp_path: Path) -> None:
    filed = report(locked)
    audit_before = audit_count(locked.url)
    locked("pair", "end", "--agency", "X", "--village", "GL-0001", "--on", "2026-03-01")
    locked("pair", "edit", "--agency", "Y", "--village", "GL-0002", "--note", "ghi chú mới")
    locked("agency", "edit", "X", "--phone", "0269 3824 000")
    locked("village", "stats", "--village", "GL-0070", "--year", "2026", "--poor-households", "1")
    path = tmp_path / "households.csv"
    path.write_text(
        "village_code,helper,helped,started_on,ended_on\n"
        "GL-0001,Nguyễn Văn Khá,Rơ Châm Thử,2024-03-08,2026-06-30\n",
        encoding="utf-8",
    )
    locked("import", str(path))
    assert report(locked) == filed
    assert audit_count(locked.url) > audit_before


def test_unlock_then_change_then_refile(locked: Cli) -> None:
    locked("unlock", str(LOCKED), "--reason", "Sở Thử báo kết thúc sớm")
    locked(*WAYS_ROUND["pair end before the year"](locked))
    locked("report", "annual", "--year", str(LOCKED), "--file")
    assert report(locked)["totals"]["pairings"] == 100  # 99 + Y, without X
    locked(*WAYS_ROUND["pair remove"](locked), code=1)


def test_already_drifted_figures_do_not_block_unrelated_writes(locked: Cli) -> None:
    """Locked again after an unlock and a change (the filed figures differ): a write that does
    not touch the year still passes; one that does is still refused."""
    locked("unlock", str(LOCKED), "--reason", "bổ sung")
    locked(*WAYS_ROUND["pair end before the year"](locked))
    locked("lock", str(LOCKED))
    drifted = report(locked)
    locked("agency", "edit", "Y", "--phone", "0269")
    locked("pair", "end", "--agency", "Y", "--village", "GL-0002", "--on", "2026-01-31")
    locked(*WAYS_ROUND["household end"](locked), code=1)
    assert report(locked) == drifted


# -- the property: random writes, and after each the filed report is unchanged or refused ------

DATES = st.sampled_from(
    ["2023-12-31", "2024-06-30", "2024-12-31", "2025-01-01", "2025-07-01", "2025-12-31",
     "2026-01-01", "2026-09-30"]
)  # fmt: skip
PAIRS = st.sampled_from([("X", "GL-0001"), ("Y", "GL-0002"), ("QS-KONGCHRO", "GL-0070")])


def _writes() -> st.SearchStrategy[list[str]]:
    pair = PAIRS.map(lambda p: ["--agency", p[0], "--village", p[1]])
    return st.one_of(
        st.tuples(pair, DATES).map(lambda a: ["pair", "end", *a[0], "--on", a[1]]),
        st.tuples(pair, DATES).map(lambda a: ["pair", "edit", *a[0], "--ended-on", a[1]]),
        st.tuples(pair, DATES).map(lambda a: ["pair", "edit", *a[0], "--new-started-on", a[1]]),
        st.tuples(pair, DATES).map(
            lambda a: [
                "activity", "add", *a[0], "--date", a[1], "--kind", "gifts", "--title", "Quà",
                "--value", "1.000.000",
            ]
        ),
        st.tuples(pair, DATES).map(
            lambda a: ["visit", "add", *a[0], "--date", a[1], "--aspirations", "Đề nghị"]
        ),
        pair.map(lambda a: ["pair", "remove", *a]),
        DATES.map(lambda d: ["household", "end", "HOUSEHOLD", "--on", d]),
        st.just(["household", "remove", "HOUSEHOLD"]),
        DATES.map(lambda d: ["visit", "edit", "VISIT", "--resolved-on", d]),
        st.tuples(st.sampled_from(["2024", "2025", "2026"]), st.integers(0, 60)).map(
            lambda a: [
                "village", "stats", "--village", "GL-0070", "--year", a[0],
                "--poor-households", str(a[1]),
            ]
        ),
        st.sampled_from(["BIDV-GL", "BIDV-GL;CS-CHUSE", ""]).map(
            lambda c: [
                "locality", "edit", "--agency", "P-ANNHON", "--commune", "23866", "--cosigners", c,
            ]
        ),
    )  # fmt: skip


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(writes=st.lists(_writes(), min_size=1, max_size=6))
def test_random_writes_never_change_the_filed_report(
    locked_file: Path, tmp_path: Path, writes: list[list[str]]
) -> None:
    path = tmp_path / f"p{abs(hash(str(writes)))}.db"
    shutil.copyfile(locked_file, path)
    cli = Cli(str(path))
    filed = report(cli)
    visit, household = _visit_id(cli), _household_id(cli)
    for args in writes:
        args = [visit if a == "VISIT" else household if a == "HOUSEHOLD" else a for a in args]
        before = dump(cli.url)
        result = cli(*args, code=None)
        if result.exit_code != 0:
            assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
            assert dump(cli.url) == before, args
        assert report(cli) == filed, args
    path.unlink()
