"""Agency mergers (Công văn 794/UBND-NNMT, 1-4-2025): pairings continue under the new agency,
are not new pairings, and reports before the merger do not change. Expectations by hand."""

from __future__ import annotations

import pytest

from tests.bad_input import Before, refused
from tests.conftest import Cli


@pytest.fixture
def departments(cli: Cli) -> Cli:
    for code, name in [
        ("SKHDT", "Sở Kế hoạch và Đầu tư"),
        ("STC", "Sở Tài chính"),
        ("STC25", "Sở Tài chính (sau sáp nhập)"),
    ]:
        cli("agency", "add", "--code", code, "--name", name, "--kind", "department")
    for code, name in [("V1", "Làng Quen"), ("V2", "Làng Díp"), ("V3", "Làng Nhoi")]:
        cli("village", "add", "--code", code, "--name", name, "--district", "Chư Prông")
    for agency, village, since, until in [
        ("SKHDT", "V1", "2024-01-01", None),
        ("STC", "V2", "2024-03-01", None),
        ("STC", "V3", "2024-01-01", "2024-12-31"),  # over before the merger: stays as it was
    ]:
        extra = ["--ended-on", until] if until else []
        cli("pair", "add", "--agency", agency, "--village", village, "--since", since, *extra)
    for agency, village, date, value in [
        ("SKHDT", "V1", "2024-05-01", "10.000.000"),
        ("STC", "V2", "2024-06-01", "20.000.000"),
        ("STC", "V3", "2024-07-01", "4.000.000"),
        ("SKHDT", "V1", "2025-02-01", "1.000.000"),  # before the merger
        ("SKHDT", "V1", "2025-05-01", "2.000.000"),  # entered under the old name, after it
        ("STC", "V2", "2025-06-01", "3.000.000"),
    ]:
        cli(
            "activity", "add", "--agency", agency, "--village", village, "--date", date,
            "--kind", "production", "--title", f"Hỗ trợ {date}", "--value-vnd", value,
        )  # fmt: skip
    cli("visit", "add", "--agency", "STC", "--village", "V2", "--date", "2025-05-10")
    return cli


def merge(cli: Cli, *extra: str, code: int = 0):  # type: ignore[no-untyped-def]
    return cli(
        "agency", "merge", "SKHDT", "STC", "--into", "STC25", "--on", "2025-04-01", *extra,
        code=code,
    )  # fmt: skip


def test_merge_carries_pairings_and_leaves_2024_alone(departments: Cli) -> None:
    before = {
        fmt: departments("report", "annual", "--year", "2024", "--format", fmt).stdout
        for fmt in ("json", "md")
    }
    summary = departments.json("agency", "merge", "SKHDT", "STC", "--into", "STC25",
                               "--on", "2025-04-01")  # fmt: skip
    assert summary == {
        "agencies": ["SKHDT", "STC"],
        "into": "STC25",
        "on": "2025-04-01",
        "carried_pairings": 2,
        "joined_pairings": 0,
        "moved_activities": 2,
        "moved_visits": 1,
    }
    after = {
        fmt: departments("report", "annual", "--year", "2024", "--format", fmt).stdout
        for fmt in before
    }
    assert after == before

    report = departments.json("report", "annual", "--year", "2025")
    assert report["totals"] | {} == {
        "agencies": 3,  # the old two were at work until 31-3, the new one since 1-4
        "villages": 2,
        "pairings": 2,  # V1 and V2, each one pairing carried on, not two
        "new_pairings": 0,  # carried over, not new
        "activities": 3,
        "value_vnd": 6_000_000,
        "households_benefited": 0,
        "household_pairings": 0,
        "visits": 1,
        "aspirations_open": 0,
    }
    assert report["by_agency"] == [
        {
            "agency_code": "STC25",
            "agency": "Sở Tài chính (sau sáp nhập)",
            "villages": 2,
            "activities": 2,
            "value_vnd": 5_000_000,
        },
        {
            "agency_code": "SKHDT",
            "agency": "Sở Kế hoạch và Đầu tư",
            "villages": 1,
            "activities": 1,
            "value_vnd": 1_000_000,
        },
        {
            "agency_code": "STC",
            "agency": "Sở Tài chính",
            "villages": 1,
            "activities": 0,
            "value_vnd": 0,
        },
    ]
    # STC's V2 pairing did nothing in January–March, but its continuation did: not idle
    assert report["idle_pairings"] == []
    assert report["by_district"][0]["pairings"] == 2

    pairings = departments.json("pair", "list", "--agency", "STC25")
    assert [(p["village_code"], p["started_on"], p["ended_on"]) for p in pairings] == [
        ("V2", "2025-04-01", None),
        ("V1", "2025-04-01", None),
    ]
    old = departments.json("pair", "list", "--agency", "SKHDT")
    assert [(p["village_code"], p["ended_on"]) for p in old] == [("V1", "2025-03-31")]
    # the old name cannot take new records after the merger; the new one can
    departments(
        "activity", "add", "--agency", "SKHDT", "--village", "V1", "--date", "2025-06-01",
        "--kind", "gifts", "--title", "Quà", code=1,
    )  # fmt: skip
    departments(
        "activity", "add", "--agency", "STC25", "--village", "V1", "--date", "2025-06-01",
        "--kind", "gifts", "--title", "Quà",
    )  # fmt: skip


def test_review_follows_the_line_of_succession(departments: Cli) -> None:
    merge(departments)
    review = departments.json("report", "review", "--from", "2024", "--to", "2025")
    assert review["successions"] == [
        {
            "agency_code": "SKHDT",
            "agency": "Sở Kế hoạch và Đầu tư",
            "into_code": "STC25",
            "into": "Sở Tài chính (sau sáp nhập)",
            "on": "2025-04-01",
        },
        {
            "agency_code": "STC",
            "agency": "Sở Tài chính",
            "into_code": "STC25",
            "into": "Sở Tài chính (sau sáp nhập)",
            "on": "2025-04-01",
        },
    ]
    lines = {a["agency_code"]: a["line"] for a in review["agencies"]}
    assert lines == {"SKHDT": "STC25", "STC": "STC25", "STC25": "STC25"}
    # started: 3 in 2024, none in 2025 (carried); ended: V3's in 2024, none by the merger
    assert review["pairings"] == [
        {"year": 2024, "started": 3, "ended": 1},
        {"year": 2025, "started": 0, "ended": 0},
    ]
    table = departments("report", "review", "--from", "2024", "--to", "2025").stdout
    assert "Agency mergers" in table and "STC25" in table
    history = departments.json("history", "--kind", "merge")
    assert history[0]["after"]["into"] == "STC25"


def test_merge_refusals(departments: Cli) -> None:
    result = departments("agency", "merge", "STC", "--into", "STC", "--on", "2025-04-01", code=1)
    assert "STC" in result.stderr and "itself" in result.stderr
    # the carried pairings hold for every later year: a locked 2026 refuses the merger too
    departments("lock", "2026")
    result = merge(departments, code=1)
    assert "year 2026 is locked" in result.stderr
    departments("unlock", "2026", "--reason", "merger")
    merge(departments)
    result = merge(departments, code=1)
    assert "already merged into STC25 on 2025-04-01" in result.stderr
    result = departments("agency", "merge", "STC25", "--into", "SKHDT", "--on", "bad", code=1)
    assert "--on" in result.stderr


def test_merge_with_a_blank_date_is_refused(departments: Cli) -> None:
    before = Before(departments.url)
    for blank in ("", "  "):
        args = ["agency", "merge", "SKHDT", "--into", "STC25", "--on", blank]
        result = departments(*args, code=None)
        refused(result, before, ["--on", "required"])
