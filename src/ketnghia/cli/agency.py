"""ketnghia agency add|list|show|edit|remove"""

from __future__ import annotations

from typing import Annotated

import typer

from ketnghia.cli.options import (
    AgencyKeyArgument,
    ColumnsOption,
    DistrictOption,
    FormatOption,
    OutputOption,
    SearchOption,
    complete_agency,
)
from ketnghia.cli.options import Format as Fmt
from ketnghia.cli.output import emit_rows
from ketnghia.cli.records import REQUIRED, ByCode, Commands, by_code_docs, register
from ketnghia.cli.state import state
from ketnghia.schema import AGENCIES

app = typer.Typer(help="Agencies and units (cơ quan, đơn vị).", no_args_is_help=True)


def _service():
    from ketnghia.services.registers import agencies

    return agencies


COMMANDS = Commands(
    kind=AGENCIES,
    record="agency",
    service=lambda: ByCode(_service()),
    key_of=lambda row: row["code"],
    key=("key", AgencyKeyArgument, REQUIRED),
    docs=by_code_docs("agency"),
)
register(app, COMMANDS, "add", "show", "edit", "remove")


@app.command("list")
def list_(
    ctx: typer.Context,
    search: SearchOption = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Agency kind.")] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="province, district or commune.")
    ] = None,
    district: DistrictOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    columns: ColumnsOption = None,
) -> None:
    """List agencies in Vietnamese alphabetical order of their names."""
    from ketnghia.services.fields import parse_field

    svc = _service()
    filters = {
        "kind": parse_field(AGENCIES, "kind", kind),
        "level": parse_field(AGENCIES, "level", level),
        "district": district,
    }
    with state(ctx).database().session() as session:
        rows = [svc.row(a) for a in svc.list(session, search=search, **filters)]
    emit_rows(AGENCIES, rows, fmt, output, columns=columns)


@app.command("merge")
def merge(
    ctx: typer.Context,
    old: Annotated[
        list[str],
        typer.Argument(
            help="The agencies that were merged (codes).", shell_complete=complete_agency
        ),
    ],
    into: Annotated[
        str,
        typer.Option(
            "--into", help="The agency they became (add it first).", shell_complete=complete_agency
        ),
    ],
    on: Annotated[str, typer.Option("--on", help="The day of the merger.")],
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Merge agencies into another from a date: their pairings continue under it (not new
    pairings), with the activities and visits from that day; reports before it are unchanged."""
    from ketnghia.cli.options import required_date_option
    from ketnghia.cli.output import chosen_format, write_json
    from ketnghia.i18n import t
    from ketnghia.services.mergers import merge_agencies

    day = required_date_option(on, "--on")
    with state(ctx).database().write() as session:
        summary = merge_agencies(session, old, into, day)
    if chosen_format(fmt, output) is Fmt.json:
        write_json(summary, output)
        return
    typer.echo(
        t(
            "merged",
            agencies=", ".join(summary["agencies"]),
            into=summary["into"],
            on=summary["on"],
            carried=summary["carried_pairings"] + summary["joined_pairings"],
            activities=summary["moved_activities"],
            visits=summary["moved_visits"],
        )
    )
