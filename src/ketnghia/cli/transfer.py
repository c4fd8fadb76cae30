"""ketnghia import | export | template"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ketnghia.cli.options import OutputOption, document_lang, year_option
from ketnghia.cli.output import check_binary_output, write_json, written
from ketnghia.cli.state import state
from ketnghia.i18n import t


class Conflict(str, Enum):
    update = "update"
    skip = "skip"
    error = "error"


class SummaryFormat(str, Enum):
    text = "text"
    json = "json"


def _progress_bar(total: int, quiet: bool):
    """A rich progress bar on stderr, for large files on a terminal only."""
    if quiet or total < 2_000_000 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    return progress


TABS = ("\\t", "\t", "tab", "TAB")


def _checked_encoding(value: str | None) -> str | None:
    """--encoding names an encoding of text (not rot13, base64 or zlib), or one line."""
    import codecs

    from ketnghia.errors import InvalidValue

    if not value:
        return value
    try:
        found = codecs.lookup(value)
    except LookupError:
        raise InvalidValue("--encoding", "unknown_encoding", encoding=value) from None
    if not getattr(found, "_is_text_encoding", True):
        raise InvalidValue("--encoding", "not_text_encoding", value=value)
    return value


def _checked_delimiter(value: str | None) -> str | None:
    """--delimiter is one character that can part cells (not a letter, a digit, a quote or a
    line break), or tab (given as tab or \\t: the tab character)."""
    from ketnghia.errors import InvalidValue

    if value is None:
        return value
    if value in TABS:
        return "\t"
    if len(value) != 1 or value.isalnum() or value in '"\r\n':
        raise InvalidValue("--delimiter", "bad_delimiter", value=value)
    return value


def import_(
    ctx: typer.Context,
    files: Annotated[list[str], typer.Argument(help="Files to import; - reads CSV from stdin.")],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="What the files hold (agencies, villages, pairings, …)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and count, write nothing.")
    ] = False,
    on_conflict: Annotated[
        Conflict,
        typer.Option(
            "--on-conflict",
            help="A stored record with other values: update it, "
            "skip the row, or stop with an error.",
        ),
    ] = Conflict.update,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help="Encoding of text files that are not UTF-8 (cp1258 …).",
            callback=_checked_encoding,
        ),
    ] = None,
    delimiter: Annotated[
        str | None,
        typer.Option(
            "--delimiter",
            help="CSV delimiter: one character, or tab (default: guessed).",
            callback=_checked_delimiter,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    fmt: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="Summary as text or json.")
    ] = SummaryFormat.text,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            metavar="FILE.xlsx|FILE.csv|DIR",
            help="When rows are refused, write them here as they were sent, with their "
            "problems (xlsx: bad cells filled and commented), to send back for correction. A "
            "folder: each refused returned form as a copy of itself, its bad cells marked.",
        ),
    ] = None,
) -> None:
    """Import CSV, TSV, JSON, JSON Lines or xlsx files, all or nothing, in one transaction.

    Rows of a file exported from this database are matched to stored records by their id;
    other rows on their natural keys (agency code, village code, agency + village +
    started_on, …): new ones are inserted, changed ones updated, the same ones left alone, so
    importing a file twice changes nothing. Every problem of every row is told as
    FILE:ROW:COLUMN: reason.
    """
    from ketnghia.importing.loader import ImportFailed, Options, import_files
    from ketnghia.outputs import printable

    options = Options(kind, on_conflict.value, encoding, delimiter, errors)
    total = sum(Path(f).stat().st_size for f in files if f != "-" and Path(f).is_file())
    bar = _progress_bar(total, quiet)
    db = state(ctx).database()
    try:
        if bar is not None:
            bar.start()
            task = bar.add_task(t("importing"), total=total)
            advance: Any = lambda n: bar.advance(task, n)  # noqa: E731
        else:
            advance = None
        with db.write() as session:
            summary = import_files(session, files, options, advance)
            summary.dry_run = dry_run
            if dry_run:
                from ketnghia.reports.filing import check_filed_figures

                check_filed_figures(session)  # what the real run's commit would refuse
                session.rollback()
    except ImportFailed as failure:
        if bar is not None:
            bar.stop()
        for problem in failure.problems:
            typer.echo(printable(str(problem)), err=True)  # a file's own text, shown
        if failure.total > len(failure.problems):
            typer.echo(t("import_more", count=failure.total - len(failure.problems)), err=True)
        if failure.errors_written is not None:
            path, count = failure.errors_written
            typer.echo(printable(t("errors_written", path=str(path), count=count)), err=True)
        if failure.errors_failed is not None:
            typer.echo(printable(f"{t('error')}: {failure.errors_failed.render()}"), err=True)
        raise
    finally:
        if bar is not None:
            bar.stop()
    for warning in summary.warnings:
        typer.echo(printable(f"{t('warning')}: {warning}"), err=True)
    for returned in summary.returns:
        told = t(
            "form_returned",
            file=returned["file"],
            agency=returned["agency_code"],
            year=returned["year"],
            added=returned["rows_added"],
            changed=returned["rows_changed"],
        )
        typer.echo(printable(told), err=True)
    if fmt is SummaryFormat.json:
        write_json(summary.as_dict(), None)
        return
    from ketnghia.i18n import get_lang
    from ketnghia.schema import KINDS

    for name, counts in summary.kinds.items():
        label = KINDS[name].label(get_lang()) if name in KINDS else name
        typer.echo(t("import_summary", kind=label, **vars(counts)), err=True)
    if dry_run:
        typer.echo(t("dry_run_done"), err=True)
    elif not summary.changed:
        typer.echo(t("nothing_changed"), err=True)


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class Keys(str, Enum):
    canonical = "canonical"
    labels = "labels"


def _export_style(
    fmt: ExportFormat, keys: Keys | None, delimiter: str | None, lang: str
) -> tuple[str | None, str]:
    """The language of the headers and values (None: the canonical keys and codes) and the
    CSV delimiter. For people by default in Vietnamese (labels, and `;`, the list separator of
    a Vietnamese Windows, with which Excel splits the columns); JSON keeps its stable keys."""
    from ketnghia.errors import InvalidValue

    if fmt is ExportFormat.json and keys is Keys.labels:
        raise InvalidValue("--keys", "json_keeps_keys")
    if fmt is not ExportFormat.csv and delimiter is not None:
        raise InvalidValue("--delimiter", "csv_only")
    if keys is None:
        keys = Keys.labels if lang == "vi" and fmt is not ExportFormat.json else Keys.canonical
    if delimiter is None:
        delimiter = ";" if lang == "vi" else ","
    return (lang if keys is Keys.labels else None), delimiter


def export(
    ctx: typer.Context,
    kind: Annotated[
        str,
        typer.Argument(
            help="agencies, villages, pairings, households, activities, visits, inspections, "
            "or all."
        ),
    ],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, json or xlsx.")] = (
        ExportFormat.csv
    ),
    output: OutputOption = None,
    year: Annotated[
        int | None,
        year_option("--year", help="Only records dated in Y (pairings: active during Y)."),
    ] = None,
    keys: Annotated[
        Keys | None,
        typer.Option(
            "--keys",
            help="Headers and choices as the canonical keys and codes, or as labels in the "
            "language (default: labels in Vietnamese for csv and xlsx, else canonical; json "
            "always canonical).",
        ),
    ] = None,
    delimiter: Annotated[
        str | None,
        typer.Option(
            "--delimiter",
            help="CSV delimiter: one character, or tab (default: ; in Vietnamese, as Excel "
            "on a Vietnamese Windows reads it, else ,).",
            callback=_checked_delimiter,
        ),
    ] = None,
) -> None:
    """Write records with the import's column names, so that what is exported imports back.

    `all` writes every kind: one xlsx workbook with a sheet per kind, or with csv/json one
    file per kind in the folder given by --output.
    """
    from ketnghia import exporting
    from ketnghia.cli.output import column_label
    from ketnghia.errors import KetnghiaError
    from ketnghia.outputs import is_stdout, refuse_database, text_output, write_with
    from ketnghia.schema import DEPENDENCY_ORDER, KINDS, kind_from_name
    from ketnghia.services.exports import export_rows

    lang, delimiter = _export_style(fmt, keys, delimiter, state(ctx).lang)

    def headed(name: str) -> tuple[list[str], list[str] | None, Any]:
        """The keys of a kind's rows, their headers (None: the keys) and the rows."""
        first, rows = exporting.peek(export_rows(session, name, year))
        columns = exporting.row_keys(KINDS[name], first)
        if lang is None:
            return columns, None, rows
        headers = [column_label(KINDS[name], key, lang) for key in columns]
        return columns, headers, exporting.labelled(KINDS[name], rows, lang)

    if kind == "all":
        names = list(DEPENDENCY_ORDER)
    else:
        found = kind_from_name(kind)
        if found is None:
            raise KetnghiaError("unknown_kind", kind=kind, kinds=", ".join(KINDS) + ", all")
        names = [found.name]
    db = state(ctx).database()
    with db.session() as session:
        if fmt is ExportFormat.xlsx:
            from openpyxl import Workbook

            check_binary_output(output)
            if not is_stdout(output):
                refuse_database(output)  # type: ignore[arg-type]  # before the work
            workbook = Workbook(write_only=True)
            for name in names:
                columns, headers, rows = headed(name)
                title = name if lang is None else KINDS[name].label(lang)
                exporting.xlsx_sheet(
                    workbook, title, KINDS[name], columns, rows, headers, lang=lang
                )
            write_with(output, workbook.save)  # type: ignore[arg-type]
            written(output)
            return
        if len(names) > 1 and is_stdout(output):
            raise KetnghiaError("all_needs_folder")
        for name in names:
            target = output
            if len(names) > 1 and output is not None:
                output.mkdir(parents=True, exist_ok=True)
                target = output / f"{name}.{fmt.value}"
            columns, headers, rows = headed(name)
            with text_output(target, bom=fmt is ExportFormat.csv) as handle:
                if fmt is ExportFormat.csv:
                    newline = "\n" if is_stdout(target) else "\r\n"
                    exporting.write_csv(
                        handle,
                        columns,
                        rows,
                        newline,
                        headers=headers,
                        delimiter=delimiter,
                        lang=lang,
                    )
                else:
                    exporting.write_json(handle, columns, rows)
            written(target)


def template(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Where to write the workbook (- is stdout)."),
    ] = Path("mau-nhap-lieu.xlsx"),
    lang: Annotated[
        str | None, typer.Option("--lang", metavar="vi|en", help="Language of the headers.")
    ] = None,
) -> None:
    """An empty workbook to fill in: a sheet per kind with its headers, drop-down lists for
    kinds, sources, levels and yes/no, date and money formats; examples on a guide sheet that
    import passes over."""
    from ketnghia.outputs import is_stdout
    from ketnghia.templates import write_template

    if is_stdout(output):
        check_binary_output(output)
    write_template(output, document_lang(lang, state(ctx).lang))
    written(output)
