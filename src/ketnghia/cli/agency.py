"""ketnghia agency add|list|show|edit|remove"""

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
from ketnghia.schema import AGENCIES

app = typer.Typer(help="Agencies and units (cơ quan, đơn vị).", no_args_is_help=True)


def _service():  # type: ignore[no-untyped-def]
    from ketnghia.services.coded import agencies

    return agencies


register_crud(app, AGENCIES, "agency", _service)


@app.command("list")
def list_(
    ctx: typer.Context,
    search: SearchOption = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Agency kind.")] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="province, district or commune.")
    ] = None,
    district: DistrictOption = None,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    """List agencies in Vietnamese alphabetical order of their names."""
    from ketnghia.services.common import parse_field

    svc = _service()
    filters = {
        "kind": parse_field(AGENCIES, "kind", kind),
        "level": parse_field(AGENCIES, "level", level),
        "district": district,
    }
    with state(ctx).database().session() as session:
        rows = [svc.row(a) for a in svc.list(session, search=search, **filters)]
    emit_rows(AGENCIES, rows, fmt, output)
