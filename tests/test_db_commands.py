"""db info | check | backup, and the demo."""

from __future__ import annotations

import shutil
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from ketnghia.db import target_to_url
from tests.conftest import Cli, seed_basic


def _raw(url: str, *statements: str) -> None:
    """Write around the services, as an older tool or a hand edit might have."""
    engine = create_engine(target_to_url(url))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # let the test plant rows that the table constraints would refuse
            for table, name in (("activities", "ck_activities_non_negative"),):
                conn.execute(text(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}"))
        else:
            conn.execute(text("PRAGMA ignore_check_constraints = ON"))
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def test_check_finds_broken_rules(cli: Cli) -> None:
    seed_basic(cli)
    cli(
        "pair",
        "add",
        "--agency",
        "TD",
        "--village",
        "GL-0002",
        "--since",
        "2024-01-01",
        "--ended-on",
        "2024-06-30",
    )
    cli(
        "activity",
        "add",
        "--agency",
        "TD",
        "--village",
        "GL-0002",
        "--date",
        "2024-02-01",
        "--kind",
        "gifts",
        "--title",
        "Quà",
    )
    cli("db", "check")
    nfd = unicodedata.normalize("NFD", "Làng Díp")
    _raw(
        cli.url,
        # an overlapping pairing for SO-NN / GL-0001
        "INSERT INTO pairings (agency_id, village_id, started_on) VALUES (1, 1, '2025-01-01')",
        # an activity moved after its pairing ended
        "UPDATE activities SET date = '2024-08-01', value_vnd = -5 WHERE id = 1",
        f"UPDATE villages SET name = '{nfd}' WHERE code = 'GL-0002'",
        "UPDATE agencies SET name = 'Tỉnh đoàn' WHERE code = 'TD'",
    )
    result = cli("db", "check", "--format", "json", code=1)
    import json

    problems = json.loads(result.stdout)
    found = {(p["check"], p["table"]) for p in problems}
    assert ("overlapping_pairings", "pairings") in found
    assert ("outside_pairing", "activities") in found
    assert ("negative", "activities") in found
    assert ("text_not_normalised", "villages") in found
    assert ("stale_search_key", "agencies") in found
    assert "problem(s) found" in result.stderr


def test_check_finds_sqlite_foreign_key_damage(sqlite_path: Path) -> None:
    cli = Cli(str(sqlite_path))
    seed_basic(cli)
    raw = sqlite3.connect(sqlite_path)  # foreign keys are off on a plain connection
    raw.execute("DELETE FROM agencies WHERE code = 'SO-NN'")
    raw.commit()
    raw.close()
    result = cli("db", "check", code=1)
    assert "foreign_key: pairings" in result.stdout


def test_unwritable_output_is_a_one_line_error(cli: Cli, tmp_path: Path) -> None:
    seed_basic(cli)
    missing = tmp_path / "no-such-folder" / "out.csv"
    result = cli("village", "list", "--format", "csv", "--output", str(missing), code=1)
    assert result.stderr.startswith(f"error: {missing}:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_info_counts(cli: Cli) -> None:
    seed_basic(cli)
    info = cli.json("db", "info")
    assert info["counts"]["agencies"] == 2
    assert info["counts"]["villages"] == 3
    assert info["counts"]["pairings"] == 1
    table = cli("db", "info", lang="vi").stdout
    assert "Thôn làng" in table


def test_backup_is_a_consistent_copy(sqlite_path: Path, tmp_path: Path) -> None:
    cli = Cli(str(sqlite_path))
    seed_basic(cli)
    target = tmp_path / "copy" / "backup.db"
    result = cli("db", "backup", str(target))
    assert str(target) in result.stdout
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM villages").fetchone()[0] == 3
    conn.close()
    assert Cli(str(target)).json("pair", "list")[0]["agency_code"] == "SO-NN"
    result = cli("db", "backup", str(target), code=1)  # never overwrites
    assert "already exists" in result.stderr


def test_backup_of_postgres_points_to_pg_dump(cli: Cli, db_url: str) -> None:
    if "://" not in db_url:
        pytest.skip("PostgreSQL only")
    result = cli("db", "backup", "x.dump", code=1)
    assert "pg_dump" in result.stderr


def test_demo_builds_the_sample_and_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from ketnghia.cli.app import app

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for _ in range(2):  # the demo file is rebuilt on every run
        result = runner.invoke(app, ["--lang", "vi", "demo"])
        assert result.exit_code == 0, result.stderr
    assert (tmp_path / "ketnghia-demo.db").exists()
    assert "Thôn làng" in result.stdout and "Kết nghĩa" in result.stdout
    assert "Báo cáo kết quả công tác kết nghĩa năm 2024" in result.stdout
    assert "Sở Nông nghiệp và Môi trường" in result.stdout
    assert "Cặp kết nghĩa không có hoạt động trong năm" in result.stdout
    assert "ketnghia-demo.db" in result.stderr
    demo = Cli(str(tmp_path / "ketnghia-demo.db"))
    info = demo.json("db", "info")
    assert info["counts"]["agencies"] >= 25 and info["counts"]["activities"] >= 100
    demo("db", "check")


def test_demo_into_a_given_database(cli: Cli) -> None:
    result = cli("demo")
    assert "Làng" in result.stdout
    assert len(cli.json("village", "list")) >= 30
    result = cli("demo", code=1)  # not into a database that already holds records
    assert "empty" in result.stderr


def test_copy_moves_every_row_and_its_history_to_the_other_backend(
    cli: Cli, db_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The sample province with the 2025 map applied, a merger, locality pairings and a filed
    year: copied SQLite → PostgreSQL (or PostgreSQL → SQLite), every table is the same."""
    from tests.conftest import dump

    cli("demo")  # the sample, villages on the 2025 map, locality pairings
    cli("agency", "add", "--code", "SO-TC-2025", "--name", "Sở Tài chính (mới)")
    cli("agency", "merge", "SO-TC", "SO-XD", "--into", "SO-TC-2025", "--on", "2025-04-01")
    cli("village", "move", "GL-0001", "--to", "23911", "--on", "2026-01-01")
    cli("lock", "2024")
    if db_url.startswith("postgresql"):
        target = str(tmp_path / "copy.db")
    else:
        target = request.getfixturevalue("pg_server").create()
    out = cli("db", "copy", target).stdout
    assert "copied" in out
    assert dump(target) == dump(db_url)
    copy = Cli(target)
    copy("db", "check")
    assert copy.json("report", "annual", "--year", "2025") == cli.json(
        "report", "annual", "--year", "2025"
    )
    assert copy.json("history", "--kind", "merge") == cli.json("history", "--kind", "merge")
    # the copy goes on with its own ids after the copied ones
    copy("agency", "add", "--code", "NEW", "--name", "Cơ quan mới")
    # and a target that holds records is refused
    result = cli("db", "copy", target, code=1)
    assert "already holds records" in result.stderr


def test_commands_in_one_process_see_a_database_file_replaced_between_them(
    sqlite_path: Path, tmp_path: Path
) -> None:
    """One engine per database and process (statements compiled once): it keeps no SQLite
    connection open between commands, so a file replaced or removed in between is read as it
    is now, and a database made again at the same path is a new one."""
    cli = Cli(str(sqlite_path))
    empty = tmp_path / "empty.db"
    shutil.copyfile(sqlite_path, empty)
    cli("agency", "add", "--code", "A1", "--name", "Ban Dân vận")
    assert [a["code"] for a in cli.json("agency", "list")] == ["A1"]
    shutil.copyfile(empty, sqlite_path)  # a restore by hand, between two commands
    assert cli.json("agency", "list") == []
    sqlite_path.unlink()
    cli("agency", "add", "--code", "A2", "--name", "Sở Y tế")
    assert [a["code"] for a in cli.json("agency", "list")] == ["A2"]


def test_a_process_keeps_few_engines_open(tmp_path: Path) -> None:
    """A process that opens many databases (a script going through each district's file)
    keeps only the few most recently used engines."""
    from ketnghia.db import _SHARED_ENGINES, _SHARED_ENGINES_KEPT, Database

    for n in range(_SHARED_ENGINES_KEPT + 3):
        Database(tmp_path / f"{n}.db").close()
    assert len(_SHARED_ENGINES) <= _SHARED_ENGINES_KEPT
    kept = {url for url, _ in _SHARED_ENGINES}
    assert target_to_url(tmp_path / f"{_SHARED_ENGINES_KEPT + 2}.db") in kept
