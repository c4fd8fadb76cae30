"""Inspection ratings are a choice (Tốt, Khá, Trung bình, Yếu; stored as good, fair, average,
weak). Migration 0010 maps earlier free text where it names one, folded; other text is kept as
it was and `db check` lists it as a rating to correct."""

from __future__ import annotations

import json

import pytest

from tests import test_upgrade
from tests.conftest import Cli, dump, seed_basic

empty_url = test_upgrade.empty_url  # a database with no schema, on both backends


def test_a_0009_database_gets_its_ratings_mapped_or_flagged(empty_url: str) -> None:
    from sqlalchemy import text

    from ketnghia.db import make_engine, target_to_url, upgrade

    engine = make_engine(target_to_url(empty_url))
    assert upgrade(engine, "0009") == "0009"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO agencies (code, name, name_key, kind) "
                "VALUES ('SO-XD', 'Sở Xây dựng', 'so xay dung', 'department')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO inspections (date, agency_id, rating) VALUES "
                "('2024-10-01', 1, 'Tốt'), ('2024-10-02', 1, 'kha'), "
                "('2024-10-03', 1, 'rất tốt'), ('2024-10-04', 1, NULL), "
                "('2024-10-05', 1, ' TRUNG   BÌNH '), ('2024-10-06', 1, 'Weak')"
            )
        )
    engine.dispose()

    cli = Cli(empty_url)
    rows = cli.json("inspection", "list")
    assert [r["rating"] for r in sorted(rows, key=lambda r: r["date"])] == [
        "good", "fair", "rất tốt", None, "average", "weak",
    ]  # fmt: skip
    problems = json.loads(cli("db", "check", "--format", "json", code=1).stdout)
    assert [(p["check"], p["table"], p["id"]) for p in problems] == [
        ("rating_to_correct", "inspections", 3)
    ]
    assert "'rất tốt'" in problems[0]["detail"]
    vi = cli("db", "check", code=1, lang="vi")
    assert "cần sửa lại" in vi.stdout + vi.stderr
    cli("inspection", "edit", "3", "--rating", "tot")  # corrected: the database is sound
    cli("db", "check")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Tốt", "good"), ("tot", "good"), ("TỐT", "good"), ("good", "good"), ("Khá", "fair"),
     ("trung binh", "average"), ("Yếu", "weak"), ("Weak", "weak")],
)  # fmt: skip
def test_ratings_are_typed_as_a_choice(cli: Cli, typed: str, stored: str) -> None:
    seed_basic(cli)
    cli("inspection", "add", "--date", "2024-10-15", "--agency", "SO-NN", "--rating", typed)
    assert cli.json("inspection", "list")[0]["rating"] == stored


def test_an_unknown_rating_is_refused_and_labels_show(cli: Cli) -> None:
    seed_basic(cli)
    before = dump(cli.url)
    result = cli("inspection", "add", "--date", "2024-10-15", "--agency", "SO-NN",
                 "--rating", "rất tốt", code=1)  # fmt: skip
    assert "rất tốt" in result.stderr and "Good" in result.stderr  # the choices by label
    assert dump(cli.url) == before
    cli("inspection", "add", "--date", "2024-10-15", "--agency", "SO-NN", "--rating", "kha")
    assert "Khá" in cli("inspection", "list", lang="vi").stdout
    assert "Fair" in cli("inspection", "list").stdout
