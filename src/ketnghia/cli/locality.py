"""ketnghia locality add|list|show|edit|end|remove|contribute|contributions|uncontribute"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ketnghia.cli.common import (
    AgencyOption,
    FormatOption,
    MaybeFormatOption,
    OutputOption,
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
from ketnghia.schema import CONTRIBUTIONS, LOCALITIES

app = typer.Typer(
    help="Locality pairings: a ward or commune paired with a commune, with co-signers.",
    no_args_is_help=True,
)

Key = Annotated[str | None, typer.Argument(help="Pairing id, as shown by list.")]
CommuneOption = Annotated[
    str | None, typer.Option("--commune", help="The paired commune: its code or name.")
]


def _pick(session: Any, key: str | None, agency: str | None, commune: str | None):  # type: ignore[no-untyped-def]
    from ketnghia.services.localities import get_locality

    return get_locality(session, key, agency=agency, commune=commune)


def _key(row: dict[str, Any]) -> str:
    return f"#{row['id']} {row['agency_code']}–{row['commune_name']}"


@app.command("add")
@field_options(
    LOCALITIES,
    aliases={"agency_code": ["--agency-code"], "started_on": ["--since"]},
    rename={"agency_code": "agency"},
)
def add(ctx: typer.Context, fmt: MaybeFormatOption = None, values: Any = None) -> None:
    """Pair a locality (an agency of kind `locality`) with a commune: --agency, --commune and
    --since are required; --cosigners "BIDV;CSCS" lists the co-signers."""
    from ketnghia.services.localities import add_locality, locality_row

    with state(ctx).database().write() as session:
        row = locality_row(session, add_locality(session, values))
    done("added", LOCALITIES, row, fmt, kind=t("rec_locality"), key=_key(row))


@app.command("list")
def list_(
    ctx: typer.Context,
    agency: AgencyOption = None,
    commune: CommuneOption = None,
    year: Annotated[int | None, year_option("--year", help="Active during year Y.")] = None,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    """List locality pairings by partner, then commune."""
    from ketnghia.services.localities import list_localities

    with state(ctx).database().session() as session:
        rows = list_localities(session, agency=agency, commune=commune, year=year)
    emit_rows(LOCALITIES, rows, fmt, output)


@app.command("show")
def show(
    ctx: typer.Context,
    key: Key = None,
    agency: AgencyOption = None,
    commune: CommuneOption = None,
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    """Show a locality pairing: its id, or --agency and --commune."""
    from ketnghia.services.localities import locality_row

    with state(ctx).database().session() as session:
        row = locality_row(session, _pick(session, key, agency, commune))
    emit_record(LOCALITIES, row, fmt, output)


@app.command("edit")
@field_options(LOCALITIES, skip=("agency_code", "commune", "started_on"))
def edit(
    ctx: typer.Context,
    key: Key = None,
    agency: AgencyOption = None,
    commune: CommuneOption = None,
    fmt: MaybeFormatOption = None,
    values: Any = None,
) -> None:
    """Change the end date, decision, co-signers or note of a locality pairing."""
    from ketnghia.services.localities import edit_locality, locality_row

    with state(ctx).database().write() as session:
        pairing = edit_locality(session, _pick(session, key, agency, commune), values)
        row = locality_row(session, pairing)
    done("updated", LOCALITIES, row, fmt, kind=t("rec_locality"), key=_key(row))


@app.command("end")
def end(
    ctx: typer.Context,
    key: Key = None,
    agency: AgencyOption = None,
    commune: CommuneOption = None,
    on: Annotated[str | None, typer.Option("--on", help="The last day of the pairing.")] = None,
    fmt: MaybeFormatOption = None,
) -> None:
    """End a locality pairing on a date."""
    from ketnghia.services.localities import end_locality, locality_row

    last_day = date_option(on, "--on")
    with state(ctx).database().write() as session:
        pairing = end_locality(session, _pick(session, key, agency, commune), last_day)
        row = locality_row(session, pairing)
    done("ended", LOCALITIES, row, fmt, kind=t("rec_locality"), key=_key(row), date=row["ended_on"])


@app.command("remove")
def remove(
    ctx: typer.Context,
    key: Key = None,
    agency: AgencyOption = None,
    commune: CommuneOption = None,
) -> None:
    """Remove a locality pairing that has no contributions."""
    from ketnghia.services.localities import locality_row, remove_locality

    with state(ctx).database().write() as session:
        pairing = _pick(session, key, agency, commune)
        row = locality_row(session, pairing)
        remove_locality(session, pairing)
    typer.echo(t("removed", kind=t("rec_locality"), key=_key(row)))


@app.command("contribute")
@field_options(
    CONTRIBUTIONS,
    aliases={"agency_code": ["--agency-code"], "contributor_code": ["--contributor-code"]},
    rename={"agency_code": "agency", "contributor_code": "contributor"},
)
def contribute(ctx: typer.Context, fmt: MaybeFormatOption = None, values: Any = None) -> None:
    """Record what a signer (the partner or a co-signer) gave: --agency and --commune name
    the pairing, --contributor who gave."""
    from ketnghia.services.localities import add_contribution, list_contributions

    with state(ctx).database().write() as session:
        found = add_contribution(session, values)
        row = list_contributions(session, ids=[found.id])[0]  # type: ignore[list-item]
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
    fmt: FormatOption = Fmt.table,
    output: OutputOption = None,
) -> None:
    """List contributions to locality pairings by date."""
    from ketnghia.services.localities import list_contributions

    with state(ctx).database().session() as session:
        rows = list_contributions(session, agency=agency, commune=commune, year=year)
    emit_rows(CONTRIBUTIONS, rows, fmt, output)


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
