"""The 2025 reorganisation: administrative units, apply-2025, village moves, and reports by
place at a date. Expected values are written out by hand from the shipped mapping
(data/admin-units), not computed by the code under test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bad_input import Before, refused
from tests.conftest import Cli

# code, name, commune, district, province, special difficulty
VILLAGES = [
    ("V1", "Làng Ar Dôch Kơ Tu", "Đê Ar", "Mang Yang", None),  # → Lơ Pang (23812)
    ("V2", "Làng Kon Thụp", "Kon Thụp", "Mang Yang", None),  # → Lơ Pang (23812)
    ("V3", "Làng Quen", "Ia Me", "Chư Prông", None),  # → Ia Boòng (23911)
    ("V4", "Làng Kon Jốt", "Hà Đông", "Đak Đoa", None),  # → Đak Sơmei (23683)
    ("V5", "Thôn An Nghĩa", "An Nghĩa", "An Lão", "Bình Định"),  # split: An Toàn / An Hòa
]


@pytest.fixture
def province(cli: Cli) -> Cli:
    for code, name in [("A1", "Sở Xây dựng"), ("A2", "Tỉnh đoàn")]:
        cli("agency", "add", "--code", code, "--name", name)
    for code, name, commune, district, province_name in VILLAGES:
        extra = ["--province", province_name] if province_name else []
        cli(
            "village", "add", "--code", code, "--name", name, "--commune", commune,
            "--district", district, *extra,
        )  # fmt: skip
    for agency, village in [("A1", "V1"), ("A1", "V2"), ("A2", "V3"), ("A2", "V4"), ("A1", "V5")]:
        cli("pair", "add", "--agency", agency, "--village", village, "--since", "2024-01-01")
    activities = [
        ("A1", "V1", "2024-03-01", "10.000.000"),
        ("A1", "V2", "2024-05-01", "20.000.000"),
        ("A2", "V3", "2024-06-01", "5.000.000"),
        ("A1", "V1", "2025-03-01", "1.000.000"),  # before the change
        ("A1", "V2", "2025-08-01", "2.000.000"),  # after it
        ("A2", "V4", "2025-09-01", "4.000.000"),
        ("A1", "V5", "2025-10-01", "8.000.000"),
    ]
    for agency, village, date, value in activities:
        cli(
            "activity", "add", "--agency", agency, "--village", village, "--date", date,
            "--kind", "gifts", "--title", f"Quà {date}", "--value-vnd", value,
        )  # fmt: skip
    return cli


def by_commune(cli: Cli, *args: str) -> list[dict]:
    return cli.json("report", "annual", *args)["by_commune"]


def test_villages_are_placed_in_their_recorded_commune(province: Cli) -> None:
    places = province.json("village", "places", "V1")
    assert places == [
        {
            "valid_from": None,
            "valid_to": None,
            "commune_code": "23815",
            "commune": "Đê Ar",
            "district": "Mang Yang",
            "note": None,
        }
    ]


def test_apply_2025_keeps_2024_and_groups_2025_by_new_communes(province: Cli) -> None:
    before = {
        fmt: province("report", "annual", "--year", "2024", "--format", fmt).stdout
        for fmt in ("json", "md", "csv", "table")
    }
    result = province.json("admin", "apply-2025")
    assert [m["village_code"] for m in result["moved"]] == ["V1", "V2", "V3", "V4"]
    assert result["moved"][0] == {
        "village_code": "V1",
        "from": "23815 Xã Đê Ar",
        "to": "23812 Xã Lơ Pang",
    }
    # the split commune is listed with its choices, and its village is not moved
    assert result["split"] == [
        {
            "village_code": "V5",
            "village": "Thôn An Nghĩa",
            "commune": "21634 Xã An Nghĩa",
            "choices": ["21622 Xã An Toàn", "21628 Xã An Hòa"],
        }
    ]
    assert [p["commune_code"] for p in province.json("village", "places", "V5")] == ["21634"]
    after = {
        fmt: province("report", "annual", "--year", "2024", "--format", fmt).stdout
        for fmt in before
    }
    assert after == before  # byte for byte, in every format
    # each place under its official name, whether the village was moved or not ("Đak Đoa"
    # was recorded; the district's official spelling is "Đăk Đoa")
    districts = [d["district"] for d in json.loads(after["json"])["by_district"]]
    assert districts == ["An Lão", "Chư Prông", "Đăk Đoa", "Mang Yang"]

    # 2025, a year cut in two: villages on the map of its last day, old district beside
    assert by_commune(province, "--year", "2025") == [
        {
            "commune": "An Nghĩa",
            "district": "An Lão",
            "villages": 1,
            "pairings": 1,
            "activities": 1,
            "value_vnd": 8_000_000,
        },
        {
            "commune": "Đak Sơmei",
            "district": "Đăk Đoa",  # official (recorded as "Đak Đoa")
            "villages": 1,
            "pairings": 1,
            "activities": 1,
            "value_vnd": 4_000_000,
        },
        {
            "commune": "Ia Boòng",
            "district": "Chư Prông",
            "villages": 1,
            "pairings": 1,
            "activities": 0,
            "value_vnd": 0,
        },
        {
            "commune": "Lơ Pang",
            "district": "Mang Yang",
            "villages": 2,
            "pairings": 2,
            "activities": 2,
            "value_vnd": 3_000_000,
        },
    ]
    # the old districts still work for 2025
    mang_yang = province.json("report", "annual", "--year", "2025", "--district", "mang yang")
    assert mang_yang["totals"]["villages"] == 2
    assert mang_yang["totals"]["value_vnd"] == 3_000_000
    # a second run has nothing left to move
    again = province.json("admin", "apply-2025")
    assert again["moved"] == [] and [s["village_code"] for s in again["split"]] == ["V5"]


def test_commune_scope_as_it_was_or_as_of(province: Cli) -> None:
    province("admin", "apply-2025")
    # 2024, the commune as it was then
    de_ar = province.json("report", "annual", "--year", "2024", "--commune", "de ar")
    assert de_ar["scope"]["commune"] == "Đê Ar"
    assert de_ar["totals"]["villages"] == 1 and de_ar["totals"]["value_vnd"] == 10_000_000
    # 2024 on today's map: Lơ Pang takes in Đê Ar and Kon Thụp
    lo_pang = province.json(
        "report", "annual", "--year", "2024", "--commune", "Lơ Pang", "--as-of", "2025-07-01"
    )
    assert lo_pang["scope"] == {
        "district": None,
        "agency": None,
        "commune": "Lơ Pang",
        "as_of": "2025-07-01",
    }
    assert lo_pang["totals"]["villages"] == 2 and lo_pang["totals"]["value_vnd"] == 30_000_000
    # without --as-of, 2024 by "Lơ Pang" finds nothing: none of these villages was in it then
    assert (
        province.json("report", "annual", "--year", "2024", "--commune", "Lơ Pang")["totals"][
            "villages"
        ]
        == 0
    )
    # listings by place at a date
    codes = [v["code"] for v in province.json("village", "list", "--commune", "Lơ Pang")]
    assert codes == []  # as recorded: no village was recorded in Lơ Pang
    listed = province.json("village", "list", "--commune", "Lơ Pang", "--as-of", "2025-12-31")
    assert sorted(v["code"] for v in listed) == ["V1", "V2"]
    listed = province.json("village", "list", "--district", "Mang Yang", "--as-of", "2024-06-30")
    assert sorted(v["code"] for v in listed) == ["V1", "V2"]


def test_village_move_places_a_split_village_and_keeps_history(province: Cli) -> None:
    province("admin", "apply-2025")
    province("village", "move", "V5", "--to", "21628", "--on", "2025-07-01", "--note", "QĐ 12")
    places = province.json("village", "places", "V5")
    assert [(p["valid_from"], p["valid_to"], p["commune_code"]) for p in places] == [
        (None, "2025-06-30", "21634"),
        ("2025-07-01", None, "21628"),
    ]
    assert places[1]["note"] == "QĐ 12"
    rows = by_commune(province, "--year", "2025")
    assert rows[0]["commune"] == "An Hòa" and rows[0]["district"] == "An Lão"
    # a correction of the same day replaces the place rather than stacking another
    province("village", "move", "V5", "--to", "An Toàn", "--on", "2025-07-01")
    places = province.json("village", "places", "V5")
    assert [p["commune_code"] for p in places] == ["21634", "21622"]
    history = province.json("history", "--kind", "village_places")
    assert {h["action"] for h in history} >= {"insert", "update", "delete"}
    assert any(h["key"] == "V5 2025-07-01" for h in history)
    # the 2024 report still has the old commune
    assert by_commune(province, "--year", "2024")[0]["commune"] == "An Nghĩa"


def test_move_refuses_a_locked_year_and_unknown_communes(province: Cli) -> None:
    # a new place holds for every later year: a locked 2026 refuses a move dated in 2025
    province("lock", "2026")
    result = province("village", "move", "V1", "--to", "23812", "--on", "2025-07-01", code=1)
    assert "year 2026 is locked" in result.stderr
    result = province("admin", "apply-2025", code=1)
    assert "year 2026 is locked" in result.stderr
    province("unlock", "2026", "--reason", "reorganisation")
    result = province("village", "move", "V1", "--to", "Nowhere", "--on", "2025-07-01", code=1)
    assert result.stderr.strip().count("\n") == 0 and "Nowhere" in result.stderr
    # a code valid only before the change is not a commune on 2025-07-01
    result = province("village", "move", "V1", "--to", "23815", "--on", "2025-07-01", code=1)
    assert "23815" in result.stderr


def test_dry_run_changes_nothing(province: Cli) -> None:
    preview = province.json("admin", "apply-2025", "--dry-run")
    assert len(preview["moved"]) == 4 and preview["dry_run"] is True
    assert len(province.json("village", "places", "V1")) == 1
    assert province.json("admin", "apply-2025")["moved"] == preview["moved"]


def test_shipped_units_keep_codes_apart_by_period(cli: Cli) -> None:
    provinces = cli.json("admin", "list", "--level", "province")
    assert [(p["code"], p["name"], p["valid_from"], p["valid_to"]) for p in provinces] == [
        ("52", "Tỉnh Bình Định", None, "2025-06-30"),
        ("52", "Tỉnh Gia Lai", "2025-07-01", None),
        ("64", "Tỉnh Gia Lai", None, "2025-06-30"),
    ]
    new = cli.json("admin", "list", "--level", "commune", "--as-of", "2025-07-01")
    old = cli.json("admin", "list", "--level", "commune", "--as-of", "2025-06-30")
    assert (len(new), len(old)) == (135, 373)
    # 23812 was Kon Thụp (Mang Yang) before and is Lơ Pang after
    assert [u["name"] for u in old if u["code"] == "23812"] == ["Xã Kon Thụp"]
    assert [u["name"] for u in new if u["code"] == "23812"] == ["Xã Lơ Pang"]


def _kon_tum_mapping(folder: Path) -> Path:
    """An old→new mapping of another province: one ward of Kon Tum."""
    mapping = folder / "kon-tum.csv"
    mapping.write_text(
        "old_province_code,old_province,old_district_code,old_district,old_commune_code,"
        "old_commune,new_commune_codes,new_communes,confidence\n"
        "62,Tỉnh Kon Tum,610,Thành phố Kon Tum,23287,Phường Quang Trung,23287,"
        "Phường Kon Tum,high\n",
        encoding="utf-8-sig",
    )
    return mapping


def test_admin_import_another_province(cli: Cli, tmp_path: Path) -> None:
    mapping = _kon_tum_mapping(tmp_path)
    cli("village", "add", "--code", "K1", "--name", "Làng Plei Đôn", "--commune",
        "Quang Trung", "--district", "Kon Tum", "--province", "Kon Tum")  # fmt: skip
    assert cli.json("village", "places", "K1") == []  # no such unit yet
    args = ["--new-province-code", "51", "--new-province", "Tỉnh Quảng Ngãi"]
    out = cli("admin", "import", str(mapping), *args).stdout
    assert "5 units" in out and "1 villages placed" in out  # 2 provinces, 1 district, 2 communes
    assert "0 units" in cli("admin", "import", str(mapping), *args).stdout  # twice: nothing
    assert cli.json("village", "places", "K1")[0]["commune_code"] == "23287"
    moved = cli.json("admin", "apply-2025")["moved"]
    assert moved == [
        {"village_code": "K1", "from": "23287 Phường Quang Trung", "to": "23287 Phường Kon Tum"}
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("old_province_code,old_commune\n1,x\n", encoding="utf-8")
    result = cli("admin", "import", str(bad), code=1)
    assert "bad.csv" in result.stderr and "old_district_code" in result.stderr


def test_imported_villages_are_placed_and_follow_corrections(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "villages.csv"
    sheet.write_text("Mã thôn,Tên thôn,Xã,Huyện\nV1,Làng Díp,Ia Kreng,Chư Păh\n", "utf-8")
    cli("import", str(sheet))
    assert cli.json("village", "places", "V1")[0]["commune_code"] == "23738"
    sheet.write_text("Mã thôn,Tên thôn,Xã,Huyện\nV1,Làng Díp,Đê Ar,Mang Yang\n", "utf-8")
    cli("import", str(sheet))  # a corrected commune: the village never moved, so it follows
    assert cli.json("village", "places", "V1")[0]["commune_code"] == "23815"
    cli("village", "edit", "V1", "--commune", "Ia Me", "--district", "Chư Prông")
    assert cli.json("village", "places", "V1")[0]["commune_code"] == "23920"
    cli("village", "move", "V1", "--to", "23911", "--on", "2025-07-01")
    cli("village", "edit", "V1", "--commune", "Ia Kreng", "--district", "Chư Păh")
    # with a history of places, an edit of the recorded text leaves the history alone
    assert [p["commune_code"] for p in cli.json("village", "places", "V1")] == ["23920", "23911"]
    cli("village", "remove", "V1")  # its places go with it
    assert json.loads(cli("village", "list", "--format", "json").stdout) == []


def test_a_village_recorded_with_a_commune_code(cli: Cli) -> None:
    # a code names the unit; one reused across the change needs the old district for the old
    cli("village", "add", "--code", "X1", "--name", "Làng A", "--commune", "23920")
    cli("village", "add", "--code", "X2", "--name", "Làng B", "--commune", "23812")
    cli("village", "add", "--code", "X3", "--name", "Làng C", "--commune", "23812",
        "--district", "Mang Yang")  # fmt: skip
    found = {v: cli.json("village", "places", v)[0] for v in ("X1", "X2", "X3")}
    assert [(p["commune"], p["district"]) for p in found.values()] == [
        ("Ia Me", "Chư Prông"),
        ("Lơ Pang", None),  # without a district: the commune of today
        ("Kon Thụp", "Mang Yang"),
    ]


def test_pairings_listed_by_place_at_a_date(province: Cli) -> None:
    province("admin", "apply-2025")
    recorded = province.json("pair", "list", "--commune", "de ar")
    assert [p["village_code"] for p in recorded] == ["V1"]
    today = province.json("pair", "list", "--commune", "Lơ Pang", "--as-of", "2025-07-01")
    assert sorted(p["village_code"] for p in today) == ["V1", "V2"]
    before = province.json("pair", "list", "--district", "Chư Prông", "--as-of", "2025-06-30")
    assert [p["village_code"] for p in before] == ["V3"]
    assert province.json("pair", "list", "--district", "Chư Prông", "--as-of", "2025-07-01") == []


def test_a_wrong_mapping_row_is_corrected_before_applying(province: Cli, tmp_path: Path) -> None:
    header = (
        "old_province_code,old_province,old_district_code,old_district,old_commune_code,"
        "old_commune,new_commune_codes,new_communes,confidence\n"
    )
    row = "64,Tỉnh Gia Lai,632,Huyện Chư Prông,23920,Xã Ia Me,23866,Xã Ia Krêl,manual\n"
    fix = tmp_path / "sua.csv"
    fix.write_text(header + row, encoding="utf-8")
    # added without --replace, the row gives Ia Me a second successor: split, not guessed
    assert "1 old→new links (0 replaced)" in province("admin", "import", str(fix)).stdout
    split = province.json("admin", "apply-2025", "--dry-run")["split"]
    assert [(s["village_code"], s["choices"]) for s in split if s["village_code"] == "V3"] == [
        ("V3", ["23866 Xã Ia Krêl", "23911 Xã Ia Boòng"])
    ]
    # with --replace it is a correction: Ia Me → Ia Krêl only
    out = province("admin", "import", str(fix), "--replace").stdout
    assert "0 old→new links (1 replaced)" in out
    moved = {m["village_code"]: m["to"] for m in province.json("admin", "apply-2025")["moved"]}
    assert moved["V3"] == "23866 Xã Ia Krêl"


def test_a_blank_date_is_refused_where_one_is_needed(province: Cli, tmp_path: Path) -> None:
    mapping = _kon_tum_mapping(tmp_path)
    before = Before(province.url)
    for args, option in [
        (["village", "move", "V1", "--to", "21628", "--on", " "], "--on"),
        (["admin", "import", str(mapping), "--effective", ""], "--effective"),
    ]:
        refused(province(*args, code=None), before, [option, "required"])
