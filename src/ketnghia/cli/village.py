"""ketnghia village add|list|show|edit|remove"""

from __future__ import annotations

from typing import Annotated

import typer

from ketnghia.cli.coded import register_crud
from ketnghia.cli.common import (
    DistrictOption,
    FormatOption,
    OutputOption,
    SearchOption,
    emit_rows,
    state,
)
from ketnghia.cli.common import Format as Fmt
from ketnghia.schema import VILLAGES

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
