"""The rows an import refused, written back for their sender to correct (`import --errors`).

Each refused row as it was sent — the file's own headers, its cells as they were — with its
problems in an added column, told as on the screen (FILE:ROW:COLUMN: reason, one per problem,
so that the row is found in the file first sent). An xlsx file has a sheet per
table that has problems, each bad cell filled and commented with its problem, so that it can
go back to the agency as it is; a CSV file holds one table. A table refused for its header (a
column missing or given twice) gives back every row, with the header's problems. The file is
read again to find the rows (stdin cannot be, so --errors needs files), and written through
ketnghia.outputs, complete or not at all. A corrected file imports as it is: the column of
problems is read past quietly (importing/headers.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ketnghia.errors import KetnghiaError
from ketnghia.formula_guard import guard, unguard
from ketnghia.i18n import t
from ketnghia.importing.headers import PROBLEMS_COLUMN
from ketnghia.importing.readers import Problem, Repeated, Rows, open_tables
from ketnghia.outputs import real_path, refuse_database
from ketnghia.schema import kind_from_name

if TYPE_CHECKING:
    from ketnghia.importing.loader import Options, Source
    from ketnghia.importing.readers import Table as SourceTable

SUFFIXES = (".xlsx", ".csv")
FILL = "FFC7CE"  # Excel's light red of a bad cell
# a problem found: (table's place in the command, row (0: the header), column's position or
# None, the column as written, reason)
Found = tuple[int, int, "int | None", str, str]
# the problems of one row: (position or None, column as written, reason)
RowFound = list[tuple["int | None", str, str]]
_SHEET_CHARACTERS = str.maketrans({c: " " for c in "[]:*?/\\"})
_LARGEST_EXACT = 2**53  # beyond it a spreadsheet's number loses digits: written as text


def check_target(path: Path, inputs: Sequence[Path | str]) -> None:
    """Before anything is read: a file of refused rows is .xlsx or .csv, never a database or
    one of the files being imported, and the files can be read again (not stdin)."""
    if Path(path).suffix.lower() not in SUFFIXES:
        raise KetnghiaError("errors_format", path=str(path))
    if any(str(p) == "-" for p in inputs):
        raise KetnghiaError("errors_from_stdin")
    refuse_database(path)
    target = real_path(Path(path))
    for given in inputs:
        if real_path(Path(given)) == target:
            raise KetnghiaError("errors_is_input", path=str(path))


def check_tables(path: Path, count: int) -> None:
    """A CSV file holds one table's rows: a command that reads several needs .xlsx."""
    if Path(path).suffix.lower() == ".csv" and count > 1:
        raise KetnghiaError("errors_csv_one_table", path=str(path), count=count)


def write_refused(
    path: Path, sources: list[Source], problems: Iterable[Found], options: Options
) -> int:
    """Write the refused rows of `sources` (in the command's order) whose `problems` come
    ordered by table, row, then as found; the number of rows written."""
    tables = _refused_tables(sources, problems, options)
    if Path(path).suffix.lower() == ".csv":
        return _write_csv(path, tables)
    return _write_xlsx(path, tables)


# -- the rows refused ----------------------------------------------------------------------

# one table with problems: its source, its header, the header's problems, and its refused
# rows (row number, cells, the row's problems), read as they are written
Refused = tuple["Source", list[str], RowFound, Iterator[tuple[int, list[Any], RowFound]]]


def _refused_tables(
    sources: list[Source], problems: Iterable[Found], options: Options
) -> Iterator[Refused]:
    for number, found in itertools.groupby(problems, key=lambda p: p[0]):
        source = sources[number]
        by_row = (
            (row, [(position, column, reason) for _, _, position, column, reason in group])
            for row, group in itertools.groupby(found, key=lambda p: p[1])
        )
        first = next(by_row, None)
        header: RowFound = []
        if first is not None and first[0] == 0:
            header, first = first[1], next(by_row, None)
        tables = open_tables(source.path, options.encoding, options.delimiter)
        rows = tables[source.index].rows
        try:
            if header:
                # the table was not read: every row of it is refused, for its header
                yield source, source.table.header, header, ((n, c, []) for n, c in rows)
            else:
                rest = itertools.chain([first] if first else [], by_row)
                yield source, source.table.header, header, _merge(rows, rest)
        finally:
            close = getattr(rows, "close", None)
            if close is not None:
                close()  # the file, when not every row was read
        for _ in by_row:  # the problems of rows the file no longer has
            pass


def _merge(
    rows: Rows, problems: Iterator[tuple[int, RowFound]]
) -> Iterator[tuple[int, list[Any], RowFound]]:
    """The rows that have problems, both in the file's order."""
    wanted = next(problems, None)
    for number, cells in rows:
        if wanted is None:
            return
        while wanted is not None and wanted[0] < number:
            wanted = next(problems, None)  # a row the file no longer has
        if wanted is not None and wanted[0] == number:
            yield number, cells, wanted[1]
            wanted = next(problems, None)


def _told(table: SourceTable, row: int, found: RowFound, header: RowFound) -> list[str]:
    """The problems column's lines: the row's problems, else its table's header's."""
    if not found:
        row, found = table.header_row, header
    return [str(Problem(table.name, row, column, reason)) for _, column, reason in found]


# -- CSV -----------------------------------------------------------------------------------


def _csv_cell(value: Any, guarded: bool) -> str:
    from ketnghia.exporting import csv_cell

    if isinstance(value, str):
        # text from a CSV file comes as the file has it, maybe behind the formula guard
        return guard(unguard(value) if guarded else value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return csv_cell(_as_text(value) if _structured(value) else value)


def _write_csv(path: Path, tables: Iterator[Refused]) -> int:
    import csv

    from ketnghia.outputs import text_output

    count = 0
    with text_output(path, bom=True) as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for source, header, header_found, rows in tables:
            guarded = source.table.apostrophe_guard
            width = len(header)
            writer.writerow([*(_csv_cell(h, guarded) for h in header), t(PROBLEMS_COLUMN)])
            for row, cells, found in rows:
                cells = [*cells[:width], *[None] * (width - len(cells))]
                told = "; ".join(_told(source.table, row, found, header_found))
                writer.writerow([*(_csv_cell(c, guarded) for c in cells), guard(told)])
                count += 1
    return count


# -- xlsx ----------------------------------------------------------------------------------


def _write_xlsx(path: Path, tables: Iterator[Refused]) -> int:
    from openpyxl import Workbook

    from ketnghia.outputs import write_with

    workbook = Workbook(write_only=True)
    titles: set[str] = set()
    count = 0
    for source, header, header_found, rows in tables:
        sheet = workbook.create_sheet(_sheet_title(source, titles))
        sheet.freeze_panes = "A2"
        guarded = source.table.apostrophe_guard
        width = len(header)
        marks = _marks(header_found)
        problems_title = _cell(sheet, t(PROBLEMS_COLUMN), False)
        problems_title.font = _bold()
        sheet.append(
            [
                *(_marked(sheet, h, guarded, marks.get(i)) for i, h in enumerate(header)),
                problems_title,
            ]
        )
        for row, cells, found in rows:
            cells = [*cells[:width], *[None] * (width - len(cells))]
            marks = _marks(found)
            lines = _told(source.table, row, found, header_found)
            told = _cell(sheet, "\n".join(lines), False)
            told.alignment = _wrapped()
            sheet.append(
                [*(_marked(sheet, c, guarded, marks.get(i)) for i, c in enumerate(cells)), told]
            )
            count += 1
    if not titles:
        workbook.create_sheet(t(PROBLEMS_COLUMN)[:31])  # a workbook needs a sheet
    write_with(path, workbook.save)
    return count


def _marks(found: RowFound) -> dict[int, list[str]]:
    """The problems of each cell (by position) of a row."""
    marks: dict[int, list[str]] = {}
    for position, _, reason in found:
        if position is not None:
            marks.setdefault(position, []).append(reason)
    return marks


def _marked(sheet: Any, value: Any, guarded: bool, reasons: list[str] | None) -> Any:
    cell = _cell(sheet, value, guarded)
    if reasons:
        from openpyxl.comments import Comment
        from openpyxl.styles import PatternFill

        cell.fill = PatternFill("solid", fgColor=FILL)
        comment = Comment("\n".join(reasons), "ketnghia")
        comment.width, comment.height = 320, 40 + 30 * len(reasons)
        cell.comment = comment
    return cell


def _cell(sheet: Any, value: Any, guarded: bool) -> Any:
    """A cell holding `value` as the sender wrote it: text as text (never a formula), dates
    as dates, numbers as numbers (text when a spreadsheet would lose digits)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from ketnghia.exporting import DATE_FORMAT

    if isinstance(value, str) and guarded:
        value = unguard(value)
    elif _structured(value):
        value = _as_text(value)
    elif _not_exact(value):
        value = str(value)
    if isinstance(value, str):
        # a character no workbook may hold (a control character, a reason to refuse the
        # row) is shown by its code point
        value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, (dt.date, dt.datetime)):
        cell.number_format = DATE_FORMAT
    return cell


def _bold() -> Any:
    from openpyxl.styles import Font

    return Font(bold=True)


def _wrapped() -> Any:
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=True, vertical="top")


def _sheet_title(source: Source, used: set[str]) -> str:
    """The table's sheet name when it names the table's kind (so the corrected workbook
    imports as it is), else the kind's own sheet name; unique, as a sheet name may be."""
    stem = source.table.stem
    found = kind_from_name(stem) if stem else None
    base = stem if found is not None and found.name == source.kind.name else source.kind.label_vi
    base = base.translate(_SHEET_CHARACTERS).strip().strip("'")[:31] or source.kind.name
    title, n = base, 1
    while title.casefold() in used:
        n += 1
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
    used.add(title.casefold())
    return title


def _not_exact(value: Any) -> bool:
    """A number a workbook cannot hold as it is: NaN, Infinity, more digits than a double."""
    if isinstance(value, float):
        return not math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > _LARGEST_EXACT


def _structured(value: Any) -> bool:
    return isinstance(value, (list, tuple, dict, Repeated))


def _as_text(value: Any) -> str:
    """A list or an object of a JSON file as its JSON text; a key given twice, each value."""
    if isinstance(value, Repeated):
        return " | ".join(_as_text(v) if _structured(v) else str(v) for v in value.values)
    return json.dumps(value, ensure_ascii=False, default=str)
