"""Workbooks (.xlsx, .xlsm): each sheet a table of the values the clerk saw, read in bounded
memory and time, or refused.

openpyxl reads the workbook's frame — its sheets and which are hidden, the styles that make a
number a date, the 1900 or 1904 calendar — through defusedxml, so XML entities ("billion
laughs", external files) are refused. The table of texts and the sheets are streamed here
through expat, which refuses any DOCTYPE (Excel never writes one). What a cell gives:
- a formula cell: the value Excel saved with it; a formula saved without one (a workbook
  written by a program and never opened in Excel) is refused, asking to open and save it in
  Excel; a cell that shows an error (#N/A, #DIV/0! …) is refused, naming it;
- a merged range: its top-left cell's value (the other cells are empty, in Excel as in the
  file); a range over several data rows is named in a warning;
- hidden sheets and hidden rows are read like the others (a filter hides rows; the file holds
  them) and a warning names them.
Limits, each refused with a line that names it: a text longer than values.TEXT_MAX (never read
whole), more than MAX_STRINGS texts or STRINGS_BYTES of them, a part that openpyxl reads whole
larger than PART_MAX, a column beyond Excel's last, and EMPTY_RUN bytes of a sheet without a
value (rows and cells formatted but empty, down to row 1,048,576) — the sheet is not read on.
"""

from __future__ import annotations

import re
import warnings as python_warnings
import zipfile
import zlib
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from ketnghia.importing.headers import HEAD_ROWS, find_header
from ketnghia.importing.readers import (
    TEXT_LIMIT,
    Headerless,
    ReadProblem,
    Rows,
    Table,
    column_label,
    column_letter,
    too_long,
)
from ketnghia.values import TEXT_MAX

CHUNK = 1 << 16  # bytes of XML given to expat at a time
PART_MAX = 64 << 20  # a part openpyxl reads whole (workbook, styles, relationships)
MAX_STRINGS = 1 << 21  # texts in the table of texts: twice the rows of a sheet
STRINGS_BYTES = 256 << 20  # the table of texts, unpacked
EMPTY_RUN = 32 << 20  # bytes of a sheet read on after its last value
MAX_COLUMN = 16_384  # XFD, Excel's last column
SHOWN = 5  # ranges named in a warning


class Unreadable:
    """A cell whose value is not what the clerk saw; refused when it is in a row that is
    imported (a title block above the header may hold one)."""

    __slots__ = ("params", "reason")

    def __init__(self, reason: str, **params: Any) -> None:
        self.reason = reason
        self.params = params


NO_SAVED_VALUE = Unreadable("formula_without_value")
TOO_LONG = Unreadable("cell_too_long", **TEXT_LIMIT)
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """Characters XML cannot hold are written _xHHHH_ (a carriage return is _x000D_)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


class _Refused(Exception):
    """Raised inside expat's handlers; becomes the ReadProblem it carries."""

    def __init__(self, problem: ReadProblem) -> None:
        self.problem = problem


class _BoundedZip(zipfile.ZipFile):
    """A workbook's archive whose parts openpyxl reads whole are refused beyond PART_MAX, or
    when they declare a DOCTYPE: openpyxl parses them with lxml when it is installed, which
    leaves entities unexpanded instead of refusing them, so they are looked at here first."""

    def __init__(self, path: Path, label: str) -> None:
        super().__init__(path)
        self.label = label

    def read(self, name: Any, pwd: bytes | None = None) -> bytes:
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        if info.file_size > PART_MAX:
            raise _TooLarge(info.filename)
        data = super().read(name, pwd)
        if info.filename.endswith((".xml", ".rels")):
            try:
                _expat(self.label).Parse(data, True)
            except expat.ExpatError:
                pass  # not well formed: openpyxl says so as it reads it
        return data


class _TooLarge(Exception):
    pass


def _expat(name: str) -> Any:
    """An expat parser that refuses any DOCTYPE (no entities, inside or outside the file)."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = CHUNK

    def doctype(*_: Any) -> None:
        raise _Refused(ReadProblem(name, "xml_entities"))

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    return parser


_LOCAL: dict[str, str] = {}


def _local(tag: str) -> str:
    """A tag without its namespace prefix (some writers spell <c> as <x:c>)."""
    local = _LOCAL.get(tag)
    if local is None:
        local = _LOCAL[tag] = tag.rpartition(":")[2]
    return local


_COLUMNS: dict[str, int] = {}


def _column(letters: str) -> int:
    """A column's position from its letters: A → 0."""
    position = _COLUMNS.get(letters)
    if position is None:
        position = 0
        for ch in letters.upper():
            if not "A" <= ch <= "Z":
                return MAX_COLUMN
            position = position * 26 + ord(ch) - 64
        position -= 1
        if len(_COLUMNS) < 4 * MAX_COLUMN:
            _COLUMNS[letters] = position
    return position


WHOLE = 10**15  # whole numbers below this are exact as floats: calamine's are given as int


def _number(text: str) -> int | float:
    if "." in text or "e" in text or "E" in text:
        number = float(text)
        return int(number) if number.is_integer() and -WHOLE < number < WHOLE else number
    return int(text)


def _feed(parser: Any, source: IO[bytes]) -> Iterator[int]:
    """Give a part to expat chunk by chunk, yielding the bytes given so far."""
    given = 0
    while True:
        chunk = source.read(CHUNK)
        given += len(chunk)
        parser.Parse(chunk, not chunk)
        yield given
        if not chunk:
            return


def _damaged(name: str, exc: BaseException) -> ReadProblem:
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return ReadProblem(name, "damaged_workbook", detail=detail)


# -- the table of texts ----------------------------------------------------------------------


class _Strings:
    """The workbook's table of texts (xl/sharedStrings.xml), within MAX_STRINGS and
    STRINGS_BYTES; a text longer than TEXT_MAX is kept as an Unreadable, never whole."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.strings: list[Any] = []
        self.item: list[str] = []
        self.parts: list[str] | None = None
        self.length = 0
        self.in_item = False
        self.phonetic = 0
        self.plain = True  # no phonetic runs, escapes or over-long texts: calamine reads alike

    def read(self, source: IO[bytes]) -> list[Any]:
        parser = _expat(self.name)
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.chars
        for given in _feed(parser, source):
            if given > STRINGS_BYTES:
                raise _Refused(
                    ReadProblem(self.name, "texts_too_large", size=f"{STRINGS_BYTES >> 20}")
                )
        return self.strings

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = _local(tag)
        if name == "si":
            self.in_item, self.item, self.length = True, [], 0
        elif name == "rPh":
            self.phonetic += 1  # the reading of East Asian text, not shown in the cell
            self.plain = False
        elif name == "t" and self.in_item and not self.phonetic:
            self.parts = self.item

    def chars(self, data: str) -> None:
        if self.parts is not None:
            self.length += len(data)
            if self.length <= TEXT_MAX:
                self.parts.append(data)

    def end(self, tag: str) -> None:
        name = _local(tag)
        if name == "t":
            self.parts = None
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "si":
            self.in_item = False
            if self.length > TEXT_MAX:
                self.strings.append(TOO_LONG)
                self.plain = False
            else:
                text = "".join(self.item)
                if "_x" in text:
                    self.plain = False
                self.strings.append(_unescape(text) or None)
            if len(self.strings) > MAX_STRINGS:
                raise _Refused(ReadProblem(self.name, "too_many_texts", limit=f"{MAX_STRINGS:,}"))


# -- a sheet ----------------------------------------------------------------------------------


class _Book:
    """What every sheet needs: the archive, the texts, which styles are dates, the calendar."""

    def __init__(
        self,
        archive: zipfile.ZipFile,
        strings: list[Any],
        dates: set[int],
        durations: set[int],
        epoch: Any,
        path: Path | None = None,
    ) -> None:
        self.archive = archive
        self.strings = strings
        self.dates = dates
        self.durations = durations
        self.epoch = epoch
        self.path = path  # read through calamine when it is set (see _Fast)
        self.fast: Any = None  # calamine's workbook, opened for the first sheet it reads


SparseRow = tuple[int, bool, list[tuple[int, Any]]]  # number, hidden, (position, value)…


class _Sheet:
    """One worksheet's rows that hold a value, streamed: its number, whether it is hidden, and
    its cells as (position, value)."""

    def __init__(self, book: _Book, part: str, name: str, title: str = "") -> None:
        self.book = book
        self.name = name
        self.title = title
        self.part = part
        self.header: list[str] = []  # known once the header is found, for messages
        self.size = max(book.archive.getinfo(part).file_size, 1)  # unpacked, as declared
        self.done = 0.0  # the share of the sheet read, for the progress bar
        self.source = book.archive.open(part)
        self.parser = _expat(name)
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.chars
        self.pending: deque[SparseRow] = deque()
        self.merges: list[str] = []
        self.merge_count = 0
        # the row and cell being read
        self.row, self.hidden = 0, False
        self.cells: list[tuple[int, Any]] = []
        self.column, self.type, self.style, self.formula = 0, "n", 0, False
        self.value: str | None = None
        self.inline: list[str] | None = None
        self.parts: list[str] | None = None
        self.length = 0
        self.phonetic = 0
        self.at_value = 0  # bytes given to expat when the last value was read
        self.given = 0

    # expat's handlers
    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = _local(tag)
        if name == "c":
            ref = attrs.get("r")
            self.column = _column(ref.rstrip("0123456789")) if ref else self.column + 1
            if self.column >= MAX_COLUMN:
                raise _Refused(_damaged(self.name, ValueError(f"cell {ref}")))
            self.type = attrs.get("t", "n")
            style = attrs.get("s")
            self.style = int(style) if style else 0
            self.formula = False
            self.value = None
            self.inline = None
        elif name == "v":
            self.parts, self.length = [], 0
        elif name == "f":
            self.formula = True
        elif name == "row":
            number = attrs.get("r")
            self.row = int(number) if number else self.row + 1
            self.hidden = attrs.get("hidden") in ("1", "true")
            self.column = -1
            self.cells = []
        elif name == "is":
            self.inline, self.length = [], 0
        elif name == "rPh":
            self.phonetic += 1
        elif name == "t" and self.inline is not None and not self.phonetic:
            self.parts = self.inline
        elif name == "mergeCell":
            self.merge_count += 1
            if len(self.merges) < 1000 and attrs.get("ref"):
                self.merges.append(attrs["ref"])

    def chars(self, data: str) -> None:
        if self.parts is not None:
            self.length += len(data)
            if self.length > TEXT_MAX:
                raise _Refused(too_long(self.name, self.row, self._label(self.column)))
            self.parts.append(data)

    def end(self, tag: str) -> None:
        name = _local(tag)
        if name == "v":
            self.value = "".join(self.parts or ())
            self.parts = None
        elif name == "t":
            if self.inline is not None and self.parts is self.inline:
                self.parts = None
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "c":
            value = self._cell()
            if value is not None:
                self.cells.append((self.column, value))
                self.at_value = self.given
        elif name == "row" and self.cells:
            self.pending.append((self.row, self.hidden, self.cells))
            self.cells = []

    def _label(self, position: int) -> str:
        return column_label(self.header, position)

    def _cell(self) -> Any:
        """The value of the cell just read, as Excel shows it (None: empty)."""
        kind, text = self.type, self.value
        if self.inline is not None:
            return _unescape("".join(self.inline)) or None
        if self.formula and (text is None or (text == "" and kind != "str")):
            return NO_SAVED_VALUE
        if text is None:
            return None
        try:
            if kind == "s":
                return self.book.strings[int(text)]
            if kind in ("str", "inlineStr"):
                return _unescape(text) or None
            if kind == "b":
                return text.strip() in ("1", "true")
            if kind == "e":
                return Unreadable("cell_error", error=text)
            if kind == "d":
                from openpyxl.utils.datetime import from_ISO8601

                try:
                    return from_ISO8601(text)
                except ValueError:
                    return text
            if not text:
                return None
            number = _number(text)
        except (ValueError, IndexError) as exc:
            ref = f"{column_letter(self.column)}{self.row}"
            raise _Refused(_damaged(self.name, ValueError(f"{ref}: {exc}"))) from None
        if self.style in self.book.dates:
            from openpyxl.utils.datetime import from_excel

            try:
                return from_excel(number, self.book.epoch, self.style in self.book.durations)
            except (OverflowError, ValueError):
                return number  # not a date Excel can show: the date's parser says so
        return number

    def rows(self) -> Iterator[SparseRow]:
        try:
            with self.source:
                for given in _feed(self.parser, self.source):
                    self.given = given
                    self.done = given / self.size
                    while self.pending:
                        yield self.pending.popleft()
                    if given - self.at_value > EMPTY_RUN:
                        raise _Refused(
                            ReadProblem(
                                self.name,
                                "empty_run",
                                row=self.row,
                                size=f"{EMPTY_RUN >> 20}",
                            )
                        )
        except _Refused as refused:
            raise refused.problem from None
        except (expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise _damaged(self.name, exc) from None


# -- calamine ----------------------------------------------------------------------------------
#
# A workbook that fits in memory is read by calamine (Rust, a sheet at a time, whole), about ten
# times faster than expat's handlers in Python. It reads only what the stream above has already
# let through: the frame and the table of texts are read above first (no DOCTYPE, within the
# limits), and a sheet goes to calamine only once a scan of its XML (bytes, no parse) has found
# nothing calamine would read otherwise than the stream: a DOCTYPE, an error cell, a formula
# without its saved value, a hidden row, phonetic runs or _xHHHH_ escapes, a text longer than
# values.TEXT_MAX, a number too long for a float, a column beyond ZZ, cells so far apart that
# calamine's dense grid would not fit, an empty run. Such a sheet is read by the stream, which
# refuses or warns exactly as before; so does a sheet calamine fails on.

CALAMINE_MAX = 8 << 20  # bytes of a workbook read by calamine; beyond, the stream (see below)
GRID_CELLS = 4_000_000  # cells of calamine's grid of a sheet (32 bytes each, and the texts)
SCAN_CHUNK = 1 << 20
OVERLAP = TEXT_MAX + 256  # bytes each scanned chunk shares with the one before
# what calamine reads otherwise than the stream (see above): a sheet holding one is streamed
_STREAM_ONLY_TEXT = (
    b"<!",  # a DOCTYPE (refused), a comment
    b"<c>",  # a cell or a row without its place
    b"<row>",
    b' hidden="1"',
    b' hidden="true"',
    b' t="e"',  # an error cell
    b' t="d"',  # a date as text
    b"rPh",  # phonetic runs
    b"_x",  # _xHHHH_ escapes
    b"</f></c>",  # a formula without its saved value
    b"/></c>",
    b"<v></v>",
    b"<v/>",
    b"<v>-",  # a negative number: calamine's date of one is not openpyxl's
)
_STREAM_ONLY = (
    re.compile(rb"<v>-?\d{16}"),  # a number a float holds inexactly
    re.compile(rb"<c (?!r=)"),  # a cell whose place is not first
    re.compile(rb"<row (?!r=)"),
    re.compile(rb'<c r="[A-Z]{3}'),  # beyond column ZZ
    re.compile(rb">[^<]{%d}" % (TEXT_MAX + 1)),  # a text maybe too long
)
_ROW = re.compile(rb'<row r="(\d{1,9})"')
_WIDE = re.compile(rb'<c r="([A-Z]{2})\d')
_MERGE = re.compile(rb'<mergeCell ref="([^"]{1,40})"')
_VALUE_END = (b"</v>", b"</t>")


def _scan(sheet: _Sheet) -> list[str] | None:
    """The sheet's merged ranges when calamine reads it as the stream would, else None."""
    info = sheet.book.archive.getinfo(sheet.part)
    rows = last_value = 0
    width = 26  # without two-letter columns: at most Z
    merges: list[str] = []
    carry = b""
    at = 0  # bytes of the part before `buffer`
    try:
        with sheet.book.archive.open(info) as source:
            while True:
                chunk = source.read(SCAN_CHUNK)
                buffer = carry + chunk
                if not at and b"<worksheet" not in buffer[:4096]:
                    return None  # a namespace prefix on every tag
                end = len(buffer) if not chunk else max(len(buffer) - OVERLAP, 0)
                if any(text in buffer for text in _STREAM_ONLY_TEXT):
                    return None
                if any(pattern.search(buffer) for pattern in _STREAM_ONLY):
                    return None
                for found in _ROW.finditer(buffer, 0, end + 20):
                    if found.start() < end:
                        rows = max(rows, int(found.group(1)))
                for found in _WIDE.finditer(buffer, 0, end + 10):
                    if found.start() < end:
                        width = max(width, _column(found.group(1).decode()) + 1)
                for found in _MERGE.finditer(buffer, 0, end + 60):
                    if found.start() < end and len(merges) < 1000:
                        merges.append(found.group(1).decode())
                for tag in _VALUE_END:
                    seen = buffer.rfind(tag, 0, end + len(tag) - 1)
                    if seen >= 0:
                        last_value = max(last_value, at + seen)
                if not chunk:
                    at += len(buffer)
                    break
                carry = buffer[end:]
                at += end
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        return None  # the stream says what is wrong
    if at - last_value > EMPTY_RUN or rows * width > GRID_CELLS:
        return None  # calamine's grid holds every cell up to the last row and column
    return merges


def _calamine_rows(sheet: _Sheet, after: int) -> Iterator[SparseRow] | None:
    """The sheet's rows below row `after`, read by calamine, or None: read by the stream."""
    book = sheet.book
    merges = _scan(sheet)
    if merges is None:
        return None
    try:
        if book.fast is None:
            from python_calamine import CalamineWorkbook

            book.fast = CalamineWorkbook.from_path(str(book.path))
        grid = book.fast.get_sheet_by_name(sheet.title)
    except _ENDING:
        raise
    except BaseException:  # calamine refuses (or panics): the stream reads, or refuses better
        return None
    sheet.merges = merges
    return _grid_rows(sheet, grid, after)


_ENDING = (KeyboardInterrupt, SystemExit, GeneratorExit)


def _grid_rows(sheet: _Sheet, grid: Any, after: int) -> Iterator[SparseRow]:
    import datetime as dt

    start = grid.start
    height = grid.height
    if start is None or not height:
        sheet.done = 1.0
        return
    first, left = start
    date, datetime = dt.date, dt.datetime
    # calamine (0.2.3 … 0.9.1) gives the rows from the sheet's first row, blank ones above its
    # data included, but the columns from the data's first column
    offset = None
    for index, values in enumerate(grid.iter_rows()):
        if offset is None:  # (a version that starts at the data's first row gives a value)
            offset = first if first and any(v != "" for v in values) else 0
        number = offset + index + 1
        if number <= after:
            continue
        cells: list[tuple[int, Any]] = []
        for position, value in enumerate(values, left):
            kind = type(value)
            if kind is str:
                if not value:
                    continue
            elif kind is float:
                if value.is_integer() and -WHOLE < value < WHOLE:
                    value = int(value)
            elif kind is date:
                value = datetime(value.year, value.month, value.day)
            cells.append((position, value))
        if index & 1023 == 0:
            sheet.done = min(1.0, index / (first + height))
        if cells:
            yield number, False, cells
    sheet.done = 1.0


_AGREED_NUMBERS = {*range(0, 14), *range(37, 45), 48, 49}  # both read these as numbers
_AGREED_DATES = {*range(14, 23), 45, 46, 47}  # and these as dates and times
_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?:\$[^\]]*|[A-Za-z]+|Color\d+)\]')
_DATE_ONLY = re.compile(r"(?:[dmyhsDMYHS/\-.:, ]|AM/PM|A/P)+")


def _styles_agree(book: Any) -> bool:
    """Whether calamine and openpyxl take the same cell styles for dates: the built-in formats
    both know, and formats of the clerk's own that are plainly a number or plainly a date."""
    custom = list(getattr(book, "_number_formats", ()) or ())
    for style in getattr(book, "_cell_styles", ()) or ():
        number = int(getattr(style, "numFmtId", 0) or 0)
        if number < 164:
            if number not in _AGREED_NUMBERS and number not in _AGREED_DATES:
                return False
            continue
        if number - 164 >= len(custom):
            return False
        code = _QUOTED.sub("", str(custom[number - 164]).split(";")[0])
        if "[" in code:
            return False  # elapsed time, conditions: left to the stream
        if re.search(r"[dmyhsDMYHS]", code) and not _DATE_ONLY.fullmatch(code):
            return False
    return True


# -- the workbook -----------------------------------------------------------------------------


def _open(path: Path, name: str) -> tuple[_Book, list[tuple[str, str, str]]]:
    """The workbook's frame and its worksheets: (title, state, part)."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.reader.workbook import WorkbookParser
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.xml.constants import (
        ARC_CONTENT_TYPES,
        ARC_WORKBOOK,
        SHARED_STRINGS,
        XLSM,
        XLSX,
        XLTM,
        XLTX,
    )
    from openpyxl.xml.functions import fromstring

    archive = None
    try:
        archive = _BoundedZip(path, name)
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")  # openpyxl's remarks on styles it lacks
            types: Any = fromstring(archive.read(ARC_CONTENT_TYPES))
            manifest: Any = Manifest.from_tree(types)
            found = manifest.find(SHARED_STRINGS)
            strings: list[Any] = []
            plain = True
            if found is not None:
                with archive.open(found.PartName[1:]) as source:
                    table = _Strings(name)
                    strings = table.read(source)
                    plain = table.plain
            parts = [manifest.find(kind) for kind in (XLSX, XLSM, XLTX, XLTM)]
            part = next((p.PartName[1:] for p in parts if p is not None), ARC_WORKBOOK)
            workbook = WorkbookParser(archive, part, keep_links=False)
            workbook.parse()
            book: Any = workbook.wb
            apply_stylesheet(archive, book)
            names = set(archive.namelist())
            fast = plain and path.stat().st_size <= CALAMINE_MAX and _styles_agree(book)
            if fast:
                for info in archive.infolist():  # what calamine reads, looked at first
                    if info.filename.endswith(".rels") or info.filename in (
                        "xl/workbook.xml",
                        "xl/styles.xml",
                    ):
                        archive.read(info)
            sheets = [
                (str(sheet.name), str(sheet.state or "visible"), str(rel.target))
                for sheet, rel in workbook.find_sheets()
                if rel.target in names and "worksheet" in (rel.Type or "")
            ]
    except Exception as exc:
        _close(archive)
        raise _unreadable(name, exc) from None
    frame = _Book(
        archive,
        strings,
        set(getattr(book, "_date_formats", ()) or ()),
        set(getattr(book, "_timedelta_formats", ()) or ()),
        book.epoch,
        path if fast else None,
    )
    return frame, sheets


def _unreadable(name: str, exc: Exception) -> Exception:
    """What a workbook whose frame cannot be read is refused with."""
    from defusedxml import DefusedXmlException

    if isinstance(exc, _Refused):
        return exc.problem
    if isinstance(exc, DefusedXmlException):
        return ReadProblem(name, "xml_entities")
    if isinstance(exc, _TooLarge):
        return ReadProblem(name, "part_too_large", part=str(exc), size=f"{PART_MAX >> 20}")
    if isinstance(exc, zipfile.BadZipFile):
        return ReadProblem(name, "not_xlsx")
    # a part missing, XML that is not well formed, values openpyxl cannot take
    damaged = (expat.ExpatError, SyntaxError, KeyError, ValueError, TypeError, zlib.error)
    if isinstance(exc, (*damaged, OSError, EOFError)):
        return _damaged(name, exc)
    return exc  # a bug: shown as one


def _close(archive: zipfile.ZipFile | None) -> None:
    if archive is not None:
        archive.close()


def workbook_tables(path: Path, name: str, warnings: list[str] | None = None) -> list[Table]:
    """One table per worksheet; a sheet's header is found among its first rows."""
    book, sheets = _open(path, name)
    size = path.stat().st_size
    # the file's bytes shared out among the sheets by the size of each, for the progress bar
    parts = [max(book.archive.getinfo(part).file_size, 1) for _, _, part in sheets]
    whole = sum(parts) or 1
    return [
        _sheet_table(book, title, state, part, f"{name}[{title}]", size * n // whole, warnings)
        for (title, state, part), n in zip(sheets, parts, strict=True)
    ]


def _dense(cells: list[tuple[int, Any]], width: int | None = None) -> list[Any]:
    if width is None:
        width = max((position for position, _ in cells), default=-1) + 1
    row: list[Any] = [None] * width
    for position, value in cells:
        if position < width:
            row[position] = value
    return row


def _header_text(value: Any) -> str:
    if value is None or type(value) is Unreadable:
        return ""
    return str(value)


def _sheet_table(
    book: _Book,
    title: str,
    state: str,
    part: str,
    name: str,
    size: int,
    warnings: list[str] | None,
) -> Table:
    sheet = _Sheet(book, part, name, title)
    rows = sheet.rows()
    head: list[SparseRow] = []
    for row in rows:
        if any(_present(value) for _, value in row[2]):
            head.append(row)
            if len(head) >= HEAD_ROWS:
                break
    if not head:
        return Table(name, title, [], iter(()), size, lambda: size, apostrophe_guard=False)
    at = find_header([_dense(cells) for _, _, cells in head])
    header_row = head[at][0]
    header = [_header_text(value) for value in _dense(head[at][2])]
    while header and not header[-1].strip():
        header.pop()  # trailing empty columns
    sheet.header = header
    after = head[-1][0] if len(head) >= HEAD_ROWS else 0  # 0: the whole sheet is read
    rest = _chain(sheet, head[at + 1 :], rows, after)
    data = _data_rows(sheet, rest, header, header_row, state, warnings)
    return Table(
        name,
        title,
        header,
        data,
        size,
        lambda: int(size * min(sheet.done, 1.0)),
        header_row=header_row,
        apostrophe_guard=False,
    )


def _chain(
    sheet: _Sheet, first: list[SparseRow], rest: Iterator[SparseRow], after: int
) -> Iterator[SparseRow]:
    """The rows read to find the header, then the others: by calamine when it may read them
    (see above), else streamed on."""
    yield from first
    fast = None
    if after and sheet.book.path is not None:  # rows below `after` are still to read
        fast = _calamine_rows(sheet, after)
    if fast is None:
        yield from rest
        return
    close = getattr(rest, "close", None)
    if close is not None:
        close()
    last = after
    try:
        for row in fast:
            last = row[0]
            yield row
        return
    except _ENDING:
        raise
    except BaseException:  # calamine panics on a value (a date beyond its calendar …)
        pass
    again = _Sheet(sheet.book, sheet.part, sheet.name, sheet.title)  # the stream reads on
    again.header = sheet.header
    for row in again.rows():
        sheet.done = again.done
        if row[0] > last:
            yield row


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _data_rows(
    sheet: _Sheet,
    rows: Iterator[SparseRow],
    header: list[str],
    header_row: int,
    state: str,
    warnings: list[str] | None,
) -> Rows:
    width = len(header)
    headerless = Headerless(header)
    blanks = set(headerless.blanks)
    hidden: list[list[int]] = []  # ranges [first, last] of hidden rows read
    read = 0
    for number, is_hidden, cells in rows:
        row: list[Any] = [None] * width
        filled = False
        for position, value in cells:
            if type(value) is Unreadable:
                raise ReadProblem(
                    sheet.name,
                    value.reason,
                    row=number,
                    column=column_label(header, position),
                    **value.params,
                )
            if position < width and position not in blanks:
                row[position] = value
                filled = filled or _present(value)
            elif _present(value):
                headerless.found(number, position)
        if not filled:
            continue
        read += 1
        if is_hidden:
            if hidden and hidden[-1][1] == number - 1:
                hidden[-1][1] = number
            else:
                hidden.append([number, number])
        yield number, row
    if warnings is not None:
        _warn(sheet, header_row, state, read, hidden, warnings)
        headerless.warn(sheet.name, warnings)


def _warn(
    sheet: _Sheet,
    header_row: int,
    state: str,
    read: int,
    hidden: list[list[int]],
    warnings: list[str],
) -> None:
    from ketnghia.i18n import t

    if state != "visible" and read:
        warnings.append(t("hidden_sheet_read", sheet=sheet.name, count=read))
    if hidden:
        ranges = [f"{a}" if a == b else f"{a}–{b}" for a, b in hidden]
        more = f" (+{len(ranges) - SHOWN})" if len(ranges) > SHOWN else ""
        warnings.append(
            t("hidden_rows_read", sheet=sheet.name, rows=", ".join(ranges[:SHOWN]) + more)
        )
    merged = []
    for ref in sheet.merges:
        rows = [int(number) for number in re.findall(r"\d+", ref)]
        if len(rows) == 2 and header_row < rows[0] < rows[1]:
            merged.append(ref)
    if merged:
        more = f" (+{len(merged) - SHOWN})" if len(merged) > SHOWN else ""
        shown = ", ".join(merged[:SHOWN]) + more
        warnings.append(t("merged_rows", sheet=sheet.name, ranges=shown))
