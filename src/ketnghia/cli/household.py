"""ketnghia household add|list|show|end|remove"""

from __future__ import annotations

from typing import Annotated

import typer

from ketnghia.cli.options import (
    ColumnsOption,
    DistrictOption,
    FormatOption,
    OutputOption,
    SearchOption,
    VillageOption,
    year_option,
)
from ketnghia.cli.output import emit_rows
from ketnghia.cli.records import Commands, register
from ketnghia.cli.state import state
from ketnghia.schema import HOUSEHOLDS

app = typer.Typer(
    help="Household pairings: a well-off household helps a poor one (kết nghĩa hộ).",
    no_args_is_help=True,
)
HouseholdKey = Annotated[str | None, typer.Argument(help="Id as shown by list.")]
Helper = Annotated[str | None, typer.Option("--helper", help="The helping household.")]
Helped = Annotated[str | None, typer.Option("--helped", help="The household helped.")]


def _service():
    from ketnghia.services.households import households

    return households


COMMANDS = Commands(
    kind=HOUSEHOLDS,
    record="household",
    service=_service,
    key_of=lambda row: f"#{row['id']} {row['helper']} → {row['helped']}",
    key=("key", HouseholdKey, None),
    naming=(("village", VillageOption, None), ("helper", Helper, None), ("helped", Helped, None)),
    docs={
        "add": "Pair a helping household with a helped one in a village.",
        "show": "Show a household pairing: its id, or --village --helper --helped.",
        "end": "End a household pairing on a date.",
        "remove": "Remove a household pairing entered by mistake.",
    },
    fields={
        "aliases": {"village_code": ["--village-code"], "started_on": ["--since"]},
        "rename": {"village_code": "village"},
    },
)
register(app, COMMANDS, "add")


@app.command("list")
def list_(
    ctx: typer.Context,
    village: VillageOption = None,
    district: DistrictOption = None,
    year: Annotated[int | None, year_option("--year", help="Active during year Y.")] = None,
    search: SearchOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    columns: ColumnsOption = None,
) -> None:
    """List household pairings by village."""
    from ketnghia.services.households import list_households

    with state(ctx).database().session() as session:
        rows = list_households(
            session, village=village, district=district, year=year, search=search
        )
    emit_rows(HOUSEHOLDS, rows, fmt, output, columns=columns)


register(app, COMMANDS, "show", "end", "remove")
