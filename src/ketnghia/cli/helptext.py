"""The command line in the user's language: help texts, metavars, Click's own words and errors.

The help of commands and options is written in English in the code, where it is declared; its
Vietnamese lives in `VI` (English, whitespace collapsed → Vietnamese) and in the pairs that code
building a help registers with `bilingual`. The language is known only once the command line
is read, so the help is put in place then (`localize`, from the root's `main`), from the
English kept aside: the same command tree serves any language. A help without Vietnamese shows
in English, and the tests that walk the command tree fail on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from typer import _click
from typer._click._compat import get_text_stderr
from typer._click.exceptions import ClickException, NoSuchOption, UsageError

from ketnghia.cli.helptexts_vi import VI
from ketnghia.i18n import get_lang, t

# Help texts built by code (one option per field …): English → Vietnamese.
_BUILT: dict[str, str] = {}


def bilingual(vi: str, en: str) -> str:
    """A help text made by code: `en` is declared, `vi` shown to Vietnamese users."""
    _BUILT[_collapsed(en)] = vi
    return en


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def help_text(en: str | None, lang: str | None = None) -> str | None:
    if not en or (lang or get_lang()) != "vi":
        return en
    key = _collapsed(en)
    return _BUILT.get(key) or VI.get(key) or en


# What stands for a value after an option: English → Vietnamese.
METAVARS = {
    "DATE": "NGÀY",
    "CODE": "MÃ",
    "AMOUNT": "SỐ TIỀN",
    "YEAR": "NĂM",
    "FILE": "TỆP",
    "TEXT": "CHỮ",
    "N": "SỐ",
    "NAME": "TÊN",
    "TARGET": "CSDL",
    "KEY": "MÃ",
    "CODES": "CÁC MÃ",
    "KIND": "LOẠI",
    "FOLDER": "THƯ MỤC",
    "CHOICE": "LỰA CHỌN",
    "VILLAGE": "THÔN",
    "OLD": "CŨ",
    "VALUES": "GIÁ TRỊ",
    "PATH": "TỆP",
    "FILES": "TỆP",
    "FILE.xlsx|FILE.csv": "TỆP.xlsx|TỆP.csv",
    "FILE.xlsx|FILE.csv|DIR": "TỆP.xlsx|TỆP.csv|THƯ MỤC",
    "KEY,KEY…": "CỘT,CỘT…",
    "vi|en": "vi|en",
}
# Options whose value is a date, a year, a record's code, or an amount of money.
_OPTION_METAVARS = {
    "--agency": "CODE",
    "--village": "CODE",
    "--agency-code": "CODE",
    "--village-code": "CODE",
    "--code": "CODE",
    "--year": "YEAR",
    "--from": "YEAR",
    "--to": "YEAR",
    "--value-vnd": "AMOUNT",
    "--value": "AMOUNT",
    "--income-per-head": "AMOUNT",
}
_DATE = re.compile(r"^--(date|on|since|as-of|effective|due|.*-on)$")


def _metavar(param: Any) -> str | None:
    """The metavar a parameter declared without one shows in English (None: a flag)."""
    if param.param_type_name == "argument":
        return str(param.name).upper()
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    first = next((o for o in param.opts if o.startswith("--")), param.opts[0])
    desc = getattr(param, "type_descriptor", None)
    if desc is not None and desc.is_choice and desc.choices:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices)
    if first in _OPTION_METAVARS:
        if first in ("--from", "--to") and desc is not None and desc.annotation is not int:
            return "DATE"
        return _OPTION_METAVARS[first]
    if _DATE.match(first):
        return "DATE"
    if desc is not None and desc.is_path:
        return "FILE"
    annotation = desc.annotation if desc is not None else None
    return "N" if annotation is int else "TEXT"


def _in_lang(metavar: str | None, lang: str) -> str | None:
    if metavar is None or lang != "vi":
        return metavar
    return METAVARS.get(metavar, metavar)


# -- Click's own words -------------------------------------------------------------------------

_SECTIONS = {
    "Options": "click_options",
    "Arguments": "click_arguments",
    "Commands": "click_commands",
}
_BRACKETS = re.compile(r"\[(required|default: (.*?))\]")


class KetnghiaFormatter(_click.HelpFormatter):
    """Click's help formatter, with its own words in the user's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = f"{t('click_usage')} "
        args = args.replace("[OPTIONS]", t("click_options_metavar"))
        args = args.replace("COMMAND [ARGS]...", t("click_command_metavar"))
        super().write_usage(prog, args, prefix)

    def section(self, name: str) -> Any:
        key = _SECTIONS.get(name)
        return super().section(t(key) if key else name)

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        def said(text: str) -> str:
            def one(m: re.Match[str]) -> str:
                if m.group(2) is not None:
                    return f"[{t('click_default', value=m.group(2))}]"
                return f"[{t('click_required')}]"

            return _BRACKETS.sub(one, text)

        super().write_dl([(a, said(b)) for a, b in rows], col_max, col_spacing)


class KetnghiaContext(_click.Context):
    """Help as wide as the terminal (Click stops at 80 columns), in the user's words."""

    formatter_class = KetnghiaFormatter

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.max_content_width is None:
            self.max_content_width = 120


# -- the tree ----------------------------------------------------------------------------------


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def _kept(obj: Any, attr: str) -> Any:
    """The value `attr` was declared with (kept aside the first time)."""
    kept = obj.__dict__.setdefault("_ketnghia_declared", {})
    if attr not in kept:
        kept[attr] = getattr(obj, attr)
    return kept[attr]


def _shown_type(metavar: str | None) -> Any:
    return lambda ctx: metavar


def first_sentence(text: str | None) -> str | None:
    """A command's summary in its group's listing: the first sentence of its help, whole (Click
    would cut it at the column's width with "..."; the listing wraps it instead)."""
    if not text:
        return None
    flat = " ".join(text.split())
    # a sentence ends at a full stop, not at one inside an abbreviation (e.g., v.v.)
    return re.split(r"(?<!\.\w)\.\s", flat, maxsplit=1)[0].rstrip(".")


def localize(root: Any, lang: str, help_option_names: list[str]) -> None:
    """Put every command's and option's help, and what stands for their values, in `lang`;
    plain Click help (no type markers, paragraphs wrapped to the terminal). A tree already
    in `lang` is left as it is (a process that runs many commands walks it once per language)."""
    done = (lang, tuple(help_option_names))
    if root.__dict__.get("_ketnghia_localized") == done:
        return
    for command in _commands(root):
        command.rich_markup_mode = None
        command.context_class = KetnghiaContext
        command.help = help_text(_kept(command, "help"), lang)
        declared_short = _kept(command, "short_help")
        command.short_help = (
            help_text(declared_short, lang) if declared_short else first_sentence(command.help)
        )
        ctx = KetnghiaContext(command, help_option_names=help_option_names)
        option = command.get_help_option(ctx)
        params = [*command.params, *([option] if option is not None else [])]
        for param in params:
            param.help = help_text(_kept(param, "help"), lang)
            declared = _kept(param, "metavar")
            english = _metavar(param) if declared is None else declared
            shown = _in_lang(english, lang)
            if param.param_type_name == "argument" or declared is not None:
                param.metavar = shown
            param.display_type_rich = _shown_type(
                None if param.param_type_name == "argument" else shown
            )
    root.__dict__["_ketnghia_localized"] = done


# -- Click's errors ----------------------------------------------------------------------------

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Missing option (?P<name>.+)\.$"), "click_missing_option"),
    (re.compile(r"^Missing argument (?P<name>.+)\.$"), "click_missing_argument"),
    (re.compile(r"^Missing command\.$"), "click_missing_command"),
    (
        re.compile(r"^No such command (?P<name>.+?)\. Did you mean (?P<names>.+)\?$"),
        "click_no_such_command_but",
    ),
    (re.compile(r"^No such command (?P<name>.+)\.$"), "click_no_such_command"),
    (re.compile(r"^Option (?P<name>.+) requires an argument\.$"), "click_needs_value"),
    (
        re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$"),
        "click_extra_args",
    ),
    (
        re.compile(
            r"^Invalid value for (?P<name>.+?): (?:Value error, )?(?P<value>.+) "
            r"is not one of (?P<choices>.+)\.$"
        ),
        "click_not_a_choice",
    ),
    (
        re.compile(r"^Invalid value for (?P<name>.+?): Value (?P<value>.+) is not a valid int\.$"),
        "click_not_a_number",
    ),
    (  # Typer's own check of a whole number (pydantic's words)
        re.compile(r"^Invalid value for (?P<name>.+?): Input should be a valid integer.*$"),
        "click_not_a_whole_number",
    ),
    (re.compile(r"^Invalid value for (?P<name>.+?): (?P<detail>.+)$"), "click_invalid_value"),
]


def click_message(error: ClickException) -> str:
    """What Click says, in the user's language."""
    if get_lang() != "vi":
        return error.format_message()
    if isinstance(error, NoSuchOption) and error.message.startswith("No such option"):
        said = t("click_no_such_option", name=error.option_name)
        if error.possibilities:
            said += " " + t(
                "click_did_you_mean", names=t("click_or").join(sorted(error.possibilities))
            )
        return said
    message = error.format_message()
    for pattern, key in _PATTERNS:
        found = pattern.match(message)
        if found:
            return t(key, **found.groupdict())
    return message


class LocalizedError(UsageError):
    """A Click error shown in the user's language (usage, the hint to --help, the message)."""

    def __init__(self, error: ClickException) -> None:
        super().__init__(error.message, getattr(error, "ctx", None))
        self.original = error
        self.exit_code = error.exit_code

    def format_message(self) -> str:
        return click_message(self.original)

    def show(self, file: IO[Any] | None = None) -> None:
        if file is None:
            file = get_text_stderr()
        ctx = self.ctx if isinstance(self.original, UsageError) else None
        color = ctx.color if ctx is not None else None
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                command = f"{ctx.command_path} {ctx.help_option_names[0]}"
                hint = t("click_try_help", command=command) + "\n"
            _click.echo(f"{ctx.get_usage()}\n{hint}", file=file, color=color)
        _click.echo(t("click_error", message=self.format_message()), file=file, color=color)
