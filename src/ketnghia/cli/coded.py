"""add|show|edit|remove for records named by a code: agencies and villages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from ketnghia.cli.common import Format as Fmt
from ketnghia.cli.common import (
    FormatOption,
    KeyArgument,
    MaybeFormatOption,
    OutputOption,
    done,
    emit_record,
    field_options,
    state,
)
from ketnghia.i18n import t
from ketnghia.schema import Kind


def register_crud(app: typer.Typer, kind: Kind, record: str, service: Callable[[], Any]) -> None:
    label = t(f"rec_{record}", "en")

    @app.command("add")
    @field_options(kind)
    def add(ctx: typer.Context, fmt: MaybeFormatOption = None, values: Any = None) -> None:
        svc = service()
        with state(ctx).database().write() as session:
            row = svc.row(svc.add(session, values))
        done("added", kind, row, fmt, kind=t(f"rec_{record}"), key=row["code"])

    add.__doc__ = f"Add an {label}: --code and --name are required."

    @app.command("show")
    def show(
        ctx: typer.Context,
        key: KeyArgument,
        fmt: FormatOption = Fmt.table,
        output: OutputOption = None,
    ) -> None:
        svc = service()
        with state(ctx).database().session() as session:
            row = svc.row(svc.get(session, key))
        emit_record(kind, row, fmt, output)

    show.__doc__ = f"Show one {label} by code, id or name."

    @app.command("edit")
    @field_options(kind)
    def edit(
        ctx: typer.Context, key: KeyArgument, fmt: MaybeFormatOption = None, values: Any = None
    ) -> None:
        svc = service()
        with state(ctx).database().write() as session:
            row = svc.row(svc.edit(session, key, values))
        done("updated", kind, row, fmt, kind=t(f"rec_{record}"), key=row["code"])

    edit.__doc__ = f"Change the given fields of an {label}; an empty value clears a field."

    @app.command("remove")
    def remove(ctx: typer.Context, key: KeyArgument) -> None:
        svc = service()
        with state(ctx).database().write() as session:
            obj = svc.remove(session, key)
        typer.echo(t("removed", kind=t(f"rec_{record}"), key=obj.code))

    remove.__doc__ = f"Remove an {label} that no other record refers to."
