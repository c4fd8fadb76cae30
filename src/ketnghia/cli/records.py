"""add | show | edit | end | remove for every kind of record, registered one way.

A kind is described once (`Commands`): its schema kind, how a command names one record (a key
argument, and options for its natural key), the help of each command, the options of its
fields, and its service (imported when a command runs, so that `--help` stays light). Every
kind's service offers add, get, row, edit, end and remove alike; the commands parse, call it,
and print. Listings filter differently for each kind and stay in the kind's own module.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

import typer

from ketnghia.cli.helptext import bilingual
from ketnghia.cli.options import (
    OPTION_NAMES,
    FormatOption,
    MaybeFormatOption,
    OutputOption,
    RecordFormat,
    date_option,
    field_options,
    name_fields,
)
from ketnghia.cli.output import done, emit_record
from ketnghia.cli.state import state
from ketnghia.errors import warnings_of
from ketnghia.i18n import t
from ketnghia.schema import Kind

# A parameter of a command: its name, its annotated type, its default (REQUIRED: none).
Param = tuple[str, Any, Any]
REQUIRED = inspect.Parameter.empty
OnOption = Annotated[str | None, typer.Option("--on", help="The last day of the pairing.")]


@dataclass(frozen=True)
class Commands:
    kind: Kind
    record: str  # rec_<record>: what a person calls one
    service: Callable[[], Any]
    key_of: Callable[[dict[str, Any]], str]  # the record as a confirmation names it
    key: Param  # the argument that names a record
    docs: Mapping[str, str]  # the help of each command the kind has
    naming: tuple[Param, ...] = ()  # options that name a record by its natural key
    fields: Mapping[str, Any] = field(default_factory=dict)  # field_options' arguments
    edit_fields: Mapping[str, Any] | None = None  # for edit, when they differ from add's
    edit_extra: tuple[tuple[Param, str], ...] = ()  # more options of edit, each for a field
    # (service, session, key, **naming) → the record; by default the service's get
    pick: Callable[..., Any] | None = None

    def find(self, svc: Any, session: Any, key: Any, naming: dict[str, Any]) -> Any:
        if self.pick is not None:
            return self.pick(svc, session, key, **naming)
        return svc.get(session, key, **naming)


def register(app: typer.Typer, spec: Commands, *names: str) -> None:
    """Add the named commands (in this order) of a kind to its group."""
    for name in names:
        command = _MAKERS[name](spec)
        command.__doc__ = spec.docs[name]
        app.command(name)(command)


def _signed(func: Callable[..., Any], params: list[Param]) -> Callable[..., Any]:
    """Give a command the parameters Typer reads (keyword-only: Typer passes them by name)."""
    ctx = inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)
    signature = inspect.Signature(
        [ctx]
        + [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=ann)
            for name, ann, default in params
        ]
    )
    # inspect.signature (and so Typer) reads __signature__; typeshed does not declare it
    func.__signature__ = signature  # type: ignore[attr-defined]
    func.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
    return func


def _named(spec: Commands, options: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """The key argument and the naming options given to a command."""
    return options.pop("key", None), {name: options.pop(name) for name, _, _ in spec.naming}


def _add(spec: Commands) -> Callable[..., Any]:
    def add(ctx: typer.Context, fmt: RecordFormat | None = None, values: Any = None) -> None:
        svc = spec.service()
        with state(ctx).database().write() as session:
            row = svc.row(session, svc.add(session, values))
            warnings = warnings_of(session.info)
        show_warnings(warnings)
        done("added", spec.kind, row, fmt, kind=t(f"rec_{spec.record}"), key=spec.key_of(row))

    _signed(add, [("fmt", MaybeFormatOption, None), ("values", Any, None)])
    return field_options(spec.kind, **spec.fields, ask=True)(add)


def _show(spec: Commands) -> Callable[..., Any]:
    def show(ctx: typer.Context, **options: Any) -> None:
        key, naming = _named(spec, options)
        svc = spec.service()
        with state(ctx).database().session() as session:
            row = svc.row(session, spec.find(svc, session, key, naming))
        emit_record(spec.kind, row, options["fmt"], options["output"])

    return _signed(
        show,
        [spec.key, *spec.naming, ("fmt", FormatOption, None), ("output", OutputOption, None)],
    )


def _edit(spec: Commands) -> Callable[..., Any]:
    def edit(ctx: typer.Context, values: Any = None, **options: Any) -> None:
        key, naming = _named(spec, options)
        given = ctx.meta.get(OPTION_NAMES, {})
        name_fields(ctx, {f: [*given.get(f, []), *flags] for f, flags in extra_flags.items()})
        for (name, _, _), key_of_field in spec.edit_extra:
            if options[name] is not None:
                values[key_of_field] = options[name]
        svc = spec.service()
        with state(ctx).database().write() as session:
            obj = svc.edit(session, spec.find(svc, session, key, naming), values)
            row = svc.row(session, obj)
            warnings = warnings_of(session.info)
        show_warnings(warnings)
        kind = t(f"rec_{spec.record}")
        done("updated", spec.kind, row, options["fmt"], kind=kind, key=spec.key_of(row))

    extra = [param for param, _ in spec.edit_extra]
    # the fields the extra options give, for errors that name the option (--new-started-on)
    extra_flags = {
        key_of_field: [
            decl
            for meta in typing.get_args(annotation)[1:]
            # in Annotated, typer.Option's first name is stored as its default
            for decl in (getattr(meta, "default", None), *getattr(meta, "param_decls", ()))
            if isinstance(decl, str) and decl.startswith("--")
        ]
        for (_, annotation, _), key_of_field in spec.edit_extra
    }
    params = [spec.key, *spec.naming, *extra, ("fmt", MaybeFormatOption, None)]
    _signed(edit, [*params, ("values", Any, None)])
    options = spec.fields if spec.edit_fields is None else spec.edit_fields
    return field_options(spec.kind, **options)(edit)


def _end(spec: Commands) -> Callable[..., Any]:
    def end(ctx: typer.Context, **options: Any) -> None:
        name_fields(ctx, {"ended_on": ["--on"], "on": ["--on"]})  # the end is given as --on
        key, naming = _named(spec, options)
        last_day = date_option(options["on"], "--on")
        svc = spec.service()
        with state(ctx).database().write() as session:
            obj = svc.end(session, spec.find(svc, session, key, naming), last_day)
            row = svc.row(session, obj)
        done(
            "ended",
            spec.kind,
            row,
            options["fmt"],
            kind=t(f"rec_{spec.record}"),
            key=spec.key_of(row),
            date=row["ended_on"],
        )

    return _signed(
        end, [spec.key, *spec.naming, ("on", OnOption, None), ("fmt", MaybeFormatOption, None)]
    )


def _remove(spec: Commands) -> Callable[..., Any]:
    def remove(ctx: typer.Context, **options: Any) -> None:
        key, naming = _named(spec, options)
        svc = spec.service()
        with state(ctx).database().write() as session:
            obj = spec.find(svc, session, key, naming)
            row = svc.row(session, obj)
            svc.remove(session, obj)
        typer.echo(t("removed", kind=t(f"rec_{spec.record}"), key=spec.key_of(row)))

    return _signed(remove, [spec.key, *spec.naming])


_MAKERS: dict[str, Callable[[Commands], Callable[..., Any]]] = {
    "add": _add,
    "show": _show,
    "edit": _edit,
    "end": _end,
    "remove": _remove,
}


def show_warnings(warnings: list[str]) -> None:
    """What a committed write leaves for the user to know (a place that names no unit…)."""
    for warning in warnings:
        typer.echo(f"{t('warning')}: {warning}", err=True)


# -- what several kinds share ----------------------------------------------------------------


class ByCode:
    """Agencies and villages through the commands' protocol: their service finds a record
    from the key as given (a code, an id or a name), so the key stands for the record."""

    def __init__(self, service: Any) -> None:
        self.service = service

    def get(self, session: Any, key: Any) -> Any:
        return key

    def row(self, session: Any, key: Any) -> dict[str, Any]:
        return self.service.row(self.service.get(session, key))

    def add(self, session: Any, values: Any) -> Any:
        return self.service.add(session, values).code

    def edit(self, session: Any, key: Any, values: Any) -> Any:
        return self.service.edit(session, key, values).code

    def remove(self, session: Any, key: Any) -> Any:
        return self.service.remove(session, key)


def by_code_docs(record: str) -> dict[str, str]:
    label, nhan = t(f"rec_{record}", "en"), t(f"rec_{record}", "vi")
    return {
        "add": bilingual(
            f"Thêm {nhan}: bắt buộc có --code và --name.",
            f"Add an {label}: --code and --name are required.",
        ),
        "show": bilingual(
            f"Xem một {nhan} theo mã, số thứ tự (id) hoặc tên.",
            f"Show one {label} by code, id or name.",
        ),
        "edit": bilingual(
            f"Sửa các trường được nêu của {nhan}; giá trị rỗng thì xóa trường đó.",
            f"Change the given fields of an {label}; an empty value clears a field.",
        ),
        "remove": bilingual(
            f"Xóa {nhan} mà không bản ghi nào khác tham chiếu tới.",
            f"Remove an {label} that no other record refers to.",
        ),
    }


def dated_docs(record: str) -> dict[str, str]:
    """Activities and visits: records dated inside a pairing."""
    label, nhan = t(f"rec_{record}", "en"), t(f"rec_{record}", "vi")
    return {
        "add": bilingual(
            f"Thêm {nhan}; nó thuộc về quan hệ kết nghĩa của --agency và --village còn hiệu "
            "lực vào ngày --date.",
            f"Add an {label}; it belongs to the pairing of --agency and --village "
            "active on its --date.",
        ),
        "show": bilingual(f"Xem một {nhan}.", f"Show one {label}."),
        "edit": bilingual(
            f"Sửa các trường được nêu của {nhan}; giá trị rỗng thì xóa trường đó.",
            f"Change the given fields of an {label}; an empty value clears a field.",
        ),
        "remove": bilingual(f"Xóa {nhan}.", f"Remove an {label}."),
    }


DatedKey = Annotated[str, typer.Argument(help="Numeric id as shown by list (or an activity ref).")]
DATED_FIELDS: dict[str, dict[str, Any]] = {
    "aliases": {"agency_code": ["--agency-code"], "village_code": ["--village-code"]},
    "rename": {"agency_code": "agency", "village_code": "village"},
}


def dated_key(row: dict[str, Any]) -> str:
    return str(row.get("ref") or f"#{row['id']}")
