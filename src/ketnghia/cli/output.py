"""Writing for people and for scripts: listings and records as tables, JSON or CSV; documents
to stdout or a file (through ketnghia.outputs); the one-line confirmation after a write."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import typer

from ketnghia.cli.options import Format, RecordFormat
from ketnghia.i18n import get_lang, t
from ketnghia.schema import Kind
from ketnghia.text import compact_heading
from ketnghia.values import format_value


def human_value(kind: Kind, key: str, value: Any, lang: str) -> str:
    """A record's value as people read it (values.format_value, by the field's type)."""
    try:
        f = kind.field(key)
    except KeyError:
        return format_value(value, "text", lang)
    return format_value(value, f.choices if f.type == "choice" and f.choices else f.type, lang)


def column_label(kind: Kind, key: str, lang: str) -> str:
    try:
        return kind.field(key).label(lang)
    except KeyError:
        return t(f"col_{key}", lang)


def written(output: Path | None) -> None:
    """Say on stderr which file was written (stdout needs no saying)."""
    from ketnghia.outputs import is_stdout

    if not is_stdout(output):
        typer.echo(t("written", path=str(output)), err=True)


# A listing written to a file of one of these suffixes is written in that format, unless
# --format says otherwise; any other file gets the table as text.
SUFFIX_FORMATS = {".csv": Format.csv, ".json": Format.json, ".xlsx": Format.xlsx}


def chosen_format(fmt: Format | None, output: Path | None, before_writing: bool = False) -> Format:
    """--format when given; else the format the --output file's suffix names; else a table.
    `before_writing`: a command that writes before it lists checks now that it can list."""
    if fmt is None:
        fmt = Format.table
        if output is not None:
            fmt = SUFFIX_FORMATS.get(Path(output).suffix.lower(), Format.table)
    if before_writing and fmt is Format.xlsx:
        check_binary_output(output)
    return fmt


def write_json(data: Any, output: Path | None) -> None:
    from ketnghia.exporting import json_value
    from ketnghia.outputs import text_output

    with text_output(output) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2, default=json_value)
        handle.write("\n")
    written(output)


def write_csv(keys: list[str], rows: Iterable[dict[str, Any]], output: Path | None) -> None:
    """CSV with a formula guard; a file gets a BOM so that Excel opens it as UTF-8, and
    stdout stays plain for pipes."""
    from ketnghia import exporting
    from ketnghia.outputs import is_stdout, text_output

    with text_output(output, bom=True) as handle:
        exporting.write_csv(handle, keys, rows, "\n" if is_stdout(output) else "\r\n")
    written(output)


def check_binary_output(output: Path | None) -> None:
    """A binary file (xlsx) goes to a file, or to `-` when standard output is not a terminal."""
    from ketnghia.errors import KetnghiaError
    from ketnghia.outputs import is_stdout

    if output is None or (is_stdout(output) and sys.stdout.isatty()):
        raise KetnghiaError("xlsx_needs_output")


def write_xlsx(
    keys: list[str], rows: Iterable[dict[str, Any]], output: Path | None, kind: Kind | None = None
) -> None:
    """A workbook of one sheet: the keys as headers, text as text cells (never a formula)."""
    from openpyxl import Workbook

    from ketnghia import exporting
    from ketnghia.outputs import refuse_database, write_with

    check_binary_output(output)
    assert output is not None
    refuse_database(output)
    workbook = Workbook(write_only=True)
    exporting.xlsx_sheet(workbook, kind.name if kind else "ketnghia", kind, keys, rows)
    write_with(output, workbook.save)
    written(output)


def write_rows(
    keys: list[str],
    rows: Iterable[dict[str, Any]],
    fmt: Format,
    output: Path | None,
    kind: Kind | None = None,
) -> bool:
    """Rows for scripts and spreadsheets (json, csv, xlsx); False for a table, which the
    caller draws."""
    if fmt is Format.json:
        write_json([{k: row.get(k) for k in keys} for row in rows], output)
    elif fmt is Format.csv:
        write_csv(keys, rows, output)
    elif fmt is Format.xlsx:
        write_xlsx(keys, rows, output, kind)
    else:
        return False
    return True


def write_text(text: str, output: Path | None, bom: bool = False) -> None:
    """A document made in memory (markdown, html, a report's csv)."""
    from ketnghia.outputs import is_stdout, text_output

    if is_stdout(output):
        typer.echo(text, nl=False)
        return
    with text_output(output, bom=bom) as handle:
        handle.write(text)
    written(output)


_SHOWN: list[type] = []


def _shown_console() -> type:
    """A rich Console that shows text as it is: no markup ("[bold]" in a name prints as it
    is), no emoji codes, and nothing a terminal would act on (ketnghia.outputs.printable)."""
    if not _SHOWN:
        from rich.console import Console

        from ketnghia.outputs import printable

        class ShownConsole(Console):
            def render_str(self, text: str, **options: Any) -> Any:
                options.update(markup=False, emoji=False)
                return super().render_str(printable(text), **options)

        _SHOWN.append(ShownConsole)
    return _SHOWN[0]


def console(output: Path | None = None, handle: Any = None) -> Any:
    shown = _shown_console()
    if handle is not None:
        return shown(
            file=handle,
            width=FILE_WIDTH,
            no_color=True,
            force_terminal=False,
            markup=False,
            emoji=False,
        )
    # Piped output is not cut to 80 columns: it is read in editors and spreadsheets. COLUMNS,
    # when set, is the width (as rich reads it on a terminal).
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else None
    return shown(
        soft_wrap=False,
        width=width or (None if sys.stdout.isatty() else 200),
        markup=False,
        emoji=False,
    )


def _row_keys(kind: Kind, rows: list[dict[str, Any]]) -> list[str]:
    keys = list(kind.keys)
    for row in rows[:1]:
        keys += [k for k in row if k not in keys]
    return keys


# Columns a listing adds beside the codes (the names of the agency, village, commune …): the
# keys --columns accepts even when there are no rows to read them from.
NAME_COLUMNS = ("agency", "village", "commune_name", "contributor")


def picked_columns(kind: Kind, rows: list[dict[str, Any]], columns: str | None) -> list[str]:
    """The keys --columns names, in its order; a key a row of the listing does not have is
    an error that lists those it has."""
    from ketnghia.errors import InvalidValue

    keys = _row_keys(kind, rows)
    picked = list(dict.fromkeys(c.strip() for c in (columns or "").split(",") if c.strip()))
    valid = keys if rows else [*keys, *NAME_COLUMNS]
    unknown = [c for c in picked if c not in valid]
    if unknown or not picked:
        raise InvalidValue(
            "--columns",
            "no_such_columns",
            unknown=", ".join(map(repr, unknown or [columns or ""])),
            valid=", ".join(keys),
        )
    return picked


# The columns that keep to their width (codes, ids, dates, numbers, money): never wrapped,
# their heading broken between words to fit the values; the others (names, titles, what
# people said) share what is left of the terminal's width, wrapped between words.
_NUMERIC = ("id", "int", "year", "money", "number")
_COMPACT = (*_NUMERIC, "code", "date", "agency", "village", "bool")


def _column_type(kind: Kind, key: str) -> str:
    return kind.field(key).type if key in kind.keys else "text"


# The width from which a listing shows the names of the agency and the village beside their
# codes; a narrower terminal leaves the width to the record's own text (--columns shows them).
WIDE = 120
FILE_WIDTH = 160  # a table written to a file


def table_width(output: Path | None) -> int:
    from ketnghia.outputs import is_stdout

    return int(console().width) if is_stdout(output) else FILE_WIDTH


def _wrap_words(cells: list[list[str]], position: int) -> None:
    """Break the values of a column between words, to the width of its longest word."""
    import textwrap

    width = max([len(w) for row in cells for w in row[position].split()] + [1])
    for row in cells:
        row[position] = "\n".join(textwrap.wrap(row[position], width)) or row[position]


def _narrowed(
    kind: Kind, shown: list[str], rows: list[dict[str, Any]], lang: str
) -> tuple[list[str], list[str]]:
    """A narrow terminal's columns: none that is empty in every row, and no code that every
    row shares (said once in the title: "Mã cơ quan: SO-NNMT"), so the record's own text gets
    the width."""
    kept, said = [], []
    for key in shown:
        values = {row.get(key) for row in rows}
        if rows and values <= {None, ""}:
            continue
        if len(rows) > 1 and len(values) == 1 and _column_type(kind, key) in _CODES:
            shared = human_value(kind, key, next(iter(values)), lang)
            said.append(f"{column_label(kind, key, lang)}: {shared}")
            continue
        kept.append(key)
    return kept, said


_CODES = ("code", "agency", "village")


def emit_rows(
    kind: Kind,
    rows: list[dict[str, Any]],
    fmt: Format | None,
    output: Path | None,
    title: str = "",
    columns: str | None = None,
) -> None:
    """A listing: a rich table for people, or canonical-key JSON/CSV/xlsx for scripts;
    `columns` (--columns a,b,c): only these keys, in this order."""
    picked = picked_columns(kind, rows, columns) if columns is not None else None
    keys = picked or _row_keys(kind, rows)
    if write_rows(keys, rows, chosen_format(fmt, output), output, kind):
        return
    from rich import box
    from rich.table import Table

    lang = get_lang()
    shown = picked or [f.key for f in kind.fields if f.brief]
    wide = table_width(output) >= WIDE
    heading = title or kind.label(lang)
    if picked is None and not wide:
        if "code" in shown:
            shown.remove("id")  # a record with a code is known by it; its width goes to the names
        shown, said = _narrowed(kind, shown, rows, lang)
        if said:
            heading += " — " + "; ".join(said)
    if picked is None and wide:
        shown += [k for k in keys if k not in kind.keys]  # names of the agency and village
    cells = [[human_value(kind, k, row.get(k), lang) for k in shown] for row in rows]
    table = Table(
        title=heading,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
        show_edge=False,
    )
    for position, key in enumerate(shown):
        ftype = _column_type(kind, key)
        heading = column_label(kind, key, lang)
        compact = ftype in _COMPACT
        if ftype == "choice":  # labels of a few words: one word a line, at the least
            if not wide:
                _wrap_words(cells, position)
            compact = True
        if compact and not wide:
            heading = compact_heading(heading, [row[position] for row in cells])
        table.add_column(
            heading,
            justify="right" if ftype in _NUMERIC else "left",
            no_wrap=compact,
            overflow="ellipsis" if compact else "fold",
        )
    for row in cells:
        table.add_row(*row)
    if not rows:
        table.caption = t("no_rows")
    print_rich([table], output)


def emit_plain(
    rows: list[dict[str, Any]],
    keys: list[str],
    fmt: Format | None,
    output: Path | None,
    title: str = "",
) -> None:
    """Rows that are not records of a kind (units, places, moves): headings are `col_KEY`."""
    if write_rows(keys, rows, chosen_format(fmt, output), output):
        return
    from rich.table import Table

    lang = get_lang()
    table = Table(title=title, title_justify="left")
    for key in keys:
        table.add_column(t(f"col_{key}", lang))
    for row in rows:
        table.add_row(*(format_value(row.get(k), "text", lang) for k in keys))
    if not rows:
        table.caption = t("no_rows")
    print_rich([table], output)


def emit_record(kind: Kind, row: dict[str, Any], fmt: Format | None, output: Path | None) -> None:
    """One record: a two-column table for people, an object (or one CSV row) for scripts."""
    keys = _row_keys(kind, [row])
    fmt = chosen_format(fmt, output)
    if fmt is Format.json:
        write_json({k: row.get(k) for k in keys}, output)
        return
    if write_rows(keys, [row], fmt, output, kind):
        return
    from rich.table import Table

    lang = get_lang()
    table = Table(title=kind.label(lang), show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for key in keys:
        table.add_row(column_label(kind, key, lang), human_value(kind, key, row.get(key), lang))
    print_rich([table], output)


def print_rich(parts: Iterable[Any], output: Path | None) -> None:
    """Rich tables and text: to the terminal, or as plain text to a file."""
    from ketnghia.outputs import is_stdout

    if is_stdout(output):
        out = console()
        for part in parts:
            out.print(part)
        return
    from ketnghia.outputs import text_output

    with text_output(output) as handle:
        out = console(handle=handle)
        for part in parts:
            out.print(part)
    written(output)


def done(
    message_key: str,
    record_kind: Kind,
    row: dict[str, Any],
    fmt: RecordFormat | None,
    /,
    **params: Any,
) -> None:
    """After a write: a one-line confirmation, or the record when a format is asked for."""
    if fmt is not None:
        emit_record(record_kind, row, Format(fmt.value), None)
    else:
        typer.echo(t(message_key, **params))
