"""Options every command shares: formats, output, scopes, years and dates (checked where they are
parsed, naming the option), and one option per field of a kind."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ketnghia.cli.helptext import bilingual
from ketnghia.schema import CHOICES, Kind


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table, json, csv or xlsx (default: the one the --output "
        "file's suffix names, else table).",
        show_default=False,
    ),
]


class RecordFormat(str, Enum):
    """How a command that writes prints the record it wrote (never a file)."""

    table = "table"
    json = "json"
    csv = "csv"


MaybeFormatOption = Annotated[
    RecordFormat | None,
    typer.Option("--format", "-f", help="Print the record as table, json or csv."),
]


OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to FILE instead of stdout (- is stdout)."),
]


ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="KEY,KEY…",
        help="Only these columns, in this order (keys as in JSON).",
    ),
]


def _named_database(ctx: Any) -> str | None:
    """The --db of the command line being completed (cli/app.py moves it before the command
    wherever it was typed); None leaves it to KETNGHIA_DB, the config file, the default."""
    value = ctx.find_root().params.get("db")
    return value if isinstance(value, str) else None


def _completer(record: str, several: bool = False) -> Callable[[Any, Any, str], list[Any]]:
    """Shell completion (Click's protocol) of an agency's or a village's code: the codes
    starting with what is typed, or whose name has a word starting with it (any case, any
    accents), each with its name as help; `several`: codes separated by ";", the last one
    completed. Read by ketnghia.peek, without the database layer, and never an error."""

    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem

        from ketnghia.peek import suggestions

        head, typed = "", incomplete
        if several and ";" in incomplete:
            before, _, typed = incomplete.rpartition(";")
            head = before + ";"
        found = suggestions(_named_database(ctx), record, typed)
        return [CompletionItem(head + code, help=name) for code, name in found]

    return complete


complete_agency = _completer("agency")
complete_village = _completer("village")
complete_agencies = _completer("agency", several=True)
# A field's type (schema.Field.type) → the completion of the options that give it.
FIELD_COMPLETERS = {"agency": complete_agency, "village": complete_village}
FIELD_COMPLETERS["agencies"] = complete_agencies


SearchOption = Annotated[
    str | None, typer.Option("--search", "-s", help="Match names, any case, any accents.")
]


AgencyOption = Annotated[
    str | None,
    typer.Option(
        "--agency", help="Agency code or unambiguous name.", shell_complete=complete_agency
    ),
]


VillageOption = Annotated[
    str | None,
    typer.Option(
        "--village", help="Village code or unambiguous name.", shell_complete=complete_village
    ),
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


_KEY_HELP = "Code, ref or numeric id as shown by list."
AgencyKeyArgument = Annotated[str, typer.Argument(help=_KEY_HELP, shell_complete=complete_agency)]
VillageKeyArgument = Annotated[str, typer.Argument(help=_KEY_HELP, shell_complete=complete_village)]


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


def required_date_option(value: str, name: str) -> dt.date:
    """The date of an option that must have one: a blank value is refused as missing."""
    from ketnghia.errors import InvalidValue

    day = date_option(value, name)
    if day is None:
        raise InvalidValue(name, "required")
    return day


def text_option(value: str | None, name: str) -> str | None:
    """Free text given to an option that is not a record field (a note, a reason): stored
    like a long-text field, so it is refused for the same characters, naming the option."""
    from ketnghia.errors import InvalidValue
    from ketnghia.values import ValueProblem, parse_text

    try:
        return parse_text(value, multiline=True)
    except ValueProblem as problem:
        raise InvalidValue(name, problem.reason, **problem.params) from None


_TYPES: dict[str, Any] = {"int": int | None, "year": int | None, "bool": bool | None}
# What stands for a field's value in the help (English; cli/helptext.py has the Vietnamese).
_FIELD_METAVARS = {
    "id": "CODE",
    "code": "CODE",
    "agency": "CODE",
    "village": "CODE",
    "agencies": "CODES",
    "date": "DATE",
    "money": "AMOUNT",
    "year": "YEAR",
    "int": "N",
    "number": "N",
    "choice": "CHOICE",
}

# The options that give the fields of the command being run (field key → its names, as
# field_options made them), kept in the context's `meta`, which every context of one run
# shares: the error translator (cli/app.py) names a field as it is typed on the command line.
OPTION_NAMES = "ketnghia.option_names"


def name_fields(ctx: Any, names: dict[str, list[str]]) -> None:
    """Say which options give which fields of the running command."""
    ctx.meta.setdefault(OPTION_NAMES, {}).update(names)


def option_of(meta: dict[str, Any], key: str, tokens: list[str]) -> str | None:
    """The option that gives field `key` in the running command: the name the user typed
    (`--since` or `--started-on`), else — the option was left out — its shortest name, the
    one people type; None when no option of the command gives that field."""
    names: list[str] | None = meta.get(OPTION_NAMES, {}).get(key)
    if not names:
        return None
    for token in tokens:
        name = token.split("=", 1)[0]
        if name in names:
            return name
    return min(names, key=len)


def field_options(
    kind: Kind,
    aliases: dict[str, list[str]] | None = None,
    skip: Iterable[str] = (),
    rename: dict[str, str] | None = None,
    ask: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add one option per field of `kind` (--code, --ethnic-groups, --special-difficulty/
    --no-special-difficulty …); the command receives the given ones as `values`. With `ask`
    (the commands that add a record), the required ones left out are asked for at a terminal
    (cli/prompts.py)."""
    aliases = aliases or {}
    rename = rename or {}
    skipped = set(skip)

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        added = []
        option_names: dict[str, list[str]] = {}
        for f in kind.input_fields:
            if f.key in skipped:
                continue
            flag = rename.get(f.key, f.key.replace("_", "-"))
            names = [f"--{flag}", *aliases.get(f.key, [])]
            option_names[f.key] = names
            if f.type == "bool":
                names = [f"--{flag}/--no-{flag}"]
                option_names[f.key] = [f"--{flag}", f"--no-{flag}"]
            vi, en = f.label_vi, f"{f.label_en} ({f.label_vi})"
            if f.type == "choice":  # the choices by their labels, in the help's language
                labels = list(CHOICES[f.choices or ""].values())
                vi += ": " + ", ".join(label_vi for label_vi, _ in labels)
                en += ": " + ", ".join(label_en for _, label_en in labels)
            option = typer.Option(
                None,
                *names,
                help=bilingual(vi, en),
                metavar=_FIELD_METAVARS.get(f.type),
                show_default=False,
                callback=_checked_year if f.type == "year" else None,
                shell_complete=FIELD_COMPLETERS.get(f.type),
            )
            added.append(
                inspect.Parameter(
                    f"field__{f.key}",
                    inspect.Parameter.KEYWORD_ONLY,
                    default=option,
                    annotation=_TYPES.get(f.type, str | None),
                )
            )

        def take(kwargs: dict[str, Any]) -> dict[str, Any]:
            if hasattr(kwargs.get("ctx"), "meta"):  # the command's context
                name_fields(kwargs["ctx"], option_names)
            values = {}
            for name in list(kwargs):
                if name.startswith("field__"):
                    value = kwargs.pop(name)
                    if value is not None:
                        values[name[len("field__") :]] = value
            if ask and hasattr(kwargs.get("ctx"), "meta"):
                from ketnghia.cli.prompts import ask_missing

                ask_missing(kwargs["ctx"], kind, values, option_names)
            return {"values": values}

        return with_parameters(func, added, take, supplies="values")

    return decorate


def with_parameters(
    func: Callable[..., Any],
    added: list[inspect.Parameter],
    take: Callable[[dict[str, Any]], dict[str, Any]],
    supplies: str,
) -> Callable[..., Any]:
    """`func` as Typer sees it: `added` (keyword-only options) in place of its parameter
    `supplies`, which `take` makes from them (it pops them from the call's arguments)."""
    # Resolve string annotations (from __future__) in func's module, not in this one; not
    # with typing.get_type_hints, which on Python 3.10 wraps an Annotated parameter whose
    # default is None in Optional[...] and so hides its typer.Argument from Typer.
    signature = inspect.signature(func, eval_str=True)
    params = [p for p in signature.parameters.values() if p.name != supplies]

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        supplied = take(kwargs)  # first: it pops the added options
        return func(*args, **supplied, **kwargs)

    new_signature = signature.replace(parameters=params + added)
    # inspect.signature (and so Typer) reads __signature__; typeshed does not declare it
    wrapper.__signature__ = new_signature  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in new_signature.parameters.values()}
    del wrapper.__wrapped__
    return wrapper


def document_lang(value: str | None, default: str) -> str:
    """A document's own --lang (a template, the collection forms): vi or en, else one line
    naming the option; not given, the user's language."""
    from ketnghia.errors import InvalidValue
    from ketnghia.i18n import LANGS

    if value is None:
        return default
    chosen = value.strip().lower()
    if chosen not in LANGS:
        raise InvalidValue("--lang", "config_lang")
    return chosen
