"""The multi-year review and an agency's own report, on the hand-built province."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Cli, seed
from tests.test_report_annual import EXPECTED_2024, EXPECTED_A2, build


@pytest.fixture
def province(cli: Cli) -> Cli:
    return seed(cli, build)


def test_review_2023_2024(province: Cli) -> None:
    data = json.loads(
        province("report", "review", "--from", "2023", "--to", "2024", "--format", "json").stdout
    )
    y2023, y2024 = data["years"]
    assert y2023["year"] == 2023 and y2023["change"] is None
    assert (y2023["agencies"], y2023["villages"], y2023["pairings"]) == (2, 2, 3)
    assert (y2023["new_pairings"], y2023["activities"], y2023["value_vnd"]) == (2, 2, 8_000_000)
    assert {k: y2024[k] for k in EXPECTED_2024["totals"]} == EXPECTED_2024["totals"]
    assert y2024["change"]["pairings"] == 2
    assert y2024["change"]["activities"] == 3
    assert y2024["change"]["value_vnd"] == 132_000_000
    assert data["pairings"] == [
        {"year": 2023, "started": 2, "ended": 1},
        {"year": 2024, "started": 3, "ended": 2},
    ]
    agencies = [
        (a["agency_code"], a["activities"], a["value_vnd"], a["idle_years"])
        for a in data["agencies"]
    ]
    assert agencies == [
        ("A1", 3, 112_000_000, 1),
        ("A2", 3, 35_000_000, 0),
        ("A3", 1, 1_000_000, 1),
    ]
    assert data["agencies"][0]["years"]["2023"] == {
        "activities": 1,
        "value_vnd": 7_000_000,
        "idle": True,
    }
    assert data["dormant_villages"] == [  # recorded "Đak Đoa": shown by its official name
        {"village_code": "V3", "village": "Đê Ar", "district": "Đăk Đoa", "last_activity": None}
    ]


def test_review_table_and_markdown(province: Cli) -> None:
    table = province("report", "review", "--from", "2023", "--to", "2024", lang="vi").stdout
    assert "Sơ kết, tổng kết công tác kết nghĩa giai đoạn 2023–2024" in table
    assert "+132.000.000" in table and "Đê Ar" in table
    md = province("report", "review", "--from", "2023", "--to", "2024", "-f", "md").stdout
    assert md.startswith("# Twinning review, 2023–2024")
    assert "| A1 | Sở Xây dựng | 7,000,000 | 105,000,000 | 112,000,000 | 1 |" in md
    province("report", "review", "--from", "2024", "--to", "2023", code=1)


def test_agency_report(province: Cli) -> None:
    page = json.loads(
        province("report", "agency", "tinh doan", "--year", "2024", "--format", "json").stdout
    )
    assert page["agency"] == {"code": "A2", "name": "Tỉnh đoàn", "kind": "mass_org"}
    assert page["totals"] == EXPECTED_A2["totals"]
    assert [(p["started_on"], p["ended_on"]) for p in page["pairings"]] == [
        ("2024-01-01", "2024-06-30"),
        ("2024-07-01", None),
    ]
    assert [(a["date"], a["kind"], a["value_vnd"]) for a in page["activities"]] == [
        ("2024-03-01", "production", 30_000_000),
        ("2024-08-01", "mobilization", 0),
        ("2024-09-01", "gifts", 5_000_000),
    ]
    assert [v["date"] for v in page["visits"]] == ["2024-10-01"]
    assert page["aspirations_open"] == []
    a1 = json.loads(province("report", "agency", "A1", "--year", "2024", "-f", "json").stdout)
    assert [(v["village_code"], v["date"]) for v in a1["aspirations_open"]] == [
        ("V1", "2023-11-01"),
        ("V3", "2024-01-01"),
    ]
    table = province("report", "agency", "A1", "--year", "2024", lang="vi").stdout
    assert "Sở Xây dựng (A1): kết quả công tác kết nghĩa năm 2024" in table
    assert "100.000.000" in table
