"""ketnghia village add|list|show|edit|remove|stats"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ketnghia.cli.coded import register_crud
from ketnghia.cli.common import (
    DistrictOption,
    FormatOption,
    OutputOption,
    SearchOption,
    emit_rows,
    field_options,
    state,
)
from ketnghia.cli.common import Format as Fmt
from ketnghia.schema import VILLAGE_STATS, VILLAGES

app = typer.Typer(help="Villages (thôn, làng, buôn, plei).", no_args_is_help=True)


def _service():  # type: ignore[no-untyped-def]
    from ketnghia.services.coded import villages

    return villages


register_crud(app, VILLAGES, "village", _service)


@app.command("list")
def list_(
    ctx: typer.Context,
    search: SearchOption = None,
    district: DistrictOption = None,
    commune: Annotated[str | None, typer.Option("--commune", help="Commune name.")] = None,
    special_difficulty: Annotated[
        bool | None,
        typer.Option(
            "--special-difficulty/--no-special-difficulty",
            help="Only villages that are (or are not) especially difficult (ĐBKK).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    """List villages in Vietnamese alphabetical order of their names."""
    svc = _service()
    filters = {"district": district, "commune": commune, "special_difficulty": special_difficulty}
    with state(ctx).database().session() as session:
        rows = [svc.row(v) for v in svc.list(session, search=search, **filters)]
    emit_rows(VILLAGES, rows, fmt, output)


@app.command("stats")
@field_options(
    VILLAGE_STATS,
    aliases={"village_code": ["--village-code"]},
    rename={"village_code": "village"},
)
def stats(
    ctx: typer.Context,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
    values: Any = None,
) -> None:
    """A village's figures for a year (households, poor, near-poor, income per head):
    with --village and --year and figures, record them; with figures left out, list them."""
    from ketnghia.services.stats import list_stats, set_stats

    figures = {k: v for k, v in values.items() if k not in ("village_code", "year", "note")}
    if figures or "note" in values:
        with state(ctx).database().write() as session:
            set_stats(session, values)
    with state(ctx).database().session() as session:
        rows = list_stats(session, village=values.get("village_code"), year=values.get("year"))
    emit_rows(VILLAGE_STATS, rows, fmt, output)
