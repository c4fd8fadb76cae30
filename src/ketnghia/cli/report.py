"""ketnghia report annual"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ketnghia.cli.options import OutputOption, complete_agency, date_option, year_option
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
    docx = "docx"


# The signed document (--format docx): its template and its settings. Every default is in
# i18n (reports/document.py); a setting given replaces it.
TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        help="Fill this Word template (Jinja tags, see README) instead of the built-in layout.",
    ),
]
IssuerOption = Annotated[
    str | None,
    typer.Option("--issuer", help="html, docx: the issuing body (BAN TUYÊN GIÁO VÀ DÂN VẬN)."),
]
SuperiorOption = Annotated[
    str | None,
    typer.Option(
        "--superior", "--issuer-parent", help="html, docx: the superior body (TỈNH ỦY GIA LAI)."
    ),
]
IssuerShortOption = Annotated[
    str | None,
    typer.Option(
        "--issuer-short", help="html, docx: the issuer's letters after the number (BTGDVTU)."
    ),
]
PlaceOption = Annotated[
    str | None, typer.Option("--place", help="html, docx: the place before the date (Gia Lai).")
]
DocDateOption = Annotated[
    str | None, typer.Option("--date", help="html, docx: the date the document is made (today).")
]
SignerOption = Annotated[
    str | None, typer.Option("--signer", help="html, docx: the signer's name (blank: by hand).")
]
SignerTitleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--signer-title", help="html, docx: the signer's position, a line each (TRƯỞNG BAN)."
    ),
]
RecipientOption = Annotated[
    list[str] | None,
    typer.Option("--recipient", help='html, docx: a recipient under "Nơi nhận:", one each.'),
]


def _letterhead(**given: Any) -> Any:
    """The document's settings: each option given, else its environment variable, else the
    config file (ketnghia.settings), else the default; checked like any text a user types."""
    from ketnghia.cli.options import date_option, text_option
    from ketnghia.reports.document import letterhead
    from ketnghia.settings import resolve_list, resolve_text

    def text(key: str, option: str) -> str | None:
        return text_option(resolve_text(key, given[key]), option)

    def lines(key: str, option: str) -> list[str]:
        chosen = resolve_list(key, given[key])
        return [line for v in chosen or () if (line := text_option(v, option))]

    return letterhead(
        get_lang(),
        issuer=text("issuer", "--issuer"),
        issuer_parent=text("issuer_parent", "--superior"),
        issuer_short=text("issuer_short", "--issuer-short"),
        place=text("place", "--place"),
        made_on=date_option(given["made_on"], "--date"),
        signer=text("signer", "--signer"),
        signer_title=lines("signer_title", "--signer-title"),
        recipients=lines("recipients", "--recipient"),
    )


# The letterhead's options, each as the parameter _letterhead knows it by
_LETTERHEAD = (
    ("issuer", IssuerOption),
    ("issuer_parent", SuperiorOption),
    ("issuer_short", IssuerShortOption),
    ("place", PlaceOption),
    ("made_on", DocDateOption),
    ("signer", SignerOption),
    ("signer_title", SignerTitleOption),
    ("recipients", RecipientOption),
)


def with_letterhead(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give a report command the document's options (--issuer … --recipient, after its own);
    it receives them resolved as `head` (ketnghia.settings: option, environment, file,
    default)."""
    import inspect

    from ketnghia.cli.options import with_parameters

    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=option)
        for name, option in _LETTERHEAD
    ]

    def take(kwargs: dict[str, Any]) -> dict[str, Any]:
        return {"head": _letterhead(**{name: kwargs.pop(name) for name, _ in _LETTERHEAD})}

    return with_parameters(func, added, take, supplies="head")


def _docx_checks(fmt: str, output: Path | None, template: Path | None) -> None:
    """What a Word report needs, said before any work: a file to write (never binary to a
    terminal) and a template that is a Word file."""
    from ketnghia.errors import KetnghiaError
    from ketnghia.outputs import is_stdout

    if template is not None and fmt != "docx":
        raise KetnghiaError("docx_template_option")
    if fmt != "docx":
        return
    if output is None or (is_stdout(output) and sys.stdout.isatty()):
        raise KetnghiaError("docx_needs_output")
    if template is not None:
        from ketnghia.reports.fill_docx import check

        check(template)


def _docx(
    session: Any, report_kind: str, data: dict[str, Any], template: Path | None, head: Any
) -> Any:
    """The Word document of a report (the built-in layout, or the template filled): made
    while the report's session is open, for the names of agencies and villages."""
    from ketnghia.reports import render_docx
    from ketnghia.reports.document import with_names

    lang = get_lang()
    named = with_names(session, data)
    if template is not None:
        from ketnghia.reports import fill_docx

        return fill_docx.fill(
            template,
            fill_docx.context(report_kind, named, lang, head),
            fill_docx.pictures(report_kind, named, lang),
        )
    return render_docx.document(report_kind, named, lang, head)


def _save(document: Any, output: Path) -> None:
    from ketnghia.outputs import write_with

    write_with(output, document.save)
    written(output)


@app.command("annual")
@with_letterhead
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
        str | None,
        typer.Option(
            "--agency", help="Only this agency (code or name).", shell_complete=complete_agency
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Place villages on the map of this date (e.g. 2025-07-01)."),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="table, json, csv, xlsx, md, html or docx."),
    ] = ReportFormat.table,
    output: OutputOption = None,
    file: Annotated[
        bool,
        typer.Option("--file", help="File this report: store its figures and lock the year."),
    ] = False,
    template: TemplateOption = None,
    head: Any = None,
) -> None:
    """The annual report: pairings, activities and their value, visits, household pairings,
    and the formalism warnings (idle pairings, especially difficult villages left unpaired)."""
    from ketnghia.errors import KetnghiaError
    from ketnghia.outputs import is_stdout, printable, refuse_database
    from ketnghia.reports import filing
    from ketnghia.reports.annual import Scope, annual_report
    from ketnghia.values import format_date

    scope = Scope(district, agency, commune, date_option(as_of, "--as-of"))
    # before --file stores anything
    if not is_stdout(output):
        refuse_database(output)  # type: ignore[arg-type]
    _docx_checks(fmt.value, output, template)
    if fmt is ReportFormat.xlsx:
        check_binary_output(output)
    docx = fmt is ReportFormat.docx
    document = None
    if file:
        if scope != Scope():
            raise KetnghiaError("file_needs_whole_province")
        with state(ctx).database().write() as session:
            filed = filing.file_report(session, year)
            if docx:  # in the filing's transaction: a template that fails files nothing
                document = _docx(session, "annual", annual_report(session, year), template, head)
        typer.echo(t("filed", year=year, sha=filed.sha256[:12]), err=True)
    with state(ctx).database().session() as session:
        report = annual_report(session, year, scope)
        found = filing.drift(session, year) if scope == Scope() else None
        if docx and document is None:
            document = _docx(session, "annual", report, template, head)
    if found is not None and not file:
        filed, sections = found
        when = format_date(filed.filed_at, get_lang())
        who = printable(filed.filed_by or "")  # as --actor gave it
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
    render("annual", report, fmt, output, head, document)


def render(
    report_kind: str,
    data: dict[str, Any],
    fmt: ReportFormat,
    output: Path | None,
    head: Any = None,
    document: Any = None,
) -> None:
    """Write a report (annual, review, agency) in the chosen format: every format shows every
    section of reports/layout.REPORTS. A Word document is made beforehand, while the report's
    session is open (`document`); `head` is the signed document's settings (HTML, Word)."""
    from ketnghia.outputs import is_stdout
    from ketnghia.reports import render_csv, render_html, render_md, render_table, render_xlsx

    lang = get_lang()
    if fmt is ReportFormat.json:
        write_json(data, output)
    elif fmt is ReportFormat.csv:
        write_text(render_csv.document(report_kind, data), output, bom=not is_stdout(output))
    elif fmt is ReportFormat.md:
        write_text(render_md.document(report_kind, data, lang), output)
    elif fmt is ReportFormat.html:
        write_text(render_html.document(report_kind, data, lang, head), output)
    elif fmt is ReportFormat.xlsx:
        render_xlsx.workbook(report_kind, data, lang, output)  # type: ignore[arg-type]
        written(output)
    elif fmt is ReportFormat.docx and output is not None:
        _save(document, output)
    else:
        print_rich(render_table.document(report_kind, data, lang), output)


@app.command("review")
@with_letterhead
def review(
    ctx: typer.Context,
    first: Annotated[int, year_option("--from", help="First year of the period.")],
    last: Annotated[int, year_option("--to", help="Last year of the period.")],
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="table, json, csv, xlsx, md, html or docx."),
    ] = ReportFormat.table,
    output: OutputOption = None,
    template: TemplateOption = None,
    head: Any = None,
) -> None:
    """The review of several years: totals side by side with the change, each agency across
    the years (value, idle years), pairings started and ended, dormant villages."""
    from ketnghia.reports.review import review as build

    _docx_checks(fmt.value, output, template)
    if fmt is ReportFormat.xlsx:
        check_binary_output(output)
    with state(ctx).database().session() as session:
        data = build(session, first, last)
        document = (
            _docx(session, "review", data, template, head) if fmt is ReportFormat.docx else None
        )
    render("review", data, fmt, output, head, document)


@app.command("agency")
@with_letterhead
def agency(
    ctx: typer.Context,
    key: Annotated[
        str, typer.Argument(help="Agency code, id or name.", shell_complete=complete_agency)
    ],
    year: Annotated[int, year_option("--year", help="The year reported on.")],
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="table, json, csv, xlsx, md, html or docx."),
    ] = ReportFormat.table,
    output: OutputOption = None,
    template: TemplateOption = None,
    head: Any = None,
) -> None:
    """One agency's own report for a year: its villages, activities, visits, open
    aspirations — the page each unit sends up."""
    from ketnghia.reports.review import agency_report

    _docx_checks(fmt.value, output, template)
    if fmt is ReportFormat.xlsx:
        check_binary_output(output)
    with state(ctx).database().session() as session:
        data = agency_report(session, key, year)
        document = (
            _docx(session, "agency", data, template, head) if fmt is ReportFormat.docx else None
        )
    render("agency", data, fmt, output, head, document)


@app.command("docx-template")
def docx_template(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the template (.docx).")
    ],
) -> None:
    """Write the default Word template of the annual report, to edit in Word and use with
    `report annual --format docx --template FILE` (its tags and filters: see README)."""
    from ketnghia.outputs import binary_output
    from ketnghia.resources import report_template

    data = report_template().read_bytes()
    with binary_output(output) as handle:
        handle.write(data)
    written(output)
