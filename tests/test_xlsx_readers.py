"""Workbooks read by calamine give the rows the stream gives: values, row numbers, headers,
warnings; and what calamine would read otherwise is left to the stream."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ketnghia.importing import workbook
from ketnghia.importing.headers import HEAD_ROWS

LAST_DAY = 2_958_465  # 31/12/9999
FORMATS = ["General", "0", "0.00", "#,##0", "dd/mm/yyyy", "d/m/yy h:mm", "hh:mm", "@"]
# "_x" may begin an escape (_x000D_), which sends a workbook to the stream (tested below)
texts = st.text(
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếỳ AĐƯ0123456789-/.,:;_'\"\t\n", max_size=12
).filter(lambda text: "_x" not in text)
values = st.one_of(
    st.none(),
    texts,
    # negative ones are streamed (see below); in a date format, within Excel's calendar
    st.integers(0, LAST_DAY),
    st.floats(0, LAST_DAY, allow_nan=False).map(lambda f: round(f, 3)),
    st.booleans(),
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2030, 12, 31)).map(
        lambda d: d.replace(microsecond=0)
    ),
)
sheets = st.lists(
    st.lists(st.tuples(values, st.sampled_from(FORMATS)), min_size=1, max_size=6),
    min_size=HEAD_ROWS + 1,
    max_size=HEAD_ROWS + 30,
)


def _write(
    path: Path,
    rows: list[list[tuple[Any, str]]],
    merge: bool,
    gap: int,
    top: int = 0,
    left: int = 0,
) -> None:
    """The header on row 1 + `top` from column 1 + `left`, then the rows after `gap` blank
    ones (a sheet whose data does not start at A1 is read from the same cells)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "activities"
    headers = ["ref", "agency_code", "village_code", "date", "title", "value_vnd"]
    for column, header in enumerate(headers, start=1 + left):
        sheet.cell(row=1 + top, column=column, value=header)
    for number, cells in enumerate(rows, start=2 + top + gap):
        for column, (value, fmt) in enumerate(cells, start=1 + left):
            cell = sheet.cell(row=number, column=column, value=value)
            cell.number_format = fmt
        sheet.cell(row=number, column=1 + left, value=f"R{number}")  # every row holds a value
    if merge:
        sheet.merge_cells(start_row=5 + top, start_column=2, end_row=6 + top, end_column=3)
    book.save(path)


def _read(path: Path) -> tuple[list[Any], list[str]]:
    warnings: list[str] = []
    tables = workbook.workbook_tables(path, "book.xlsx", warnings)
    read = [(t.name, t.header, t.header_row, list(t.rows)) for t in tables]
    return read, warnings


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, int]:
    """What the stream reads, what calamine reads, and how many rows calamine gave."""
    used = []
    grid_rows = workbook._grid_rows

    def spy(*args: Any) -> Any:
        for row in grid_rows(*args):
            used.append(row[0])
            yield row

    with monkeypatch.context() as patched:
        patched.setattr(workbook, "CALAMINE_MAX", -1)
        streamed = _read(path)
    with monkeypatch.context() as patched:
        patched.setattr(workbook, "_grid_rows", spy)
        fast = _read(path)
    return streamed, fast, len(used)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(
    rows=sheets,
    merge=st.booleans(),
    gap=st.integers(0, 3),
    top=st.integers(0, 3),
    left=st.integers(0, 2),
)
def test_calamine_gives_the_rows_the_stream_gives(
    rows: list[list[tuple[Any, str]]],
    merge: bool,
    gap: int,
    top: int,
    left: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        _write(path, rows, merge, gap, top, left)
        streamed, fast, used = _both(path, monkeypatch)
    assert used  # calamine read rows (else this proves nothing)
    assert fast == streamed


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="B30" t="e"><v>#N/A</v></c>',  # an error cell: refused, naming it
        '<c r="B30"><f>1+1</f></c>',  # a formula without its saved value
        '<c r="B30" t="str"><v>a_x000D_b</v></c>',  # an escape
        '<c r="B30"><v>12345678901234567890</v></c>',  # more digits than a float holds
    ],
)
def test_what_calamine_reads_otherwise_is_streamed(
    tmp_path: Path, cell: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    plain = tmp_path / "plain.xlsx"
    _write(plain, [[("x", "General")]] * (HEAD_ROWS + 10), False, 0)
    path = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                at = b'</row><row r="31"'
                assert at in data
                data = data.replace(at, cell.encode() + at, 1)
            target.writestr(info, data)
    outcomes = []
    for limit in (-1, workbook.CALAMINE_MAX):
        with monkeypatch.context() as patched:
            patched.setattr(workbook, "CALAMINE_MAX", limit)
            try:
                outcomes.append(_read(path))
            except Exception as exc:  # the refusal itself is compared
                outcomes.append(str(exc))
    used = []
    grid_rows = workbook._grid_rows
    monkeypatch.setattr(workbook, "_grid_rows", lambda *a: used.append(1) or grid_rows(*a))
    try:
        _read(path)
    except Exception:
        pass
    assert not used
    assert outcomes[0] == outcomes[1]


def test_a_date_beyond_calamines_calendar_is_read_on_by_the_stream(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [[("x", "General"), (45_000, "dd/mm/yyyy")]] * (HEAD_ROWS + 10)
    rows += [[("x", "General"), (10**9, "dd/mm/yyyy")], [("x", "General"), (1, "General")]]
    path = tmp_path / "book.xlsx"
    _write(path, rows, False, 0)
    streamed, fast, used = _both(path, monkeypatch)
    assert used  # the rows above it, by calamine
    assert fast == streamed
    assert fast[0][0][3][-2][1][1] == 10**9  # a number openpyxl cannot show as a date
