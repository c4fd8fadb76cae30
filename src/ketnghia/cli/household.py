"""ketnghia household add|list|show|end|remove"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ketnghia.cli.common import (
    DistrictOption,
    FormatOption,
    MaybeFormatOption,
    OutputOption,
    SearchOption,
    VillageOption,
    date_option,
    done,
    emit_record,
    emit_rows,
    field_options,
    state,
    year_option,
)
from ketnghia.cli.common import Format as Fmt
from ketnghia.i18n import t
from ketnghia.schema import HOUSEHOLDS

app = typer.Typer(
    help="Household pairings: a well-off household helps a poor one (kết nghĩa hộ).",
    no_args_is_help=True,
)
HouseholdKey = Annotated[str | None, typer.Argument(help="Id as shown by list.")]
Helper = Annotated[str | None, typer.Option("--helper", help="The helping household.")]
Helped = Annotated[str | None, typer.Option("--helped", help="The household helped.")]


def _key(row: dict[str, Any]) -> str:
    return f"#{row['id']} {row['helper']} → {row['helped']}"


@app.command("add")
@field_options(
    HOUSEHOLDS,
    aliases={"village_code": ["--village-code"], "started_on": ["--since"]},
    rename={"village_code": "village"},
)
def add(ctx: typer.Context, fmt: MaybeFormatOption = None, values: Any = None) -> None:
    """Pair a helping household with a helped one in a village."""
    from ketnghia.services.households import add_household, household_row

    with state(ctx).database().write() as session:
        row = household_row(session, add_household(session, values))
    done("added", HOUSEHOLDS, row, fmt, kind=t("rec_household"), key=_key(row))


@app.command("list")
def list_(
    ctx: typer.Context,
    village: VillageOption = None,
    district: DistrictOption = None,
    year: Annotated[int | None, year_option("--year", help="Active during year Y.")] = None,
    search: SearchOption = None,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    """List household pairings by village."""
    from ketnghia.services.households import list_households

    with state(ctx).database().session() as session:
        rows = list_households(
            session, village=village, district=district, year=year, search=search
        )
    emit_rows(HOUSEHOLDS, rows, fmt, output)


def _pick(session: Any, key: Any, village: Any, helper: Any, helped: Any):  # type: ignore[no-untyped-def]
    from ketnghia.services.households import get_household

    return get_household(session, key, village=village, helper=helper, helped=helped)


@app.command("show")
def show(
    ctx: typer.Context,
    key: HouseholdKey = None,
    village: VillageOption = None,
    helper: Helper = None,
    helped: Helped = None,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    """Show a household pairing: its id, or --village --helper --helped."""
    from ketnghia.services.households import household_row

    with state(ctx).database().session() as session:
        row = household_row(session, _pick(session, key, village, helper, helped))
    emit_record(HOUSEHOLDS, row, fmt, output)


@app.command("end")
def end(
    ctx: typer.Context,
    key: HouseholdKey = None,
    village: VillageOption = None,
    helper: Helper = None,
    helped: Helped = None,
    on: Annotated[str | None, typer.Option("--on", help="The last day of the pairing.")] = None,
    fmt: MaybeFormatOption = None,
) -> None:
    """End a household pairing on a date."""
    from ketnghia.services.households import end_household, household_row

    last_day = date_option(on, "--on")
    with state(ctx).database().write() as session:
        obj = end_household(session, _pick(session, key, village, helper, helped), last_day)
        row = household_row(session, obj)
    done(
        "ended", HOUSEHOLDS, row, fmt, kind=t("rec_household"), key=_key(row), date=row["ended_on"]
    )


@app.command("remove")
def remove(
    ctx: typer.Context,
    key: HouseholdKey = None,
    village: VillageOption = None,
    helper: Helper = None,
    helped: Helped = None,
) -> None:
    """Remove a household pairing entered by mistake."""
    from ketnghia.services.households import household_row, remove_household

    with state(ctx).database().write() as session:
        obj = _pick(session, key, village, helper, helped)
        row = household_row(session, obj)
        remove_household(session, obj)
    typer.echo(t("removed", kind=t("rec_household"), key=_key(row)))
