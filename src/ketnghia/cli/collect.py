"""ketnghia collect forms | status: the yearly collection round with the paired agencies."""

from __future__ import annotations

from typing import Annotated

import typer

from ketnghia.cli.options import FormatOption, OutputOption, year_option
from ketnghia.cli.state import state

app = typer.Typer(
    help="The yearly collection round: a form to every paired agency, the returns, and who is "
    "still missing.",
    no_args_is_help=True,
)


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
