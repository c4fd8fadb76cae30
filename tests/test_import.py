"""Batch import: every file form, all-or-nothing validation, idempotence, dry runs."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli, dump, seed_basic

SAMPLE = sorted((ROOT / "data" / "sample").glob("*.*"))


def summary(result) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(result.stdout)["kinds"]


def imp(cli: Cli, *args: str, code: int | None = 0, input: str | None = None):  # type: ignore[no-untyped-def]
    return cli("import", *map(str, args), "--format", "json", code=code, input=input)


# -- every file form ---------------------------------------------------------------------


def test_bom_csv_with_vietnamese_headers(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "co-quan.csv"
    path.write_text(
        "Mã cơ quan,Tên cơ quan,Loại,Cấp,Điện thoại\n"
        'SO-YT,Sở Y tế,"Sở, ban, ngành",Tỉnh,0269 1\n'
        "CA,Công an tỉnh,luc luong vu trang,tinh,\n",
        encoding="utf-8-sig",
    )
    assert summary(imp(cli, path))["agencies"]["inserted"] == 2
    rows = {a["code"]: a for a in cli.json("agency", "list")}
    assert rows["SO-YT"]["kind"] == "department" and rows["SO-YT"]["level"] == "province"
    assert rows["CA"]["kind"] == "armed" and rows["SO-YT"]["phone"] == "0269 1"


def test_utf16_tsv_from_excel_unicode_text(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "thon.txt"
    text = "Mã thôn\tTên thôn\tHuyện\tSố hộ\tĐBKK\r\nGL-1\tLàng Ơ\tChư Prông\t1.204\tx\r\n"
    path.write_bytes(text.encode("utf-16"))  # with its BOM, as Excel writes it
    assert summary(imp(cli, path))["villages"]["inserted"] == 1
    village = cli.json("village", "show", "GL-1")
    assert village["name"] == "Làng Ơ" and village["households"] == 1204
    assert village["special_difficulty"] is True


def _cp1258(text: str) -> bytes:
    """Vietnamese Windows text: base letters (ă â ê ô ơ ư đ) precomposed, tones combining."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if out and ch in "\u0306\u0302\u031b":
            out[-1] = unicodedata.normalize("NFC", out[-1] + ch)
        else:
            out.append(ch)
    return "".join(out).encode("cp1258")


def test_cp1258_needs_encoding_and_then_imports(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "villages.csv"
    path.write_bytes(_cp1258("code,name,commune\nGL-9,Làng Kon Jốt Ưng,Hà Đông\n"))
    before = dump(cli.url)
    result = imp(cli, path, code=1)
    assert "villages.csv:" in result.stderr and "--encoding" in result.stderr
    assert "cp1258" in result.stderr
    assert dump(cli.url) == before
    imp(cli, path, "--encoding", "cp1258")
    village = cli.json("village", "show", "GL-9")
    assert village["name"] == "Làng Kon Jốt Ưng"
    assert unicodedata.is_normalized("NFC", village["name"]) and village["commune"] == "Hà Đông"


def test_xlsx_with_date_cells_and_vietnamese_sheet_names(cli: Cli, tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    seed_basic(cli)
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet = workbook.create_sheet("Hoạt động")
    sheet.append(["Mã cơ quan", "Mã thôn", "Ngày", "Loại hoạt động", "Nội dung", "Giá trị", None])
    sheet.append(["SO-NN", "GL-0001", dt.datetime(2024, 4, 2), "Quà tặng", "Quà", 5000000])
    sheet.append(["SO-NN", "GL-0001", "03/04/2024", "y tế", "Khám bệnh", "1.500.000"])
    sheet.append([None, None, None, None, None, None])  # trailing empty row
    other = workbook.create_sheet("Kết nghĩa hộ")
    other.append(["Mã thôn", "Hộ giúp", "Hộ được giúp", "Ngày kết nghĩa"])
    other.append(["GL-0001", "Nguyễn Văn An", "Rơ Châm", dt.date(2024, 3, 8)])
    workbook.create_sheet("Ghi chú").append(["Hướng dẫn: điền từ dòng 2"])
    path = tmp_path / "bao-cao.xlsx"
    workbook.save(path)
    result = imp(cli, path)
    counts = summary(result)
    assert counts["activities"]["inserted"] == 2 and counts["households"]["inserted"] == 1
    assert "Ghi chú" in result.stderr  # an unknown sheet is named, then passed over
    acts = cli.json("activity", "list")
    assert [(a["date"], a["kind"], a["value_vnd"]) for a in acts] == [
        ("2024-04-02", "gifts", 5_000_000),
        ("2024-04-03", "health", 1_500_000),
    ]


def test_json_jsonl_and_stdin(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "agencies.json").write_text(
        json.dumps([{"code": "A1", "name": "Sở Tư pháp", "kind": "department"}]),
        encoding="utf-8",
    )
    (tmp_path / "villages.jsonl").write_text(
        '{"code": "V1", "name": "Làng Díp", "households": 90}\n\n'
        '{"code": "V2", "name": "Plei Ring", "special_difficulty": true}\n',
        encoding="utf-8",
    )
    counts = summary(imp(cli, tmp_path / "villages.jsonl", tmp_path / "agencies.json"))
    assert counts["agencies"]["inserted"] == 1 and counts["villages"]["inserted"] == 2
    stdin = "agency_code,village_code,started_on\nA1,V1,19/04/2024\n"
    counts = summary(imp(cli, "-", "--kind", "pairings", input=stdin))
    assert counts["pairings"]["inserted"] == 1
    assert cli.json("pair", "show", "--agency", "A1", "--village", "V1")["started_on"] == (
        "2024-04-19"
    )
    assert cli.json("village", "show", "V2")["special_difficulty"] is True


def test_kind_from_headers_when_the_name_says_nothing(cli: Cli, tmp_path: Path) -> None:
    seed_basic(cli)
    path = tmp_path / "bao-cao-thang-5.csv"
    path.write_text(
        "Mã cơ quan;Mã thôn;Ngày;Tâm tư nguyện vọng\nSO-NN;GL-0001;01/05/2024;Nước sạch\n",
        encoding="utf-8",
    )
    assert summary(imp(cli, path))["visits"]["inserted"] == 1


# -- all or nothing, problems as FILE:ROW:COLUMN ---------------------------------------------

ACT = "agency_code,village_code,date,kind,title,value_vnd,source\n"
ACT_VI = "Mã cơ quan,Mã thôn,Ngày,Loại hoạt động,Nội dung,Giá trị,Nguồn\n"
OK_ROW = "SO-NN,GL-0001,2024-05-01,gifts,Quà,100000,agency\n"


def _deep_file() -> str:
    rows = [f"SO-NN,GL-0001,2024-05-01,gifts,Quà {i},100000,agency\n" for i in range(600)]
    rows[455] = "SO-NN,GL-0001,2024-05-01,gifts,Quà lỗi,mười nghìn,agency\n"  # row 457
    return ACT + "".join(rows)


BAD_INPUT = [
    ("activities.csv", ACT + "SO-NN,GL-0001,2024-13-01,gifts,Quà,1,agency\n", ":2:date:"),
    ("activities.csv", ACT + "SO-NN,GL-0001,31/02/2024,gifts,Quà,1,agency\n", ":2:date:"),
    (
        "activities.csv",
        ACT + "SO-NN,GL-0001,2024-05-01,gifts,Quà,15.00.000,agency\n",
        ":2:value_vnd:",
    ),
    ("activities.csv", ACT + "SO-NN,GL-0001,2024-05-01,gifts,Quà,-5,agency\n", ":2:value_vnd:"),
    (
        "hoat-dong.csv",
        ACT_VI + "SO-NN,GL-0001,2024-05-01,tiệc,Quà,1,agency\n",
        ":2:Loại hoạt động:",
    ),
    ("hoat-dong.csv", ACT_VI + "SO-NN,GL-0001,2024-05-01,gifts,Quà,1,ngân hàng\n", ":2:Nguồn:"),
    ("activities.csv", ACT + "NOPE,GL-0001,2024-05-01,gifts,Quà,1,agency\n", ":2:agency_code:"),
    ("activities.csv", ACT + "SO-NN,GL-404,2024-05-01,gifts,Quà,1,agency\n", ":2:village_code:"),
    ("activities.csv", ACT + OK_ROW + "TD,GL-0002,2024-05-01,gifts,Quà,1,agency\n", ":3:date:"),
    ("activities.csv", ACT + "SO-NN,GL-0001,2024-02-01,gifts,Quà,1,agency\n", ":2:date:"),
    ("activities.csv", ACT + OK_ROW + OK_ROW, ":3:title: repeats row 2"),
    ("activities.csv", ACT + "SO-NN,GL-0001,2024-05-01,gifts,,1,agency\n", ":2:title:"),
    (
        "activities.csv",
        "agency_code,village_code,date,kind\nSO-NN,GL-0001,2024-05-01,gifts\n",
        "activities.csv:1:Nội dung: missing column title",
    ),
    ("activities.csv", _deep_file(), "activities.csv:457:value_vnd:"),
    (
        "pairings.csv",
        "agency_code,village_code,started_on\nSO-NN,GL-0001,2024-06-01\n",
        "pairings.csv:2:started_on:",
    ),
    (
        "pairings.csv",
        "agency_code,village_code,started_on\nTD,GL-0002,2024-01-01\nTD,GL-0002,2024-06-01\n",
        "pairings.csv:3:started_on:",
    ),
    (
        "pairings.csv",
        "agency_code,village_code,started_on,ended_on\nTD,GL-0002,2024-06-01,2024-05-01\n",
        "pairings.csv:2:ended_on:",
    ),
    (
        "pairings.csv",
        "agency_code,village_code,started_on,supporters\nTD,GL-0002,2024-06-01,NOPE\n",
        "pairings.csv:2:supporters:",
    ),
    (
        "pairings.csv",
        "agency_code,village_code,started_on,supporters\nTD,GL-0002,2024-06-01,TD\n",
        "pairings.csv:2:supporters:",
    ),
    (
        "pairings.csv",
        "agency_code,village_code,started_on,ended_on\nSO-NN,GL-0001,2024-03-01,2024-04-01\n",
        "pairings.csv:2:ended_on:",
    ),
    (
        "villages.csv",
        "Mã thôn,Tên thôn,Số hộ,Số hộ nghèo\nGL-9,Làng Mới,10,11\n",
        "villages.csv:2:Số hộ nghèo:",
    ),
    ("villages.csv", "Mã thôn,Tên thôn,ĐBKK\nGL-9,Làng Mới,có lẽ\n", "villages.csv:2:ĐBKK:"),
    ("villages.csv", "Mã thôn,Tên thôn,Số hộ\nGL-9,Làng Mới,nhiều\n", "villages.csv:2:Số hộ:"),
    ("villages.csv", "code,name\nGL-9,Làng A\nGL-9,Làng B\n", "villages.csv:3:code: repeats row 2"),
    ("villages.csv", "code,name\n" + "X" * 41 + ",Làng A\n", "villages.csv:2:code:"),
    (
        "visits.csv",
        "agency_code,village_code,date,resolved_on\nSO-NN,GL-0001,2024-05-01,2024-04-01\n",
        "visits.csv:2:resolved_on:",
    ),
    ("activities.json", '[{"agency_code": "SO-NN",', "activities.json: not valid JSON"),
    ("activities.json", '{"agency_code": "SO-NN"}', "activities.json: a JSON file must hold"),
    ("activities.jsonl", '{"agency_code": "SO-NN"}\n{}\n{oops\n', "activities.jsonl: line 3"),
    ("activities.xlsx", "this is not a workbook", "activities.xlsx: not an Excel workbook"),
    ("activities.csv", b"agency_code,title\nSO-NN,Qu\xe0 T\xeat\n", "activities.csv: not UTF-8"),
    ("activities.csv", "", "activities.csv: the file is empty"),
    ("notes.csv", "foo,bar\n1,2\n", "notes.csv: cannot tell what it holds"),
    ("activities.doc", "x", "activities.doc: cannot read .doc files"),
]


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    seed_basic(cli)
    cli(
        "activity",
        "add",
        "--agency",
        "SO-NN",
        "--village",
        "GL-0001",
        "--date",
        "2024-04-15",
        "--kind",
        "gifts",
        "--title",
        "Quà đã có",
    )
    return cli


@pytest.mark.parametrize(
    ("name", "content", "where"),
    BAD_INPUT,
    ids=[
        f"{i:02d}-{case[2].strip(':').replace(' ', '-')[:40]}" for i, case in enumerate(BAD_INPUT)
    ],
)
def test_bad_input_is_refused_whole(
    seeded: Cli, tmp_path: Path, name: str, content: str | bytes, where: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    # a good file in the same command is not written either
    good = tmp_path / "agencies.csv"
    good.write_text("code,name\nNEW,Cơ quan mới\n", encoding="utf-8")
    before = dump(seeded.url)
    result = seeded("import", str(good), str(path), code=1)
    assert where in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert dump(seeded.url) == before


def test_problems_are_capped_at_fifty_then_counted(seeded: Cli, tmp_path: Path) -> None:
    path = tmp_path / "activities.csv"
    path.write_text(ACT + "SO-NN,GL-0001,bad,gifts,Quà,1,agency\n" * 60, encoding="utf-8")
    result = seeded("import", str(path), code=1)
    lines = result.stderr.strip().splitlines()
    assert sum(1 for line in lines if line.startswith("activities.csv:")) == 50
    assert "... and 10 more" in result.stderr
    assert lines[-1] == "error: 60 problem(s); nothing was written"


def test_unknown_columns_are_a_warning(seeded: Cli, tmp_path: Path) -> None:
    path = tmp_path / "agencies.csv"
    path.write_text("code,name,Ghi chú khác,fax\nX1,Sở X,a,b\n", encoding="utf-8")
    result = imp(seeded, path)
    assert "Ghi chú khác, fax" in result.stderr
    assert summary(result)["agencies"]["inserted"] == 1


# -- upsert, idempotence, dry run, conflicts ------------------------------------------------


def test_sample_reimport_changes_nothing(cli: Cli) -> None:
    first = summary(imp(cli, *SAMPLE))
    assert first["activities"]["inserted"] > 1000
    before = dump(cli.url)
    result = cli("import", *map(str, SAMPLE))
    assert "nothing changed" in result.stderr
    assert "Activities: 0 inserted, 0 updated" in result.stderr  # each kind by its label
    told = cli("import", *map(str, SAMPLE), lang="vi").stderr
    assert "Hoạt động: thêm 0, cập nhật 0" in told and "activities:" not in told
    second = summary(imp(cli, *SAMPLE))
    for counts in second.values():
        assert counts["inserted"] == counts["updated"] == counts["skipped"] == 0
    assert second["activities"]["unchanged"] == first["activities"]["inserted"]
    assert dump(cli.url) == before
    cli("db", "check")


def test_dry_run_predicts_the_real_run_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    imp(cli, *SAMPLE)
    # change one agency, add one, keep the rest
    path = tmp_path / "agencies.csv"
    cli("export", "agencies", "--output", str(path))
    text = path.read_text(encoding="utf-8-sig").replace("Sở Y tế", "Sở Y tế tỉnh Gia Lai")
    path.write_text(text + "NEW,Cơ quan mới,other,,,,,,,\r\n", encoding="utf-8-sig")
    before = dump(cli.url)
    dry = json.loads(cli("import", str(path), "--dry-run", "--format", "json").stdout)
    assert dump(cli.url) == before
    real = json.loads(cli("import", str(path), "--format", "json").stdout)
    assert dry["dry_run"] is True and real["dry_run"] is False
    assert dry["kinds"] == real["kinds"]
    assert real["kinds"]["agencies"]["inserted"] == 1
    assert real["kinds"]["agencies"]["updated"] == 1
    assert cli.json("agency", "show", "SO-YT")["name"] == "Sở Y tế tỉnh Gia Lai"


def test_on_conflict_skip_and_error(seeded: Cli, tmp_path: Path) -> None:
    path = tmp_path / "agencies.csv"
    path.write_text("code,name\nSO-NN,Tên khác\nTD,Tỉnh đoàn Gia Lai\n", encoding="utf-8")
    before = dump(seeded.url)
    result = seeded("import", str(path), "--on-conflict", "error", code=1)
    assert "agencies.csv:2:code: already stored with other values" in result.stderr
    assert dump(seeded.url) == before
    counts = summary(imp(seeded, path, "--on-conflict", "skip"))
    assert counts["agencies"] == {"inserted": 0, "updated": 0, "unchanged": 1, "skipped": 1}
    assert seeded.json("agency", "show", "SO-NN")["name"] == "Sở Nông nghiệp và Môi trường"
    counts = summary(imp(seeded, path))
    assert counts["agencies"]["updated"] == 1
    assert seeded.json("agency", "show", "SO-NN")["name"] == "Tên khác"
    assert seeded.json("agency", "show", "ten khac")["code"] == "SO-NN"  # search key follows


def test_partial_columns_update_only_those(seeded: Cli, tmp_path: Path) -> None:
    path = tmp_path / "villages.csv"
    path.write_text("code,name,households\nGL-0001,Làng Ơ,150\n", encoding="utf-8")
    counts = summary(imp(seeded, path))
    assert counts["villages"]["updated"] == 1
    village = seeded.json("village", "show", "GL-0001")
    assert village["households"] == 150
    assert village["commune"] == "Ia Me" and village["special_difficulty"] is True


def test_supporters_change_is_an_update(seeded: Cli, tmp_path: Path) -> None:
    path = tmp_path / "pairings.csv"
    path.write_text(
        "agency_code,village_code,started_on,supporters\nSO-NN,GL-0001,2024-03-01,TD\n",
        encoding="utf-8",
    )
    assert summary(imp(seeded, path))["pairings"]["updated"] == 1
    assert seeded.json("pair", "list")[0]["supporters"] == "TD"
    assert summary(imp(seeded, path))["pairings"]["unchanged"] == 1


def test_activity_refs_are_natural_keys(seeded: Cli, tmp_path: Path) -> None:
    path = tmp_path / "activities.csv"
    path.write_text(
        "ref,agency_code,village_code,date,kind,title,value_vnd\n"
        "HD-1,SO-NN,GL-0001,2024-05-01,gifts,Quà,100\n"
        "HD-2,SO-NN,GL-0001,2024-05-01,gifts,Quà,100\n",
        encoding="utf-8",
    )
    assert summary(imp(seeded, path))["activities"]["inserted"] == 2
    path.write_text(
        "ref,agency_code,village_code,date,kind,title,value_vnd\n"
        "HD-1,SO-NN,GL-0001,2024-05-02,gifts,Quà (sửa),200\n",
        encoding="utf-8",
    )
    assert summary(imp(seeded, path))["activities"]["updated"] == 1
    act = seeded.json("activity", "show", "HD-1")
    assert (act["date"], act["title"], act["value_vnd"]) == ("2024-05-02", "Quà (sửa)", 200)


def test_same_files_give_identical_databases_on_sqlite_and_postgres(
    sqlite_path: Path, pg_migrated: str
) -> None:
    from tests.conftest import _truncate

    _truncate(pg_migrated)
    on_sqlite, on_postgres = Cli(str(sqlite_path)), Cli(pg_migrated)
    for cli in (on_sqlite, on_postgres):
        cli("import", *map(str, SAMPLE))
    sqlite_dump, postgres_dump = dump(str(sqlite_path)), dump(pg_migrated)
    assert sum(len(rows) for rows in sqlite_dump.values()) > 1500
    assert sqlite_dump == postgres_dump


def test_progress_bar_only_for_large_files_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from ketnghia.cli.transfer import _progress_bar

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert _progress_bar(50_000_000, quiet=False) is not None
    assert _progress_bar(50_000_000, quiet=True) is None  # --quiet
    assert _progress_bar(10_000, quiet=False) is None  # a small file
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert _progress_bar(50_000_000, quiet=False) is None  # not a terminal


def test_bulk_inserts_rebuild_plain_indexes(
    seeded: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With many new rows (here: any), plain indexes are dropped for the insert and made
    again; the rows, their audit keys and the indexes are as after a row-by-row insert, and
    an import that fails after its insert leaves the indexes too."""
    from sqlalchemy import create_engine, inspect

    from ketnghia.db import target_to_url
    from ketnghia.importing import loader

    monkeypatch.setattr(loader, "BULK_ROWS", 1)

    def indexes() -> dict[str, list]:
        engine = create_engine(target_to_url(seeded.url))
        try:
            found = inspect(engine)
            return {
                table: sorted((i["name"], i["column_names"]) for i in found.get_indexes(table))
                for table in ("activities", "pairings")
            }
        finally:
            engine.dispose()

    before = indexes()
    path = tmp_path / "activities.csv"
    path.write_text(
        "ref,agency_code,village_code,date,kind,title,value_vnd\n"
        "HD-1,SO-NN,GL-0001,2024-05-01,gifts,Quà,100\n"
        ",SO-NN,GL-0001,2024-05-02,gifts,Quà,200\n"
        "HD-3,SO-NN,GL-0001,2024-05-03,health,Khám bệnh,300\n",
        encoding="utf-8",
    )
    assert summary(imp(seeded, path))["activities"]["inserted"] == 3
    assert indexes() == before
    listed = seeded.json("activity", "list")
    assert sorted(a["value_vnd"] for a in listed) == [0, 100, 200, 300]
    keys = {
        e["key"]
        for e in json.loads(seeded("history", "--kind", "activities", "--format", "json").stdout)
        if e["command"] == "ketnghia import"
    }
    new_id = next(a["id"] for a in listed if a["value_vnd"] == 200)
    assert keys == {"HD-1", "HD-3", f"#{new_id}"}
    # a pairing that overlaps the stored one fails after its rows were inserted
    path = tmp_path / "pairings.csv"
    path.write_text("agency_code,village_code,started_on\nSO-NN,GL-0001,2024-06-01\n")
    stored = dump(seeded.url)
    assert "pairings.csv:2:" in imp(seeded, path, code=1).stderr
    assert dump(seeded.url) == stored
    assert indexes() == before


def test_a_file_that_stops_decoding_half_way_is_refused_whole(seeded: Cli, tmp_path: Path) -> None:
    """The bad byte comes after many good rows, so it is met while they are being staged."""
    path = tmp_path / "activities.csv"
    good = "".join(f"HD-{i},SO-NN,GL-0001,2024-05-01,gifts,Quà số {i},100\n" for i in range(5000))
    path.write_bytes(
        ("ref,agency_code,village_code,date,kind,title,value_vnd\n" + good).encode()
        + b"HD-X,SO-NN,GL-0001,2024-05-01,gifts,Qu\xe0,100\n"
    )
    before = dump(seeded.url)
    result = imp(seeded, path, code=1)
    assert "activities.csv: not UTF-8 (byte 0xe0)" in result.stderr
    assert dump(seeded.url) == before


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "wait4"), reason="peak memory by wait4")
def test_csv_import_memory_does_not_grow_with_the_rows(tmp_path: Path) -> None:
    """Peak memory of `ketnghia import` in its own process, for 50,000 and 250,000 agencies:
    five times the rows take hardly more (bench/import_memory.py measures up to 1.5M rows)."""
    import csv
    import subprocess
    import sys

    peaks = []
    for rows in (50_000, 250_000):
        path = tmp_path / f"agencies-{rows}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["code", "name", "district", "phone"])
            writer.writerows(
                [f"CQ{i:07d}", f"Cơ quan {i}", f"Huyện {i % 17}", f"0269 {i}"] for i in range(rows)
            )
        db = tmp_path / f"memory-{rows}.db"
        args = [sys.executable, "-m", "ketnghia", "--db", str(db), "import", "--quiet", str(path)]
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, process.stderr.read()  # type: ignore[union-attr]
        peaks.append(usage.ru_maxrss / 1024)  # MiB (kilobytes on Linux)
    assert peaks[1] - peaks[0] < 20, peaks
