"""ketnghia history"""

from __future__ import annotations

from typing import Annotated

import typer

from ketnghia.cli.options import Format, FormatOption, OutputOption, date_option
from ketnghia.cli.output import chosen_format, print_rich, write_json, write_rows
from ketnghia.cli.state import state
from ketnghia.i18n import t


def history(
    ctx: typer.Context,
    kind: Annotated[
        str | None, typer.Option("--kind", help="agencies, villages, pairings, …, import, lock.")
    ] = None,
    key: Annotated[
        str | None,
        typer.Option("--key", help="A record's key: a code, a ref, 'AGENCY VILLAGE DATE', #id."),
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only this person's changes.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="From this date (UTC).")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The audit trail: who changed which record, when, with what command, before and after."""
    from ketnghia.audit import history as entries
    from ketnghia.schema import kind_from_name

    found = kind_from_name(kind) if kind else None
    with state(ctx).database().session() as session:
        rows = entries(
            session,
            kind=found.name if found else kind,
            key=key,
            actor_name=actor,
            since=date_option(since, "--since"),
        )
    fmt = chosen_format(fmt, output)
    if fmt is Format.json:
        write_json(rows, output)
        return
    keys = ["id", "at", "actor", "command", "kind", "key", "action", "before", "after"]
    if write_rows(keys, rows, fmt, output):  # the values before and after as JSON
        return
    from rich.table import Table

    table = Table(title=t("history_title"), title_justify="left")
    for column in ("at", "actor", "command", "kind", "key", "action", "changes"):
        table.add_column(t(f"hist_{column}"))
    for row in rows:
        before, after = row["before"] or {}, row["after"] or {}
        changed = [
            f"{k}: {before.get(k)!s} → {after.get(k)!s}"
            if row["action"] == "update"
            else f"{k}: {(after or before).get(k)!s}"
            for k in sorted(set(before) | set(after))
            if row["action"] != "update" or before.get(k) != after.get(k)
        ]
        table.add_row(
            row["at"],
            row["actor"],
            row["command"],
            row["kind"],
            row["key"] or "",
            row["action"],
            "\n".join(changed[:8]),
        )
    print_rich([table], output)
