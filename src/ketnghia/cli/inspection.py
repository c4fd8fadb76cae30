"""ketnghia inspection add|list|show|edit|remove"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ketnghia.cli.common import (
    AgencyOption,
    FormatOption,
    MaybeFormatOption,
    OutputOption,
    SearchOption,
    VillageOption,
    YearOption,
    done,
    emit_record,
    emit_rows,
    field_options,
    state,
)
from ketnghia.cli.common import Format as Fmt
from ketnghia.i18n import t
from ketnghia.schema import INSPECTIONS

app = typer.Typer(
    help="Inspections by the Mass Mobilisation Commission (kiểm tra, giám sát).",
    no_args_is_help=True,
)
InspectionKey = Annotated[str, typer.Argument(help="Id as shown by list.")]
OPTIONS: dict[str, Any] = {
    "aliases": {"agency_code": ["--agency-code"], "village_code": ["--village-code"]},
    "rename": {"agency_code": "agency", "village_code": "village"},
}


def _key(row: dict[str, Any]) -> str:
    return f"#{row['id']} {row['date']} {row['agency_code']}"


@app.command("add")
@field_options(INSPECTIONS, **OPTIONS)
def add(ctx: typer.Context, fmt: MaybeFormatOption = None, values: Any = None) -> None:
    """Record an inspection of an agency's twinning work (optionally in one village)."""
    from ketnghia.services.inspections import add_inspection, inspection_row

    with state(ctx).database().write() as session:
        row = inspection_row(session, add_inspection(session, values))
    done("added", INSPECTIONS, row, fmt, kind=t("rec_inspection"), key=_key(row))


@app.command("list")
def list_(
    ctx: typer.Context,
    agency: AgencyOption = None,
    village: VillageOption = None,
    year: YearOption = None,
    search: SearchOption = None,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    """List inspections by date."""
    from ketnghia.services.inspections import list_inspections

    with state(ctx).database().session() as session:
        rows = list_inspections(session, agency=agency, village=village, year=year, search=search)
    emit_rows(INSPECTIONS, rows, fmt, output)


@app.command("show")
def show(
    ctx: typer.Context,
    key: InspectionKey,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    """Show one inspection."""
    from ketnghia.services.inspections import get_inspection, inspection_row

    with state(ctx).database().session() as session:
        row = inspection_row(session, get_inspection(session, key))
    emit_record(INSPECTIONS, row, fmt, output)


@app.command("edit")
@field_options(INSPECTIONS, **OPTIONS)
def edit(
    ctx: typer.Context, key: InspectionKey, fmt: MaybeFormatOption = None, values: Any = None
) -> None:
    """Change the given fields of an inspection."""
    from ketnghia.services.inspections import edit_inspection, get_inspection, inspection_row

    with state(ctx).database().write() as session:
        obj = edit_inspection(session, get_inspection(session, key), values)
        row = inspection_row(session, obj)
    done("updated", INSPECTIONS, row, fmt, kind=t("rec_inspection"), key=_key(row))


@app.command("remove")
def remove(ctx: typer.Context, key: InspectionKey) -> None:
    """Remove an inspection."""
    from ketnghia.services.inspections import get_inspection, inspection_row, remove_inspection

    with state(ctx).database().write() as session:
        obj = get_inspection(session, key)
        row = inspection_row(session, obj)
        remove_inspection(session, obj)
    typer.echo(t("removed", kind=t("rec_inspection"), key=_key(row)))
