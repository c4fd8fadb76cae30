"""What every command shares: the state set by the root options, output, field options.

Nothing here imports the database layer at module level, so `ketnghia --help` stays fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import sys
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ketnghia.i18n import get_lang, t
from ketnghia.schema import Kind
from ketnghia.values import format_value

if TYPE_CHECKING:
    from ketnghia.db import Database


class State:
    """Root options, and the database opened on first use."""

    def __init__(self, db_target: str | None, lang: str, debug: bool) -> None:
        self.db_target = db_target
        self.lang = lang
        self.debug = debug
        self._db: Database | None = None

    def database(self) -> Database:
        if self._db is None:
            from ketnghia.rules import open_database

            self._db = open_database(self.db_target)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State(None, get_lang(), False)
    return root.obj


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output format: table, json or csv.")
]
MaybeFormatOption = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="Print the record as table, json or csv."),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")
]
SearchOption = Annotated[
    str | None, typer.Option("--search", "-s", help="Match names, any case, any accents.")
]
AgencyOption = Annotated[
    str | None, typer.Option("--agency", help="Agency code or unambiguous name.")
]
VillageOption = Annotated[
    str | None, typer.Option("--village", help="Village code or unambiguous name.")
]
DistrictOption = Annotated[str | None, typer.Option("--district", help="District name.")]


def _checked_year(param: typer.CallbackParam, value: int | None) -> int | None:
    """Every year given on the command line (--year, --from/--to, lock YEAR): in the range
    ketnghia keeps, or one line naming the option (exit 1)."""
    from ketnghia.errors import InvalidValue
    from ketnghia.values import ValueProblem, check_year

    if value is None:
        return None
    try:
        return check_year(value)
    except ValueProblem as problem:
        opts = [o for o in param.opts if o.startswith("--")]
        name = opts[0] if opts else (param.name or "year").upper()
        raise InvalidValue(name, problem.reason, **problem.params) from None


def year_option(*names: str, help: str) -> Any:
    return typer.Option(*names, help=help, callback=_checked_year)


def year_argument(help: str) -> Any:
    return typer.Argument(help=help, callback=_checked_year)


YearOption = Annotated[int | None, year_option("--year", help="Only records of year Y.")]
KeyArgument = Annotated[str, typer.Argument(help="Code, ref or numeric id as shown by list.")]


# -- values for people and for machines ----------------------------------------------


def date_option(value: str | None, name: str) -> dt.date | None:
    """A date given to an option (ISO or dd/mm/yyyy) in the range ketnghia keeps; a bad one
    is an error naming the option. Every date option goes through it."""
    from ketnghia.errors import InvalidValue
    from ketnghia.values import ValueProblem, check_date, parse_date

    if value is None:
        return None
    try:
        return check_date(parse_date(value))
    except ValueProblem as problem:
        raise InvalidValue(name, problem.reason, **problem.params) from None


def text_option(value: str | None, name: str) -> str | None:
    """Free text given to an option that is not a record field (a note, a reason): stored
    like a long-text field, so it is refused for the same characters, naming the option."""
    from ketnghia.errors import InvalidValue
    from ketnghia.values import ValueProblem, parse_text

    try:
        return parse_text(value, multiline=True)
    except ValueProblem as problem:
        raise InvalidValue(name, problem.reason, **problem.params) from None


def human_value(kind: Kind, key: str, value: Any, lang: str) -> str:
    """A record's value as people read it (values.format_value, by the field's type)."""
    try:
        f = kind.field(key)
    except KeyError:
        return format_value(value, "text", lang)
    return format_value(value, f.choices if f.type == "choice" and f.choices else f.type, lang)


def column_label(kind: Kind, key: str, lang: str) -> str:
    try:
        return kind.field(key).label(lang)
    except KeyError:
        return t(f"col_{key}", lang)


# -- output ----------------------------------------------------------------------------


def written(output: Path | None) -> None:
    """Say on stderr which file was written (stdout needs no saying)."""
    if output is not None:
        typer.echo(t("written", path=str(output)), err=True)


def write_json(data: Any, output: Path | None) -> None:
    from ketnghia.exporting import json_value
    from ketnghia.outputs import text_output

    with text_output(output) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2, default=json_value)
        handle.write("\n")
    written(output)


def write_csv(keys: list[str], rows: Iterable[dict[str, Any]], output: Path | None) -> None:
    """CSV with a formula guard; a file gets a BOM so that Excel opens it as UTF-8, and
    stdout stays plain for pipes."""
    from ketnghia import exporting
    from ketnghia.outputs import text_output

    with text_output(output, bom=True) as handle:
        exporting.write_csv(handle, keys, rows, "\n" if output is None else "\r\n")
    written(output)


def write_text(text: str, output: Path | None, bom: bool = False) -> None:
    """A document made in memory (markdown, html, a report's csv)."""
    from ketnghia.outputs import text_output

    if output is None:
        typer.echo(text, nl=False)
        return
    with text_output(output, bom=bom) as handle:
        handle.write(text)
    written(output)


def console(output: Path | None = None, handle: Any = None):  # type: ignore[no-untyped-def]
    from rich.console import Console

    if handle is not None:
        return Console(file=handle, width=160, no_color=True, force_terminal=False)
    # Piped output is not cut to 80 columns: it is read in editors and spreadsheets.
    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)


def _row_keys(kind: Kind, rows: list[dict[str, Any]]) -> list[str]:
    keys = list(kind.keys)
    for row in rows[:1]:
        keys += [k for k in row if k not in keys]
    return keys


def emit_rows(
    kind: Kind, rows: list[dict[str, Any]], fmt: Format, output: Path | None, title: str = ""
) -> None:
    """A listing: a rich table for people, or canonical-key JSON/CSV for scripts."""
    keys = _row_keys(kind, rows)
    if fmt is Format.json:
        write_json([{k: row.get(k) for k in keys} for row in rows], output)
        return
    if fmt is Format.csv:
        write_csv(keys, rows, output)
        return
    from rich.table import Table

    lang = get_lang()
    shown = [f.key for f in kind.fields if f.brief]
    shown += [k for k in keys if k not in kind.keys]  # names of the agency and village
    table = Table(title=title or kind.label(lang), title_justify="left")
    for key in shown:
        ftype = kind.field(key).type if key in kind.keys else "text"
        table.add_column(
            column_label(kind, key, lang),
            justify="right" if ftype in _NUMERIC else "left",
            no_wrap=ftype in _NO_WRAP,
        )
    for row in rows:
        table.add_row(*(human_value(kind, k, row.get(k), lang) for k in shown))
    if not rows:
        table.caption = t("no_rows")
    print_rich([table], output)


def emit_plain(
    rows: list[dict[str, Any]],
    keys: list[str],
    fmt: Format,
    output: Path | None,
    title: str = "",
) -> None:
    """Rows that are not records of a kind (units, places, moves): headings are `col_KEY`."""
    if fmt is Format.json:
        write_json([{k: row.get(k) for k in keys} for row in rows], output)
        return
    if fmt is Format.csv:
        write_csv(keys, rows, output)
        return
    from rich.table import Table

    lang = get_lang()
    table = Table(title=title, title_justify="left")
    for key in keys:
        table.add_column(t(f"col_{key}", lang))
    for row in rows:
        table.add_row(*(format_value(row.get(k), "text", lang) for k in keys))
    if not rows:
        table.caption = t("no_rows")
    print_rich([table], output)


def emit_record(kind: Kind, row: dict[str, Any], fmt: Format, output: Path | None) -> None:
    """One record: a two-column table for people, an object (or one CSV row) for scripts."""
    keys = _row_keys(kind, [row])
    if fmt is Format.json:
        write_json({k: row.get(k) for k in keys}, output)
        return
    if fmt is Format.csv:
        write_csv(keys, [row], output)
        return
    from rich.table import Table

    lang = get_lang()
    table = Table(title=kind.label(lang), show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for key in keys:
        table.add_row(column_label(kind, key, lang), human_value(kind, key, row.get(key), lang))
    print_rich([table], output)


_NUMERIC = ("id", "int", "year", "money", "number")
_NO_WRAP = (*_NUMERIC, "code", "date", "agency", "village")


def print_rich(parts: Iterable[Any], output: Path | None) -> None:
    """Rich tables and text: to the terminal, or as plain text to a file."""
    if output is None:
        out = console()
        for part in parts:
            out.print(part)
        return
    from ketnghia.outputs import text_output

    with text_output(output) as handle:
        out = console(handle=handle)
        for part in parts:
            out.print(part)
    written(output)


def done(
    message_key: str,
    record_kind: Kind,
    row: dict[str, Any],
    fmt: Format | None,
    /,
    **params: Any,
) -> None:
    """After a write: a one-line confirmation, or the record when a format is asked for."""
    if fmt is not None:
        emit_record(record_kind, row, fmt, None)
    else:
        typer.echo(t(message_key, **params))


# -- one option per field --------------------------------------------------------------

_TYPES: dict[str, Any] = {"int": int | None, "year": int | None, "bool": bool | None}


def field_options(
    kind: Kind,
    aliases: dict[str, list[str]] | None = None,
    skip: Iterable[str] = (),
    rename: dict[str, str] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add one option per field of `kind` (--code, --ethnic-groups, --special-difficulty/
    --no-special-difficulty …); the command receives the given ones as `values`."""
    aliases = aliases or {}
    rename = rename or {}
    skipped = set(skip)

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        # Resolve string annotations (from __future__) in func's module, not in this one; not
        # with typing.get_type_hints, which on Python 3.10 wraps an Annotated parameter whose
        # default is None in Optional[...] and so hides its typer.Argument from Typer.
        signature = inspect.signature(func, eval_str=True)
        params = [p for p in signature.parameters.values() if p.name != "values"]
        added = []
        for f in kind.input_fields:
            if f.key in skipped:
                continue
            flag = rename.get(f.key, f.key.replace("_", "-"))
            names = [f"--{flag}", *aliases.get(f.key, [])]
            if f.type == "bool":
                names = [f"--{flag}/--no-{flag}"]
            option = typer.Option(
                None,
                *names,
                help=f"{f.label_en} ({f.label_vi})",
                show_default=False,
                callback=_checked_year if f.type == "year" else None,
            )
            added.append(
                inspect.Parameter(
                    f"field__{f.key}",
                    inspect.Parameter.KEYWORD_ONLY,
                    default=option,
                    annotation=_TYPES.get(f.type, str | None),
                )
            )

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values = {}
            for name in list(kwargs):
                if name.startswith("field__"):
                    value = kwargs.pop(name)
                    if value is not None:
                        values[name[len("field__") :]] = value
            return func(*args, values=values, **kwargs)

        new_signature = signature.replace(parameters=params + added)
        wrapper.__signature__ = new_signature  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in new_signature.parameters.values()}
        del wrapper.__wrapped__  # type: ignore[attr-defined]
        return wrapper

    return decorate
