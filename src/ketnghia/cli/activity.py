"""ketnghia activity add|list|show|edit|remove"""

from __future__ import annotations

from typing import Annotated

import typer

from ketnghia.cli.options import (
    AgencyOption,
    ColumnsOption,
    DistrictOption,
    FormatOption,
    OutputOption,
    SearchOption,
    VillageOption,
    YearOption,
    date_option,
)
from ketnghia.cli.output import emit_rows
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
from ketnghia.schema import ACTIVITIES

app = typer.Typer(
    help="Activities: works and support that leave concrete products.", no_args_is_help=True
)


def _service():
    from ketnghia.services.dated_records import activities

    return activities


COMMANDS = Commands(
    kind=ACTIVITIES,
    record="activity",
    service=_service,
    key_of=dated_key,
    key=("key", DatedKey, REQUIRED),
    docs=dated_docs("activity"),
    fields=DATED_FIELDS | {"aliases": DATED_FIELDS["aliases"] | {"value_vnd": ["--value"]}},
)
register(app, COMMANDS, "add", "show", "edit", "remove")


@app.command("list")
def list_(
    ctx: typer.Context,
    agency: AgencyOption = None,
    village: VillageOption = None,
    district: DistrictOption = None,
    year: YearOption = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Activity kind.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source of funds.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="From this date.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Up to this date.")] = None,
    search: SearchOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    columns: ColumnsOption = None,
) -> None:
    """List activities by date."""
    from ketnghia.services.fields import parse_field

    svc = _service()
    with state(ctx).database().session() as session:
        rows = svc.list(
            session,
            agency=agency,
            village=village,
            district=district,
            year=year,
            date_from=date_option(date_from, "--from"),
            date_to=date_option(date_to, "--to"),
            search=search,
            kind=parse_field(ACTIVITIES, "kind", kind),
            source=parse_field(ACTIVITIES, "source", source),
        )
    emit_rows(ACTIVITIES, rows, fmt, output, columns=columns)
