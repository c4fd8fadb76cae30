"""A database made by the first released schema upgrades to head with its data intact."""

from __future__ import annotations

import json
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
    # every old row and value, unchanged, but for the ratings that name a choice (0010)
    rating = old_columns["inspections"].index("rating")
    chosen = {"Tốt": "good", "Khá": "fair"}
    expected = {
        **before,
        "inspections": [
            (*row[:rating], chosen.get(row[rating], row[rating]), *row[rating + 1 :])
            for row in before["inspections"]
        ],
    }
    assert raw_dump(copy, old_columns) == expected
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
    # sound, but for the rating that names no choice (kept as typed), which db check lists
    problems = json.loads(old("db", "check", "--format", "json", code=1).stdout)
    assert [(p["check"], p["detail"]) for p in problems] == [
        ("rating_to_correct", "rating 'Chưa đạt' is none of Good, Fair, Average, Weak: to correct")
    ]
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
    # sound, but for the commune that names no unit, which db check lists
    problems = json.loads(cli("db", "check", "--format", "json", code=1).stdout)
    assert [(p["check"], p["detail"]) for p in problems] == [
        ("unmatched_place", "V2: commune 'Không Có'")
    ]
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


# A province filed at 0008, when reports grouped places by their recorded text: code, name,
# commune, district, the commune (code) the linking of then placed it in, its 2024 activity's
# value in millions (None: not paired)
FILED_AT_0008 = ROOT / "tests" / "data" / "filed-2024-schema-0008.json"
SPELLINGS = [
    ("V1", "Làng Một", "Ia Mơ Nông", "Chư Păh", "23737", 10),
    ("V2", "Làng Hai", "ia mo nong", "chu pah", "23737", 20),
    ("V3", "Làng Ba", "IA MƠ NÔNG", "Chư Păh", "23737", 30),
    ("V4", "Làng Bốn", "Ayun", "Chư Sê", "23956", 4),
    ("V5", "Làng Năm", "AYun", "Chư Sê", "23956", 5),
    ("V6", "Làng Sáu", "Hà Đông", "Đak Đoa", "23680", None),
    ("V7", "Làng Bảy", "Ia Xyz", "Chư Păh", None, 7),
    ("V8", "Làng Tám", "ia xyz", "chu pah", None, 8),
    ("V9", "Làng Chín", "Hà Đông", "Đak Đoa", "23680", 9),
]


def build_filed_at_0008(url: str) -> None:
    """The province above written by plain SQL at 0008, with its 2024 report as ketnghia 0008
    filed it (tests/data/README.md says how that file was made)."""
    import datetime as dt
    import hashlib

    from sqlalchemy import text

    from ketnghia.db import make_engine, target_to_url, upgrade
    from ketnghia.text import fold

    engine = make_engine(target_to_url(url))
    assert upgrade(engine, "0008") == "0008"
    agencies = {"V3": "A2", "V5": "A2", "V7": "A2", "V9": "A2"}  # the others: A1
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO agencies (code, name, name_key, kind) VALUES "
                "('A1', 'Sở Xây dựng', 'so xay dung', 'department'), "
                "('A2', 'Tỉnh đoàn', 'tinh doan', 'other')"
            )
        )
        for code, name, commune, district, unit, millions in SPELLINGS:
            values = {"v": code, "n": name, "k": fold(name), "c": commune, "d": district}
            conn.execute(
                text(
                    "INSERT INTO villages (code, name, name_key, commune, district, province,"
                    " special_difficulty) VALUES (:v, :n, :k, :c, :d, 'Gia Lai', :s)"
                ),
                values | {"s": code == "V6"},
            )
            if unit is not None:
                conn.execute(
                    text(
                        "INSERT INTO village_places (village_id, commune_id) SELECT v.id, u.id "
                        "FROM villages v, admin_units u WHERE v.code = :v AND u.code = :u "
                        "AND u.level = 'commune' AND u.valid_to IS NOT NULL"
                    ),
                    {"v": code, "u": unit},
                )
            if millions is None:
                continue
            conn.execute(
                text(
                    "INSERT INTO pairings (agency_id, village_id, started_on) SELECT a.id, v.id,"
                    " :d FROM agencies a, villages v WHERE a.code = :a AND v.code = :v"
                ),
                {"a": agencies.get(code, "A1"), "v": code, "d": dt.date(2024, 1, 1)},
            )
            conn.execute(
                text(
                    "INSERT INTO activities (pairing_id, date, kind, title, value_vnd) SELECT"
                    " p.id, :d, 'gifts', 'Quà', :value FROM pairings p JOIN villages v"
                    " ON v.id = p.village_id WHERE v.code = :v"
                ),
                {"v": code, "d": dt.date(2024, 5, 1), "value": millions * 1_000_000},
            )
        content = FILED_AT_0008.read_text(encoding="utf-8").strip()
        conn.execute(
            text(
                "INSERT INTO annual_reports (year, filed_at, filed_by, content, sha256, locked)"
                " VALUES (2024, :at, 'Mai', :content, :sha, true)"
            ),
            {
                "at": dt.datetime(2025, 1, 15, tzinfo=dt.timezone.utc),
                "content": content,
                "sha": hashlib.sha256(content.encode("utf-8")).hexdigest(),
            },
        )
    engine.dispose()


def test_a_year_filed_with_old_spellings_reads_the_same_unit_by_unit(empty_url: str) -> None:
    """Filed when "Ayun" and "AYun" were two rows and "Đak Đoa" was shown as recorded: after the
    upgrade the report has one row per unit under its official name, and the comparison with
    the filed figures sees the same units, so there is no drift and no write is refused for it
    — while a write that does change a filed figure still is."""
    from tests.bad_input import Before, refused

    build_filed_at_0008(empty_url)
    filed = json.loads(FILED_AT_0008.read_text(encoding="utf-8"))
    assert [c["commune"] for c in filed["by_commune"]][:2] == ["Ayun", "AYun"]  # as it was
    cli = Cli(empty_url)
    assert cli.json("db", "info")["revision"] == HEAD_REVISION
    result = cli("report", "annual", "--year", "2024", "--format", "json")
    assert "figures are unchanged" in result.stderr
    report = json.loads(result.stdout)
    assert [(c["commune"], c["district"], c["villages"]) for c in report["by_commune"]] == [
        ("AYun", "Chư Sê", 2),
        ("Hà Đông", "Đăk Đoa", 1),
        ("Ia Mơ Nông", "Chư Păh", 3),
        ("Ia Xyz", "Chư Păh", 2),
    ]
    assert [(d["district"], d["value_vnd"]) for d in report["by_district"]] == [
        ("Chư Păh", 75_000_000),
        ("Chư Sê", 9_000_000),
        ("Đăk Đoa", 9_000_000),
    ]
    assert report["unpaired_villages"][0]["district"] == "Đăk Đoa"
    assert report["totals"] == filed["totals"]
    result = cli("db", "check", "--format", "json", code=1)  # the two villages of "Ia Xyz"
    checks = [(p["check"], p["detail"]) for p in json.loads(result.stdout)]
    assert checks == [
        ("unmatched_place", "V7: commune 'Ia Xyz'"),
        ("unmatched_place", "V8: commune 'ia xyz'"),
    ]
    # writes that leave the filed figures as they are go through
    cli("village", "edit", "V2", "--commune", "Ia Mơ Nông", "--district", "Chư Păh")
    cli("village", "edit", "V5", "--commune", "Ayun")
    cli("village", "add", "--code", "V10", "--name", "Làng Mười", "--commune", "Ia Ly",
        "--district", "Chư Păh")  # fmt: skip
    cli("activity", "add", "--agency", "A1", "--village", "V1", "--date", "2025-03-01",
        "--kind", "gifts", "--title", "Quà", "--value-vnd", "1000000")  # fmt: skip
    assert "figures are unchanged" in cli("report", "annual", "--year", "2024").stderr
    # one that moves a village to another district's row is refused, naming the year
    before = Before(empty_url)
    result = cli("village", "edit", "V7", "--district", "Chư Sê", code=None)
    refused(result, before, names=["2024", "by_district"])
