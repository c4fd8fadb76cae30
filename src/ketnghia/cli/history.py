"""ketnghia history"""

from __future__ import annotations

from typing import Annotated, Any

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
    from rich import box
    from rich.table import Table

    lang = state(ctx).lang
    # the values changed get most of the width: the other columns are short words and codes
    table = Table(
        title=t("history_title"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
    )
    from ketnghia.cli.output import table_width
    from ketnghia.text import compact_heading

    # a narrow terminal leaves out the command (`--format json` keeps it) for the values
    narrow = table_width(output) < 100
    columns = ("at", "actor", "command", "kind", "key", "action", "changes")
    shown = [c for c in columns if not (narrow and c == "command")]
    cells = [dict(zip(columns, human_row(row, lang), strict=True)) for row in rows]
    for column in shown:
        heading = t(f"hist_{column}")
        if narrow and column != "changes":  # short words: the heading to their width
            heading = compact_heading(heading, [c[column] for c in cells])
        table.add_column(heading, no_wrap=column == "at")
    for values in cells:
        table.add_row(*(values[c] for c in shown))
    print_rich([table], output)


def human_row(row: dict[str, Any], lang: str) -> tuple[str, ...]:
    """An entry as people read it: local time, the kind's and fields' labels, and values as
    every table shows them (JSON and CSV keep the stored keys and values)."""
    from ketnghia.schema import KINDS
    from ketnghia.values import format_value

    kind = KINDS.get(row["kind"])
    fields = {f.key: f for f in kind.fields} if kind else {}

    def label(key: str) -> str:
        return fields[key].label(lang) if key in fields else key

    def shown(key: str, value: Any) -> str:
        f = fields.get(key)
        text = format_value(value, (f.choices or f.type) if f else "", lang)
        return text if text else "∅"

    before, after = row["before"] or {}, row["after"] or {}
    if row["kind"] == "import" and isinstance(after.get("kinds"), dict):
        return _import_row(row, after, lang)
    present = {k for k in set(before) | set(after) if not k.startswith("_")}  # kept for history
    ordered = [k for k in fields if k in present] + sorted(present - fields.keys())
    if row["action"] == "update":
        changed = [
            f"{label(k)}: {shown(k, before.get(k))} → {shown(k, after.get(k))}"
            for k in ordered
            if before.get(k) != after.get(k)
        ]
    else:  # what was added or removed: its values, the empty ones left out
        values = after or before
        changed = [
            f"{label(k)}: {shown(k, values[k])}" for k in ordered if values.get(k) not in (None, "")
        ]
    action = row["action"]
    told = t(f"hist_{action}", lang) if action in ("insert", "update", "delete") else action
    imported = row.get("import")
    if imported:  # inserted by an import: the import's entry says who, when and from what
        changed.insert(
            0,
            t(
                "hist_imported",
                lang,
                id=imported["id"],
                file=imported["file"] or "",
                who=row["actor"] or "",
                when=local_time(row["at"]),
            ),
        )
    return (
        local_time(row["at"]),
        row["actor"] or "",
        row["command"] or "",
        kind.label(lang) if kind else row["kind"],
        row["key"] or "",
        told,
        "\n".join(changed[: 9 if imported else 8]),
    )


def _import_row(row: dict[str, Any], after: dict[str, Any], lang: str) -> tuple[str, ...]:
    """An import's summary as its command told it: each kind's counts, then each file."""
    from ketnghia.schema import KINDS

    lines = [
        t("import_summary", lang, kind=KINDS[k].label(lang) if k in KINDS else k, **counts)
        for k, counts in after["kinds"].items()
        if isinstance(counts, dict)
    ]
    lines += [
        f"{f.get('file')} (SHA-256 {str(f.get('sha256'))[:12]}…)" for f in after.get("files", [])
    ]
    return (
        local_time(row["at"]),
        row["actor"] or "",
        row["command"] or "",
        t("hist_import", lang),
        row["key"] or "",
        t("hist_import", lang),
        "\n".join(lines),
    )


def local_time(at: str | None) -> str:
    """A stored UTC time as dd/mm/yyyy HH:MM on this computer's clock."""
    import datetime as dt

    if not at:
        return ""
    moment = dt.datetime.fromisoformat(at)
    if moment.tzinfo is None:  # stored as UTC
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")
