"""Readers: files become tables of (row number as the user sees it, cells), streamed; a file is
read whole, or refused.

CSV/TSV through the csv module (UTF-8 with or without BOM, UTF-16 with BOM, others only by
--encoding), JSON arrays and JSON Lines, and xlsx in importing/workbook.py. The header is the
first row that holds a value or, below a title block (the agency, the report's title, blank
rows), the row among the first ones that names the most known columns (headers.find_header).
What cannot be read as the user wrote it is refused at its FILE:ROW:COLUMN, never read on: a
quote that is never closed (it would swallow the rest of the file into one cell), a cell longer
than any text ketnghia stores, a line longer than any row of records. Values in columns without
a header are left out with a warning, like unknown columns. Nothing is read into memory whole,
except a JSON array, which is one value.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from ketnghia.errors import KetnghiaError
from ketnghia.importing.headers import HEAD_ROWS, find_header, header_score
from ketnghia.values import TEXT_MAX

TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
SUFFIXES = {*TEXT_SUFFIXES, ".json", ".jsonl", ".ndjson", ".xlsx", ".xlsm"}
Rows = Iterator[tuple[int, list[Any]]]
# Lines of a text file read ahead to find its header and delimiter.
HEAD_LINES = 100
# The longest line of a text file: far more than a row of records (a few cells of at most
# TEXT_MAX characters); a longer one is refused before it is read whole.
LINE_MAX = 1 << 20


@dataclass
class Problem:
    """A problem at a place in a file: FILE:ROW:COLUMN: reason (FILE:ROW: for a whole row)."""

    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        column = f":{self.column}" if self.column else ""
        return f"{self.file}:{self.row}{column}: {self.reason}"


class ReadProblem(KetnghiaError):
    """A file that cannot be read: FILE: reason, or FILE:ROW:COLUMN: reason at the place where
    it goes wrong (exit 1, nothing written)."""

    def __init__(
        self,
        name: str,
        reason: str,
        *,
        row: int | None = None,
        column: str | None = None,
        **params: Any,
    ) -> None:
        self.file = name
        self.reason = reason
        self.row = row
        self.column = column
        super().__init__("read_problem", file=name, reason=reason, **params)

    def render(self, lang: str | None = None) -> str:
        from ketnghia.i18n import t

        reason = t(self.reason, lang, **self.params)
        if self.row is None:
            return t("read_problem", lang, file=self.file, reason=reason)
        return str(Problem(self.file, self.row, self.column or "", reason))


@dataclass
class Table:
    """One table of a file: a CSV, a JSON file, or one sheet of a workbook."""

    name: str  # as shown in messages: the file name, plus "[sheet]" for a workbook
    stem: str  # what the kind may be recognised from: file stem or sheet name
    header: list[str]
    rows: Rows
    size: int = 0  # bytes, for the progress bar
    position: Callable[[], int] = field(default=lambda: 0)
    line_numbers: bool = False  # JSON Lines: row numbers are line numbers
    apostrophe_guard: bool = True  # CSV/TSV: '=… written by an export reads back as =…
    header_row: int = 1  # the header's row number (below a title block: not the first)


def column_letter(index: int) -> str:
    """A column's letters as a spreadsheet shows them: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_label(header: list[str], index: int) -> str:
    """A column as messages name it: its header, else its letters."""
    if index < len(header) and str(header[index]).strip():
        return str(header[index])
    return column_letter(index)


# What a message says of the longest text (values.TEXT_MAX), in each language's digits.
TEXT_LIMIT = {"limit_en": f"{TEXT_MAX:,}", "limit_vi": f"{TEXT_MAX:,}".replace(",", ".")}


def too_long(name: str, row: int, column: str) -> ReadProblem:
    limit = TEXT_LIMIT
    return ReadProblem(
        name,
        "cell_too_long",
        row=row,
        column=column,
        limit_en=limit["limit_en"],
        limit_vi=limit["limit_vi"],
    )


class Headerless:
    """Values in columns without a header, left out: where the first is and how many rows have
    one, for the warning given once the table is read."""

    def __init__(self, header: list[str]) -> None:
        self.header = header
        self.width = len(header)
        self.blanks = [i for i, h in enumerate(header) if not str(h).strip()]
        self.first: tuple[int, int] | None = None
        self.rows = 0

    def check(self, number: int, cells: list[Any]) -> None:
        """Note a row (of text cells) that has a value where no header is."""
        for position in self.blanks:
            if position < len(cells) and _present(cells[position]):
                self.found(number, position)
                return
        if len(cells) > self.width:
            for position in range(self.width, len(cells)):
                if _present(cells[position]):
                    self.found(number, position)
                    return

    def found(self, number: int, position: int) -> None:
        if self.first is None:
            self.first = (number, position)
        self.rows += 1

    def warn(self, name: str, warnings: list[str] | None) -> None:
        from ketnghia.i18n import t

        if self.first is not None and warnings is not None:
            row, position = self.first
            warnings.append(
                t(
                    "headerless_values",
                    file=name,
                    row=row,
                    column=column_letter(position),
                    count=self.rows,
                )
            )


def _first_cells(header: list[str]) -> str:
    cells = [str(c).strip() for c in header if str(c).strip()]
    return ", ".join(cells[:4]) + (", …" if len(cells) > 4 else "") if cells else "—"


def _kinds() -> tuple[str, str]:
    """The kinds a table may hold, by their Vietnamese sheet names and their English names."""
    from ketnghia.schema import KINDS

    return ", ".join(kind.label_vi for kind in KINDS.values()), ", ".join(KINDS)


def unrecognised(table: Table) -> ReadProblem:
    """A file that neither its name nor its header row says the kind of: what was found (its
    header row) and what was expected."""
    vi, en = _kinds()
    found = _first_cells(table.header)
    return ReadProblem(table.name, "unknown_kind_file", found=found, kinds_vi=vi, kinds_en=en)


def no_known_sheet(name: str, tables: list[Table]) -> ReadProblem:
    """A workbook none of whose sheets holds records: its sheets, with the row each has for
    a header, and what was expected."""
    found = "; ".join(f"{table.stem} ({_first_cells(table.header)})" for table in tables[:5])
    if len(tables) > 5:
        found += "; …"
    vi, en = _kinds()
    return ReadProblem(
        name, "no_known_sheet", found=found or "—", rows=HEAD_ROWS, kinds_vi=vi, kinds_en=en
    )


class _CountingReader(io.RawIOBase):
    """Counts the bytes read, for the progress bar."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def expand_folders(paths: Iterable[Path | str]) -> list[Path | str]:
    """The files given, a folder standing for the files it holds that can be read (by name;
    not Office's lock files `~$…` or hidden ones); a folder with none is an error."""
    found: list[Path | str] = []
    for path in paths:
        if str(path) != "-" and Path(path).is_dir():
            inside = sorted(
                p
                for p in Path(path).iterdir()
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not p.name.startswith(("~$", "."))
            )
            if not inside:
                raise KetnghiaError("folder_no_files", path=str(path))
            found.extend(inside)
        else:
            found.append(path)
    return found


def display_name(path: Path | str) -> str:
    return "-" if str(path) == "-" else Path(path).name


def open_tables(
    path: Path | str,
    encoding: str | None = None,
    delimiter: str | None = None,
    warnings: list[str] | None = None,
) -> list[Table]:
    """The tables of a file. `warnings` receives, once a table is read, what was read past
    (values without a header, hidden sheets and rows …)."""
    name = display_name(path)
    if str(path) == "-":
        raw: BinaryIO = sys.stdin.buffer
        return [_text_table(raw, name, "", 0, ".csv", encoding, delimiter, warnings)]
    path = Path(path)
    if not path.exists():
        raise KetnghiaError("file_not_found", path=str(path))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadProblem(name, "unknown_format", suffix=suffix or "(none)")
    size = path.stat().st_size
    if size == 0:
        raise ReadProblem(name, "empty_file")
    if suffix in (".xlsx", ".xlsm"):
        from ketnghia.importing.workbook import workbook_tables

        return workbook_tables(path, name, warnings)
    if suffix in (".jsonl", ".ndjson"):
        return [_jsonl_table(path, name, path.stem, size, encoding)]
    raw = path.open("rb")
    if suffix == ".json":
        return [_json_table(raw, name, path.stem, size, encoding)]
    return [_text_table(raw, name, path.stem, size, suffix, encoding, delimiter, warnings)]


def _decoder_for(head: bytes, encoding: str | None) -> tuple[str, bool]:
    """The encoding to read with, and whether a UTF-16 BOM (Excel "Unicode text") was seen."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise KetnghiaError("unknown_encoding", encoding=encoding) from None
        return encoding, False
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", True
    return "utf-8", False


def _text_stream(
    raw: BinaryIO, name: str, encoding: str | None
) -> tuple[Any, _CountingReader, bool]:
    counter = _CountingReader(raw)
    buffered = io.BufferedReader(counter, buffer_size=1 << 16)
    head = buffered.peek(4)[:4]
    chosen, utf16 = _decoder_for(head, encoding)
    stream = io.TextIOWrapper(buffered, encoding=chosen, errors="strict", newline="")
    return stream, counter, utf16


def _decoding_problem(name: str, encoding: str | None, exc: UnicodeDecodeError) -> ReadProblem:
    if encoding:
        return ReadProblem(name, "not_in_encoding", encoding=encoding)
    return ReadProblem(name, "not_utf8", byte=f"0x{exc.object[exc.start]:02x}")


def _guard_decoding(name: str, encoding: str | None, rows: Rows) -> Rows:
    """Bytes that do not decode are an error naming --encoding, never mojibake."""
    try:
        yield from rows
    except UnicodeDecodeError as exc:
        raise _decoding_problem(name, encoding, exc) from None


def _sniff_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _head_records(lines: list[str], delimiter: str) -> list[list[str]]:
    """The records of the first lines (the last one maybe cut short by the end of the lines)."""
    records: list[list[str]] = []
    try:
        records.extend(csv.reader(lines, delimiter=delimiter))
    except csv.Error:
        pass  # the whole file is read strictly afterwards, and refused where it goes wrong
    return records


def _layout(head: list[str], delimiter: str | None) -> tuple[str, list[str], int]:
    """The delimiter, the header and its position among the records of the first lines: the
    header is the first record that holds a value or, below a title block, the one that names
    the most known columns; unless given, the delimiter is the one that finds the best header,
    else the one the first line uses most."""
    first = next(line for line in head if line.strip())
    sniffed = _sniff_delimiter(first)
    candidates = [delimiter] if delimiter else [sniffed, *(d for d in "\t;," if d != sniffed)]
    best: tuple[int, str, list[str], int] | None = None
    for candidate in candidates:
        records = _head_records(head, candidate)
        if len(head) >= HEAD_LINES and len(records) > 1:
            records.pop()  # maybe cut short by the end of the lines read ahead
        filled = [(i, r) for i, r in enumerate(records) if any(c.strip() for c in r)][:HEAD_ROWS]
        if not filled:
            continue
        position, header = filled[find_header([cells for _, cells in filled])]
        score = header_score(header)
        if best is None or score > best[0]:
            best = (score, candidate, header, position)
    if best is None:  # nothing but blank records: the first line's delimiter, no header
        return delimiter or sniffed, [], 0
    _, chosen, header, position = best
    return chosen, header, position


class _Lines:
    """The lines of a text stream for the csv module, each at most LINE_MAX characters, keeping
    the first line of the record being read (to say where a quote opened) and whether a line
    of it is long enough to hold a cell longer than TEXT_MAX."""

    def __init__(self, source: Iterable[str]) -> None:
        self.source = iter(source)
        self.record_start = ""
        self.new_record = True
        self.long = False
        self.too_long = False

    def __iter__(self) -> Iterator[str]:
        for line in self.source:
            if self.new_record:
                self.record_start = line
                self.new_record = False
            if len(line) > TEXT_MAX:
                if len(line) >= LINE_MAX and line[-1] not in "\r\n":
                    self.too_long = True
                    raise csv.Error("line too long")
                self.long = True
            yield line


def _quote_trouble(line: str, delimiter: str) -> tuple[int, bool] | None:
    """Where quoting goes wrong in the first line of a record: the field, and whether its quote
    stays open at the end of the line (else text follows its closing quote)."""
    position, fields, at_start, quoted = 0, 0, True, False
    while position < len(line):
        ch = line[position]
        if quoted:
            if ch == '"':
                if line[position + 1 : position + 2] == '"':
                    position += 2
                    continue
                quoted = False
                after = line[position + 1 : position + 2]
                if after not in ("", delimiter, "\r", "\n"):
                    return fields, False
        elif ch == delimiter:
            fields += 1
            at_start = True
        elif ch == '"' and at_start:
            quoted = True
            at_start = False
        else:
            at_start = False
        position += 1
    return (fields, True) if quoted else None


def _csv_problem(
    name: str, header: list[str], row: int, lines: _Lines, delimiter: str, exc: csv.Error
) -> ReadProblem:
    """A CSV that cannot be read on, at the row (record) where it goes wrong."""
    if lines.too_long:
        limit = f"{LINE_MAX:,}"
        return ReadProblem(
            name, "line_too_long", row=row, limit_en=limit, limit_vi=limit.replace(",", ".")
        )
    trouble = _quote_trouble(lines.record_start, delimiter)
    column = column_label(header, trouble[0]) if trouble else None
    if trouble and trouble[1]:
        return ReadProblem(name, "csv_unclosed_quote", row=row, column=column)
    if trouble:
        return ReadProblem(name, "csv_text_after_quote", row=row, column=column)
    if "field larger than field limit" in str(exc):
        fields = lines.record_start.split(delimiter)
        longest = max(range(len(fields)), key=lambda i: len(fields[i]))
        return too_long(name, row, column_label(header, longest))
    return ReadProblem(name, "bad_csv", row=row, detail=str(exc))


def _text_table(
    raw: BinaryIO,
    name: str,
    stem: str,
    size: int,
    suffix: str,
    encoding: str | None,
    delimiter: str | None,
    warnings: list[str] | None = None,
) -> Table:
    stream, counter, utf16 = _text_stream(raw, name, encoding)
    source = iter(partial(stream.readline, LINE_MAX), "")
    blank = 0  # blank lines before the first that holds something: rows of the spreadsheet
    head: list[str] = []
    try:
        for line in source:
            if head or line.strip():
                head.append(line)
                if len(head) >= HEAD_LINES:
                    break
            else:
                blank += 1
    except UnicodeDecodeError as exc:
        stream.close()
        raise _decoding_problem(name, encoding, exc) from None
    if not head:
        stream.close()
        raise ReadProblem(name, "empty_file")
    tab = delimiter is None and (suffix == ".tsv" or utf16)
    if tab or delimiter in ("\\t", "tab", "TAB"):
        delimiter = "\t"
    delimiter, header, position = _layout(head, delimiter)
    header_row = blank + position + 1
    lines = _Lines(itertools.chain(itertools.repeat("\n", blank), head, source))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    headerless = Headerless(header)
    width, blanks = headerless.width, bool(headerless.blanks)

    def rows() -> Rows:
        number = 0
        try:
            for _ in itertools.islice(reader, header_row):  # the title block and the header
                number += 1
                lines.new_record = True
            for cells in reader:
                number += 1
                lines.new_record = True
                # most rows start with a value: the full look for blank rows only if not
                if (cells and cells[0].strip()) or any(cell.strip() for cell in cells):
                    if lines.long:
                        lines.long = False
                        at = max(range(len(cells)), key=lambda i: len(cells[i]))
                        if len(cells[at]) > TEXT_MAX:
                            raise too_long(name, number, column_label(header, at))
                    if blanks or len(cells) > width:
                        headerless.check(number, cells)
                    yield number, cells
        except csv.Error as exc:
            raise _csv_problem(name, header, number + 1, lines, delimiter, exc) from None
        finally:
            stream.close()
        headerless.warn(name, warnings)

    return Table(
        name,
        stem,
        header,
        _guard_decoding(name, encoding, rows()),
        size,
        lambda: counter.count,
        header_row=header_row,
    )


class Repeated:
    """The value of a key given twice (or more) in one JSON object: every value it was given,
    for the importer to name (json keeps the last one quietly)."""

    __slots__ = ("values",)

    def __init__(self, values: tuple[Any, ...]) -> None:
        self.values = values


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            earlier = obj[key]
            before = earlier.values if isinstance(earlier, Repeated) else (earlier,)
            obj[key] = Repeated((*before, value))
        else:
            obj[key] = value
    return obj


class _NumberTooLong(Exception):
    def __init__(self, digits: int) -> None:
        self.digits = digits


def _json_int(text: str) -> int:
    # Python refuses to read an integer of more than 4300 digits (ValueError); no field holds
    # one anyway
    if len(text) > 100:
        raise _NumberTooLong(len(text.lstrip("-")))
    return int(text)


def _loads(text: str, name: str, line: int | None = None) -> Any:
    """A JSON value whose objects keep every value of a repeated key (see Repeated); a value
    nested deeper than Python can read, or a number too long for any field, is a problem of
    the file (of its line, for JSON Lines)."""
    try:
        return json.loads(text, object_pairs_hook=_json_object, parse_int=_json_int)
    except RecursionError:
        if line is None:
            raise ReadProblem(name, "json_too_deep") from None
        raise ReadProblem(name, "jsonl_too_deep", line=line) from None
    except _NumberTooLong as exc:
        if line is None:
            raise ReadProblem(name, "json_number_too_long", digits=exc.digits) from None
        raise ReadProblem(name, "jsonl_number_too_long", line=line, digits=exc.digits) from None


def _json_text(raw: BinaryIO, name: str, encoding: str | None) -> str:
    data = raw.read()
    raw.close()
    chosen, _ = _decoder_for(data[:4], encoding)
    try:
        return data.decode(chosen)
    except UnicodeDecodeError as exc:
        if encoding:
            raise ReadProblem(name, "not_in_encoding", encoding=encoding) from None
        raise ReadProblem(name, "not_utf8", byte=f"0x{exc.object[exc.start]:02x}") from None


def _objects_table(name: str, stem: str, objects: list[tuple[int, Any]], size: int) -> Table:
    header: list[str] = []
    for _, obj in objects:
        for key in obj:
            if key not in header:
                header.append(key)

    def rows() -> Rows:
        for number, obj in objects:
            yield number, [obj.get(key) for key in header]

    return Table(name, stem, header, rows(), size, lambda: size, apostrophe_guard=False)


def _json_table(raw: BinaryIO, name: str, stem: str, size: int, encoding: str | None) -> Table:
    text = _json_text(raw, name, encoding)
    try:
        data = _loads(text, name)
    except json.JSONDecodeError as exc:
        raise ReadProblem(name, "bad_json", line=exc.lineno, detail=exc.msg) from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ReadProblem(name, "json_not_array")
    return _objects_table(name, stem, list(enumerate(data, start=1)), size)


def _jsonl_table(path: Path, name: str, stem: str, size: int, encoding: str | None) -> Table:
    # Lines may name different keys, so the header is the union of the keys: a first pass
    # collects them (keys only, constant memory), the second streams the rows.
    header: list[str] = []
    seen: set[str] = set()
    for _number, obj in _jsonl_objects(path, name, encoding, None):
        for key in obj:
            if key not in seen:
                seen.add(key)
                header.append(key)
    progress = [0]

    def rows() -> Rows:
        for number, obj in _jsonl_objects(path, name, encoding, progress):
            yield number, [obj.get(key) for key in header]

    return Table(
        name,
        stem,
        header,
        rows(),
        size,
        lambda: progress[0],
        line_numbers=True,
        apostrophe_guard=False,
    )


def _jsonl_objects(
    path: Path, name: str, encoding: str | None, progress: list[int] | None
) -> Iterator[tuple[int, dict[str, Any]]]:
    stream, counter, _ = _text_stream(path.open("rb"), name, encoding)
    try:
        for number, line in enumerate(stream, start=1):
            if progress is not None:
                progress[0] = counter.count
            if not line.strip():
                continue
            try:
                obj = _loads(line, name, number)
            except json.JSONDecodeError as exc:
                raise ReadProblem(name, "bad_jsonl", line=number, detail=exc.msg) from None
            if not isinstance(obj, dict):
                raise ReadProblem(name, "jsonl_not_object", line=number)
            yield number, obj
    except UnicodeDecodeError as exc:
        if encoding:
            raise ReadProblem(name, "not_in_encoding", encoding=encoding) from None
        raise ReadProblem(name, "not_utf8", byte=f"0x{exc.object[exc.start]:02x}") from None
    finally:
        stream.close()


def _present(cell: Any) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def sha256_of(path: Path) -> str:
    """A file's SHA-256, read in pieces (the history keeps it beside the file's name)."""
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
