"""ketnghia pair add|list|show|end|edit|remove"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from ketnghia.cli.options import (
    AgencyOption,
    ColumnsOption,
    DistrictOption,
    FormatOption,
    OutputOption,
    SearchOption,
    VillageOption,
    date_option,
    year_option,
)
from ketnghia.cli.output import emit_rows
from ketnghia.cli.records import Commands, register
from ketnghia.cli.state import state
from ketnghia.schema import PAIRINGS

app = typer.Typer(help="Pairings of an agency with a village (kết nghĩa).", no_args_is_help=True)

PairKey = Annotated[str | None, typer.Argument(help="Pairing id, as shown by list.")]
StartedOn = Annotated[
    str | None,
    typer.Option("--started-on", "--since", help="Pick the pairing that started on this date."),
]

NewStart = Annotated[str | None, typer.Option("--new-started-on", help="Move the start date.")]


def _service():
    from ketnghia.services.pairings import service

    return service


def _pick(svc: Any, session: Any, key: Any, agency: Any, village: Any, started_on: Any) -> Any:
    started = date_option(started_on, "--started-on")
    return svc.get(session, key, agency=agency, village=village, started_on=started)


COMMANDS = Commands(
    kind=PAIRINGS,
    record="pairing",
    service=_service,
    key_of=lambda row: f"#{row['id']} {row['agency_code']}–{row['village_code']}",
    key=("key", PairKey, None),
    naming=(
        ("agency", AgencyOption, None),
        ("village", VillageOption, None),
        ("started_on", StartedOn, None),
    ),
    pick=_pick,
    docs={
        "add": "Pair an agency with a village: --agency, --village and --since are required.",
        "show": "Show a pairing: its id, or --agency and --village (the one active today, or "
        "the only\none).",
        "end": "End a pairing on a date: pair end --agency A --village V --on DATE.",
        "edit": "Change a pairing's dates, decision, lead, supporters or note.",
        "remove": "Remove a pairing that has no activities or visits (e.g. one entered by "
        "mistake).",
    },
    fields={
        "aliases": {
            "agency_code": ["--agency-code"],
            "village_code": ["--village-code"],
            "started_on": ["--since"],
        },
        "rename": {"agency_code": "agency", "village_code": "village"},
    },
    edit_fields={"skip": ("agency_code", "village_code", "started_on")},
    edit_extra=((("new_start", NewStart, None), "started_on"),),
)
register(app, COMMANDS, "add")


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
    fmt: FormatOption = None,
    output: OutputOption = None,
    columns: ColumnsOption = None,
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
    emit_rows(PAIRINGS, rows, fmt, output, columns=columns)


register(app, COMMANDS, "show", "end", "edit", "remove")
