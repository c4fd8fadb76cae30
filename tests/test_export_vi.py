"""Export and template in Vietnamese: headers, sheet names and choices as officers read them,
CSV that Excel on a Vietnamese Windows opens in columns (UTF-8 with a BOM, `;`), and all of it
imports back, under either language, unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from ketnghia.schema import ACTIVITY_KINDS, DEPENDENCY_ORDER, KINDS
from tests.bad_input import Before, refused
from tests.conftest import Cli, copy_template, demo_province, dump, seed

BOM = b"\xef\xbb\xbf"
VI_LABELS = {vi for vi, _ in ACTIVITY_KINDS.values()}


def _province(cli: Cli) -> None:
    """The sample province, with a decimal quantity (written 2,5 in Vietnamese)."""
    demo_province(cli)
    cli("activity", "edit", "1", "--quantity", "2.5")


@pytest.fixture
def province(cli: Cli) -> Cli:
    return seed(cli, _province)


def logical(cli: Cli) -> dict[str, list[dict]]:
    """Every record of every kind as JSON export shows it, without the ids the database chose."""
    return {
        kind: [
            {k: v for k, v in row.items() if k not in ("id", "database_id")}
            for row in json.loads(cli("export", kind, "--format", "json").stdout)
        ]
        for kind in DEPENDENCY_ORDER
    }


def export_all(cli: Cli, fmt: str, where: Path, *options: str, lang: str = "vi") -> list[Path]:
    if fmt == "xlsx":
        path = where / "ket-nghia.xlsx"
        cli("export", "all", "--format", "xlsx", "--output", str(path), *options, lang=lang)
        return [path]
    cli("export", "all", "--format", fmt, "--output", str(where / "out"), *options, lang=lang)
    return sorted((where / "out").iterdir())


def read_csv(path: Path, delimiter: str) -> tuple[list[str], list[dict[str, str]]]:
    data = path.read_bytes()
    assert data.startswith(BOM), data[:20]
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter)
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def imported(cli: Cli, files: list[Path], lang: str) -> dict[str, Any]:
    summary = json.loads(cli("import", *map(str, files), "--format", "json", lang=lang).stdout)
    assert summary["warnings"] == []
    return summary


def changes(summary: dict[str, Any]) -> dict[str, int]:
    return {k: v["inserted"] + v["updated"] for k, v in summary["kinds"].items()}


# -- the round trip -----------------------------------------------------------------------------


@pytest.mark.parametrize("import_lang", ["vi", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_in_vietnamese_imports_back_unchanged(
    province: Cli, tmp_path: Path, sqlite_template: Path, fmt: str, import_lang: str
) -> None:
    """Every kind, exported under vi with its Vietnamese headers and choice labels, imports
    under either language into a new database as the same records, and onto its own database
    as no change at all."""
    files = export_all(province, fmt, tmp_path)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(files[0])
        assert workbook.sheetnames == [KINDS[k].label_vi for k in DEPENDENCY_ORDER]
        rows = list(workbook["Hoạt động"].iter_rows(values_only=True))
        header, first = list(rows[0]), rows[1]
        assert first[header.index("Loại hoạt động")] in VI_LABELS
    else:
        header, table = read_csv(tmp_path / "out" / "activities.csv", ";")
        assert table[0]["Loại hoạt động"] in VI_LABELS
        assert table[0]["Số lượng"] == "2,5"
    assert header[:3] == ["Số", "Mã hoạt động", "Mã cơ quan"]
    assert header[-1] == "Mã cơ sở dữ liệu"

    before = dump(province.url)
    again = imported(province, files, import_lang)
    assert changes(again) == dict.fromkeys(DEPENDENCY_ORDER, 0)
    assert dump(province.url) == before

    fresh = Cli(str(copy_template(sqlite_template, tmp_path / "fresh.db")))
    summary = imported(fresh, files, import_lang)
    assert all(summary["kinds"][k]["inserted"] for k in DEPENDENCY_ORDER), summary
    assert logical(fresh) == logical(province)


@pytest.mark.parametrize("delimiter", [";", "tab", ","])
def test_each_delimiter_round_trips(province: Cli, tmp_path: Path, delimiter: str) -> None:
    """`--delimiter` parts the cells as asked, and the importer finds the delimiter itself."""
    path = tmp_path / "hoat-dong.csv"
    province("export", "activities", "--output", str(path), "--delimiter", delimiter, lang="vi")
    char = "\t" if delimiter == "tab" else delimiter
    header, rows = read_csv(path, char)
    assert header[:3] == ["Số", "Mã hoạt động", "Mã cơ quan"]
    assert len(rows) == len(json.loads(province("export", "activities", "--format", "json").stdout))
    before = dump(province.url)
    summary = imported(province, [path], "en")
    assert changes(summary) == {"activities": 0}
    assert summary["kinds"]["activities"]["unchanged"] == len(rows)
    assert dump(province.url) == before


def test_csv_in_vietnamese_is_utf8_with_bom_and_semicolons(province: Cli, tmp_path: Path) -> None:
    """What Excel on a Vietnamese Windows needs to open a CSV in columns with its accents: a
    BOM (else it reads the bytes as the ANSI code page) and `;`, the list separator of the
    Vietnamese regional settings (whose decimal separator is the comma); English keeps `,`."""
    vi, en = tmp_path / "vi.csv", tmp_path / "en.csv"
    province("export", "villages", "--output", str(vi), lang="vi")
    province("export", "villages", "--output", str(en), lang="en")
    assert vi.read_bytes().startswith(BOM + "Số;Mã;Tên thôn;".encode())
    assert en.read_bytes().startswith(BOM + b"id,code,name,")
    _, rows = read_csv(vi, ";")
    assert {r["ĐBKK"] for r in rows} == {"có", "không"}


def test_keys_canonical_gives_the_stable_keys_and_codes_in_vietnamese(
    province: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "activities.csv"
    province("export", "activities", "--output", str(path), "--keys", "canonical", lang="vi")
    header, rows = read_csv(path, ";")
    assert header == list(
        json.loads(province("export", "activities", "--format", "json").stdout)[0]
    )
    assert {r["kind"] for r in rows} <= set(ACTIVITY_KINDS)
    assert next(r for r in rows if r["id"] == "1")["quantity"] == "2.5"
    workbook_path = tmp_path / "all.xlsx"
    options = ["--format", "xlsx", "--output", str(workbook_path), "--keys", "canonical"]
    province("export", "all", *options, lang="vi")
    from openpyxl import load_workbook

    assert load_workbook(workbook_path).sheetnames == list(DEPENDENCY_ORDER)
    # JSON keeps its keys in every language
    vi = json.loads(province("export", "activities", "--format", "json", lang="vi").stdout)
    assert vi[0]["kind"] in ACTIVITY_KINDS and "agency_code" in vi[0]


def test_keys_labels_in_english_imports_back(province: Cli, tmp_path: Path) -> None:
    path = tmp_path / "activities.csv"
    province("export", "activities", "--output", str(path), "--keys", "labels")
    header, rows = read_csv(path, ",")
    assert header[:4] == ["ID", "Ref", "Agency", "Village"]
    assert rows[0]["Kind"] in {en for _, en in ACTIVITY_KINDS.values()}
    before = dump(province.url)
    assert changes(imported(province, [path], "vi")) == {"activities": 0}
    assert dump(province.url) == before


# -- the template -------------------------------------------------------------------------------


def test_the_template_in_vietnamese_takes_what_the_vietnamese_export_writes(
    province: Cli, tmp_path: Path, sqlite_template: Path
) -> None:
    """Under vi (the global language, no template --lang) the template has the Vietnamese sheet
    names and headers, the export's own; filled with the exported rows, it imports into a new
    database as the same records."""
    from openpyxl import load_workbook

    template = tmp_path / "mau.xlsx"
    province("template", "--output", str(template), lang="vi")
    exported = load_workbook(export_all(province, "xlsx", tmp_path)[0])
    workbook = load_workbook(template)
    for name in DEPENDENCY_ORDER:
        kind = KINDS[name]
        sheet = workbook[kind.label_vi]
        headers = [c.value for c in sheet[1]]
        assert headers == [f.label_vi for f in kind.input_fields]
        rows = list(exported[kind.label_vi].iter_rows(values_only=True))
        position = {h: i for i, h in enumerate(rows[0])}
        for row in rows[1:]:
            sheet.append([row[position[h]] for h in headers])
    workbook.save(template)
    fresh = Cli(str(copy_template(sqlite_template, tmp_path / "fresh.db")))
    imported(fresh, [template], "vi")
    assert logical(fresh) == logical(province)


# -- refusals and help ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "names"),
    [
        (["--format", "json", "--keys", "labels"], ["--keys", "JSON"]),
        (["--format", "xlsx", "--delimiter", ";"], ["--delimiter", "csv"]),
        (["--delimiter", "ab"], ["--delimiter"]),
    ],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_options_that_cannot_apply_are_refused(
    province: Cli, tmp_path: Path, options: list[str], names: list[str], lang: str
) -> None:
    before = Before(province.url)
    path = tmp_path / "out.file"
    result = province("export", "activities", "--output", str(path), *options, code=None, lang=lang)
    refused(result, before, names)
    assert not path.exists()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("vi", ["--keys", "Tiêu đề cột", "--delimiter", "Dấu phân cách CSV", "Windows tiếng Việt"]),
        ("en", ["--keys", "canonical keys", "--delimiter", "on a Vietnamese Windows"]),
    ],
)
def test_the_new_options_are_explained_in_both_languages(
    cli: Cli, lang: str, words: list[str]
) -> None:
    shown = " ".join(cli("export", "--help", lang=lang).stdout.split())
    for word in words:
        assert word in shown, (word, shown)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    ("typed", "quantity"), [("1.1250", 1.125), ("0.125", 0.125), ("123,4560", 123.456)]
)
def test_a_fraction_that_looks_like_thousands_round_trips(
    province: Cli, tmp_path: Path, lang: str, typed: str, quantity: float
) -> None:
    """1.125 written as "1.125" would come back as 1125 (thousands grouped, as Vietnamese write
    them): CSV writes it with one more decimal, and a group never leads with 0."""
    province("activity", "edit", "1", "--quantity", typed)
    assert province.json("activity", "show", "1")["quantity"] == quantity
    path = tmp_path / "hoat-dong.csv"
    province("export", "activities", "--output", str(path), lang=lang)
    before = dump(province.url)
    summary = imported(province, [path], lang)
    assert changes(summary) == {"activities": 0}
    assert dump(province.url) == before
    assert province.json("activity", "show", "1")["quantity"] == quantity


@pytest.mark.parametrize(("lang", "shown"), [("vi", "dd/mm/yyyy"), ("en", "yyyy-mm-dd")])
def test_dates_in_an_xlsx_export_show_as_the_language_writes_them(
    province: Cli, tmp_path: Path, lang: str, shown: str
) -> None:
    import datetime as dt

    from openpyxl import load_workbook

    path = tmp_path / "hoat-dong.xlsx"
    province("export", "activities", "--format", "xlsx", "--output", str(path), lang=lang)
    sheet = load_workbook(path).worksheets[0]
    dates = [c for c in sheet[2] if isinstance(c.value, dt.date)]
    assert dates and all(c.number_format == shown for c in dates)
