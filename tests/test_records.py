"""Day-to-day commands for every record, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from tests.conftest import Cli, seed_basic


def test_agency_crud_and_lookup(cli: Cli) -> None:
    seed_basic(cli)
    shown = cli.json("agency", "show", "so-nn")  # code in any case
    assert shown["name"] == "Sở Nông nghiệp và Môi trường"
    assert shown["kind"] == "department" and shown["level"] == "province"
    by_name = cli.json("agency", "show", "tinh doan")  # unambiguous name, no accents
    assert by_name["code"] == "TD" and by_name["kind"] == "mass_org"
    by_id = cli.json("agency", "show", str(by_name["id"]))
    assert by_id["code"] == "TD"
    cli("agency", "edit", "TD", "--head", "Nguyễn Văn A", "--phone", "0269 3824 123")
    assert cli.json("agency", "show", "TD")["head"] == "Nguyễn Văn A"
    cli("agency", "edit", "TD", "--phone", "")  # an empty value clears a field
    assert cli.json("agency", "show", "TD")["phone"] is None
    cli("agency", "add", "--code", "X", "--name", "Đơn vị tạm")
    result = cli("agency", "remove", "X")
    assert "removed agency X" in result.stdout
    assert [a["code"] for a in cli.json("agency", "list")] == ["SO-NN", "TD"]
    assert [a["code"] for a in cli.json("agency", "list", "--kind", "mass org")] == ["TD"]


def test_village_fields_and_filters(cli: Cli) -> None:
    seed_basic(cli)
    village = cli.json("village", "show", "GL-0001")
    assert village == {
        "id": 1,
        "code": "GL-0001",
        "name": "Làng Ơ",
        "commune": "Ia Me",
        "district": "Chư Prông",
        "province": "Gia Lai",
        "ethnic_groups": None,
        "households": 120,
        "poor_households": 30,
        "population": None,
        "special_difficulty": True,
        "note": None,
    }
    cli("village", "edit", "GL-0001", "--no-special-difficulty", "--ethnic-groups", "Gia Rai")
    village = cli.json("village", "show", "GL-0001")
    assert village["special_difficulty"] is False and village["ethnic_groups"] == "Gia Rai"
    assert [v["code"] for v in cli.json("village", "list", "--district", "chu pah")] == ["GL-0002"]
    cli("village", "edit", "GL-0002", "--special-difficulty")
    codes = [v["code"] for v in cli.json("village", "list", "--special-difficulty")]
    assert codes == ["GL-0002"]


def test_nfd_input_is_stored_nfc_and_trimmed(cli: Cli) -> None:
    name = unicodedata.normalize("NFD", "  Làng Kon Jốt  ")
    assert not unicodedata.is_normalized("NFC", name)
    cli("village", "add", "--code", "GL-0100", "--name", name)
    stored = cli.json("village", "show", "GL-0100")["name"]
    assert stored == "Làng Kon Jốt"
    assert unicodedata.is_normalized("NFC", stored)
    # and it is found by the NFC spelling, and by an NFD search
    assert cli.json("village", "show", "Làng Kon Jốt")["code"] == "GL-0100"
    hits = cli.json("village", "list", "--search", unicodedata.normalize("NFD", "jốt"))
    assert [v["code"] for v in hits] == ["GL-0100"]


def test_search_is_case_and_accent_insensitive(cli: Cli) -> None:
    for code, name in [("V1", "Làng Ơ"), ("V2", "Làng Ốp"), ("V3", "Plei Ơi"), ("V4", "Đak Đoa")]:
        cli("village", "add", "--code", code, "--name", name)
    # "lang o" finds "Làng Ơ" (and "Làng Ốp", which contains it), in Vietnamese order
    assert [v["code"] for v in cli.json("village", "list", "--search", "lang o")] == ["V2", "V1"]
    assert [v["code"] for v in cli.json("village", "list", "--search", "plei o")] == ["V3"]
    assert [v["code"] for v in cli.json("village", "list", "--search", "LÀNG ỐP")] == ["V2"]
    assert [v["code"] for v in cli.json("village", "list", "--search", "dak doa")] == ["V4"]
    assert [v["code"] for v in cli.json("village", "list", "--search", "d")] == ["V4"]


def test_listing_is_in_vietnamese_alphabetical_order(cli: Cli) -> None:
    for code, name in [("A", "Plei Ring"), ("B", "Đê Ar"), ("C", "Chư Krêy"), ("D", "Ayun")]:
        cli("village", "add", "--code", code, "--name", name)
    names = [v["name"] for v in cli.json("village", "list")]
    assert names == ["Ayun", "Chư Krêy", "Đê Ar", "Plei Ring"]
    table = cli("village", "list").stdout
    assert table.index("Ayun") < table.index("Chư Krêy") < table.index("Đê Ar")
    assert table.index("Đê Ar") < table.index("Plei Ring")


def test_pairing_add_list_show_end(cli: Cli) -> None:
    seed_basic(cli)
    cli(
        "pair",
        "add",
        "--agency",
        "TD",
        "--village",
        "Làng Díp",
        "--since",
        "19/04/2024",
        "--supporters",
        "SO-NN",
        "--decision-ref",
        "1837-QĐ/HU",
        "--lead",
        "Trần Thị Mai",
    )
    row = cli.json("pair", "show", "--agency", "TD", "--village", "GL-0002")
    assert row["started_on"] == "2024-04-19" and row["ended_on"] is None
    assert row["supporters"] == "SO-NN" and row["decision_ref"] == "1837-QĐ/HU"
    assert row["agency"] == "Tỉnh đoàn Gia Lai" and row["village"] == "Làng Díp"
    listed = cli.json("pair", "list", "--year", "2024")
    assert [(r["agency_code"], r["village_code"]) for r in listed] == [
        ("SO-NN", "GL-0001"),
        ("TD", "GL-0002"),
    ]
    assert cli.json("pair", "list", "--year", "2023") == []
    assert [r["agency_code"] for r in cli.json("pair", "list", "--district", "Chư Păh")] == ["TD"]
    result = cli("pair", "end", "--agency", "TD", "--village", "GL-0002", "--on", "2025-06-30")
    assert "2025-06-30" in result.stdout
    ended = cli.json("pair", "show", str(row["id"]))
    assert ended["ended_on"] == "2025-06-30"
    assert [r["agency_code"] for r in cli.json("pair", "list", "--year", "2025")] == [
        "SO-NN",
        "TD",
    ]
    assert [r["agency_code"] for r in cli.json("pair", "list", "--year", "2026")] == ["SO-NN"]
    cli("pair", "edit", str(row["id"]), "--supporters", "", "--note", "đã bàn giao")
    edited = cli.json("pair", "show", str(row["id"]))
    assert edited["supporters"] == "" and edited["note"] == "đã bàn giao"


def test_activity_add_list_show_edit_remove(cli: Cli) -> None:
    seed_basic(cli)
    cli(
        "activity",
        "add",
        "--ref",
        "HD-1",
        "--agency",
        "SO-NN",
        "--village",
        "GL-0001",
        "--date",
        "15/03/2024",
        "--kind",
        "Công trình",
        "--title",
        "Khoan giếng",
        "--value-vnd",
        "15.000.000",
        "--source",
        "xa hoi hoa",
        "--quantity",
        "1,5",
        "--unit",
        "giếng",
        "--households-benefited",
        "12",
    )
    cli(
        "activity",
        "add",
        "--agency",
        "so-nn",
        "--village",
        "lang o",
        "--date",
        "2025-01-20",
        "--kind",
        "gifts",
        "--title",
        "Quà Tết",
        "--value",
        "15,000,000",
        "--source",
        "staff",
    )
    act = cli.json("activity", "show", "HD-1")
    assert act["date"] == "2024-03-15" and act["kind"] == "construction"
    assert act["value_vnd"] == 15_000_000 and act["source"] == "community"
    assert act["quantity"] == 1.5 and act["households_benefited"] == 12
    assert [a["title"] for a in cli.json("activity", "list", "--year", "2025")] == ["Quà Tết"]
    assert [a["ref"] for a in cli.json("activity", "list", "--kind", "construction")] == ["HD-1"]
    assert len(cli.json("activity", "list", "--agency", "SO-NN", "--village", "GL-0001")) == 2
    cli("activity", "edit", "HD-1", "--value", "20000000")
    assert cli.json("activity", "show", "HD-1")["value_vnd"] == 20_000_000
    cli("activity", "remove", "HD-1")
    assert [a["title"] for a in cli.json("activity", "list")] == ["Quà Tết"]


def test_money_is_shown_per_language(cli: Cli) -> None:
    seed_basic(cli)
    cli(
        "activity",
        "add",
        "--agency",
        "SO-NN",
        "--village",
        "GL-0001",
        "--date",
        "2024-04-01",
        "--kind",
        "construction",
        "--title",
        "Nhà Đại đoàn kết",
        "--value",
        "300000000",
    )
    assert "300.000.000" in cli("activity", "list", lang="vi").stdout
    assert "300,000,000" in cli("activity", "list", lang="en").stdout
    assert cli.json("activity", "list")[0]["value_vnd"] == 300_000_000


def test_visits_open_aspirations(cli: Cli) -> None:
    seed_basic(cli)
    cli(
        "visit",
        "add",
        "--agency",
        "SO-NN",
        "--village",
        "GL-0001",
        "--date",
        "2024-04-01",
        "--aspirations",
        "Đề nghị hỗ trợ nước sạch",
        "--people-met",
        "40",
    )
    cli(
        "visit",
        "add",
        "--agency",
        "SO-NN",
        "--village",
        "GL-0001",
        "--date",
        "2024-05-01",
        "--aspirations",
        "Sửa đường",
        "--resolved-on",
        "2024-09-01",
    )
    cli("visit", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-06-01")
    assert len(cli.json("visit", "list")) == 3
    open_visits = cli.json("visit", "list", "--open")
    assert [v["aspirations"] for v in open_visits] == ["Đề nghị hỗ trợ nước sạch"]
    cli("visit", "edit", str(open_visits[0]["id"]), "--resolved-on", "2024-10-01")
    assert cli.json("visit", "list", "--open") == []


def test_households_and_inspections(cli: Cli) -> None:
    seed_basic(cli)
    cli(
        "household",
        "add",
        "--village",
        "GL-0001",
        "--helper",
        "Nguyễn Văn An",
        "--helped",
        "Rơ Châm",
        "--since",
        "2024-03-08",
    )
    cli(
        "household",
        "add",
        "--village",
        "GL-0001",
        "--helper",
        "Lê Thị Cúc",
        "--helped",
        "Ksor Y",
        "--started-on",
        "2023-05-01",
        "--ended-on",
        "2023-12-31",
    )
    assert [h["helper"] for h in cli.json("household", "list", "--year", "2024")] == [
        "Nguyễn Văn An"
    ]
    cli(
        "household",
        "end",
        "--village",
        "GL-0001",
        "--helper",
        "nguyen van an",
        "--helped",
        "ro cham",
        "--on",
        "2025-03-08",
    )
    rows = cli.json("household", "list")
    assert [(h["helper"], h["ended_on"]) for h in rows] == [
        ("Lê Thị Cúc", "2023-12-31"),
        ("Nguyễn Văn An", "2025-03-08"),
    ]
    cli(
        "inspection",
        "add",
        "--date",
        "2024-10-15",
        "--agency",
        "SO-NN",
        "--village",
        "GL-0001",
        "--inspector",
        "Ban Dân vận Tỉnh ủy",
        "--rating",
        "Tốt",
    )
    cli("inspection", "add", "--date", "2024-10-15", "--agency", "SO-NN")
    result = cli("inspection", "add", "--date", "2024-10-15", "--agency", "SO-NN", code=1)
    assert "SO-NN" in result.stderr
    listed = cli.json("inspection", "list", "--year", "2024")
    assert [(i["village_code"], i["rating"]) for i in listed] == [("GL-0001", "good"), (None, None)]


def test_headings_follow_the_language_and_keys_do_not(cli: Cli) -> None:
    seed_basic(cli)
    vi = cli("pair", "list", lang="vi").stdout
    en = cli("pair", "list", lang="en").stdout
    assert "Ngày kết nghĩa" in vi and "Ngày kết nghĩa" not in en
    assert "Started on" in en and "Started on" not in vi
    for fmt in ("json", "csv"):
        out_vi = cli("pair", "list", "--format", fmt, lang="vi").stdout
        out_en = cli("pair", "list", "--format", fmt, lang="en").stdout
        assert out_vi == out_en
    header = next(csv.reader(io.StringIO(cli("pair", "list", "--format", "csv").stdout)))
    keys = list(json.loads(cli("pair", "list", "--format", "json", lang="vi").stdout)[0])
    assert header == keys
    assert keys[:5] == ["id", "agency_code", "village_code", "started_on", "ended_on"]


def test_messages_follow_the_language(cli: Cli) -> None:
    seed_basic(cli)
    en = cli("agency", "show", "NOPE", code=1, lang="en").stderr
    vi = cli("agency", "show", "NOPE", code=1, lang="vi").stderr
    assert en.strip() == "error: no agency 'NOPE'"
    assert vi.strip() == "lỗi: không có cơ quan 'NOPE'"


def test_output_file_and_formats(cli: Cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed_basic(cli)
    target = tmp_path / "villages.csv"
    result = cli("village", "list", "--format", "csv", "--output", str(target))
    assert result.stdout == ""
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["code"] for r in rows] == ["GL-0003", "GL-0002", "GL-0001"]
    assert rows[2]["special_difficulty"] == "true"
    shown = cli("village", "show", "GL-0001", "--format", "csv").stdout.splitlines()
    assert shown[0].startswith("id,code,name") and "Làng Ơ" in shown[1]
