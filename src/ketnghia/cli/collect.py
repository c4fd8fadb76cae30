"""ketnghia collect forms | status: the yearly collection round with the paired agencies."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketnghia.cli.options import FormatOption, OutputOption, document_lang, year_option
from ketnghia.cli.state import state
from ketnghia.i18n import t

app = typer.Typer(
    help="The yearly collection round: a form to every paired agency, the returns, and who is "
    "still missing.",
    no_args_is_help=True,
)


@app.command("forms")
def forms(
    ctx: typer.Context,
    year: Annotated[int, year_option("--year", help="The year the forms ask about.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FOLDER",
            help="The folder to write the forms in (made if needed).",
        ),
    ],
    agency: Annotated[
        list[str] | None,
        typer.Option(
            "--agency",
            help="Only this agency (code or name); repeat for several. Default: every agency "
            "with a pairing active in the year.",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", metavar="vi|en", help="Language of the forms' headers and guide."),
    ] = None,
) -> None:
    """One Excel form per agency for its return of a year: its pairings, its activities,
    visits and household pairings of the year to correct, empty rows for new ones (drop-downs
    limited to its own villages), a guide, and a hidden identity sheet. Each form is recorded;
    a returned form imports with `ketnghia import`."""
    from ketnghia.importing.forms import agencies_for, make_forms

    chosen = document_lang(lang, state(ctx).lang)
    db = state(ctx).database()
    with db.write() as session:
        agencies = agencies_for(session, year, agency or [])
        written = make_forms(session, year, output, agencies, chosen)
    typer.echo(t("forms_written", count=len(written), path=str(output)), err=True)


@app.command("status")
def status(
    ctx: typer.Context,
    year: Annotated[int, year_option("--year", help="The year of the round.")],
    due: Annotated[
        str | None,
        typer.Option("--due", help="The due date: a first return after it is late."),
    ] = None,
    missing: Annotated[
        bool,
        typer.Option("--missing", help="Only the agencies still missing, with head and phone."),
    ] = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Where the round stands: per agency expected (a pairing active in the year) its form,
    its returns and the rows they brought; the reporting rate overall, by district and by
    commune; or, with --missing, the agencies to chase."""
    from ketnghia.cli.options import date_option
    from ketnghia.cli.output import chosen_format
    from ketnghia.cli.report import ReportFormat, render
    from ketnghia.reports.collection import collection_status

    day = date_option(due, "--due")
    chosen = chosen_format(fmt, output, before_writing=True)
    with state(ctx).database().session() as session:
        data = collection_status(session, year, day, missing=missing)
    kind = "collection_missing" if missing else "collection"
    render(kind, data, ReportFormat(chosen.value), output)
