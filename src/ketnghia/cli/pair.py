"""ketnghia pair add|list|show|end|edit|remove"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from ketnghia.cli.common import (
    AgencyOption,
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
from ketnghia.schema import PAIRINGS

app = typer.Typer(help="Pairings of an agency with a village (kết nghĩa).", no_args_is_help=True)

PairKey = Annotated[str | None, typer.Argument(help="Pairing id, as shown by list.")]
StartedOn = Annotated[
    str | None,
    typer.Option("--started-on", "--since", help="Pick the pairing that started on this date."),
]


def _pick(session: Any, key: str | None, agency: str | None, village: str | None, started: Any):  # type: ignore[no-untyped-def]
    from ketnghia.services.pairings import get_pairing

    started_on = date_option(started, "--started-on")
    return get_pairing(session, key, agency=agency, village=village, started_on=started_on)


def _key(row: dict[str, Any]) -> str:
    return f"#{row['id']} {row['agency_code']}–{row['village_code']}"


@app.command("add")
@field_options(
    PAIRINGS,
    aliases={
        "agency_code": ["--agency-code"],
        "village_code": ["--village-code"],
        "started_on": ["--since"],
    },
    rename={"agency_code": "agency", "village_code": "village"},
)
def add(ctx: typer.Context, fmt: MaybeFormatOption = None, values: Any = None) -> None:
    """Pair an agency with a village: --agency, --village and --since are required."""
    from ketnghia.services.pairings import add_pairing, pairing_row

    with state(ctx).database().write() as session:
        row = pairing_row(session, add_pairing(session, values))
    done("added", PAIRINGS, row, fmt, kind=t("rec_pairing"), key=_key(row))


@app.command("list")
def list_(
    ctx: typer.Context,
    agency: AgencyOption = None,
    village: VillageOption = None,
    district: DistrictOption = None,
    commune: Annotated[str | None, typer.Option("--commune", help="Commune name.")] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="With --district/--commune: where villages were on this date (else as recorded).",
        ),
    ] = None,
    year: Annotated[int | None, year_option("--year", help="Active during year Y.")] = None,
    active: Annotated[bool, typer.Option("--active", help="Only those active today.")] = False,
    search: SearchOption = None,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    """List pairings by agency name, then village name."""
    from ketnghia.services.pairings import list_pairings

    with state(ctx).database().session() as session:
        rows = list_pairings(
            session,
            agency=agency,
            village=village,
            district=district,
            year=year,
            active_on=dt.date.today() if active else None,
            search=search,
            commune=commune,
            as_of=date_option(as_of, "--as-of"),
        )
    emit_rows(PAIRINGS, rows, fmt, output)


@app.command("show")
def show(
    ctx: typer.Context,
    key: PairKey = None,
    agency: AgencyOption = None,
    village: VillageOption = None,
    started_on: StartedOn = None,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    """Show a pairing: its id, or --agency and --village (the one active today, or the only
    one)."""
    from ketnghia.services.pairings import pairing_row

    with state(ctx).database().session() as session:
        row = pairing_row(session, _pick(session, key, agency, village, started_on))
    emit_record(PAIRINGS, row, fmt, output)


@app.command("end")
def end(
    ctx: typer.Context,
    key: PairKey = None,
    agency: AgencyOption = None,
    village: VillageOption = None,
    started_on: StartedOn = None,
    on: Annotated[str | None, typer.Option("--on", help="The last day of the pairing.")] = None,
    fmt: MaybeFormatOption = None,
) -> None:
    """End a pairing on a date: pair end --agency A --village V --on DATE."""
    from ketnghia.services.pairings import end_pairing, pairing_row

    last_day = date_option(on, "--on")
    with state(ctx).database().write() as session:
        pairing = end_pairing(session, _pick(session, key, agency, village, started_on), last_day)
        row = pairing_row(session, pairing)
    done("ended", PAIRINGS, row, fmt, kind=t("rec_pairing"), key=_key(row), date=row["ended_on"])


@app.command("edit")
@field_options(PAIRINGS, skip=("agency_code", "village_code", "started_on"))
def edit(
    ctx: typer.Context,
    key: PairKey = None,
    agency: AgencyOption = None,
    village: VillageOption = None,
    started_on: StartedOn = None,
    new_start: Annotated[
        str | None, typer.Option("--new-started-on", help="Move the start date.")
    ] = None,
    fmt: MaybeFormatOption = None,
    values: Any = None,
) -> None:
    """Change a pairing's dates, decision, lead, supporters or note."""
    from ketnghia.services.pairings import edit_pairing, pairing_row

    if new_start is not None:
        values["started_on"] = new_start
    with state(ctx).database().write() as session:
        pairing = edit_pairing(session, _pick(session, key, agency, village, started_on), values)
        row = pairing_row(session, pairing)
    done("updated", PAIRINGS, row, fmt, kind=t("rec_pairing"), key=_key(row))


@app.command("remove")
def remove(
    ctx: typer.Context,
    key: PairKey = None,
    agency: AgencyOption = None,
    village: VillageOption = None,
    started_on: StartedOn = None,
) -> None:
    """Remove a pairing that has no activities or visits (e.g. one entered by mistake)."""
    from ketnghia.services.pairings import pairing_row, remove_pairing

    with state(ctx).database().write() as session:
        pairing = _pick(session, key, agency, village, started_on)
        row = pairing_row(session, pairing)
        remove_pairing(session, pairing)
    typer.echo(t("removed", kind=t("rec_pairing"), key=_key(row)))
