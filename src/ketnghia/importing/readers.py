"""Readers: files become tables of (row number as the user sees it, cells), streamed.

CSV/TSV through the csv module (UTF-8 with or without BOM, UTF-16 with BOM, others only by
--encoding), JSON arrays and JSON Lines, and xlsx through openpyxl in read-only mode (real date
cells, numbers stored as text, trailing empty rows and columns ignored). Nothing is read into
memory whole, except a JSON array, which is one value.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ketnghia.errors import KetnghiaError

TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
SUFFIXES = {*TEXT_SUFFIXES, ".json", ".jsonl", ".ndjson", ".xlsx", ".xlsm"}
Rows = Iterator[tuple[int, list[Any]]]


class ReadProblem(KetnghiaError):
    """A file that cannot be read at all: FILE: reason (exit 1, nothing written)."""

    def __init__(self, name: str, reason: str, **params: Any) -> None:
        self.file = name
        self.reason = reason
        super().__init__("read_problem", file=name, reason=reason, **params)

    def render(self, lang: str | None = None) -> str:
        from ketnghia.i18n import t

        return t("read_problem", lang, file=self.file, reason=t(self.reason, lang, **self.params))


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


def display_name(path: Path | str) -> str:
    return "-" if str(path) == "-" else Path(path).name


def open_tables(
    path: Path | str,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> list[Table]:
    name = display_name(path)
    if str(path) == "-":
        raw: BinaryIO = sys.stdin.buffer
        return [_text_table(raw, name, "", 0, ".csv", encoding, delimiter)]
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
        return _xlsx_tables(path, name)
    if suffix in (".jsonl", ".ndjson"):
        return [_jsonl_table(path, name, path.stem, size, encoding)]
    raw = path.open("rb")
    if suffix == ".json":
        return [_json_table(raw, name, path.stem, size, encoding)]
    return [_text_table(raw, name, path.stem, size, suffix, encoding, delimiter)]


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


def _guard_decoding(name: str, encoding: str | None, rows: Rows) -> Rows:
    """Bytes that do not decode are an error naming --encoding, never mojibake."""
    try:
        yield from rows
    except UnicodeDecodeError as exc:
        if encoding:
            raise ReadProblem(name, "not_in_encoding", encoding=encoding) from None
        raise ReadProblem(name, "not_utf8", byte=f"0x{exc.object[exc.start]:02x}") from None


def _sniff_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _text_table(
    raw: BinaryIO,
    name: str,
    stem: str,
    size: int,
    suffix: str,
    encoding: str | None,
    delimiter: str | None,
) -> Table:
    stream, counter, utf16 = _text_stream(raw, name, encoding)
    try:
        first = stream.readline()
    except UnicodeDecodeError as exc:
        stream.close()
        if encoding:
            raise ReadProblem(name, "not_in_encoding", encoding=encoding) from None
        raise ReadProblem(name, "not_utf8", byte=f"0x{exc.object[exc.start]:02x}") from None
    if not first.strip():
        stream.close()
        raise ReadProblem(name, "empty_file")
    if delimiter is None:
        delimiter = "\t" if suffix == ".tsv" or utf16 else _sniff_delimiter(first)
    elif delimiter in ("\\t", "tab", "TAB"):
        delimiter = "\t"
    header = next(csv.reader([first], delimiter=delimiter), [])
    reader = csv.reader(stream, delimiter=delimiter)

    def rows() -> Rows:
        try:
            for number, cells in enumerate(reader, start=2):
                # most rows start with a value: the full look for blank rows only if not
                if (cells and cells[0].strip()) or any(cell.strip() for cell in cells):
                    yield number, cells
        except csv.Error as exc:
            raise ReadProblem(name, "bad_csv", detail=str(exc)) from None
        finally:
            stream.close()

    return Table(
        name,
        stem,
        header,
        _guard_decoding(name, encoding, rows()),
        size,
        lambda: counter.count,
    )


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
        data = json.loads(text)
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
                obj = json.loads(line)
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


def _xlsx_tables(path: Path, name: str) -> list[Table]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError):
        raise ReadProblem(name, "not_xlsx") from None
    tables = []
    size = path.stat().st_size
    for sheet in workbook.worksheets:
        iterator = sheet.iter_rows(values_only=True)
        header_row: tuple[Any, ...] = ()
        header_number = 0
        for header_row in iterator:
            header_number += 1
            if any(_present(c) for c in header_row):
                break
        header = [("" if c is None else str(c)) for c in header_row]
        while header and not header[-1].strip():
            header.pop()  # trailing empty columns
        width = len(header)
        tables.append(
            Table(
                f"{name}[{sheet.title}]",
                sheet.title,
                header,
                _sheet_rows(iterator, width, header_number),
                size,
                lambda: 0,
                apostrophe_guard=False,
            )
        )
    return tables


def _present(cell: Any) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _sheet_rows(iterator: Iterator[tuple[Any, ...]], width: int, header_number: int) -> Rows:
    # openpyxl's read-only rows carry no numbers with values_only; count them ourselves.
    number = header_number
    for row in iterator:
        number += 1
        cells = list(row[:width])
        if any(_present(c) for c in cells):
            yield number, cells
