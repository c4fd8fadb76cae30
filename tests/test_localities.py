"""Locality pairings (Chỉ thị 03-CT/TU): a ward paired with a mountain commune, businesses as
co-signers with their own contributions — recorded, imported and reported. Expectations are
written by hand."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import Cli, dump
from tests.test_db_commands import _raw


@pytest.fixture
def signers(cli: Cli) -> Cli:
    for code, name, kind in [
        ("P-ANNHON", "UBND phường An Nhơn", "locality"),
        ("P-HNTAY", "UBND phường Hoài Nhơn Tây", "locality"),
        ("BIDV", "BIDV Chi nhánh Gia Lai", "enterprise"),
        ("CSCS", "Công ty TNHH MTV Cao su Chư Sê", "enterprise"),
        ("SXD", "Sở Xây dựng", "department"),
    ]:
        cli("agency", "add", "--code", code, "--name", name, "--kind", kind)
    return cli


def record_an_nhon(cli: Cli) -> None:
    # "Ia Krêl" was also an old commune (23863); on 2025-09-01 the name means the new one
    cli("locality", "add", "--agency", "P-ANNHON", "--commune", "Ia Krêl", "--since",
        "2025-09-01", "--cosigners", "BIDV", "--decision-ref", "KH 43/KH-UBND")  # fmt: skip
    for contributor, date, kind, title, value in [
        ("P-ANNHON", "2025-09-15", "gifts", "Quà cho hộ nghèo", "50.000.000"),
        ("BIDV", "2025-10-01", "construction", "Nhà Đại đoàn kết", "100.000.000"),
        ("BIDV", "2026-01-10", "gifts", "Quà Tết", "20.000.000"),  # next year
    ]:
        cli("locality", "contribute", "--agency", "P-ANNHON", "--commune", "Ia Krêl",
            "--contributor", contributor, "--date", date, "--kind", kind, "--title", title,
            "--value-vnd", value)  # fmt: skip


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def import_hoai_nhon_tay(cli: Cli, folder: Path) -> None:
    pairings = write_csv(
        folder / "ket-nghia-dia-phuong.csv",
        [
            ["Mã địa phương", "Xã được kết nghĩa", "Ngày kết nghĩa", "Đơn vị đồng ký kết"],
            ["P-HNTAY", "Kông Bơ La", "22/08/2025", "CSCS;SXD"],
        ],
    )
    given = write_csv(
        folder / "dong-gop.csv",
        [
            [
                "Mã địa phương",
                "Xã kết nghĩa",
                "Đơn vị đóng góp",
                "Ngày",
                "Loại hoạt động",
                "Nội dung",
                "Giá trị (đồng)",
            ],
            ["P-HNTAY", "23674", "CSCS", "01/09/2025", "Hỗ trợ sản xuất", "Bò giống", "30.000.000"],
            ["P-HNTAY", "Kông Bơ La", "P-HNTAY", "05/09/2025", "Quà tặng", "Quà", "10.000.000"],
        ],
    )
    cli("import", str(pairings), str(given))


EXPECTED_2025 = {
    "localities": [
        {
            "agency_code": "P-ANNHON",
            "agency": "UBND phường An Nhơn",
            "commune": "Ia Krêl",
            "started_on": "2025-09-01",
            "cosigners": ["BIDV"],
            "contributions": 2,
            "value_vnd": 150_000_000,
            "cosigner_names": ["BIDV Chi nhánh Gia Lai"],
        },
        {
            "agency_code": "P-HNTAY",
            "agency": "UBND phường Hoài Nhơn Tây",
            "commune": "Kông Bơ La",
            "started_on": "2025-08-22",
            "cosigners": ["CSCS", "SXD"],
            "contributions": 2,
            "value_vnd": 40_000_000,
            "cosigner_names": ["Công ty TNHH MTV Cao su Chư Sê", "Sở Xây dựng"],
        },
    ],
    "locality_contributors": [
        {
            "agency_code": "P-ANNHON",
            "agency": "UBND phường An Nhơn",
            "commune": "Ia Krêl",
            "contributor_code": "BIDV",
            "contributor": "BIDV Chi nhánh Gia Lai",
            "contributions": 1,
            "value_vnd": 100_000_000,
        },
        {
            "agency_code": "P-ANNHON",
            "agency": "UBND phường An Nhơn",
            "commune": "Ia Krêl",
            "contributor_code": "P-ANNHON",
            "contributor": "UBND phường An Nhơn",
            "contributions": 1,
            "value_vnd": 50_000_000,
        },
        {
            "agency_code": "P-HNTAY",
            "agency": "UBND phường Hoài Nhơn Tây",
            "commune": "Kông Bơ La",
            "contributor_code": "CSCS",
            "contributor": "Công ty TNHH MTV Cao su Chư Sê",
            "contributions": 1,
            "value_vnd": 30_000_000,
        },
        {
            "agency_code": "P-HNTAY",
            "agency": "UBND phường Hoài Nhơn Tây",
            "commune": "Kông Bơ La",
            "contributor_code": "P-HNTAY",
            "contributor": "UBND phường Hoài Nhơn Tây",
            "contributions": 1,
            "value_vnd": 10_000_000,
        },
    ],
}


def test_recorded_imported_and_reported(signers: Cli, tmp_path: Path) -> None:
    record_an_nhon(signers)
    import_hoai_nhon_tay(signers, tmp_path)
    report = signers.json("report", "annual", "--year", "2025")
    assert {k: report[k] for k in EXPECTED_2025} == EXPECTED_2025
    # village figures are their own: locality pairings do not enter the contract's totals
    assert report["totals"]["pairings"] == 0 and report["totals"]["value_vnd"] == 0
    # a co-signer's scope keeps the pairings it signed
    bidv = signers.json("report", "annual", "--year", "2025", "--agency", "BIDV")
    assert [r["agency_code"] for r in bidv["localities"]] == ["P-ANNHON"]
    # 2026: the An Nhơn pairing runs on; only its 2026 gift counts
    next_year = signers.json("report", "annual", "--year", "2026")["localities"]
    assert [(r["agency_code"], r["value_vnd"]) for r in next_year] == [
        ("P-ANNHON", 20_000_000),
        ("P-HNTAY", 0),
    ]
    table = signers("report", "annual", "--year", "2025", lang="vi").stdout
    assert "Kết nghĩa giữa các địa phương" in table and "Cao su Chư Sê" in table
    md = signers("report", "annual", "--year", "2025", "--format", "md").stdout
    assert "| P-HNTAY | UBND phường Hoài Nhơn Tây | Kông Bơ La | CSCS |" in md

    rows = signers.json("locality", "list")
    assert [(r["agency_code"], r["commune"], r["cosigners"]) for r in rows] == [
        ("P-ANNHON", "23866", "BIDV"),
        ("P-HNTAY", "23674", "CSCS;SXD"),
    ]
    # re-importing the same files changes nothing
    before = dump(signers.url)
    import_hoai_nhon_tay(signers, tmp_path)
    assert dump(signers.url) == before


def test_refusals(signers: Cli, tmp_path: Path) -> None:
    record_an_nhon(signers)
    before = dump(signers.url)
    result = signers("locality", "add", "--agency", "SXD", "--commune", "Ia Krêl", "--since",
                     "2025-09-01", code=1)  # fmt: skip
    assert "SXD is not a locality" in result.stderr
    result = signers("locality", "contribute", "--agency", "P-ANNHON", "--commune", "Ia Krêl",
                     "--contributor", "CSCS", "--date", "2025-10-01", "--kind", "gifts",
                     "--title", "Quà", code=1)  # fmt: skip
    assert "CSCS did not sign" in result.stderr
    result = signers("locality", "add", "--agency", "P-ANNHON", "--commune", "Ia Krêl",
                     "--since", "2025-12-01", code=1)  # fmt: skip
    assert "already paired" in result.stderr
    result = signers("locality", "end", "--agency", "P-ANNHON", "--commune", "Ia Krêl",
                     "--on", "2025-12-31", code=1)  # fmt: skip
    assert "1 contributions" in result.stderr
    assert dump(signers.url) == before
    bad = write_csv(
        tmp_path / "dong-gop.csv",
        [
            ["Mã địa phương", "Xã kết nghĩa", "Đơn vị đóng góp", "Ngày", "Loại", "Nội dung"],
            ["P-ANNHON", "Ia Krêl", "BIDV", "2025-11-01", "gifts", "Quà"],
            ["P-ANNHON", "Ia Krêl", "CSCS", "2025-11-02", "gifts", "Quà"],
            ["P-ANNHON", "Ia Krêl", "BIDV", "2025-08-01", "gifts", "Quà sớm"],
            ["P-ANNHON", "Nowhere", "BIDV", "2025-11-01", "gifts", "Quà"],
        ],
    )
    result = signers("import", str(bad), code=1)
    assert f"{bad.name}:3:Đơn vị đóng góp: CSCS did not sign" in result.stderr
    assert f"{bad.name}:4:Ngày: P-ANNHON and Xã Ia Krêl have no locality pairing" in result.stderr
    assert f"{bad.name}:5:Xã kết nghĩa: no commune 'Nowhere'" in result.stderr
    assert dump(signers.url) == before
    overlap = write_csv(
        tmp_path / "ket-nghia-dia-phuong.csv",
        [
            ["Mã địa phương", "Xã được kết nghĩa", "Ngày kết nghĩa"],
            ["P-ANNHON", "23866", "2025-10-01"],
        ],
    )
    result = signers("import", str(overlap), code=1)
    assert f"{overlap.name}:2:Ngày kết nghĩa: P-ANNHON and Xã Ia Krêl are already paired" in (
        result.stderr
    )
    assert dump(signers.url) == before


def test_export_then_import_reproduces_locality_records(signers: Cli, tmp_path: Path) -> None:
    from tests.conftest import Cli as Runner

    record_an_nhon(signers)
    import_hoai_nhon_tay(signers, tmp_path)
    folder = tmp_path / "out"
    signers("export", "all", "--format", "csv", "--output", str(folder))
    copy = Runner(str(tmp_path / "copy.db"))
    copy("import", *sorted(str(p) for p in folder.glob("*.csv")))
    assert (
        copy.json("report", "annual", "--year", "2025")["localities"]
        == (EXPECTED_2025["localities"])
    )

    def without_ids(rows: list[dict]) -> list[dict]:
        return [{k: v for k, v in r.items() if k != "id"} for r in rows]

    assert without_ids(copy.json("locality", "contributions")) == without_ids(
        signers.json("locality", "contributions")
    )


def test_xlsx_report_holds_the_locality_sections_as_text(signers: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    signers("agency", "edit", "BIDV", "--name", '=HYPERLINK("x")')
    record_an_nhon(signers)
    path = tmp_path / "bao-cao.xlsx"
    signers("report", "annual", "--year", "2025", "--format", "xlsx", "--output", str(path))
    rows = list(load_workbook(path)["Locality contributions"].iter_rows(values_only=True))
    assert rows[4] == (
        "P-ANNHON",
        "UBND phường An Nhơn",
        "Ia Krêl",
        "BIDV",
        '=HYPERLINK("x")',
        1,
        100_000_000,
    )
    localities = list(load_workbook(path)["Locality pairings"].iter_rows(values_only=True))
    assert localities[4][4] == 'BIDV =HYPERLINK("x")' and localities[4][6] == 150_000_000
    import zipfile

    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)


def test_db_check_finds_broken_locality_pairings(signers: Cli) -> None:
    record_an_nhon(signers)
    signers("db", "check")
    _raw(  # plain SQL, as an older tool or a hand edit might have written
        signers.url,
        # a second pairing of the same two, from a day the first is still running
        "INSERT INTO locality_pairings (agency_id, commune_id, started_on) "
        "SELECT agency_id, commune_id, '2025-12-01' FROM locality_pairings",
        # a contribution moved before its pairing started
        "UPDATE contributions SET date = '2025-08-01' WHERE title = 'Quà Tết'",
        # the partner listed as its own co-signer
        "INSERT INTO locality_cosigners (pairing_id, agency_id) "
        "SELECT id, agency_id FROM locality_pairings WHERE started_on = '2025-09-01'",
    )
    result = signers("db", "check", "--format", "json", code=1)
    found = {(p["check"], p["table"], p["detail"]) for p in json.loads(result.stdout)}
    assert ("overlapping_pairings", "locality_pairings", "#1 and #2 (P-ANNHON–Xã Ia Krêl)") in found
    assert (
        "supporter_is_agency",
        "locality_pairings",
        "the agency supports its own pairing",
    ) in found
    assert {(c, t) for c, t, _ in found} >= {("outside_pairing", "contributions")}


def test_an_end_moved_over_the_next_pairing_is_refused(signers: Cli) -> None:
    """Moving the end of an ended locality pairing (end again, or edit) may not make it meet
    the next pairing of the same two."""
    for since, until in (("2025-08-01", "2025-08-31"), ("2025-09-01", None)):
        signers("locality", "add", "--agency", "P-ANNHON", "--commune", "Ia Krêl",
                "--since", since, *(["--ended-on", until] if until else []))  # fmt: skip
    before = dump(signers.url)
    for args in (
        ["locality", "end", "1", "--on", "2025-09-15"],
        ["locality", "edit", "1", "--ended-on", "2025-09-15"],
        ["locality", "edit", "1", "--ended-on", ""],
    ):
        result = signers(*args, code=1)
        assert "already paired from 2025-09-01" in result.stderr, args
        assert dump(signers.url) == before
    signers("locality", "end", "1", "--on", "2025-08-20")  # earlier: still allowed
