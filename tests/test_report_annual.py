"""The annual report against a hand-built province whose report is written out here, by hand,
from the contract's definitions (not computed by the code under test)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.conftest import Cli, opened, seed, seed_basic

if TYPE_CHECKING:
    from sqlmodel import Session


def build(cli: Cli) -> None:
    for code, name, kind in [
        ("A1", "Sở Xây dựng", "department"),
        ("A2", "Tỉnh đoàn", "mass_org"),
        ("A3", "Công an tỉnh", "armed"),
    ]:
        cli("agency", "add", "--code", code, "--name", name, "--kind", kind)
    for code, name, district, special in [
        ("V1", "Làng Quen", "Chư Prông", True),
        ("V2", "Làng Díp", "Chư Păh", True),
        ("V3", "Đê Ar", "Đak Đoa", False),
        ("V4", "Làng Ơp", "Ayun Pa", True),
        ("V5", "Plei Ring", "Đak Đoa", True),
    ]:
        flag = "--special-difficulty" if special else "--no-special-difficulty"
        cli("village", "add", "--code", code, "--name", name, "--district", district, flag)
    pairings = [
        ("A1", "V1", "2023-06-01", None),  # P1: runs through 2024
        ("A2", "V2", "2024-01-01", "2024-06-30"),  # P2: starts on 1-1, ends mid-year
        ("A2", "V2", "2024-07-01", None),  # P3: the same pair made again in the same year
        ("A3", "V3", "2024-12-31", None),  # P4: starts on 31-12, nothing done: idle
        ("A1", "V5", "2025-01-01", None),  # P5: not yet in 2024
        ("A3", "V1", "2022-01-01", "2023-12-31"),  # P6: over before 2024
        ("A1", "V3", "2023-01-01", "2024-01-01"),  # P7: active on 1-1-2024 only
    ]
    for agency, village, start, end in pairings:
        cli(
            "pair",
            "add",
            "--agency",
            agency,
            "--village",
            village,
            "--since",
            start,
            *(["--ended-on", end] if end else []),
        )
    activities = [
        (
            "A1",
            "V1",
            "2024-01-01",
            "construction",
            "Đường bê tông",
            "100.000.000",
            "community",
            "10",
        ),
        ("A1", "V1", "2024-12-31", "gifts", "Quà Tết", "5.000.000", "staff", "20"),
        ("A1", "V1", "2023-12-31", "gifts", "Quà Tết 2023", "7.000.000", "staff", None),
        ("A1", "V1", "2025-01-01", "gifts", "Quà 2025", "9.000.000", "staff", None),
        ("A2", "V2", "2024-03-01", "production", "Bò giống", "30.000.000", "agency", "5"),
        ("A2", "V2", "2024-08-01", "mobilization", "Tuyên truyền", "0", "agency", None),
        ("A2", "V2", "2024-09-01", "gifts", "Học bổng", "5.000.000", "enterprise", None),
        ("A3", "V1", "2023-05-01", "health", "Khám bệnh", "1.000.000", "agency", None),
    ]
    for agency, village, date, kind, title, value, source, households in activities:
        cli(
            "activity",
            "add",
            "--agency",
            agency,
            "--village",
            village,
            "--date",
            date,
            "--kind",
            kind,
            "--title",
            title,
            "--value",
            value,
            "--source",
            source,
            *(["--households-benefited", households] if households else []),
        )
    visits = [
        ("A1", "V3", "2024-01-01", "Nước sạch", None),  # open at the end of 2024
        ("A1", "V1", "2023-11-01", "Đường", "2025-02-01"),  # resolved only in 2025: open
        ("A2", "V2", "2024-10-01", "Giống", "2024-12-31"),  # resolved in time
        ("A1", "V1", "2024-05-05", None, None),  # nothing asked
    ]
    for agency, village, date, aspirations, resolved in visits:
        cli(
            "visit",
            "add",
            "--agency",
            agency,
            "--village",
            village,
            "--date",
            date,
            *(["--aspirations", aspirations] if aspirations else []),
            *(["--resolved-on", resolved] if resolved else []),
        )
    for village, helper, helped, start, end in [
        ("V1", "Nguyễn Văn An", "Rơ Châm", "2024-03-01", None),
        ("V2", "Lê Thị Cúc", "Ksor Y", "2023-01-01", "2023-12-31"),
        ("V3", "Trần Văn Bình", "Đinh Rô", "2024-12-31", None),
    ]:
        cli(
            "household",
            "add",
            "--village",
            village,
            "--helper",
            helper,
            "--helped",
            helped,
            "--since",
            start,
            *(["--ended-on", end] if end else []),
        )


NO_OUTCOMES = {
    "villages_with_figures": 0,
    "poor_start": 0,
    "poor_end": 0,
    "out_of_poverty": 0,
    "villages_meeting_aim": 0,
    "special_difficulty_by_figures": [],
    "by_village": [],
}

EXPECTED_2024 = {
    "year": 2024,
    "scope": {"district": None, "agency": None},
    "totals": {
        "agencies": 3,
        "villages": 3,
        "pairings": 5,
        "new_pairings": 3,
        "activities": 5,
        "value_vnd": 140_000_000,
        "households_benefited": 35,
        "household_pairings": 2,
        "visits": 3,
        "aspirations_open": 2,
    },
    # Vietnamese order: "Chư Păh" before "Chư Prông" (ă < r), though code points say otherwise
    "by_district": [
        {
            "district": "Chư Păh",
            "villages": 1,
            "pairings": 2,
            "activities": 3,
            "value_vnd": 35_000_000,
        },
        {
            "district": "Chư Prông",
            "villages": 1,
            "pairings": 1,
            "activities": 2,
            "value_vnd": 105_000_000,
        },
        {"district": "Đăk Đoa", "villages": 1, "pairings": 2, "activities": 0, "value_vnd": 0},
    ],
    "by_agency": [
        {
            "agency_code": "A1",
            "agency": "Sở Xây dựng",
            "villages": 2,
            "activities": 2,
            "value_vnd": 105_000_000,
        },
        {
            "agency_code": "A2",
            "agency": "Tỉnh đoàn",
            "villages": 1,
            "activities": 3,
            "value_vnd": 35_000_000,
        },
        {
            "agency_code": "A3",
            "agency": "Công an tỉnh",
            "villages": 1,
            "activities": 0,
            "value_vnd": 0,
        },
    ],
    "by_kind": [
        {"kind": "construction", "activities": 1, "value_vnd": 100_000_000},
        {"kind": "production", "activities": 1, "value_vnd": 30_000_000},
        {"kind": "gifts", "activities": 2, "value_vnd": 10_000_000},
        {"kind": "mobilization", "activities": 1, "value_vnd": 0},
    ],
    "by_source": [
        {"source": "community", "value_vnd": 100_000_000},
        {"source": "agency", "value_vnd": 30_000_000},
        {"source": "enterprise", "value_vnd": 5_000_000},
        {"source": "staff", "value_vnd": 5_000_000},
    ],
    "idle_pairings": [
        {
            "agency_code": "A3",
            "village_code": "V3",
            "started_on": "2024-12-31",
            "agency": "Công an tỉnh",
            "village": "Đê Ar",
        }
    ],
    "unpaired_villages": [
        {"village_code": "V4", "village": "Làng Ơp", "district": "Ayun Pa"},
        {"village_code": "V5", "village": "Plei Ring", "district": "Đăk Đoa"},
    ],
    "outcomes": NO_OUTCOMES,
}

EXPECTED_DAK_DOA = {
    "year": 2024,
    "scope": {"district": "Đăk Đoa", "agency": None},
    "totals": {
        "agencies": 2,
        "villages": 1,
        "pairings": 2,
        "new_pairings": 1,
        "activities": 0,
        "value_vnd": 0,
        "households_benefited": 0,
        "household_pairings": 1,
        "visits": 1,
        "aspirations_open": 1,
    },
    "by_district": [
        {"district": "Đăk Đoa", "villages": 1, "pairings": 2, "activities": 0, "value_vnd": 0}
    ],
    "by_agency": [
        {
            "agency_code": "A1",
            "agency": "Sở Xây dựng",
            "villages": 1,
            "activities": 0,
            "value_vnd": 0,
        },
        {
            "agency_code": "A3",
            "agency": "Công an tỉnh",
            "villages": 1,
            "activities": 0,
            "value_vnd": 0,
        },
    ],
    "by_kind": [],
    "by_source": [],
    "idle_pairings": [
        {
            "agency_code": "A3",
            "village_code": "V3",
            "started_on": "2024-12-31",
            "agency": "Công an tỉnh",
            "village": "Đê Ar",
        }
    ],
    "unpaired_villages": [{"village_code": "V5", "village": "Plei Ring", "district": "Đăk Đoa"}],
    "outcomes": NO_OUTCOMES,
}

EXPECTED_A2 = {
    "year": 2024,
    "scope": {"district": None, "agency": "A2"},
    "totals": {
        "agencies": 1,
        "villages": 1,
        "pairings": 2,
        "new_pairings": 2,
        "activities": 3,
        "value_vnd": 35_000_000,
        "households_benefited": 5,
        "household_pairings": 0,
        "visits": 1,
        "aspirations_open": 0,
    },
    "by_district": [
        {
            "district": "Chư Păh",
            "villages": 1,
            "pairings": 2,
            "activities": 3,
            "value_vnd": 35_000_000,
        }
    ],
    "by_agency": [
        {
            "agency_code": "A2",
            "agency": "Tỉnh đoàn",
            "villages": 1,
            "activities": 3,
            "value_vnd": 35_000_000,
        }
    ],
    "by_kind": [
        {"kind": "production", "activities": 1, "value_vnd": 30_000_000},
        {"kind": "gifts", "activities": 1, "value_vnd": 5_000_000},
        {"kind": "mobilization", "activities": 1, "value_vnd": 0},
    ],
    "by_source": [
        {"source": "agency", "value_vnd": 30_000_000},
        {"source": "enterprise", "value_vnd": 5_000_000},
    ],
    "idle_pairings": [],
    "unpaired_villages": [],
    "outcomes": NO_OUTCOMES,
}


@pytest.fixture
def province(cli: Cli) -> Cli:
    return seed(cli, build)


@pytest.fixture
def session(province: Cli) -> Iterator[Session]:
    """The province, for the report's rules at the service level."""
    with opened(province.url) as session:
        yield session


def annual(session: Session, year: int, **scope: str) -> dict:
    """The annual report as its JSON holds it."""
    from ketnghia.exporting import json_value
    from ketnghia.reports.annual import Scope, annual_report

    return json.loads(json.dumps(annual_report(session, year, Scope(**scope)), default=json_value))


def report(cli: Cli, *args: str) -> dict:
    return json.loads(cli("report", "annual", *args, "--format", "json").stdout)


# These villages were recorded without a commune: by commune, one group per district.
for _expected in (EXPECTED_2024, EXPECTED_DAK_DOA, EXPECTED_A2):
    _expected["by_commune"] = [{"commune": None} | row for row in _expected["by_district"]]
    _expected["localities"] = _expected["locality_contributors"] = []  # none in this province
    # nor on the map of today's communes: every village of the report is counted off it
    _expected["map"] = {
        "on": "2024-12-31",
        "communes": [],
        "mapped_villages": 0,
        "unplaced_villages": _expected["totals"]["villages"] + len(_expected["unpaired_villages"]),
    }
    # no form made for the year: the agencies of the report are expected, no rate yet
    _expected["collection"] = {
        "expected": _expected["totals"]["agencies"],
        "returned": 0,
        "rate": None,
        "organised": False,
    }


def test_annual_report_by_hand(province: Cli) -> None:
    assert report(province, "--year", "2024") == EXPECTED_2024


def test_district_scope(session: Session) -> None:
    # the district is shown by its official name ("Đăk Đoa"), however it was typed or recorded
    assert annual(session, 2024, district="dak doa") == EXPECTED_DAK_DOA
    assert annual(session, 2024, district="Đak Đoa") == EXPECTED_DAK_DOA
    assert annual(session, 2024, district="Huyện Đăk Đoa") == EXPECTED_DAK_DOA


def test_agency_scope(session: Session) -> None:
    assert annual(session, 2024, agency="a2") == EXPECTED_A2
    assert annual(session, 2024, agency="tinh doan") == EXPECTED_A2


def test_scope_options_reach_the_report(province: Cli) -> None:
    assert report(province, "--year", "2024", "--district", "dak doa") == EXPECTED_DAK_DOA
    assert report(province, "--year", "2024", "--agency", "tinh doan") == EXPECTED_A2


def test_json_keys_do_not_follow_the_language(province: Cli) -> None:
    vi = province("report", "annual", "--year", "2024", "--format", "json", lang="vi").stdout
    en = province("report", "annual", "--year", "2024", "--format", "json", lang="en").stdout
    assert vi == en


def test_table_in_vietnamese_with_money_and_warnings(province: Cli) -> None:
    out = province("report", "annual", "--year", "2024", lang="vi").stdout
    assert "140.000.000" in out and "105.000.000" in out
    assert "Chư Păh" in out and out.index("Chư Păh") < out.index("Chư Prông")
    assert "Công trình" in out  # kinds by their Vietnamese label
    assert "Làng Ơp" in out and "31/12/2024" in out  # the formalism warnings, dates day first
    en = province("report", "annual", "--year", "2024", lang="en").stdout
    assert "140,000,000" in en and "Construction" in en


def test_empty_year(session: Session) -> None:
    empty = annual(session, 2019)
    assert empty["totals"] == dict.fromkeys(EXPECTED_2024["totals"], 0)
    assert empty["by_district"] == [] and empty["idle_pairings"] == []
    assert [v["village_code"] for v in empty["unpaired_villages"]] == ["V1", "V2", "V4", "V5"]


def test_outcomes_from_village_figures(province: Cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # V1 and V2 with figures for both years, V3 only for 2024, V4 (not paired) for both
    province(
        "village",
        "stats",
        "--village",
        "V1",
        "--year",
        "2023",
        "--households",
        "178",
        "--poor-households",
        "43",
    )
    province(
        "village",
        "stats",
        "--village",
        "V1",
        "--year",
        "2024",
        "--households",
        "180",
        "--poor-households",
        "40",
        "--near-poor-households",
        "22",
    )
    path = tmp_path / "chi-so.csv"
    path.write_text(
        "Mã thôn,Năm,Số hộ,Số hộ nghèo,Thu nhập bình quân\n"
        "V2,2023,100,20,18.000.000\nV2,2024,100,19,21.000.000\nV3,2024,120,30,\n"
        "V4,2023,90,40,\nV4,2024,90,30,\n",
        encoding="utf-8",
    )
    province("import", str(path))
    assert report(province, "--year", "2024")["outcomes"] == {
        "villages_with_figures": 3,
        "poor_start": 63,
        "poor_end": 59,
        "out_of_poverty": 4,
        "villages_meeting_aim": 1,
        "special_difficulty_by_figures": [
            {"village_code": "V1", "village": "Làng Quen", "poverty_rate": 22.2},
            {"village_code": "V3", "village": "Đê Ar", "poverty_rate": 25.0},
        ],
        "by_village": [
            {
                "village_code": "V1",
                "village": "Làng Quen",
                "poor_start": 43,
                "poor_end": 40,
                "out_of_poverty": 3,
                "met_aim": True,
            },
            {
                "village_code": "V2",
                "village": "Làng Díp",
                "poor_start": 20,
                "poor_end": 19,
                "out_of_poverty": 1,
                "met_aim": False,
            },
            {
                "village_code": "V3",
                "village": "Đê Ar",
                "poor_start": None,
                "poor_end": 30,
                "out_of_poverty": None,
                "met_aim": False,
            },
        ],
    }
    scoped = report(province, "--year", "2024", "--agency", "A2")["outcomes"]
    assert [r["village_code"] for r in scoped["by_village"]] == ["V2"]
    md = province("report", "annual", "--year", "2024", "--format", "md", lang="vi").stdout
    assert "| V1 | Làng Quen | 43 | 40 | 3 | có | 22,2% |" in md  # a decimal comma
    rows = province.json("village", "stats", "--village", "V2")
    assert [(r["year"], r["income_per_head"]) for r in rows] == [
        (2023, 18_000_000),
        (2024, 21_000_000),
    ]
    province(
        "village", "stats", "--village", "V2", "--year", "2024", "--poor-households", "101", code=1
    )


def test_the_summary_says_none_rather_than_zero_of_what_the_directive_warns_of(cli: Cli) -> None:
    """ "Có 0 cặp kết nghĩa không có hoạt động" reads as a warning of nothing: none is said so."""
    from ketnghia.reports.layout import summary_text

    seed_basic(cli)
    report = cli.json("report", "annual", "--year", "2024")
    assert len(report["idle_pairings"]) == 1
    assert "Có 1 cặp kết nghĩa không có hoạt động trong năm." in summary_text(report, "vi")
    cli(
        "activity", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-05-01",
        "--kind", "gifts", "--title", "Quà Tết",
    )  # fmt: skip
    report = cli.json("report", "annual", "--year", "2024")
    text = summary_text(report, "vi")
    assert "Mọi cặp kết nghĩa đều có hoạt động trong năm." in text and "Có 0" not in text
    assert "Every pairing did something during the year." in summary_text(report, "en")
