"""ketnghia lock | unlock"""

from __future__ import annotations

from typing import Annotated

import typer

from ketnghia.cli.options import text_option, year_argument
from ketnghia.cli.state import state
from ketnghia.i18n import t


def lock(ctx: typer.Context, year: Annotated[int, year_argument(help="The year to lock.")]) -> None:
    """Lock a year: no record dated in it may change until it is unlocked (its report is
    stored first, if it was not filed yet, so that later drift can be shown)."""
    from ketnghia.reports.filing import lock_year

    with state(ctx).database().write() as session:
        lock_year(session, year)
    typer.echo(t("locked", year=year))


def unlock(
    ctx: typer.Context,
    year: Annotated[int, year_argument(help="The year to unlock.")],
    reason: Annotated[str | None, typer.Option("--reason", help="Why (kept in history).")] = None,
) -> None:
    """Unlock a year, with a reason that the audit trail keeps."""
    from ketnghia.reports.filing import unlock_year

    with state(ctx).database().write() as session:
        unlock_year(session, year, text_option(reason, "--reason"))
    typer.echo(t("unlocked", year=year, reason=(reason or "").strip()))
