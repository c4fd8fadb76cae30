"""A database made by the first released schema upgrades to head with its data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ketnghia.db import HEAD_REVISION
from tests.conftest import ROOT, Cli

OLD = ROOT / "tests" / "data" / "schema-0001.db"


def columns_of(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
        )
    ]
    found = {t: [row[1] for row in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}
    conn.close()
    return found


def raw_dump(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table but alembic_version (of the given columns), read without
    ketnghia."""
    columns = columns or columns_of(path)
    conn = sqlite3.connect(path)
    dump = {
        t: sorted(conn.execute(f'SELECT {", ".join(cols)} FROM "{t}"').fetchall())
        for t, cols in columns.items()
    }
    conn.close()
    return dump


def test_first_schema_upgrades_with_data_intact(tmp_path: Path) -> None:
    copy = tmp_path / "old.db"
    shutil.copyfile(OLD, copy)
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    conn.close()
    old_columns = columns_of(copy)
    before = raw_dump(copy, old_columns)
    assert len(before["activities"]) == 1432 and len(before["agencies"]) == 40
    old = Cli(str(copy))
    assert old.json("db", "info")["revision"] == HEAD_REVISION  # first use upgrades
    assert raw_dump(copy, old_columns) == before  # every old row and value, unchanged
    after = raw_dump(copy)
    # new tables start empty, but for the shipped administrative units, the villages'
    # places, linked from the commune and district they were recorded with, and the
    # database's identity
    loaded = {
        "admin_units",
        "admin_successions",
        "village_places",
        "database_identity",
        "audit_log",
    }
    assert all(not after[t] for t in set(after) - set(before) - loaded)
    # the upgrade itself is the trail's first entry
    (upgrade,) = Cli(str(copy)).json("history")
    assert upgrade["action"] == "upgrade" and upgrade["kind"] == "database"
    assert (upgrade["before"], upgrade["after"]) == (
        {"revision": "0001"},
        {"revision": HEAD_REVISION},
    )
    assert len(after["admin_units"]) == 3 + 28 + 373 + 135  # provinces, districts, communes
    assert len(after["village_places"]) == len(before["villages"])
    assert all(row[3] is None and row[4] is None for row in after["village_places"])
    old("db", "check")
    report = old.json("report", "annual", "--year", "2024")
    assert report["totals"]["activities"] == sum(
        1 for row in before["activities"] if str(row[3]).startswith("2024-")
    )


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no schema at all, on either backend."""
    if request.param == "sqlite":
        return str(tmp_path / "old.db")
    return request.getfixturevalue("pg_server").create()


def test_a_database_of_schema_0004_upgrades_on_both_backends(empty_url: str) -> None:
    """Made at 0004 (before units, mergers and locality pairings), with records written by
    plain SQL; opening it with today's ketnghia upgrades it, keeps every row, and places the
    villages in the communes their recorded names point to."""
    from sqlalchemy import text

    from ketnghia.db import make_engine, target_to_url, upgrade

    engine = make_engine(target_to_url(empty_url))
    assert upgrade(engine, "0004") == "0004"
    rows = {
        "agencies": "INSERT INTO agencies (code, name, name_key, kind) "
        "VALUES ('SO-XD', 'Sở Xây dựng', 'so xay dung', 'department')",
        "villages": "INSERT INTO villages (code, name, name_key, commune, district, province,"
        " special_difficulty) VALUES ('V1', 'Làng Quen', 'lang quen', 'Ia Me', 'Chư Prông',"
        " 'Gia Lai', true), ('V2', 'Làng Mới', 'lang moi', 'Không Có', NULL, 'Gia Lai', false)",
        "pairings": "INSERT INTO pairings (agency_id, village_id, started_on) "
        "VALUES (1, 1, '2024-01-01')",
        "activities": "INSERT INTO activities (pairing_id, date, kind, title, value_vnd) "
        "VALUES (1, '2024-05-01', 'gifts', 'Quà', 5000000)",
        "village_stats": "INSERT INTO village_stats (village_id, year, poor_households) "
        "VALUES (1, 2024, 12)",
    }
    with engine.begin() as conn:
        for statement in rows.values():
            conn.execute(text(statement))
        before = {t: conn.execute(text(f"SELECT * FROM {t} ORDER BY 1")).all() for t in rows}
    engine.dispose()

    cli = Cli(empty_url)
    assert cli.json("db", "info")["revision"] == HEAD_REVISION
    engine = make_engine(target_to_url(empty_url))
    with engine.connect() as conn:
        for table, old in before.items():
            new = conn.execute(text(f"SELECT * FROM {table} ORDER BY 1")).all()
            assert [tuple(r)[: len(old[0])] for r in new] == [tuple(r) for r in old]
        assert conn.execute(text("SELECT merged_into_id FROM agencies")).scalar() is None
        assert conn.execute(text("SELECT continues_id FROM pairings")).scalar() is None
    engine.dispose()
    cli("db", "check")
    assert [p["commune_code"] for p in cli.json("village", "places", "V1")] == ["23920"]
    assert cli.json("village", "places", "V2") == []  # no such commune: left to a person
    report = cli.json("report", "annual", "--year", "2024")
    assert report["by_commune"] == [
        {
            "commune": "Ia Me",
            "district": "Chư Prông",
            "villages": 1,
            "pairings": 1,
            "activities": 1,
            "value_vnd": 5_000_000,
        }
    ]
