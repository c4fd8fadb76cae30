"""ketnghia admin list|import|apply-2025 — administrative units and the 2025 reorganisation"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketnghia.cli.options import (
    Format,
    FormatOption,
    OutputOption,
    date_option,
    required_date_option,
)
from ketnghia.cli.output import chosen_format, emit_plain, write_json
from ketnghia.cli.state import state
from ketnghia.i18n import get_lang, t

app = typer.Typer(
    help="Administrative units (provinces, districts, communes) and their changes.",
    no_args_is_help=True,
)

UNIT_KEYS = ["level", "code", "name", "parent", "valid_from", "valid_to"]


@app.command("list")
def list_(
    ctx: typer.Context,
    level: Annotated[
        str | None, typer.Option("--level", help="province, district or commune.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Only units valid on this date.")
    ] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Part of a name.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """List units with their codes and the dates they were valid."""
    from ketnghia.services.admin_units.resolve import list_units

    with state(ctx).database().session() as session:
        rows = list_units(session, level=level, on=date_option(as_of, "--as-of"), search=search)
    emit_plain(rows, UNIT_KEYS, fmt, output, title=t("units_title", get_lang()))


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An old→new mapping CSV (the shipped columns).")],
    effective: Annotated[
        str, typer.Option("--effective", help="The day the new units start.")
    ] = "2025-07-01",
    new_province_code: Annotated[
        str, typer.Option("--new-province-code", help="Code of the province after the change.")
    ] = "52",
    new_province: Annotated[
        str, typer.Option("--new-province", help="Name of the province after the change.")
    ] = "Tỉnh Gia Lai",
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Corrections: each old commune in the file keeps only the new ones it gives.",
        ),
    ] = False,
) -> None:
    """Load another province's units and their old→new mapping (loading twice adds nothing),
    or, with --replace, correct rows of the mapping already loaded."""
    from ketnghia.services.admin_units.mapping import import_mapping

    day = required_date_option(effective, "--effective")
    with state(ctx).database().write() as session:
        added = import_mapping(
            session,
            file,
            day,
            (new_province_code, new_province),
            replace=replace,
        )
    typer.echo(t("units_loaded", **added))


@app.command("apply-2025")
def apply_2025(
    ctx: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would move; change nothing.")
    ] = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Move every village to its new commune from 1-7-2025, keeping its old commune and
    district for dates before. Villages of a split commune are listed for you to place with
    `ketnghia village move`; nothing is guessed."""
    from ketnghia.services.admin_units.reform import REFORM_2025, apply_successions

    fmt = chosen_format(fmt, output, before_writing=True)
    database = state(ctx).database()
    with database.write() as session:
        result = apply_successions(session, REFORM_2025, dry_run=dry_run)
        if dry_run:
            session.rollback()
    if fmt is Format.json:
        write_json(result, output)
        return
    lang = get_lang()
    typer.echo(
        t(
            "apply_dry_run" if dry_run else "apply_done",
            lang,
            moved=len(result["moved"]),
            split=len(result["split"]),
            unplaced=len(result["unplaced"]),
        ),
        err=True,
    )
    if result["split"]:
        emit_plain(
            result["split"],
            ["village_code", "village", "commune", "choices"],
            fmt,
            output,
            title=t("split_title", lang),
        )
    if result["unplaced"]:
        # after the split ones, on the terminal (a workbook needs a file of its own)
        emit_plain(
            result["unplaced"],
            ["village_code", "village", "commune", "district"],
            Format.table if result["split"] and fmt is Format.xlsx else fmt,
            None if result["split"] else output,
            title=t("unplaced_title", lang),
        )
