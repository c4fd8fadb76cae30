"""ketnghia visit add|list|show|edit|remove"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from ketnghia.cli.options import (
    AgencyOption,
    ColumnsOption,
    DistrictOption,
    FormatOption,
    MaybeFormatOption,
    OutputOption,
    SearchOption,
    VillageOption,
    YearOption,
    date_option,
    text_option,
)
from ketnghia.cli.output import done, emit_rows
from ketnghia.cli.records import (
    DATED_FIELDS,
    REQUIRED,
    Commands,
    DatedKey,
    dated_docs,
    dated_key,
    register,
)
from ketnghia.cli.state import state
from ketnghia.i18n import t
from ketnghia.schema import VISITS

app = typer.Typer(
    help="Visits to learn the situation and what people ask for (nắm tình hình).",
    no_args_is_help=True,
)


def _service():
    from ketnghia.services.dated_records import visits

    return visits


COMMANDS = Commands(
    kind=VISITS,
    record="visit",
    service=_service,
    key_of=dated_key,
    key=("key", DatedKey, REQUIRED),
    docs=dated_docs("visit"),
    fields=DATED_FIELDS,
)
register(app, COMMANDS, "add", "show", "edit", "remove")


@app.command("list")
def list_(
    ctx: typer.Context,
    agency: AgencyOption = None,
    village: VillageOption = None,
    district: DistrictOption = None,
    year: YearOption = None,
    open_: Annotated[
        bool,
        typer.Option("--open", help="Only visits whose aspirations are not yet resolved."),
    ] = False,
    search: SearchOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    columns: ColumnsOption = None,
) -> None:
    """List visits by date."""
    from ketnghia.services.dated_records import open_aspirations

    svc = _service()
    with state(ctx).database().session() as session:
        rows = svc.list(
            session,
            agency=agency,
            village=village,
            district=district,
            year=year,
            search=search,
            condition=open_aspirations(dt.date.today()) if open_ else None,
        )
    emit_rows(VISITS, rows, fmt, output, columns=columns)


@app.command("resolve")
def resolve(
    ctx: typer.Context,
    key: DatedKey,
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="The day they were resolved (default: today)."),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="How: added to the visit's note."),
    ] = None,
    fmt: MaybeFormatOption = None,
) -> None:
    """Mark a visit's aspirations resolved: its resolved-on date and a note."""
    day = date_option(on, "--on")
    text = text_option(note, "--note")
    svc = _service()
    with state(ctx).database().write() as session:
        row = svc.row(session, svc.resolve(session, svc.get(session, key), day, text))
    kind = t("rec_visit")
    done("resolved", VISITS, row, fmt, kind=kind, key=dated_key(row), date=row["resolved_on"])
