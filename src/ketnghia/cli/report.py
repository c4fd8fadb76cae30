"""ketnghia report annual"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ketnghia.cli.options import OutputOption, date_option, year_option
from ketnghia.cli.output import check_binary_output, print_rich, write_json, write_text, written
from ketnghia.cli.state import state
from ketnghia.i18n import get_lang, t

app = typer.Typer(help="Reports for the Standing Committee.", no_args_is_help=True)


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    md = "md"
    html = "html"


@app.command("annual")
def annual(
    ctx: typer.Context,
    year: Annotated[int, year_option("--year", help="The year reported on.")],
    district: Annotated[
        str | None, typer.Option("--district", help="Only this (old) district.")
    ] = None,
    commune: Annotated[
        str | None, typer.Option("--commune", help="Only this commune (as it was in the year).")
    ] = None,
    agency: Annotated[
        str | None, typer.Option("--agency", help="Only this agency (code or name).")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Place villages on the map of this date (e.g. 2025-07-01)."),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="table, json, csv, xlsx, md or html."),
    ] = ReportFormat.table,
    output: OutputOption = None,
    file: Annotated[
        bool,
        typer.Option("--file", help="File this report: store its figures and lock the year."),
    ] = False,
) -> None:
    """The annual report: pairings, activities and their value, visits, household pairings,
    and the formalism warnings (idle pairings, especially difficult villages left unpaired)."""
    from ketnghia.errors import KetnghiaError
    from ketnghia.outputs import is_stdout, printable, refuse_database
    from ketnghia.reports import (
        filing,
        render_csv,
        render_html,
        render_md,
        render_table,
        render_xlsx,
    )
    from ketnghia.reports.annual import Scope, annual_report

    scope = Scope(district, agency, commune, date_option(as_of, "--as-of"))
    # before --file stores anything
    if not is_stdout(output):
        refuse_database(output)  # type: ignore[arg-type]
    if fmt is ReportFormat.xlsx:
        check_binary_output(output)
    if file:
        if scope != Scope():
            raise KetnghiaError("file_needs_whole_province")
        with state(ctx).database().write() as session:
            filed = filing.file_report(session, year)
        typer.echo(t("filed", year=year, sha=filed.sha256[:12]), err=True)
    with state(ctx).database().session() as session:
        report = annual_report(session, year, scope)
        found = filing.drift(session, year) if scope == Scope() else None
    if found is not None and not file:
        filed, sections = found
        when = filed.filed_at.date().isoformat()
        who = printable(filed.filed_by)  # as --actor gave it
        if sections:
            typer.echo(
                t(
                    "filed_differs",
                    year=year,
                    when=when,
                    who=who,
                    sections=", ".join(sections),
                ),
                err=True,
            )
        else:
            typer.echo(t("filed_same", year=year, when=when, who=who), err=True)
    lang = get_lang()
    if fmt is ReportFormat.json:
        write_json(report, output)
    elif fmt is ReportFormat.csv:
        write_text(render_csv.annual(report), output, bom=not is_stdout(output))
    elif fmt is ReportFormat.md:
        write_text(render_md.annual(report, lang), output)
    elif fmt is ReportFormat.html:
        write_text(render_html.annual(report, lang), output)
    elif fmt is ReportFormat.xlsx:
        render_xlsx.annual(report, lang, output)  # type: ignore[arg-type]
        written(output)
    else:
        print_rich(render_table.annual(report, lang), output)


class ShortFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"


def _emit(data: dict, fmt: ShortFormat, output: Path | None, tables, markdown) -> None:  # type: ignore[no-untyped-def]
    if fmt is ShortFormat.json:
        write_json(data, output)
        return
    lang = get_lang()
    if fmt is ShortFormat.md:
        write_text(markdown(data, lang), output)
        return
    print_rich(tables(data, lang), output)


@app.command("review")
def review(
    ctx: typer.Context,
    first: Annotated[int, year_option("--from", help="First year of the period.")],
    last: Annotated[int, year_option("--to", help="Last year of the period.")],
    fmt: Annotated[
        ShortFormat, typer.Option("--format", "-f", help="table, json or md.")
    ] = ShortFormat.table,
    output: OutputOption = None,
) -> None:
    """The review of several years: totals side by side with the change, each agency across
    the years (value, idle years), pairings started and ended, dormant villages."""
    from ketnghia.reports import render_md, render_table
    from ketnghia.reports.review import review as build

    with state(ctx).database().session() as session:
        data = build(session, first, last)
    _emit(data, fmt, output, render_table.review, render_md.review)


@app.command("agency")
def agency(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Agency code, id or name.")],
    year: Annotated[int, year_option("--year", help="The year reported on.")],
    fmt: Annotated[
        ShortFormat, typer.Option("--format", "-f", help="table, json or md.")
    ] = ShortFormat.table,
    output: OutputOption = None,
) -> None:
    """One agency's own report for a year: its villages, activities, visits, open
    aspirations — the page each unit sends up."""
    from ketnghia.reports import render_md, render_table
    from ketnghia.reports.review import agency_report

    with state(ctx).database().session() as session:
        data = agency_report(session, key, year)
    _emit(data, fmt, output, render_table.agency, render_md.agency)
