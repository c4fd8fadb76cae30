"""ketnghia village add|list|show|edit|remove|stats"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ketnghia.cli.options import (
    ColumnsOption,
    DistrictOption,
    FormatOption,
    OutputOption,
    SearchOption,
    VillageKeyArgument,
    complete_village,
    date_option,
    field_options,
    required_date_option,
    text_option,
)
from ketnghia.cli.output import chosen_format, emit_plain, emit_rows
from ketnghia.cli.records import REQUIRED, ByCode, Commands, by_code_docs, register
from ketnghia.cli.state import state
from ketnghia.schema import VILLAGE_STATS, VILLAGES

app = typer.Typer(help="Villages (thôn, làng, buôn, plei).", no_args_is_help=True)


def _service():
    from ketnghia.services.registers import villages

    return villages


COMMANDS = Commands(
    kind=VILLAGES,
    record="village",
    service=lambda: ByCode(_service()),
    key_of=lambda row: row["code"],
    key=("key", VillageKeyArgument, REQUIRED),
    docs=by_code_docs("village"),
)
register(app, COMMANDS, "add", "show", "edit", "remove")


@app.command("list")
def list_(
    ctx: typer.Context,
    search: SearchOption = None,
    district: DistrictOption = None,
    commune: Annotated[str | None, typer.Option("--commune", help="Commune name.")] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="With --district/--commune: where villages were on this date (else as recorded).",
        ),
    ] = None,
    special_difficulty: Annotated[
        bool | None,
        typer.Option(
            "--special-difficulty/--no-special-difficulty",
            help="Only villages that are (or are not) especially difficult (ĐBKK).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    columns: ColumnsOption = None,
) -> None:
    """List villages in Vietnamese alphabetical order of their names."""
    svc = _service()
    on = date_option(as_of, "--as-of")
    filters: dict[str, Any] = {"special_difficulty": special_difficulty}
    if on is None:
        filters |= {"district": district, "commune": commune}
    with state(ctx).database().session() as session:
        if on is not None and (district or commune):
            from ketnghia.services.admin_units.places import villages_at

            filters["id"] = villages_at(session, on, district=district, commune=commune)
        rows = [svc.row(v) for v in svc.list(session, search=search, **filters)]
    emit_rows(VILLAGES, rows, fmt, output, columns=columns)


@app.command("stats")
@field_options(
    VILLAGE_STATS,
    aliases={"village_code": ["--village-code"]},
    rename={"village_code": "village"},
)
def stats(
    ctx: typer.Context,
    fmt: FormatOption = None,
    output: OutputOption = None,
    columns: ColumnsOption = None,
    values: Any = None,
) -> None:
    """A village's figures for a year (households, poor, near-poor, income per head):
    with --village and --year and figures, record them; with figures left out, list them."""
    from ketnghia.services.stats import list_stats, set_stats

    figures = {k: v for k, v in values.items() if k not in ("village_code", "year", "note")}
    fmt = chosen_format(fmt, output, before_writing=True)
    if figures or "note" in values:
        with state(ctx).database().write() as session:
            set_stats(session, values)
    with state(ctx).database().session() as session:
        rows = list_stats(session, village=values.get("village_code"), year=values.get("year"))
    emit_rows(VILLAGE_STATS, rows, fmt, output, columns=columns)


@app.command("move")
def move(
    ctx: typer.Context,
    village: Annotated[
        str, typer.Argument(help="The village (code or name).", shell_complete=complete_village)
    ],
    to: Annotated[str, typer.Option("--to", help="The commune: official code or name.")],
    on: Annotated[str, typer.Option("--on", help="From this date.")],
    district: Annotated[
        str | None, typer.Option("--district", help="Narrows a commune name that repeats.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why (kept with the place).")] = None,
) -> None:
    """The village belongs to another commune from a date (a change of the map, or a
    correction): the place before ends the day before; the history is kept."""
    from ketnghia.i18n import t
    from ketnghia.services.admin_units.places import move_village
    from ketnghia.services.admin_units.resolve import describe_unit

    day = required_date_option(on, "--on")
    note = text_option(note, "--note")
    with state(ctx).database().write() as session:
        found = _service().get(session, village)
        unit = move_village(session, found, to, day, district=district, note=note)
        commune = describe_unit(session, unit)
    typer.echo(t("moved_village", village=found.code, commune=commune, date=day.isoformat()))


@app.command("places")
def places_(
    ctx: typer.Context,
    village: Annotated[
        str, typer.Argument(help="The village (code or name).", shell_complete=complete_village)
    ],
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Which commune the village belonged to, from when to when."""
    from ketnghia.i18n import t
    from ketnghia.services.admin_units.places import village_places

    with state(ctx).database().session() as session:
        found = _service().get(session, village)
        rows = village_places(session, found)
    keys = ["valid_from", "valid_to", "commune_code", "commune", "district", "note"]
    emit_plain(rows, keys, fmt, output, title=t("places_title", village=found.code))
