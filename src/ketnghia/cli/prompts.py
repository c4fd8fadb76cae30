"""At a terminal, ask rather than fail: the required fields a command to add a record was not
given, asked for one by one in the user's language, before the service is called.

Driven by the kind's description (schema.Kind: which fields are required, their type, their
choices); field_options (cli/options.py) calls it for the commands that add. A value is checked
as the option's would be (services/fields.py) and asked again, with the option's own error,
until it parses. Never when standard input or error is not a terminal, nor with --no-input or
KETNGHIA_NO_INPUT=1: the service then refuses the missing option as it always has."""

from __future__ import annotations

import sys
from typing import Any, TextIO

import typer

from ketnghia.errors import InvalidValue, KetnghiaError
from ketnghia.i18n import get_lang, t
from ketnghia.schema import CHOICES, Field, Kind

# The field types whose value names a record (a code or a name), and so say it in the prompt.
_NAMING = ("agency", "village", "commune")


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed, or not a real stream
        return False


def may_ask(ctx: Any) -> bool:
    """A person is there to answer: standard input and error are a terminal, and asking was
    not turned off."""
    from ketnghia.cli.state import state

    if state(ctx).no_input:
        return False
    return _is_terminal(sys.stdin) and _is_terminal(sys.stderr)


def ask_missing(
    ctx: Any, kind: Kind, values: dict[str, Any], options: dict[str, list[str]]
) -> None:
    """Ask for every required field of `kind` that has an option here (`options`: field key →
    its option names) and is not in `values`; put the answers in `values`."""
    missing = [
        f for f in kind.input_fields if f.required and f.key in options and f.key not in values
    ]
    if not missing or not may_ask(ctx):
        return
    from ketnghia.cli.options import option_of

    for f in missing:
        values[f.key] = _ask(kind, f, option_of(ctx.meta, f.key, []) or f.key)


def _say(text: str) -> None:
    typer.echo(text, err=True)


def _read(prompt: str) -> str:
    """One line typed at the terminal, after `prompt` on standard error; end of input
    (Ctrl-D, Ctrl-Z on Windows) or Ctrl-C stops the command, nothing written."""
    try:
        typer.echo(prompt, err=True, nl=False)
        line = sys.stdin.readline()
    except KeyboardInterrupt:
        line = ""  # raised below, so that the error is not seen as an interrupted write
    if not line:
        _say("")
        raise KetnghiaError("prompt_aborted")
    return line.rstrip("\r\n")


def _ask(kind: Kind, f: Field, option: str) -> Any:
    """The value of field `f`, asked until it is one the option would take."""
    from ketnghia.services.fields import parse_field

    lang = get_lang()
    choices = list(CHOICES[f.choices or ""].items()) if f.type == "choice" else []
    if f.type == "date":
        hint = f" ({t('prompt_date')})"
    elif f.type in _NAMING:
        hint = f" ({t('prompt_record')})"
    elif choices:
        hint = f" ({t('prompt_choice', count=len(choices))})"
        _say(f"{f.label(lang)}:")
        for number, (_, labels) in enumerate(choices, start=1):
            _say(f"  {number}. {labels[0] if lang == 'vi' else labels[1]}")
    else:
        hint = ""
    while True:
        answer = _read(f"{f.label(lang)}{hint}: ").strip()
        if answer.isdigit() and choices and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1][0]
        try:
            if parse_field(kind, f.key, answer) in (None, []):
                raise InvalidValue(f.key, "required")
        except InvalidValue as problem:
            _say(f"{t('error')}: {problem.named(option).render()}")
            continue
        return answer
