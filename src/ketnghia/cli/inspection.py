"""ketnghia inspection add|list|show|edit|remove"""

from __future__ import annotations

from typing import Annotated

import typer

from ketnghia.cli.options import (
    AgencyOption,
    ColumnsOption,
    FormatOption,
    OutputOption,
    SearchOption,
    VillageOption,
    YearOption,
)
from ketnghia.cli.output import emit_rows
from ketnghia.cli.records import REQUIRED, Commands, register
from ketnghia.cli.state import state
from ketnghia.schema import INSPECTIONS

app = typer.Typer(
    help="Inspections by the Mass Mobilisation Commission (kiểm tra, giám sát).",
    no_args_is_help=True,
)
InspectionKey = Annotated[str, typer.Argument(help="Id as shown by list.")]


def _service():
    from ketnghia.services.inspections import inspections

    return inspections


COMMANDS = Commands(
    kind=INSPECTIONS,
    record="inspection",
    service=_service,
    key_of=lambda row: f"#{row['id']} {row['date']} {row['agency_code']}",
    key=("key", InspectionKey, REQUIRED),
    docs={
        "add": "Record an inspection of an agency's twinning work (optionally in one village).",
        "show": "Show one inspection.",
        "edit": "Change the given fields of an inspection.",
        "remove": "Remove an inspection.",
    },
    fields={
        "aliases": {"agency_code": ["--agency-code"], "village_code": ["--village-code"]},
        "rename": {"agency_code": "agency", "village_code": "village"},
    },
)
register(app, COMMANDS, "add")


@app.command("list")
def list_(
    ctx: typer.Context,
    agency: AgencyOption = None,
    village: VillageOption = None,
    year: YearOption = None,
    search: SearchOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    columns: ColumnsOption = None,
) -> None:
    """List inspections by date."""
    from ketnghia.services.inspections import list_inspections

    with state(ctx).database().session() as session:
        rows = list_inspections(session, agency=agency, village=village, year=year, search=search)
    emit_rows(INSPECTIONS, rows, fmt, output, columns=columns)


register(app, COMMANDS, "show", "edit", "remove")
