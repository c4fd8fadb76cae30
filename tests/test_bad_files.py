"""The bad-input corpus for files: a file is read whole, or refused.

Each case builds its file here (openpyxl for workbooks, then the XML rewritten by hand for what
openpyxl does not write: saved formula results, entities, broken parts) and imports it. A
refusal is checked by `tests.bad_input.refused` (exit 1, one line naming the file, row and
column, nothing written); a file that is read is checked by what was stored."""

from __future__ import annotations

import datetime as dt
import json
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.bad_input import Before, refused
from tests.conftest import Cli

# -- building files ------------------------------------------------------------------------

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def book(path: Path, sheets: dict[str, list[list[Any]]]) -> Any:
    """A workbook with these sheets and rows, saved; returned to be changed and saved again."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return workbook


Change = bytes | Callable[[bytes], bytes]


def rewrite(path: Path, changes: dict[str, Change]) -> None:
    """Replace (or add) parts of a workbook: bytes, or a function of the part's bytes."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for name, change in changes.items():
        parts[name] = change(parts[name]) if callable(change) else change
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def shared_strings(path: Path, strings: bytes, cells: dict[bytes, bytes]) -> None:
    """Give the workbook a table of texts (openpyxl writes texts inline) and make cells use
    it: `cells` maps a cell's inline form to its new form."""

    def sheet(xml: bytes) -> bytes:
        for old, new in cells.items():
            assert old in xml, old
            xml = xml.replace(old, new)
        return xml

    rewrite(
        path,
        {
            "[Content_Types].xml": lambda xml: xml.replace(b"</Types>", STRINGS_TYPE + b"</Types>"),
            STRINGS: strings,
            SHEET: sheet,
        },
    )


def inline(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def codes(cli: Cli, what: str = "agency") -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in cli.json(what, "list")}


# -- text files ------------------------------------------------------------------------------


def test_an_unclosed_quote_is_refused_at_the_row_where_it_opened(cli: Cli, tmp_path: Path) -> None:
    # read as Excel would, the rest of the file falls into one name
    path = tmp_path / "agencies.csv"
    path.write_text('code,name\nA1,Sở A\nA2,"Sở B\nA3,Sở C\nA4,Sở D\n', encoding="utf-8")
    before = Before(cli.url)
    refused(cli("import", path, code=None), before, names=["agencies.csv:3:name", "quote"])


def test_text_after_a_closing_quote_is_refused_at_its_cell(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "agencies.csv"
    path.write_text('code,name\nA1,Sở A\nA2,"Sở "B" mới"\n', encoding="utf-8")
    before = Before(cli.url)
    refused(cli("import", path, code=None), before, names=["agencies.csv:3:name", '""'])


def test_a_quote_left_open_in_a_large_file_is_refused_where_it_opened(
    cli: Cli, tmp_path: Path
) -> None:
    """The open quote runs past the longest cell the csv module takes: the problem is still the
    quote, at its row."""
    path = tmp_path / "agencies.csv"
    rows = "".join(f"B{i},Sở {i}\n" for i in range(20_000))
    path.write_text(f'code,name\nA1,"Sở A\n{rows}', encoding="utf-8")
    before = Before(cli.url)
    refused(cli("import", path, code=None), before, names=["agencies.csv:2:name", "quote"])


def test_a_cell_longer_than_any_stored_text_is_refused(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "agencies.csv"
    path.write_text(f"code,name,note\nA1,Sở A,{'x' * 32_768}\n", encoding="utf-8")
    before = Before(cli.url)
    refused(cli("import", path, code=None), before, names=["agencies.csv:2:note", "32,767"])


def test_a_line_longer_than_any_row_is_refused_at_its_row(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "agencies.csv"
    path.write_text("code,name\nA1,Sở A\n" + "x" * (2 << 20) + "\n", encoding="utf-8")
    before = Before(cli.url)
    refused(cli("import", path, code=None), before, names=["agencies.csv:3:", "1,048,576"])


def test_a_text_file_below_a_title_block_is_read_from_its_header(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "danh-sach.csv"
    path.write_text(
        "SỞ Y TẾ GIA LAI;;\nDanh sách cơ quan kết nghĩa;;\n;;\n"
        "Mã cơ quan;Tên cơ quan;Điện thoại\nSO-YT;Sở Y tế;0269 1\n\nCA;Công an tỉnh;\n",
        encoding="utf-8",
    )
    cli("import", path)
    stored = codes(cli)
    assert sorted(stored) == ["CA", "SO-YT"] and stored["SO-YT"]["name"] == "Sở Y tế"
    # a problem is reported at the row the clerk sees (the header is row 4)
    bad = tmp_path / "sua.csv"
    bad.write_text("Danh sách\n\nMã cơ quan,Tên cơ quan\nSO-YT,\n", encoding="utf-8")
    result = cli("import", bad, code=1)
    assert "sua.csv:4:Tên cơ quan:" in result.stderr, result.stderr


def test_values_without_a_header_are_named_in_a_warning(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "agencies.csv"
    path.write_text("code,name,,phone\nA1,Sở A,,1\nA2,Sở B,ghi chép,2,lạc\n", encoding="utf-8")
    result = cli("import", path)
    assert "agencies.csv: values in columns without a header" in result.stderr
    assert "row 3, column C; 1 row(s)" in result.stderr, result.stderr
    assert sorted(codes(cli)) == ["A1", "A2"]


def test_a_file_that_names_no_kind_says_what_was_found_and_expected(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    before = Before(cli.url)
    refused(
        cli("import", path, code=None),
        before,
        names=["notes.csv: cannot tell what it holds", "(foo, bar)", "agencies, villages"],
    )


# -- workbooks: what was found, where the header is ---------------------------------------


def test_a_workbook_with_no_known_sheet_is_refused_naming_its_sheets(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "bao-cao.xlsx"
    book(path, {"Tổng hợp": [["Số liệu", "Ghi chú"], [1, 2]], "Sheet2": []})
    before = Before(cli.url)
    refused(
        cli("import", path, code=None),
        before,
        names=["bao-cao.xlsx: no sheet holds records", "Tổng hợp (Số liệu, Ghi chú)", "agencies"],
    )


def test_a_sheet_below_a_title_block_is_found_and_read(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    workbook = book(
        path,
        {
            "Danh sách": [
                ["SỞ Y TẾ GIA LAI"],
                ["DANH SÁCH CƠ QUAN, ĐƠN VỊ KẾT NGHĨA NĂM 2024"],
                [],
                ["STT", "Mã cơ quan", "Tên cơ quan", "Loại", "Cấp", "Ghi chú"],
                [1, "SO-YT", "Sở Y tế", "Sở, ban, ngành", "Tỉnh", None],
                [2, "SO-NN", "Sở Nông nghiệp và Môi trường", "department", "tinh", "x"],
            ]
        },
    )
    sheet = workbook["Danh sách"]
    sheet.merge_cells("A1:F1")
    sheet.merge_cells("A2:F2")
    workbook.save(path)
    result = cli("import", path)
    stored = codes(cli)
    assert sorted(stored) == ["SO-NN", "SO-YT"], result.stderr
    assert stored["SO-NN"]["name"] == "Sở Nông nghiệp và Môi trường"
    assert stored["SO-YT"]["kind"] == "department" and stored["SO-NN"]["level"] == "province"
    assert "STT" in result.stderr  # an unknown column, named as ever


def test_merged_cells_give_their_value_to_the_top_left_cell(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "villages.xlsx"
    workbook = book(
        path,
        {
            "Thôn làng": [
                ["Mã thôn", "Tên thôn", "Xã", "Huyện"],
                ["GL-1", "Làng Ơ", "Ia Me", "Chư Prông"],
                ["GL-2", "Làng Quen", None, None],
                ["GL-3", "Plei Ring", "Ia Pia", "Chư Prông"],
            ]
        },
    )
    sheet = workbook["Thôn làng"]
    sheet.merge_cells("C2:C3")  # the clerk sees Ia Me beside both villages
    workbook.save(path)
    result = cli("import", path)
    stored = codes(cli, "village")
    assert stored["GL-1"]["commune"] == "Ia Me" and stored["GL-2"]["commune"] is None
    assert stored["GL-3"]["commune"] == "Ia Pia"
    assert "villages.xlsx[Thôn làng]: cells merged over several rows C2:C3" in result.stderr


def test_hidden_sheets_and_rows_are_read_and_named(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    workbook = book(
        path,
        {
            "Cơ quan": [["code", "name"], ["A1", "Sở A"], ["A2", "Sở B"], ["A3", "Sở C"]],
            "Thôn làng": [["code", "name"], ["V1", "Làng A"]],
        },
    )
    workbook["Cơ quan"].row_dimensions[3].hidden = True  # filtered out of view
    workbook["Cơ quan"].row_dimensions[4].hidden = True
    workbook["Thôn làng"].sheet_state = "hidden"
    workbook.save(path)
    result = cli("import", path)
    assert sorted(codes(cli)) == ["A1", "A2", "A3"] and sorted(codes(cli, "village")) == ["V1"]
    assert "bao-cao.xlsx[Cơ quan]: hidden rows were imported too: 3–4" in result.stderr
    assert "bao-cao.xlsx[Thôn làng]: a hidden sheet; its 1 row(s) were imported" in result.stderr


def test_a_sheet_that_claims_every_row_and_column_is_read_quickly(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "agencies.xlsx"
    book(path, {"agencies": [["code", "name"], ["A1", "Sở A"]]})
    rewrite(
        path,
        {
            SHEET: lambda xml: xml.replace(
                b'<dimension ref="A1:B2" />', b'<dimension ref="A1:XFD1048576" />'
            ).replace(
                b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>'
            )
        },
    )
    cli("import", path)
    assert sorted(codes(cli)) == ["A1"]


# -- workbooks: values as the clerk saw them ------------------------------------------------


def test_a_formula_gives_the_value_excel_saved_with_it(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "villages.xlsx"
    book(
        path,
        {
            "villages": [
                ["code", "name", "households", "poor_households", "special_difficulty"],
                ["GL-1", '="Làng "&"Ơ"', "=100+80", "=B2", "=TRUE()"],
            ]
        },
    )

    def saved(xml: bytes) -> bytes:
        for ref, kind, value in (
            ("B2", ' t="str"', "Làng Ơ"),
            ("C2", "", "180"),
            ("D2", "", "41"),
            ("E2", ' t="b"', "1"),
        ):
            start = xml.index(f'<c r="{ref}"'.encode())
            end = xml.index(b"</c>", start)
            formula = xml[xml.index(b"<f>", start) : xml.index(b"</f>", start) + 4]
            cell = f'<c r="{ref}"{kind}>'.encode() + formula + f"<v>{value}</v></c>".encode()
            xml = xml[:start] + cell + xml[end + 4 :]
        return xml

    rewrite(path, {SHEET: saved})
    cli("import", path)
    village = cli.json("village", "show", "GL-1")
    assert (village["name"], village["households"], village["poor_households"]) == (
        "Làng Ơ",
        180,
        41,
    )
    assert village["special_difficulty"] is True


def test_a_formula_without_a_saved_value_is_refused(cli: Cli, tmp_path: Path) -> None:
    """openpyxl (and other programs) write formulas without their result: not 0 đ."""
    path = tmp_path / "villages.xlsx"
    book(path, {"Thôn làng": [["Mã thôn", "Tên thôn", "Số hộ"], ["GL-1", "Làng Ơ", "=100+80"]]})
    before = Before(cli.url)
    refused(
        cli("import", path, code=None),
        before,
        names=["villages.xlsx[Thôn làng]:2:Số hộ", "open the file in Excel, save it"],
    )


@pytest.mark.parametrize("error", ["#N/A", "#DIV/0!", "#REF!"])
def test_a_cell_showing_an_error_is_refused_naming_it(cli: Cli, tmp_path: Path, error: str) -> None:
    path = tmp_path / "villages.xlsx"
    book(path, {"villages": [["code", "name", "note"], ["GL-1", "Làng Ơ", "x"]]})
    rewrite(
        path,
        {
            SHEET: lambda xml: xml.replace(
                inline("C2", "x"), f'<c r="C2" t="e"><v>{error}</v></c>'.encode()
            )
        },
    )
    before = Before(cli.url)
    refused(
        cli("import", path, code=None),
        before,
        names=["villages.xlsx[villages]:2:note", f"the error {error}", "Excel"],
    )


def test_texts_from_the_table_of_texts_and_escapes_are_what_excel_shows(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "agencies.xlsx"
    book(path, {"agencies": [["code", "name", "note"], ["A1", "x", "y"]]})
    strings = (
        b"<sst " + MAIN + b"><si><t>S\xe1\xbb\x9f Y t\xe1\xba\xbf</t></si>"
        b"<si><r><t>d\xc3\xb2ng 1</t></r><r><t>_x000D_\n</t></r><r><t>d\xc3\xb2ng 2</t></r>"
        b"<rPh><t>phonetic</t></rPh></si></sst>"
    )
    shared_strings(
        path,
        strings,
        {
            inline("B2", "x"): b'<c r="B2" t="s"><v>0</v></c>',
            inline("C2", "y"): b'<c r="C2" t="s"><v>1</v></c>',
        },
    )
    cli("import", path)
    stored = cli.json("agency", "show", "A1")
    assert stored["name"] == "Sở Y tế" and stored["note"] == "dòng 1\r\ndòng 2"


@pytest.mark.parametrize("where", ["inline", "table of texts"])
def test_a_cell_longer_than_any_stored_text_is_refused_in_a_workbook(
    cli: Cli, tmp_path: Path, where: str
) -> None:
    path = tmp_path / "agencies.xlsx"
    book(path, {"agencies": [["code", "name", "note"], ["A1", "Sở A", "y"]]})
    text = b"x" * 40_000
    if where == "inline":
        rewrite(path, {SHEET: lambda xml: xml.replace(b"<t>y</t>", b"<t>" + text + b"</t>")})
    else:
        strings = b"<sst " + MAIN + b"><si><t>" + text + b"</t></si></sst>"
        shared_strings(path, strings, {inline("C2", "y"): b'<c r="C2" t="s"><v>0</v></c>'})
    before = Before(cli.url)
    column = "note" if where == "table of texts" else "C"  # inline: before the header is known
    refused(
        cli("import", path, code=None),
        before,
        names=[f"agencies.xlsx[agencies]:2:{column}", "32,767"],
    )


def test_a_huge_text_is_refused_without_being_read_whole(cli: Cli, tmp_path: Path) -> None:
    """50 MB of one name, packed into a small file, is refused before it is held."""
    path = tmp_path / "agencies.xlsx"
    book(path, {"agencies": [["code", "name"], ["A1", "y"]]})
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", STRINGS_TYPE + b"</Types>"
    )
    parts[SHEET] = parts[SHEET].replace(inline("B2", "y"), b'<c r="B2" t="s"><v>0</v></c>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
        with target.open(STRINGS, "w") as part:
            part.write(b"<sst " + MAIN + b"><si><t>")
            for _ in range(50):
                part.write(b"A" * 1_000_000)
            part.write(b"</t></si></sst>")
    assert path.stat().st_size < 200_000
    before = Before(cli.url)
    tracemalloc.start()
    try:
        result = cli("import", path, code=None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    refused(result, before, names=["agencies.xlsx[agencies]:2:name", "32,767"])
    assert peak < 30_000_000, f"peak {peak:,} bytes"


# -- workbooks: bounded work, and refused when not what Excel writes ------------------------


def test_entities_in_a_sheet_are_refused(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "agencies.xlsx"
    book(path, {"agencies": [["code", "name"], ["A1", "y"]]})
    rewrite(path, {SHEET: lambda xml: LAUGHS + xml.replace(b"<t>y</t>", b"<t>&lol3;</t>")})
    before = Before(cli.url)
    refused(cli("import", path, code=None), before, names=["agencies.xlsx", "XML entities"])


def test_entities_in_the_workbook_part_are_refused(cli: Cli, tmp_path: Path) -> None:
    """openpyxl parses the workbook's frame through defusedxml."""
    path = tmp_path / "agencies.xlsx"
    book(path, {"agencies": [["code", "name"], ["A1", "y"]]})
    rewrite(
        path,
        {"xl/workbook.xml": lambda xml: LAUGHS + xml.replace(b'name="agencies"', b'name="&lol3;"')},
    )
    before = Before(cli.url)
    refused(cli("import", path, code=None), before, names=["agencies.xlsx", "XML entities"])


def test_an_external_entity_in_the_table_of_texts_is_refused(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "agencies.xlsx"
    book(path, {"agencies": [["code", "name"], ["A1", "y"]]})
    strings = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        b"<sst " + MAIN + b"><si><t>&secret;</t></si></sst>"
    )
    shared_strings(path, strings, {inline("B2", "y"): b'<c r="B2" t="s"><v>0</v></c>'})
    before = Before(cli.url)
    refused(cli("import", path, code=None), before, names=["agencies.xlsx", "XML entities"])


def test_too_many_texts_are_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketnghia.importing import workbook

    monkeypatch.setattr(workbook, "MAX_STRINGS", 100)
    path = tmp_path / "agencies.xlsx"
    book(path, {"agencies": [["code", "name"], ["A1", "y"]]})
    strings = b"<sst " + MAIN + b">" + b"<si><t>t</t></si>" * 101 + b"</sst>"
    shared_strings(path, strings, {inline("B2", "y"): b'<c r="B2" t="s"><v>0</v></c>'})
    before = Before(cli.url)
    refused(cli("import", path, code=None), before, names=["agencies.xlsx", "more than 100"])


def test_a_long_run_of_empty_rows_stops_the_reading(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Formatted empty rows down to row 1,048,576 are not read on: the sheet is refused."""
    from ketnghia.importing import workbook

    monkeypatch.setattr(workbook, "EMPTY_RUN", 1 << 20)
    path = tmp_path / "agencies.xlsx"
    book(path, {"agencies": [["code", "name"], ["A1", "Sở A"]]})
    empty = b"".join(b'<row r="%d"><c r="A%d" s="0"/></row>' % (i, i) for i in range(3, 100_000))
    last = b'<row r="1048576">' + inline("A1048576", "A9") + inline("B1048576", "Sở Z") + b"</row>"
    rewrite(path, {SHEET: lambda xml: xml.replace(b"</sheetData>", empty + last + b"</sheetData>")})
    before = Before(cli.url)
    refused(
        cli("import", path, code=None),
        before,
        names=["agencies.xlsx[agencies]:", "hold nothing after its data", "delete the empty rows"],
    )


def test_a_part_read_whole_beyond_its_limit_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketnghia.importing import workbook

    monkeypatch.setattr(workbook, "PART_MAX", 100)
    path = tmp_path / "agencies.xlsx"
    book(path, {"agencies": [["code", "name"], ["A1", "y"]]})
    before = Before(cli.url)
    refused(cli("import", path, code=None), before, names=["agencies.xlsx", "MiB unpacked"])


BROKEN: list[tuple[str, dict[str, Change] | None, list[str]]] = [
    ("cut short", None, ["not an Excel workbook"]),
    ("sheet not XML", {SHEET: lambda xml: xml[: len(xml) // 2]}, ["damaged", "save it again"]),
    ("workbook part gone", {"xl/workbook.xml": b""}, ["damaged", "save it again"]),
    (
        "text index out of range",
        {SHEET: lambda xml: xml.replace(inline("B2", "y"), b'<c r="B2" t="s"><v>7</v></c>')},
        ["damaged", "B2"],
    ),
    (
        "a number that is none",
        {SHEET: lambda xml: xml.replace(inline("B2", "y"), b'<c r="B2"><v>1,5</v></c>')},
        ["damaged", "B2"],
    ),
    (
        "a column beyond Excel's last",
        {SHEET: lambda xml: xml.replace(b'r="B2"', b'r="ZZZZ2"')},
        ["damaged", "ZZZZ2"],
    ),
]


@pytest.mark.parametrize(("case", "changes", "names"), BROKEN, ids=[c[0] for c in BROKEN])
def test_a_broken_workbook_is_refused(
    cli: Cli, tmp_path: Path, case: str, changes: dict[str, Change] | None, names: list[str]
) -> None:
    path = tmp_path / "agencies.xlsx"
    book(path, {"agencies": [["code", "name"], ["A1", "y"]]})
    if changes is None:
        path.write_bytes(path.read_bytes()[:2000])
    else:
        rewrite(path, changes)
    before = Before(cli.url)
    refused(cli("import", path, code=None), before, names=["agencies.xlsx", *names])


def test_a_json_text_longer_than_any_stored_text_is_refused(cli: Cli, tmp_path: Path) -> None:
    """No reader cuts JSON into cells: the field's own rule (values.TEXT_MAX) refuses it."""
    path = tmp_path / "agencies.json"
    path.write_text(json.dumps([{"code": "A1", "name": "Sở A", "note": "x" * 32_768}]))
    before = Before(cli.url)
    refused(
        cli("import", path, code=None),
        before,
        names=["agencies.json:1:note", "32767 characters"],
        lines=None,
    )


def test_json_is_read_as_before(cli: Cli, tmp_path: Path) -> None:
    """JSON has no header row to look for: its keys are the columns."""
    path = tmp_path / "agencies.json"
    path.write_text(json.dumps([{"code": "A1", "name": "Sở A"}]), encoding="utf-8")
    cli("import", path)
    assert sorted(codes(cli)) == ["A1"]


def test_dates_in_a_workbook_follow_its_calendar(cli: Cli, tmp_path: Path) -> None:
    """A date cell is a number and a date style; a 1904 workbook counts from 1904."""
    workbook = book(
        tmp_path / "pairings.xlsx",
        {
            "Cơ quan": [["code", "name"], ["A1", "Sở A"]],
            "Thôn làng": [["code", "name"], ["V1", "Làng A"]],
            "Kết nghĩa": [["agency_code", "village_code", "started_on"], ["A1", "V1", None]],
        },
    )
    workbook["Kết nghĩa"]["C2"] = dt.date(2024, 3, 5)
    workbook.epoch = dt.datetime(1904, 1, 1)
    workbook.save(tmp_path / "pairings.xlsx")
    cli("import", tmp_path / "pairings.xlsx")
    pairing = cli.json("pair", "show", "--agency", "A1", "--village", "V1")
    assert pairing["started_on"] == "2024-03-05"
