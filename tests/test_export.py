"""Export and template: canonical headers, formula-safe cells, and the round trip back."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketnghia.schema import DEPENDENCY_ORDER
from tests.conftest import ROOT, Cli, copy_template, dump, seed_basic

SAMPLE = sorted((ROOT / "data" / "sample").glob("*.*"))
KINDS = DEPENDENCY_ORDER


def logical(cli: Cli) -> dict[str, list[dict]]:
    """Every record of every kind as export shows it, without the ids the database chose."""
    return {
        kind: [
            {k: v for k, v in row.items() if k not in ("id", "database_id")}
            for row in json.loads(cli("export", kind, "--format", "json").stdout)
        ]
        for kind in KINDS
    }


def test_export_csv_has_bom_canonical_headers_and_formula_guard(cli: Cli, tmp_path: Path) -> None:
    seed_basic(cli)
    cli(
        "activity",
        "add",
        "--agency",
        "SO-NN",
        "--village",
        "GL-0001",
        "--date",
        "2024-05-01",
        "--kind",
        "gifts",
        "--title",
        '=HYPERLINK("http://x")',
        "--note",
        "@chú ý",
        "--value",
        "1.000.000",
    )
    path = tmp_path / "activities.csv"
    cli("export", "activities", "--output", str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0])[:6] == ["id", "ref", "agency_code", "village_code", "date", "kind"]
    assert rows[0]["title"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["note"] == "'@chú ý"
    assert rows[0]["value_vnd"] == "1000000"  # numbers are never guarded


def test_export_xlsx_writes_text_never_formulas(cli: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    seed_basic(cli)
    cli("agency", "edit", "TD", "--note", "=1+1", "--head", "+84 269")
    path = tmp_path / "all.xlsx"
    cli("export", "all", "--format", "xlsx", "--output", str(path))
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)
    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "agencies",
        "villages",
        "village_stats",
        "pairings",
        "households",
        "activities",
        "visits",
        "inspections",
        "localities",
        "contributions",
    ]
    agencies = list(workbook["agencies"].iter_rows(values_only=True))
    td = next(r for r in agencies if r[1] == "TD")
    assert td[agencies[0].index("note")] == "=1+1"
    assert td[agencies[0].index("head")] == "+84 269"
    pairing = list(workbook["pairings"].iter_rows())[1]
    assert pairing[3].is_date  # started_on is a real date cell


def test_export_all_to_a_folder_and_year_filter(cli: Cli, tmp_path: Path) -> None:
    cli("import", *map(str, SAMPLE))
    folder = tmp_path / "out"
    cli("export", "all", "--format", "json", "--output", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{k}.json"
        for k in (
            "agencies",
            "villages",
            "village_stats",
            "pairings",
            "households",
            "activities",
            "visits",
            "inspections",
            "localities",
            "contributions",
        )
    )
    acts = json.loads((folder / "activities.json").read_text(encoding="utf-8"))
    only_2025 = json.loads(cli("export", "activities", "--format", "json", "--year", "2025").stdout)
    assert 0 < len(only_2025) < len(acts)
    assert all(a["date"].startswith("2025-") for a in only_2025)
    result = cli("export", "all", code=1)
    assert "--output" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_export_all_then_import_into_an_empty_database_reproduces_it(
    cli: Cli, tmp_path: Path, sqlite_template: Path, fmt: str
) -> None:

    cli("import", *map(str, SAMPLE))
    if fmt == "xlsx":
        files = [tmp_path / "all.xlsx"]
        cli("export", "all", "--format", "xlsx", "--output", str(files[0]))
    else:
        cli("export", "all", "--format", fmt, "--output", str(tmp_path / "out"))
        files = sorted((tmp_path / "out").iterdir())
    copy = copy_template(sqlite_template, tmp_path / "copy.db")
    Cli(str(copy))("import", *map(str, files))
    assert logical(Cli(str(copy))) == logical(cli)


def test_template_has_sheets_headers_lists_and_a_guide(cli: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.worksheet.cell_range import CellRange

    path = tmp_path / "mau.xlsx"
    cli("template", "--output", str(path), "--lang", "vi")
    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "Hướng dẫn",
        "Cơ quan",
        "Thôn làng",
        "Chỉ số thôn",
        "Kết nghĩa",
        "Kết nghĩa hộ",
        "Hoạt động",
        "Nắm tình hình",
        "Kiểm tra",
        "Kết nghĩa địa phương",
        "Đóng góp địa phương",
        "Danh mục",
    ]
    sheet = workbook["Hoạt động"]
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == ["Mã hoạt động", "Mã cơ quan", "Mã thôn", "Ngày", "Loại hoạt động"]
    assert sheet.freeze_panes == "A2"
    # formats belong to the whole column a clerk fills, not to a row
    assert sheet.column_dimensions["D"].number_format == "dd/mm/yyyy"
    assert sheet.column_dimensions["G"].number_format == "#,##0"  # Giá trị (đồng)
    lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 2  # kind and source
    for validation in sheet.data_validations.dataValidation:
        (cells,) = validation.sqref.ranges
        assert CellRange(str(cells)).min_row == 2
        assert CellRange(str(cells)).max_row >= 100_000, str(cells)
    danh_muc = workbook["Danh mục"]
    assert "Công trình" in [c.value for c in danh_muc["C"]]
    # each list headed by the label of the fields that choose from it, not by a key
    assert [c.value for c in danh_muc[1]][2:4] == ["Loại hoạt động", "Nguồn"]
    assert "activity_kind" not in [c.value for c in danh_muc[1]]
    assert [c.value for c in workbook["Thôn làng"][1]][-2] == "ĐBKK"
    # the data sheets hold their headers and nothing else
    for name in workbook.sheetnames[1:-1]:
        assert workbook[name].max_row == 1, name
        assert all(
            cell.value is None for row in workbook[name].iter_rows(min_row=2) for cell in row
        )
    # the examples are on the guide, under each sheet's own headers
    guide = [list(row) for row in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    at = guide.index([*headers, *[None] * (len(guide[0]) - len(headers))])
    assert guide[at + 1][headers.index("Nội dung")] == "Khoan giếng nước sạch"
    assert guide[at + 1][headers.index("Giá trị (đồng)")] == 45_000_000
    en = tmp_path / "template.xlsx"
    cli("template", "--output", str(en), "--lang", "en")
    assert load_workbook(en).sheetnames[:2] == ["Guide", "agencies"]
    assert load_workbook(en).sheetnames[-1] == "Lists"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_untouched_template_imports_nothing(cli: Cli, tmp_path: Path, lang: str) -> None:
    """The province whose agency SO-NNMT and village GL-0001 the template's examples name:
    importing the template as it comes changes nothing, quietly."""
    cli("import", *map(str, SAMPLE))
    path = tmp_path / "mau.xlsx"
    cli("template", "--output", str(path), "--lang", lang)
    before = dump(cli.url)
    result = cli("import", str(path), "--format", "json")
    summary = json.loads(result.stdout)
    assert summary["warnings"] == []
    assert {k: v["inserted"] + v["updated"] for k, v in summary["kinds"].items()} == dict.fromkeys(
        KINDS, 0
    )
    assert dump(cli.url) == before


def test_the_guides_examples_copied_to_their_sheets_make_a_little_database(
    cli: Cli, tmp_path: Path
) -> None:
    """The examples are consistent: copied onto their sheets, they import into an empty
    database (a department, a ward and a business, and one of everything else)."""
    from openpyxl import load_workbook

    path = tmp_path / "mau.xlsx"
    cli("template", "--output", str(path), "--lang", "vi")
    workbook = load_workbook(path)
    guide = list(workbook["Hướng dẫn"].iter_rows(values_only=True))
    for name in workbook.sheetnames[1:-1]:
        sheet = workbook[name]
        headers = tuple(c.value for c in sheet[1])
        title = next(i for i, row in enumerate(guide) if row[0] == f"Ví dụ: trang '{name}'")
        assert guide[title + 1][: len(headers)] == headers
        for row in guide[title + 2 :]:
            if row[0] is None:
                break
            sheet.append(row[: len(headers)])
    workbook.save(path)
    kinds = json.loads(cli("import", str(path), "--format", "json").stdout)["kinds"]
    assert kinds.pop("agencies")["inserted"] == 3
    assert all(k["inserted"] == 1 for k in kinds.values()), kinds


# -- property: arbitrary Vietnamese text survives export → import ---------------------------

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "0123456789 ,.;:'\"/()-–=+@#%&"
text = st.text(alphabet=ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)
# long text (notes) may hold line breaks; names and titles are one line
long_text = st.text(alphabet=ALPHABET + "\n", min_size=1, max_size=30).map(str.strip).filter(bool)
leading = st.sampled_from(["", "=", "+", "-", "@", "'", "'="])
field_text = st.builds(lambda a, b: a + b, leading, text)
note_text = st.builds(lambda a, b: a + b, leading, long_text)
records = st.lists(
    st.tuples(field_text, field_text, st.integers(0, 10**12), st.none() | note_text),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=records, fmt=st.sampled_from(["csv", "json", "xlsx"]))
def test_random_text_survives_export_and_import(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path, rows: list, fmt: str
) -> None:

    folder = tmp_path_factory.mktemp("rt")
    source = copy_template(sqlite_template, folder / "a.db")
    target = copy_template(sqlite_template, folder / "b.db")
    villages = [{"code": "V", "name": "Làng V"}] + [
        {"code": f"V{i}", "name": name, "note": note} for i, (name, _, _, note) in enumerate(rows)
    ]
    activities = [
        {
            "ref": f"R{i}",
            "agency_code": "A",
            "village_code": "V",
            "date": "2024-02-01",
            "kind": "gifts",
            "title": title,
            "value_vnd": value,
            "note": note,
        }
        for i, (_, title, value, note) in enumerate(rows)
    ]
    data = {
        "agencies.json": [{"code": "A", "name": "Sở A", "head": rows[0][0]}],
        "villages.json": villages,
        "pairings.json": [{"agency_code": "A", "village_code": "V", "started_on": "2024-01-01"}],
        "activities.json": activities,
    }
    for name, content in data.items():
        (folder / name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    a = Cli(str(source))
    a("import", *(str(folder / name) for name in data))
    out = folder / ("all.xlsx" if fmt == "xlsx" else "out")
    a("export", "all", "--format", fmt, "--output", str(out))
    files = [out] if fmt == "xlsx" else sorted(out.iterdir())
    Cli(str(target))("import", *map(str, files))
    exported = logical(Cli(str(target)))
    assert exported == logical(a)
    # and the text is the text that went in, leading = + - @ ' included
    names = {v["code"]: (v["name"], v["note"]) for v in exported["villages"]}
    assert names == {"V": ("Làng V", None)} | {
        f"V{i}": (name, note) for i, (name, _, _, note) in enumerate(rows)
    }
    titles = {a["ref"]: a["title"] for a in exported["activities"]}
    assert titles == {f"R{i}": title for i, (_, title, _, _) in enumerate(rows)}
