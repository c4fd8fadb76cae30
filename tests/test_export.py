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
from tests.conftest import ROOT, Cli, seed_basic

SAMPLE = sorted((ROOT / "data" / "sample").glob("*.*"))
KINDS = DEPENDENCY_ORDER


def logical(cli: Cli) -> dict[str, list[dict]]:
    """Every record of every kind as export shows it, without the ids the database chose."""
    return {
        kind: [
            {k: v for k, v in row.items() if k != "id"}
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
    import shutil

    cli("import", *map(str, SAMPLE))
    if fmt == "xlsx":
        files = [tmp_path / "all.xlsx"]
        cli("export", "all", "--format", "xlsx", "--output", str(files[0]))
    else:
        cli("export", "all", "--format", fmt, "--output", str(tmp_path / "out"))
        files = sorted((tmp_path / "out").iterdir())
    copy = tmp_path / "copy.db"
    shutil.copyfile(sqlite_template, copy)
    Cli(str(copy))("import", *map(str, files))
    assert logical(Cli(str(copy))) == logical(cli)


def test_template_has_sheets_headers_lists_and_imports(cli: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "mau.xlsx"
    cli("template", "--output", str(path), "--lang", "vi")
    workbook = load_workbook(path)
    assert workbook.sheetnames[:8] == [
        "Cơ quan",
        "Thôn làng",
        "Chỉ số thôn",
        "Kết nghĩa",
        "Kết nghĩa hộ",
        "Hoạt động",
        "Nắm tình hình",
        "Kiểm tra",
    ]
    sheet = workbook["Hoạt động"]
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == ["Mã hoạt động", "Mã cơ quan", "Mã thôn", "Ngày", "Loại hoạt động"]
    assert sheet.freeze_panes == "A2"
    assert sheet["D2"].is_date and sheet["D2"].number_format == "dd/mm/yyyy"
    lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 2  # kind and source
    assert any("E2:E5000" in str(dv.sqref) for dv in lists)
    danh_muc = workbook["Danh mục"]
    assert "Công trình" in [c.value for c in danh_muc["C"]]
    assert [c.value for c in workbook["Thôn làng"][1]][-2] == "ĐBKK"
    # the example rows make a consistent little database
    result = cli("import", str(path), "--format", "json")
    kinds = json.loads(result.stdout)["kinds"]
    assert kinds.pop("agencies")["inserted"] == 3  # a department, a ward and a business
    assert all(k["inserted"] == 1 for k in kinds.values()), kinds
    en = tmp_path / "template.xlsx"
    cli("template", "--output", str(en), "--lang", "en")
    assert load_workbook(en).sheetnames[0] == "agencies"


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
    import shutil

    folder = tmp_path_factory.mktemp("rt")
    source, target = folder / "a.db", folder / "b.db"
    shutil.copyfile(sqlite_template, source)
    shutil.copyfile(sqlite_template, target)
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
