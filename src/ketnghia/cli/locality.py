"""ketnghia locality add|list|show|edit|end|remove|contribute|contributions|uncontribute"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ketnghia.cli.options import (
    AgencyOption,
    ColumnsOption,
    FormatOption,
    MaybeFormatOption,
    OutputOption,
    field_options,
    year_option,
)
from ketnghia.cli.output import done, emit_rows
from ketnghia.cli.records import Commands, register
from ketnghia.cli.state import state
from ketnghia.i18n import t
from ketnghia.schema import CONTRIBUTIONS, LOCALITIES

app = typer.Typer(
    help="Locality pairings: a ward or commune paired with a commune, with co-signers.",
    no_args_is_help=True,
)

Key = Annotated[str | None, typer.Argument(help="Pairing id, as shown by list.")]
CommuneOption = Annotated[
    str | None, typer.Option("--commune", help="The paired commune: its code or name.")
]


def _service():
    from ketnghia.services.localities import service

    return service


COMMANDS = Commands(
    kind=LOCALITIES,
    record="locality",
    service=_service,
    key_of=lambda row: f"#{row['id']} {row['agency_code']}–{row['commune_name']}",
    key=("key", Key, None),
    naming=(("agency", AgencyOption, None), ("commune", CommuneOption, None)),
    docs={
        "add": "Pair a locality (an agency of kind `locality`) with a commune: --agency, "
        '--commune and\n--since are required; --cosigners "BIDV;CSCS" lists the co-signers.',
        "show": "Show a locality pairing: its id, or --agency and --commune.",
        "edit": "Change the end date, decision, co-signers or note of a locality pairing.",
        "end": "End a locality pairing on a date.",
        "remove": "Remove a locality pairing that has no contributions.",
    },
    fields={
        "aliases": {"agency_code": ["--agency-code"], "started_on": ["--since"]},
        "rename": {"agency_code": "agency"},
    },
    edit_fields={"skip": ("agency_code", "commune", "started_on")},
)
register(app, COMMANDS, "add")


@app.command("list")
def list_(
    ctx: typer.Context,
    agency: AgencyOption = None,
    commune: CommuneOption = None,
    year: Annotated[int | None, year_option("--year", help="Active during year Y.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    columns: ColumnsOption = None,
) -> None:
    """List locality pairings by partner, then commune."""
    from ketnghia.services.localities import list_localities

    with state(ctx).database().session() as session:
        rows = list_localities(session, agency=agency, commune=commune, year=year)
    emit_rows(LOCALITIES, rows, fmt, output, columns=columns)


register(app, COMMANDS, "show", "edit", "end", "remove")


@app.command("contribute")
@field_options(
    CONTRIBUTIONS,
    aliases={"agency_code": ["--agency-code"], "contributor_code": ["--contributor-code"]},
    rename={"agency_code": "agency", "contributor_code": "contributor"},
    ask=True,
)
def contribute(ctx: typer.Context, fmt: MaybeFormatOption = None, values: Any = None) -> None:
    """Record what a signer (the partner or a co-signer) gave: --agency and --commune name
    the pairing, --contributor who gave."""
    from ketnghia.models import id_of
    from ketnghia.services.localities import add_contribution, list_contributions

    with state(ctx).database().write() as session:
        found = add_contribution(session, values)
        row = list_contributions(session, ids=[id_of(found)])[0]
    done(
        "added",
        CONTRIBUTIONS,
        row,
        fmt,
        kind=t("rec_contribution"),
        key=f"#{row['id']} {row['contributor_code']} {row['date']}",
    )


@app.command("contributions")
def contributions(
    ctx: typer.Context,
    agency: AgencyOption = None,
    commune: CommuneOption = None,
    year: Annotated[int | None, year_option("--year", help="Dated in year Y.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    columns: ColumnsOption = None,
) -> None:
    """List contributions to locality pairings by date."""
    from ketnghia.services.localities import list_contributions

    with state(ctx).database().session() as session:
        rows = list_contributions(session, agency=agency, commune=commune, year=year)
    emit_rows(CONTRIBUTIONS, rows, fmt, output, columns=columns)


@app.command("uncontribute")
def uncontribute(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Contribution id, as shown by contributions.")],
) -> None:
    """Remove a contribution entered by mistake."""
    from ketnghia.services.localities import remove_contribution

    with state(ctx).database().write() as session:
        remove_contribution(session, key)
    typer.echo(t("removed", kind=t("rec_contribution"), key=f"#{key}"))
