"""One place is one row: a village's commune and district resolve to units when they are
recorded, and reports group by unit under its official name (text that names no unit: by its
folded spelling). A scope that names no place, unit or record is an error with the closest
names. Expected values are written out by hand from the shipped units (data/admin-units)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bad_input import Before, refused
from tests.conftest import Cli, demo_province, seed

# code, name, commune, district, value (millions) of its 2024 activity
VILLAGES = [
    ("V1", "Làng Một", "Ia Mơ Nông", "Chư Păh", 10),
    ("V2", "Làng Hai", "ia mo nong", "chu pah", 20),
    ("V3", "Làng Ba", "IA MƠ NÔNG", "Chư Păh", 30),
    ("V4", "Làng Bốn", "Ia Xyz", "Chư Păh", 4),  # names no unit
    ("V5", "Làng Năm", "ia xyz", "CHƯ PĂH", 5),
    ("V6", "Làng Sáu", "Hà Đông", "Đak Đoa", 6),  # the district's official name: Đăk Đoa
]


def build(cli: Cli) -> None:
    cli("agency", "add", "--code", "A1", "--name", "Sở Xây dựng")
    for code, name, commune, district, millions in VILLAGES:
        place = ["--commune", commune, "--district", district]
        cli("village", "add", "--code", code, "--name", name, *place)
        cli("pair", "add", "--agency", "A1", "--village", code, "--since", "2024-01-01")
        gift = ["--kind", "gifts", "--title", "Quà", "--value-vnd", str(millions * 1_000_000)]
        cli("activity", "add", "--agency", "A1", "--village", code, "--date", "2024-05-01", *gift)


@pytest.fixture
def province(cli: Cli) -> Cli:
    return seed(cli, build)


def group(rows: int, value: int, **names: str) -> dict:
    return {**names, "villages": rows, "pairings": rows, "activities": rows, "value_vnd": value}


def test_one_place_is_one_row_under_its_official_name(province: Cli) -> None:
    report = province.json("report", "annual", "--year", "2024")
    assert report["by_district"] == [
        group(5, 69_000_000, district="Chư Păh"),
        group(1, 6_000_000, district="Đăk Đoa"),
    ]
    assert report["by_commune"] == [
        group(1, 6_000_000, commune="Hà Đông", district="Đăk Đoa"),
        group(3, 60_000_000, commune="Ia Mơ Nông", district="Chư Păh"),
        # no such unit: one row for its spellings, as the first village recorded it
        group(2, 9_000_000, commune="Ia Xyz", district="Chư Păh"),
    ]
    # scopes and listings find a place however it was recorded or typed
    scoped = province.json("report", "annual", "--year", "2024", "--commune", "IA MO NONG")
    assert scoped["scope"]["commune"] == "Ia Mơ Nông"
    assert scoped["totals"]["villages"] == 3 and scoped["totals"]["value_vnd"] == 60_000_000
    listed = province.json("village", "list", "--commune", "ia mơ nông")
    assert sorted(v["code"] for v in listed) == ["V1", "V2", "V3"]
    listed = province.json("pair", "list", "--district", "Huyện Chư Păh")
    assert sorted(p["village_code"] for p in listed) == ["V1", "V2", "V3", "V4", "V5"]
    listed = province.json("activity", "list", "--district", "dak doa")
    assert [a["village_code"] for a in listed] == ["V6"]
    xyz = province.json("report", "annual", "--year", "2024", "--commune", "IA XYZ")
    assert xyz["scope"]["commune"] == "Ia Xyz" and xyz["totals"]["villages"] == 2


def test_a_corrected_spelling_follows_the_unit(province: Cli) -> None:
    # edited to the unit's name (or to another spelling), a village stays in its row
    province("village", "edit", "V2", "--commune", "Ia Mơ Nông", "--district", "Chư Păh")
    province("village", "edit", "V5", "--commune", "IA XYZ")
    report = province.json("report", "annual", "--year", "2024")
    assert [(c["commune"], c["villages"]) for c in report["by_commune"]] == [
        ("Hà Đông", 1),
        ("Ia Mơ Nông", 3),
        ("Ia Xyz", 2),
    ]
    # an edit to a place that names no unit takes the village out of its unit's row
    result = province("village", "edit", "V1", "--commune", "Ia Mơ Nôngg")
    assert "Ia Mơ Nôngg" in result.stderr and "did you mean: Ia Mơ Nông" in result.stderr
    report = province.json("report", "annual", "--year", "2024")
    assert [(c["commune"], c["villages"]) for c in report["by_commune"]] == [
        ("Hà Đông", 1),
        ("Ia Mơ Nông", 2),
        ("Ia Mơ Nôngg", 1),
        ("Ia Xyz", 2),
    ]


def test_the_sample_province_has_one_ayun(cli: Cli) -> None:
    seed(cli, demo_province)
    report = cli.json("report", "annual", "--year", "2024")
    ayun = [c for c in report["by_commune"] if c["commune"].lower() == "ayun"]
    # recorded as "Ayun" and "AYun": one unit (23956, Chư Sê), shown by its official name
    assert [(c["commune"], c["district"], c["villages"]) for c in ayun] == [("AYun", "Chư Sê", 2)]
    assert "Đak Đoa" not in {d["district"] for d in report["by_district"]}
    before = {d["district"]: d for d in report["by_district"]}
    # a village typed in lower case without accents joins the rows of its units
    cli(
        "village",
        "add",
        "--code",
        "GL-9001",
        "--name",
        "Làng Mới",
        "--commune",
        "ia mo nong",
        "--district",
        "chu pah",
    )
    cli("pair", "add", "--agency", "SO-NNMT", "--village", "GL-9001", "--since", "2024-02-01")
    report = cli.json("report", "annual", "--year", "2024")
    districts = [d["district"] for d in report["by_district"]]
    assert districts == list(before) and "chu pah" not in districts
    chu_pah = next(d for d in report["by_district"] if d["district"] == "Chư Păh")
    assert chu_pah["villages"] == before["Chư Păh"]["villages"] + 1


def test_a_place_that_names_no_unit_is_kept_with_a_warning(cli: Cli, tmp_path: Path) -> None:
    add = ["village", "add", "--code"]
    result = cli(*add, "X1", "--name", "Làng A", "--commune", "Ia Xyz", "--district", "Chư Păh")
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: commune 'Ia Xyz' (X1) names no single")
    assert "Chư Păh" not in result.stderr  # the district names its unit: no warning for it
    place = ["--commune", "ia xyz", "--district", "Chu Pa"]
    result = cli(*add, "X2", "--name", "Làng B", *place, lang="vi")
    assert result.exit_code == 0
    assert "cảnh báo: xã/phường 'ia xyz' (X2) không khớp đúng một đơn vị" in result.stderr
    assert "huyện 'Chu Pa' (X2)" in result.stderr and "có phải: Chư Păh" in result.stderr
    assert [v["code"] for v in cli.json("village", "list")] == ["X1", "X2"]  # both kept
    # imports warn alike, once per spelling, naming the villages
    sheet = tmp_path / "villages.csv"
    sheet.write_text(
        "Mã thôn,Tên thôn,Xã,Huyện\n"
        "X3,Làng C,IA XYZ,Chư Păh\nX4,Làng D,Ia Xyz,Chư Păh\nX5,Làng E,Ia Kreng,Chư Păh\n",
        encoding="utf-8",
    )
    result = cli("import", str(sheet))
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: commune 'IA XYZ' (X3, X4) names no single administrative unit: kept as "
        "typed, and reports group it by its spelling (any case, any accents); did you mean: "
        "Ia Ly?"
    ]
    # db check lists them, and nothing else
    result = cli("db", "check", "--format", "json", code=1)
    problems = json.loads(result.stdout)
    assert [(p["check"], p["detail"]) for p in problems] == [
        ("unmatched_place", "X1: commune 'Ia Xyz'"),
        ("unmatched_place", "X2: commune 'ia xyz'"),
        ("unmatched_place", "X2: district 'Chu Pa'"),
        ("unmatched_place", "X3: commune 'IA XYZ'"),
        ("unmatched_place", "X4: commune 'Ia Xyz'"),
    ]
    # corrected, a place leaves the list
    cli("village", "edit", "X2", "--district", "Chư Păh")
    problems = json.loads(cli("db", "check", "--format", "json", code=1).stdout)
    assert "X2: district 'Chu Pa'" not in [p["detail"] for p in problems]


SCOPES = [
    # (command, the names stderr must hold)
    (["report", "annual", "--year", "2024", "--district", "Chu Pahh"], ["'Chu Pahh'", "Chư Păh"]),
    (["report", "annual", "--year", "2024", "--commune", "Ia Mo Nog"], ["Ia Mơ Nông"]),
    (["report", "annual", "--year", "2024", "--commune", "Ia Xyy"], ["Ia Xyz"]),
    (["report", "annual", "--year", "2024", "--agency", "A11"], ["'A11'", "A1 (Sở Xây dựng)"]),
    (
        ["report", "annual", "--year", "2024", "--commune", "Lơ Pang", "--district", "Kon Tum"],
        ["'Kon Tum'"],
    ),
    (["village", "list", "--district", "Dak Doaa"], ["'Dak Doaa'", "Đăk Đoa"]),
    (["village", "list", "--commune", "Ia Mo Nog", "--as-of", "2025-07-01"], ["Ia Mơ Nông"]),
    (["pair", "list", "--commune", "ha dong x"], ["'ha dong x'", "Hà Đông"]),
    (["activity", "list", "--district", "Chư Pă"], ["Chư Păh"]),
    (["visit", "list", "--agency", "A11"], ["A1 (Sở Xây dựng)"]),
    (["household", "list", "--district", "Nowhere"], ["district 'Nowhere'"]),
    (["agency", "list", "--district", "Nowhere"], ["district 'Nowhere'"]),
]


@pytest.mark.parametrize(
    ("args", "names"), SCOPES, ids=[" ".join(a[:2] + a[-2:]) for a, _ in SCOPES]
)
def test_a_scope_that_matches_nothing_is_an_error(
    province: Cli, args: list[str], names: list[str]
) -> None:
    before = Before(province.url)
    err = refused(province(*args, code=None), before, names=names)
    assert "no " in err and ("did you mean" in err or "Nowhere" in err or "Kon Tum" in err)


def test_scope_errors_in_vietnamese_and_scopes_of_places_with_no_records(province: Cli) -> None:
    before = Before(province.url)
    result = province(
        "report", "annual", "--year", "2024", "--district", "Chu Pahh", code=None, lang="vi"
    )
    err = refused(result, before)
    assert err.strip() == "lỗi: không có huyện 'Chu Pahh'; có phải: Chư Păh, Chư Pưh?"
    # a unit with no village in it is a scope like any other: a report of zeros
    empty = province.json("report", "annual", "--year", "2024", "--district", "Mang Yang")
    assert empty["scope"]["district"] == "Mang Yang" and empty["totals"]["villages"] == 0
    assert province.json("village", "list", "--commune", "Lơ Pang") == []
