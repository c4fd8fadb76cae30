"""The bad-input corpus of imported values: what a file holds that no record can (lists, objects
and true/false where text is expected, a key twice in one JSON object, nesting, numbers beyond
the bounds, a column twice, a record given twice in one command), every problem of a row told
at once, and the rows refused written back with their problems (`import --errors`).

Each case builds its files in tmp_path and asserts with tests.bad_input.refused: exit 1, what
stderr must name, no traceback, the database and the history as before."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from tests.bad_input import Before, refused
from tests.conftest import Cli, seed_basic

ACT = "agency_code,village_code,date,kind,title,value_vnd\n"
ACT_VI = "Mã cơ quan,Mã thôn,Ngày,Loại hoạt động,Nội dung,Giá trị (đồng)\n"


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    """Agencies SO-NN and TD, villages GL-0001 to GL-0003, SO-NN paired with GL-0001 from
    2024-03-01."""
    seed_basic(cli)
    return cli


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula, as typed
    book.save(path)
    return path


def run(cli: Cli, *args: Any) -> Any:
    return cli("import", *map(str, args), code=None)


# -- JSON garbage: one value expected, something else given -----------------------------------

JSON_GARBAGE = [
    pytest.param(
        [{"code": "A1", "name": ["Sở", "Ban"]}],
        ["agencies.json:1:name:", "list"],
        id="list-as-text",
    ),
    pytest.param(
        [{"code": "A1", "name": "Sở A", "phone": {"so": "0269"}}],
        ["agencies.json:1:phone:", "object"],
        id="object-as-text",
    ),
    pytest.param(
        [{"code": "A1", "name": True}], ["agencies.json:1:name:", "true/false"], id="bool-as-text"
    ),
    pytest.param(
        [{"code": False, "name": "Sở A"}],
        ["agencies.json:1:code:", "true/false"],
        id="bool-as-code",
    ),
    pytest.param(
        [{"code": "A1", "name": "Sở A", "kind": ["department"]}],
        ["agencies.json:1:kind:", "list"],
        id="list-as-choice",
    ),
    pytest.param(
        [{"code": "A1", "name": "Sở A", "level": True}],
        ["agencies.json:1:level:", "true/false"],
        id="bool-as-choice",
    ),
    pytest.param(
        [{"code": "GL-9", "name": "Làng A", "households": [120]}],
        ["villages.json:1:households:", "list"],
        id="list-as-count",
    ),
    pytest.param(
        [{"code": "GL-9", "name": "Làng A", "special_difficulty": {"x": 1}}],
        ["villages.json:1:special_difficulty:", "object"],
        id="object-as-yes-no",
    ),
    pytest.param(
        [{"agency_code": "TD", "village_code": "GL-0002", "started_on": ["2024-06-01"]}],
        ["pairings.json:1:started_on:", "list"],
        id="list-as-date",
    ),
    pytest.param(
        [
            {
                "agency_code": "TD",
                "village_code": "GL-0002",
                "started_on": "2024-06-01",
                "supporters": [["SO-NN"]],
            }
        ],
        ["pairings.json:1:supporters:", "list"],
        id="list-in-the-list-of-supporters",
    ),
    pytest.param(
        [
            {
                "agency_code": "TD",
                "village_code": "GL-0002",
                "started_on": "2024-06-01",
                "supporters": {"code": "SO-NN"},
            }
        ],
        ["pairings.json:1:supporters:", "object"],
        id="object-as-supporters",
    ),
]


@pytest.mark.parametrize(("rows", "names"), JSON_GARBAGE)
def test_json_values_that_are_not_one_value_are_named(
    seeded: Cli, tmp_path: Path, rows: list[dict[str, Any]], names: list[str]
) -> None:
    stem = names[0].split(".")[0]
    path = write(tmp_path / f"{stem}.json", json.dumps(rows, ensure_ascii=False))
    before = Before(seeded.url)
    refused(run(seeded, path), before, names, lines=2)


def test_a_key_twice_in_one_json_object_is_named_with_both_values(
    seeded: Cli, tmp_path: Path
) -> None:
    # json keeps the last value quietly; the file's sender meant one of them
    path = write(
        tmp_path / "agencies.json",
        '[{"code": "A1", "name": "Sở Tài chính", "name": "Sở Xây dựng"}]',
    )
    before = Before(seeded.url)
    refused(
        run(seeded, path),
        before,
        ["agencies.json:1:name:", "twice", "Sở Tài chính", "Sở Xây dựng"],
        lines=2,
    )


def test_a_key_twice_in_a_json_lines_object_is_named_at_its_line(
    seeded: Cli, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "agencies.jsonl",
        '{"code": "A1", "name": "Sở A"}\n\n{"code": "A2", "code": "A3", "name": "Sở B"}\n',
    )
    before = Before(seeded.url)
    refused(run(seeded, path), before, ["agencies.jsonl:3:code:", "'A2', 'A3'"], lines=2)


@pytest.mark.parametrize(
    ("name", "content", "names"),
    [
        pytest.param(
            "agencies.json", "[" * 100_000 + "]" * 100_000, ["agencies.json", "nested"], id="array"
        ),
        pytest.param(
            "agencies.jsonl",
            '{"code": "A1", "name": "Sở A"}\n{"code": "A2", "note": '
            + "[" * 100_000
            + "]" * 100_000
            + "}\n",
            ["agencies.jsonl", "line 2", "nested"],
            id="jsonl",
        ),
    ],
)
def test_nesting_beyond_any_record_is_named(
    seeded: Cli, tmp_path: Path, name: str, content: str, names: list[str]
) -> None:
    """A record is one object of values: a file nested deeper than Python reads is one line,
    not the catch-all."""
    path = write(tmp_path / name, content)
    before = Before(seeded.url)
    refused(run(seeded, path), before, names)


# -- numbers beyond the bounds --------------------------------------------------------------
# (a count of 1e30 or Infinity in a number field was refused already: values.LIMITS)

NUMBERS = [
    pytest.param(
        '[{"code": "GL-9", "name": "Làng A", "note": NaN}]',
        ["villages.json:1:note:", "nan"],
        id="nan-as-text",
    ),
    pytest.param(
        '[{"code": "GL-9", "name": "Làng A", "note": 1e400}]',
        ["villages.json:1:note:", "inf"],
        id="overflow-as-text",
    ),
    pytest.param(
        '[{"code": "GL-9", "name": "Làng A", "households": ' + "9" * 5000 + "}]",
        ["villages.json", "5000 digits"],
        id="5000-digits",
    ),
    pytest.param(
        '{"code": "GL-9", "name": "Làng A", "note": -' + "1" * 4400 + "}\n",
        ["villages.jsonl", "line 1", "4400 digits"],
        id="4400-digits-jsonl",
    ),
]


@pytest.mark.parametrize(("content", "names"), NUMBERS)
def test_numbers_beyond_the_bounds_are_named(
    seeded: Cli, tmp_path: Path, content: str, names: list[str]
) -> None:
    suffix = ".jsonl" if content.startswith("{") else ".json"
    path = write(tmp_path / f"villages{suffix}", content)
    before = Before(seeded.url)
    refused(run(seeded, path), before, names, lines=2)


def test_an_id_beyond_any_record_is_named(seeded: Cli, tmp_path: Path) -> None:
    """A row exported from this database names its record by id: an id no database holds is
    a problem of its cell (it used to overflow the staging table)."""
    path = tmp_path / "agencies.csv"
    seeded("export", "agencies", "--output", str(path))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    at = rows[0].index("id")
    rows[1][at] = "99999999999999999999"
    rows[2][at] = "-3"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    before = Before(seeded.url)
    refused(
        run(seeded, path),
        before,
        ["agencies.csv:2:id:", "99999999999999999999", "agencies.csv:3:id:"],
        lines=None,
    )


# -- a column twice ---------------------------------------------------------------------------


def test_a_column_twice_in_a_csv_names_both_columns(seeded: Cli, tmp_path: Path) -> None:
    """ "name" and "Tên cơ quan" are one field: the first used to win quietly, and the warning
    called the second an unknown column."""
    path = write(tmp_path / "agencies.csv", "code,name,Tên cơ quan\nA1,Sở A,Sở B\n")
    before = Before(seeded.url)
    err = refused(
        run(seeded, path), before, ["agencies.csv:1:Tên cơ quan:", "'name'", "column B"], lines=2
    )
    assert "unknown columns" not in err


def test_a_header_written_twice_in_a_sheet_is_named(seeded: Cli, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "nhap.xlsx",
        {
            "Thôn làng": [
                ["Mã thôn", "Tên thôn", "Số hộ", "Mã thôn"],
                ["GL-9", "Làng A", 10, "GL-8"],
            ]
        },
    )
    before = Before(seeded.url)
    refused(run(seeded, path), before, ["nhap.xlsx[Thôn làng]:1:Mã thôn:", "column A"], lines=2)


def test_an_id_column_twice_is_named(seeded: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "agencies.csv", "id,code,name,ID\n1,A1,Sở A,2\n")
    before = Before(seeded.url)
    refused(run(seeded, path), before, ["agencies.csv:1:ID:", "'id'"], lines=2)


# -- the same record twice in one command ------------------------------------------------------


def test_the_same_record_in_two_files_names_both_places(seeded: Cli, tmp_path: Path) -> None:
    """Within one file a repeated key was refused already; across two files the second used
    to win quietly."""
    first = write(tmp_path / "co-quan-1.csv", "code,name\nB1,Sở B\nB2,Sở C\n")
    second = write(tmp_path / "co-quan-2.csv", "Mã,Tên cơ quan\nB3,Sở D\nB1,Sở B mới\n")
    before = Before(seeded.url)
    refused(
        run(seeded, first, second, "--kind", "agencies"),
        before,
        ["co-quan-2.csv:3:Mã:", "co-quan-1.csv row 2"],
        lines=2,
    )


def test_a_stored_record_in_two_files_names_both_places(seeded: Cli, tmp_path: Path) -> None:
    """The record both rows update is a stored one: the second row still may not undo the
    first."""
    first = write(tmp_path / "a.csv", "code,name\nSO-NN,Sở Nông nghiệp\n")
    second = write(tmp_path / "b.csv", "code,name\nTD,Tỉnh đoàn\nSO-NN,Sở NN và MT\n")
    before = Before(seeded.url)
    refused(
        run(seeded, first, second, "--kind", "agencies"),
        before,
        ["b.csv:3:code:", "a.csv row 2"],
        lines=2,
    )


def test_the_same_activity_on_two_sheets_names_both_places(seeded: Cli, tmp_path: Path) -> None:
    header = ["Mã cơ quan", "Mã thôn", "Ngày", "Loại hoạt động", "Nội dung"]
    row = ["SO-NN", "GL-0001", "2024-05-01", "gifts", "Tặng quà"]
    path = workbook(
        tmp_path / "bao-cao.xlsx",
        {"Hoạt động": [header, row], "activities": [header, ["SO-NN", "GL-0001"], row]},
    )
    before = Before(seeded.url)
    refused(
        run(seeded, path),
        before,
        ["bao-cao.xlsx[activities]:3:", "bao-cao.xlsx[Hoạt động] row 2"],
        lines=None,
    )


# -- every problem of a row, at once ----------------------------------------------------------


def test_a_row_with_two_problems_shows_both(seeded: Cli, tmp_path: Path) -> None:
    """A bad date and an unknown village: the village used to wait for the next run."""
    path = write(tmp_path / "hoat-dong.csv", ACT_VI + "SO-NN,GL-404,32/01/2024,gifts,Quà,1\n")
    before = Before(seeded.url)
    err = refused(
        run(seeded, path),
        before,
        ["hoat-dong.csv:2:Mã thôn: no village 'GL-404'", "hoat-dong.csv:2:Ngày: '32/01/2024'"],
        lines=None,
    )
    assert "error: 2 problem(s)" in err


def test_every_problem_of_a_row_is_told_in_the_order_of_its_columns(
    seeded: Cli, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "pairings.csv",
        "agency_code,village_code,started_on,ended_on,supporters\n"
        "NOPE,GL-404,2024-06-01,2024-05-01,TD;XX;YY\n",
    )
    before = Before(seeded.url)
    err = refused(run(seeded, path), before, lines=None)
    told = [line.split(":")[2] for line in err.splitlines() if line.startswith("pairings.csv:2:")]
    assert told == [
        "agency_code",
        "village_code",
        "ended_on",
        "supporters",
        "supporters",
    ], err


def test_more_than_fifty_problems_show_fifty_and_a_count(seeded: Cli, tmp_path: Path) -> None:
    rows = "SO-NN,GL-404,ngày mai,gifts,Quà,1\n" * 30  # two problems a row: 60
    path = write(tmp_path / "activities.csv", ACT + rows)
    before = Before(seeded.url)
    err = refused(run(seeded, path), before, ["... and 10 more"], lines=None)
    lines = err.strip().splitlines()
    assert sum(line.startswith("activities.csv:") for line in lines) == 50
    assert lines[-1] == "error: 60 problem(s); nothing was written"


# -- the rows refused, written back -----------------------------------------------------------

BAD_SHEET = [
    ["Mã cơ quan", "Mã thôn", "Ngày", "Loại hoạt động", "Nội dung", "Giá trị (đồng)"],
    ["SO-NN", "GL-0001", "2024-05-01", "gifts", "Quà tốt", 100000],
    ["SO-NN", "GL-404", "32/01/2024", "gifts", "Quà", 1],
    ["SO-NN", "GL-0001", "2024-05-02", "tiệc", "=1+1", -5],
]


def _cells(path: Path, title: str) -> list[list[Any]]:
    sheet = load_workbook(path)[title]
    return [[cell for cell in row] for row in sheet.iter_rows()]


def test_errors_xlsx_gives_back_the_rows_as_sent_with_bad_cells_marked(
    seeded: Cli, tmp_path: Path
) -> None:
    source = workbook(tmp_path / "so-nn.xlsx", {"Hoạt động": BAD_SHEET})
    errors = tmp_path / "loi.xlsx"
    before = Before(seeded.url)
    refused(
        run(seeded, source, "--errors", errors),
        before,
        ["so-nn.xlsx[Hoạt động]:3:Mã thôn", "so-nn.xlsx[Hoạt động]:4:Giá trị", "loi.xlsx"],
        lines=None,
    )
    rows = _cells(errors, "Hoạt động")
    assert [c.value for c in rows[0]] == [*BAD_SHEET[0], "Problems to fix"]
    assert [[c.value for c in row[:6]] for row in rows[1:]] == [BAD_SHEET[2], BAD_SHEET[3]]
    assert rows[2][4].data_type == "s"  # "=1+1" comes back as the text it was, not a formula

    def marked(row: list[Any]) -> dict[str, str]:
        return {
            BAD_SHEET[0][i]: cell.comment.text
            for i, cell in enumerate(row[:6])
            if cell.fill.fill_type == "solid" and cell.comment is not None
        }

    assert marked(rows[1]) == {
        "Mã thôn": "no village 'GL-404'",
        "Ngày": "'32/01/2024' is not a date (use 2024-03-15 or 15/03/2024)",
    }
    assert set(marked(rows[2])) == {"Loại hoạt động", "Giá trị (đồng)"}
    assert "must not be negative" in marked(rows[2])["Giá trị (đồng)"]
    assert rows[1][6].value.splitlines() == [
        "so-nn.xlsx[Hoạt động]:3:Mã thôn: no village 'GL-404'",
        "so-nn.xlsx[Hoạt động]:3:Ngày: '32/01/2024' is not a date (use 2024-03-15 or 15/03/2024)",
    ]
    # corrected by its sender, the file imports as it is (the problems column read past)
    book = load_workbook(errors)
    sheet = book["Hoạt động"]
    sheet["B2"], sheet["C2"], sheet["D3"], sheet["F3"] = "GL-0001", "2024-05-03", "gifts", 5
    book.save(errors)
    result = seeded("import", str(errors), "--format", "json")
    assert json.loads(result.stdout)["kinds"]["activities"]["inserted"] == 2
    assert json.loads(result.stdout)["warnings"] == []


def test_errors_csv_has_the_problems_column_and_imports_once_corrected(
    seeded: Cli, tmp_path: Path
) -> None:
    source = write(
        tmp_path / "hoat-dong.csv",
        ACT_VI
        + "SO-NN,GL-0001,2024-05-01,gifts,Quà tốt,100000\n"
        + "SO-NN,GL-404,32/01/2024,gifts,'=1+1,1\n",
    )
    errors = tmp_path / "loi.csv"
    before = Before(seeded.url)
    refused(run(seeded, source, "--errors", errors), before, ["loi.csv"], lines=None)
    with errors.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [*ACT_VI.strip().split(","), "Problems to fix"]
    assert len(rows) == 2
    assert rows[1][:6] == ["SO-NN", "GL-404", "32/01/2024", "gifts", "'=1+1", "1"]
    assert rows[1][6] == (
        "hoat-dong.csv:3:Mã thôn: no village 'GL-404'; "
        "hoat-dong.csv:3:Ngày: '32/01/2024' is not a date (use 2024-03-15 or 15/03/2024)"
    )
    rows[1][1:3] = ["GL-0001", "2024-05-03"]
    with errors.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = seeded("import", str(errors), "--kind", "activities", "--format", "json")
    assert json.loads(result.stdout)["kinds"]["activities"]["inserted"] == 1
    titles = {a["title"] for a in seeded.json("activity", "list")}
    assert "=1+1" in titles  # the formula guard undone, as for any CSV


def test_errors_file_in_vietnamese(seeded: Cli, tmp_path: Path) -> None:
    source = write(tmp_path / "activities.csv", ACT + "SO-NN,GL-404,2024-05-01,gifts,Quà,1\n")
    errors = tmp_path / "loi.csv"
    before = Before(seeded.url)
    result = seeded("import", str(source), "--errors", str(errors), lang="vi", code=None)
    refused(result, before, ["loi.csv"], lines=None)
    with errors.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-1] == "Lỗi cần sửa"
    assert rows[1][-1] == "activities.csv:2:village_code: không có thôn 'GL-404'"


def test_errors_names_a_record_given_twice_and_a_json_key_twice(
    seeded: Cli, tmp_path: Path
) -> None:
    first = write(tmp_path / "a.json", '[{"code": "B1", "name": "Sở B"}]')
    second = write(
        tmp_path / "b.json",
        '[{"code": "B2", "name": "Sở C", "name": "Sở D"}, {"code": "B1", "name": ["Sở B"]},'
        ' {"code": "B1", "name": "Sở B"}]',
    )
    errors = tmp_path / "loi.xlsx"
    before = Before(seeded.url)
    refused(
        run(seeded, first, second, "--kind", "agencies", "--errors", errors), before, lines=None
    )
    rows = [[c.value for c in row] for row in _cells(errors, "Cơ quan")]
    assert rows[0] == ["code", "name", "Problems to fix"]
    assert rows[1][:2] == ["B2", "Sở C | Sở D"]
    assert rows[2][:2] == ["B1", '["Sở B"]']
    assert rows[3][:2] == ["B1", "Sở B"]
    assert "b.json:3:code: the same record as a.json row 1" in rows[3][2]


def test_a_table_refused_for_its_header_gives_back_every_row(seeded: Cli, tmp_path: Path) -> None:
    source = write(tmp_path / "agencies.csv", "code,name,Tên cơ quan\nA1,Sở A,x\nA2,Sở B,y\n")
    errors = tmp_path / "loi.xlsx"
    before = Before(seeded.url)
    refused(run(seeded, source, "--errors", errors), before, lines=None)
    rows = _cells(errors, "agencies")
    assert rows[0][2].comment is not None and "column B 'name'" in rows[0][2].comment.text
    assert [[c.value for c in row[:3]] for row in rows[1:]] == [
        ["A1", "Sở A", "x"],
        ["A2", "Sở B", "y"],
    ]
    assert all("agencies.csv:1:Tên cơ quan" in row[3].value for row in rows[1:])


def test_errors_file_holds_every_refused_row_not_only_those_shown(
    seeded: Cli, tmp_path: Path
) -> None:
    """6001 problems: 50 on the screen, every one in the file (more than a batch of them
    arrive while the rows stream into PostgreSQL)."""
    rows = "".join(f"SO-NN,GL-404,ngày {i},gifts,Quà {i},1\n" for i in range(3000))
    good = "SO-NN,GL-0001,2024-05-01,gifts,Quà,1\n"
    source = write(tmp_path / "activities.csv", ACT + rows + good + good)
    errors = tmp_path / "loi.csv"
    before = Before(seeded.url)
    err = refused(run(seeded, source, "--errors", errors), before, ["and 5951 more"], lines=None)
    assert sum(line.startswith("activities.csv:") for line in err.splitlines()) == 50
    with errors.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle))
    assert len(written) == 1 + 3001
    assert written[3000][-1].count("activities.csv:3001:") == 2
    assert written[-1][-1] == "activities.csv:3003:title: repeats row 3002"


def test_no_errors_file_without_problems(seeded: Cli, tmp_path: Path) -> None:
    source = write(tmp_path / "agencies.csv", "code,name\nA1,Sở A\n")
    errors = tmp_path / "loi.xlsx"
    seeded("import", str(source), "--errors", str(errors))
    assert not errors.exists()
    assert [a["code"] for a in seeded.json("agency", "list") if a["code"] == "A1"] == ["A1"]


@pytest.mark.parametrize(
    ("target", "extra", "names"),
    [
        pytest.param("loi.json", [], ["--errors", "loi.json", ".xlsx or .csv"], id="format"),
        pytest.param(
            "activities.csv", [], ["--errors", "activities.csv", "being imported"], id="input"
        ),
        pytest.param(
            "loi.csv", ["agencies.csv"], ["--errors", "loi.csv", ".xlsx"], id="csv-two-tables"
        ),
        pytest.param("loi.xlsx", ["-"], ["--errors", "standard input"], id="stdin"),
        pytest.param("db.xlsx", [], ["db.xlsx"], id="a-database"),
    ],
)
def test_an_errors_file_that_cannot_be_written_is_refused_before_anything(
    seeded: Cli, tmp_path: Path, target: str, extra: list[str], names: list[str]
) -> None:
    source = write(tmp_path / "activities.csv", ACT + "SO-NN,GL-404,2024-05-01,gifts,Quà,1\n")
    write(tmp_path / "agencies.csv", "code,name\nA9,Sở A\n")
    database = tmp_path / "db.xlsx"
    database.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    paths = [str(tmp_path / e) if e != "-" else e for e in extra]
    output = tmp_path / target
    kept = output.read_bytes() if output.exists() else None
    before = Before(seeded.url)
    refused(
        seeded("import", str(source), *paths, "--errors", str(output), code=None, input=""),
        before,
        names,
    )
    assert (output.read_bytes() if output.exists() else None) == kept
