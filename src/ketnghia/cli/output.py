"""Writing for people and for scripts: listings and records as tables, JSON or CSV; documents
to stdout or a file (through ketnghia.outputs); the one-line confirmation after a write."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import typer

from ketnghia.cli.options import Format
from ketnghia.i18n import get_lang, t
from ketnghia.schema import Kind
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
    if output is not None:
        typer.echo(t("written", path=str(output)), err=True)


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
    from ketnghia.outputs import text_output

    with text_output(output, bom=True) as handle:
        exporting.write_csv(handle, keys, rows, "\n" if output is None else "\r\n")
    written(output)


def write_text(text: str, output: Path | None, bom: bool = False) -> None:
    """A document made in memory (markdown, html, a report's csv)."""
    from ketnghia.outputs import text_output

    if output is None:
        typer.echo(text, nl=False)
        return
    with text_output(output, bom=bom) as handle:
        handle.write(text)
    written(output)


def console(output: Path | None = None, handle: Any = None):
    from rich.console import Console

    if handle is not None:
        return Console(file=handle, width=160, no_color=True, force_terminal=False)
    # Piped output is not cut to 80 columns: it is read in editors and spreadsheets.
    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)


def _row_keys(kind: Kind, rows: list[dict[str, Any]]) -> list[str]:
    keys = list(kind.keys)
    for row in rows[:1]:
        keys += [k for k in row if k not in keys]
    return keys


def emit_rows(
    kind: Kind, rows: list[dict[str, Any]], fmt: Format, output: Path | None, title: str = ""
) -> None:
    """A listing: a rich table for people, or canonical-key JSON/CSV for scripts."""
    keys = _row_keys(kind, rows)
    if fmt is Format.json:
        write_json([{k: row.get(k) for k in keys} for row in rows], output)
        return
    if fmt is Format.csv:
        write_csv(keys, rows, output)
        return
    from rich.table import Table

    lang = get_lang()
    shown = [f.key for f in kind.fields if f.brief]
    shown += [k for k in keys if k not in kind.keys]  # names of the agency and village
    table = Table(title=title or kind.label(lang), title_justify="left")
    for key in shown:
        ftype = kind.field(key).type if key in kind.keys else "text"
        table.add_column(
            column_label(kind, key, lang),
            justify="right" if ftype in _NUMERIC else "left",
            no_wrap=ftype in _NO_WRAP,
        )
    for row in rows:
        table.add_row(*(human_value(kind, k, row.get(k), lang) for k in shown))
    if not rows:
        table.caption = t("no_rows")
    print_rich([table], output)


def emit_plain(
    rows: list[dict[str, Any]],
    keys: list[str],
    fmt: Format,
    output: Path | None,
    title: str = "",
) -> None:
    """Rows that are not records of a kind (units, places, moves): headings are `col_KEY`."""
    if fmt is Format.json:
        write_json([{k: row.get(k) for k in keys} for row in rows], output)
        return
    if fmt is Format.csv:
        write_csv(keys, rows, output)
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


def emit_record(kind: Kind, row: dict[str, Any], fmt: Format, output: Path | None) -> None:
    """One record: a two-column table for people, an object (or one CSV row) for scripts."""
    keys = _row_keys(kind, [row])
    if fmt is Format.json:
        write_json({k: row.get(k) for k in keys}, output)
        return
    if fmt is Format.csv:
        write_csv(keys, [row], output)
        return
    from rich.table import Table

    lang = get_lang()
    table = Table(title=kind.label(lang), show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for key in keys:
        table.add_row(column_label(kind, key, lang), human_value(kind, key, row.get(key), lang))
    print_rich([table], output)


_NUMERIC = ("id", "int", "year", "money", "number")


_NO_WRAP = (*_NUMERIC, "code", "date", "agency", "village")


def print_rich(parts: Iterable[Any], output: Path | None) -> None:
    """Rich tables and text: to the terminal, or as plain text to a file."""
    if output is None:
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
    fmt: Format | None,
    /,
    **params: Any,
) -> None:
    """After a write: a one-line confirmation, or the record when a format is asked for."""
    if fmt is not None:
        emit_record(record_kind, row, fmt, None)
    else:
        typer.echo(t(message_key, **params))
