"""A database made by the first released schema upgrades to head with its data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

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
    # new tables start empty, but for the shipped administrative units and the villages'
    # places, linked from the commune and district they were recorded with
    loaded = {"admin_units", "admin_successions", "village_places"}
    assert all(not after[t] for t in set(after) - set(before) - loaded)
    assert len(after["admin_units"]) == 3 + 28 + 373 + 135  # provinces, districts, communes
    assert len(after["village_places"]) == len(before["villages"])
    assert all(row[3] is None and row[4] is None for row in after["village_places"])
    old("db", "check")
    report = old.json("report", "annual", "--year", "2024")
    assert report["totals"]["activities"] == sum(
        1 for row in before["activities"] if str(row[3]).startswith("2024-")
    )
