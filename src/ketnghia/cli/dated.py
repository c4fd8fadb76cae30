"""Commands shared by activities and visits: records dated inside a pairing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from ketnghia.cli.common import Format as Fmt
from ketnghia.cli.common import (
    FormatOption,
    MaybeFormatOption,
    OutputOption,
    done,
    emit_record,
    field_options,
    state,
)
from ketnghia.i18n import t
from ketnghia.schema import Kind

RecordKey = Annotated[str, typer.Argument(help="Numeric id as shown by list (or an activity ref).")]
AGENCY_VILLAGE = {"agency_code": "agency", "village_code": "village"}
CODE_ALIASES = {"agency_code": ["--agency-code"], "village_code": ["--village-code"]}


def register_dated(
    app: typer.Typer,
    kind: Kind,
    record: str,
    service: Callable[[], Any],
    aliases: dict[str, list[str]] | None = None,
    commands: tuple[str, ...] = ("add", "show", "edit", "remove"),
) -> None:
    options = {"aliases": CODE_ALIASES | (aliases or {}), "rename": AGENCY_VILLAGE}
    label = t(f"rec_{record}", "en")

    def key_of(row: dict[str, Any]) -> str:
        return str(row.get("ref") or f"#{row['id']}")

    if "add" in commands:

        @app.command("add")
        @field_options(kind, **options)  # type: ignore[arg-type]
        def add(ctx: typer.Context, fmt: MaybeFormatOption = None, values: Any = None) -> None:
            svc = service()
            with state(ctx).database().write() as session:
                row = svc.row(session, svc.add(session, values))
            done("added", kind, row, fmt, kind=t(f"rec_{record}"), key=key_of(row))

        add.__doc__ = (
            f"Add an {label}; it belongs to the pairing of --agency and --village "
            "active on its --date."
        )

    if "show" in commands:

        @app.command("show")
        def show(
            ctx: typer.Context,
            key: RecordKey,
            fmt: FormatOption = Fmt.table,
            output: OutputOption = None,
        ) -> None:
            svc = service()
            with state(ctx).database().session() as session:
                row = svc.row(session, svc.get(session, key))
            emit_record(kind, row, fmt, output)

        show.__doc__ = f"Show one {label}."

    if "edit" in commands:

        @app.command("edit")
        @field_options(kind, **options)  # type: ignore[arg-type]
        def edit(
            ctx: typer.Context,
            key: RecordKey,
            fmt: MaybeFormatOption = None,
            values: Any = None,
        ) -> None:
            svc = service()
            with state(ctx).database().write() as session:
                obj = svc.edit(session, svc.get(session, key), values)
                row = svc.row(session, obj)
            done("updated", kind, row, fmt, kind=t(f"rec_{record}"), key=key_of(row))

        edit.__doc__ = f"Change the given fields of an {label}; an empty value clears a field."

    if "remove" in commands:

        @app.command("remove")
        def remove(ctx: typer.Context, key: RecordKey) -> None:
            svc = service()
            with state(ctx).database().write() as session:
                obj = svc.get(session, key)
                row = svc.row(session, obj)
                svc.remove(session, obj)
            typer.echo(t("removed", kind=t(f"rec_{record}"), key=key_of(row)))

        remove.__doc__ = f"Remove an {label}."
