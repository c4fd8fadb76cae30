"""The root command: global options, sub-command groups, and how errors reach the user."""

from __future__ import annotations

import errno
import os
import sys
from typing import Annotated, Any

import typer
from typer._click.exceptions import ClickException, MissingParameter, NoArgsIsHelpError
from typer.core import TyperGroup

from ketnghia import __version__
from ketnghia.cli.helptext import KetnghiaContext, LocalizedError, localize
from ketnghia.cli.state import State
from ketnghia.errors import InvalidValue, KetnghiaError
from ketnghia.i18n import LANGS, detect_lang, get_lang, set_lang, t

# Click's own ways out (--help, a usage error, an exit code) go through as they are.
_PASS_THROUGH = (typer.Exit, typer.Abort, typer.TyperException)
# What an output stream that cannot take more says (a disk or a quota that is full, a device).
_WRITE_FAILURES = {errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE, as `cmd | head` reports the writers it stopped


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and those it was raised while handling, latest first."""
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


def _from_database(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] in ("sqlalchemy", "psycopg", "sqlite3")


def _as_typed(error: KetnghiaError, meta: dict[str, Any], tokens: list[str]) -> KetnghiaError:
    """A bad value of a field, named by the option the command gives it with (`--since`, not
    `started_on`)."""
    if isinstance(error, InvalidValue):
        from ketnghia.cli.options import option_of

        option = option_of(meta, error.field, tokens)
        if option is not None:
            others = [option_of(meta, key, tokens) or key for key in error.params.get("also", [])]
            return error.named(", ".join([option, *others]))
    return error


def _translate(exc: BaseException) -> KetnghiaError | None:
    """Turn known exceptions into user errors; None for real bugs."""
    causes = _chain(exc)
    for cause in causes:
        # a full disk first: what failed after it (a cleanup of what it rolled back) is its echo
        if _from_database(cause):
            from ketnghia.db import explain

            found = explain(cause)
            if found is not None and found.key == "db_disk_full":
                return found
    if isinstance(exc, KetnghiaError):
        return exc
    if _from_database(exc):
        from ketnghia.db import explain

        return explain(exc)
    if isinstance(exc, OSError):
        if getattr(exc, "filename", None):
            return KetnghiaError("file_error", path=exc.filename, detail=exc.strerror)
        if exc.errno in _WRITE_FAILURES:  # standard output: a full disk, /dev/full
            return KetnghiaError("output_failed", detail=exc.strerror or str(exc))
    return None


def _closed_pipe(exc: BaseException) -> bool:
    """The reader of our output went away (`ketnghia … | head`); Windows says EINVAL."""
    if isinstance(exc, BrokenPipeError):
        return True
    return (
        sys.platform == "win32"
        and isinstance(exc, OSError)
        and exc.errno == errno.EINVAL
        and getattr(exc, "filename", None) is None
    )


def quiet_stdout() -> None:
    """Send what is left for standard output nowhere, so that flushing it at exit does not
    fail again on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (the tests' runner)


def _commits() -> int:
    """Writes committed so far (none when no database was opened)."""
    db = sys.modules.get("ketnghia.db")
    return db.writes_committed() if db is not None else 0


def _interrupted(commits_before: int) -> typer.Exit:
    """Ctrl-C: one line saying whether anything was written, exit 130. What the command was
    writing was rolled back, and a file being written was left as it was (ketnghia.outputs)."""
    key = "interrupted" if _commits() == commits_before else "interrupted_after_write"
    typer.echo(t(key), err=True)
    return typer.Exit(EXIT_INTERRUPTED)


def _command_path(group: Any, ctx: Any) -> str:
    """The command the arguments name ("ketnghia pair edit"), for the audit trail."""
    path, command = [ctx.command_path or "ketnghia"], group
    for token in [*getattr(ctx, "_protected_args", []), *ctx.args]:
        sub = getattr(command, "commands", {}).get(token)
        if sub is None:
            break
        path.append(token)
        command = sub
    return " ".join(path)


HELP_OPTIONS = ["--help", "-h"]  # the first is the one errors point to
# The root's options, which may also come after the command (unless that command has an
# option of the same name: `history --actor`, `template --lang` keep theirs).
ROOT_VALUED = ("--db", "--lang", "--actor")
ROOT_FLAGS = ("--debug", "--no-input")


def _option(command: Any, name: str) -> Any:
    for param in getattr(command, "params", []):
        if name in param.opts or name in param.secondary_opts:
            return param
    return None


def _takes_value(command: Any, token: str) -> bool:
    param = _option(command, token)
    return param is not None and not (getattr(param, "is_flag", False) or param.count)


def hoist_root_options(root: Any, args: list[str]) -> list[str]:
    """`ketnghia agency list --lang vi` as `ketnghia --lang vi agency list`: the root's options
    found after the command are moved before it. Values of the command's own options, and
    everything after `--`, are left as they are."""
    front: list[str] = []
    rest: list[str] = []
    command, after_command, i = root, False, 0
    while i < len(args):
        token = args[i]
        if token == "--":
            rest.extend(args[i:])
            break
        name = token.split("=", 1)[0]
        if after_command and name in (*ROOT_VALUED, *ROOT_FLAGS) and _option(command, name) is None:
            takes = name in ROOT_VALUED and "=" not in token and i + 1 < len(args)
            front.extend(args[i : i + 2] if takes else [token])
            i += 2 if takes else 1
            continue
        subcommands = getattr(command, "commands", None)
        if subcommands is not None and not token.startswith("-"):  # a command's name
            command, after_command = subcommands.get(token), True  # None: Click says so
        rest.append(token)
        if token.startswith("-") and "=" not in token and _takes_value(command, token):
            rest.extend(args[i + 1 : i + 2])
            i += 1
        i += 1
    return front + rest


def _early_lang(root: Any, args: list[str]) -> str:
    """The language, before Click reads the command line (its help and its errors need it):
    --lang among the root's options, else what `detect_lang` finds."""
    option: str | None = None
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] != "--":
        name, _, value = args[i].partition("=")
        if name == "--lang":
            option = value if value else (args[i + 1] if i + 1 < len(args) else None)
        i += 2 if (not value and _takes_value(root, name)) else 1
    if option is not None and option.strip().lower() not in LANGS:
        option = None
    try:
        return detect_lang(option, strict=False)
    except Exception:  # the root's callback reports it, in English if it must
        return "en"


def _plain_values_as_they_are(root: Any) -> None:
    """An option not given is None (or empty), and a text option's text is that text, without
    Typer's coercion, which builds a pydantic adapter for them: help, and commands that never
    open a database, do not import pydantic. Other values are coerced by Typer as before."""
    if root.__dict__.get("_ketnghia_plain"):
        return
    stack = [root]
    while stack:
        command = stack.pop()
        stack.extend(getattr(command, "commands", {}).values())
        ctx = KetnghiaContext(command, help_option_names=HELP_OPTIONS)
        help_option = command.get_help_option(ctx)
        for param in [*command.params, *([help_option] if help_option is not None else [])]:
            param.process_value = _process_value(param, param.process_value)
    root.__dict__["_ketnghia_plain"] = True


def _process_value(param: Any, typed: Any) -> Any:
    single = not (param.multiple or param.nargs == -1)
    text = single and getattr(getattr(param, "type_descriptor", None), "annotation", None) is str

    def process_value(ctx: Any, value: Any) -> Any:
        if not (value is None or (text and isinstance(value, str))):
            return typed(ctx, value)
        if value is None and not single:
            value = ()
        if param.required and param.value_is_missing(value):
            raise MissingParameter(ctx=ctx, param=param)
        return value if param.callback is None else param.callback(ctx, param, value)

    return process_value


def _localized(error: ClickException) -> ClickException:
    if get_lang() != "vi" or isinstance(error, (NoArgsIsHelpError, LocalizedError)):
        return error
    return LocalizedError(error)


class KetnghiaGroup(TyperGroup):
    """Prints user errors as one line on stderr and exits 1; --debug shows the traceback.
    Reads the root's options wherever they are, and speaks the user's language."""

    context_class = KetnghiaContext

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if args is None:
            args = sys.argv[1:]
            if os.name == "nt" and windows_expand_args:
                from typer._click.utils import _expand_args

                args = _expand_args(args)
        args = hoist_root_options(self, list(args))
        set_lang(_early_lang(self, args))
        localize(self, get_lang(), HELP_OPTIONS)
        _plain_values_as_they_are(self)
        return super().main(args, prog_name, complete_var, standalone_mode, False, **extra)

    def make_context(
        self, info_name: str | None, args: list[str], *rest: Any, **kwargs: Any
    ) -> Any:
        if kwargs.get("resilient_parsing"):  # shell completion: main() did not see the line
            args = hoist_root_options(self, list(args))
        try:
            return super().make_context(info_name, args, *rest, **kwargs)
        except ClickException as error:
            raise _localized(error) from None

    def invoke(self, ctx: Any) -> Any:
        from ketnghia.acting import set_command

        set_command(_command_path(self, ctx))
        tokens = [*getattr(ctx, "_protected_args", []), *ctx.args]
        commits = _commits()
        try:
            return super().invoke(ctx)
        except ClickException as usage:
            raise _localized(usage) from None
        except _PASS_THROUGH:
            raise
        except KeyboardInterrupt:
            raise _interrupted(commits) from None
        except Exception as exc:
            if _closed_pipe(exc):
                quiet_stdout()
                raise typer.Exit(EXIT_CLOSED_PIPE) from None
            if any(isinstance(cause, KeyboardInterrupt) for cause in _chain(exc)):
                # Ctrl-C in the middle of a query, and a cleanup that failed after it
                raise _interrupted(commits) from None
            obj = ctx.obj
            if isinstance(obj, State) and obj.debug:
                raise
            error = _translate(exc)
            if error is not None:
                error = _as_typed(error, ctx.meta, tokens)
                message = f"{t('error')}: {error.render()}"
            else:
                message = t("unexpected", detail=f"{type(exc).__name__}: {exc}")
            from ketnghia.outputs import printable

            typer.echo(printable(message.splitlines()[0] if message else message), err=True)
            raise typer.Exit(1) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ketnghia {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="TARGET",
            help="SQLite file or SQLAlchemy URL (sqlite:///x.db, postgresql+psycopg://u@h/db). "
            "Default: $KETNGHIA_DB, else `config set db`, else a file in the user data folder.",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", metavar="vi|en", help="Language of tables and messages."),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            help="Never ask for a missing required value at a terminal: fail as a script "
            "does (also $KETNGHIA_NO_INPUT=1).",
        ),
    ] = False,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            metavar="NAME",
            help="Who is making the change, for the audit trail (default: $KETNGHIA_ACTOR, "
            "else the user name).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    if lang is not None and lang.strip().lower() not in ("vi", "en"):
        raise typer.BadParameter("use vi or en", param_hint="--lang")
    chosen = detect_lang(lang, strict=ctx.invoked_subcommand != "config")  # config repairs
    set_lang(chosen)
    from ketnghia.acting import set_actor

    set_actor(actor)
    from ketnghia.settings import env_flag

    st = State(db, chosen, debug, no_input or env_flag("no_input"))
    ctx.obj = st
    ctx.call_on_close(st.close)
    if ctx.invoked_subcommand is None:  # `ketnghia` alone: the help, as a success
        typer.echo(ctx.get_help())
        raise typer.Exit()


# What the root holds, in the order its help lists them: (name, module in ketnghia.cli, the
# Typer group or command function there, whether it is a group).
COMMANDS: list[tuple[str, str, str, bool]] = [
    ("agency", "agency", "app", True),
    ("village", "village", "app", True),
    ("pair", "pair", "app", True),
    ("activity", "activity", "app", True),
    ("household", "household", "app", True),
    ("visit", "visit", "app", True),
    ("inspection", "inspection", "app", True),
    ("db", "dbcmd", "app", True),
    ("report", "report", "app", True),
    ("locality", "locality", "app", True),
    ("admin", "admin", "app", True),
    ("config", "config", "app", True),
    ("collect", "collect", "app", True),
    ("import", "transfer", "import_", False),
    ("export", "transfer", "export", False),
    ("template", "transfer", "template", False),
    ("history", "history", "history", False),
    ("lock", "locks", "lock", False),
    ("unlock", "locks", "unlock", False),
    ("demo", "demo", "demo", False),
]


def build_app(only: str | None = None) -> typer.Typer:
    """The root with every group and command, or with only the one named `only`: a command
    at work builds and imports no other (its help, usage errors and audit path are the same)."""
    import importlib

    built = typer.Typer(
        cls=KetnghiaGroup,
        name="ketnghia",
        help="Records of the kết nghĩa twinning programme: agencies, villages, pairings, "
        "activities, visits, and the annual report. (Sổ theo dõi công tác kết nghĩa.)",
        invoke_without_command=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": HELP_OPTIONS},
    )
    built.callback()(root)
    for name, module, attribute, group in COMMANDS:
        if only is not None and name != only:
            continue
        found = getattr(importlib.import_module(f"ketnghia.cli.{module}"), attribute)
        if group:
            built.add_typer(found, name=name)
        else:
            built.command(name)(found)
    return built


def _named_command(args: list[str]) -> str | None:
    """The group or command the line names, when nothing before it needs the whole tree (the
    root's help, completion, a word that is not a command)."""
    if any(name.startswith("_KETNGHIA_COMPLETE") for name in os.environ):
        return None
    i = 0
    while i < len(args):
        token = args[i]
        if token in ROOT_VALUED:
            i += 2
        elif token.split("=", 1)[0] in ROOT_VALUED or token in ROOT_FLAGS:
            i += 1
        else:
            known = any(token == name for name, *_ in COMMANDS)
            return token if known else None
    return None


def _root_help(args: list[str]) -> bool:
    """Whether the line asks for the root's help alone (`ketnghia`, `ketnghia --help`, with
    root options): it lists the commands by their summaries, and needs none of them built."""
    if any(name.startswith("_KETNGHIA_COMPLETE") for name in os.environ):
        return False
    i, asked = 0, not args
    while i < len(args):
        token = args[i]
        if token in ROOT_VALUED:
            i += 2
            continue
        if token.split("=", 1)[0] not in ROOT_VALUED and token not in ROOT_FLAGS:
            if token not in HELP_OPTIONS:
                return False
            asked = True
        i += 1
    return asked


def _summary_tree() -> Any:
    """The root with each group and command as a name and its help only (their options,
    which the root's help does not show, are not built)."""
    import importlib

    from typer.core import TyperCommand

    root_command: Any = typer.main.get_command(build_app(only=""))
    # in the order Typer lists them: the commands, then the groups
    for name, module, attribute, is_group in sorted(COMMANDS, key=lambda c: c[3]):
        found = getattr(importlib.import_module(f"ketnghia.cli.{module}"), attribute)
        if is_group:
            stub: Any = TyperGroup(name=name, help=found.info.help)
        else:
            stub = TyperCommand(name, help=found.__doc__)
        root_command.add_command(stub, name)
    return root_command


def __getattr__(name: str) -> typer.Typer:
    """`app`, the whole tree, built when first asked for (`main` builds what it runs)."""
    if name == "app":
        globals()["app"] = built = build_app()
        return built
    raise AttributeError(name)


def _console_streams() -> None:
    """Standard output and error that never fail on a character they cannot encode (a
    console or a PYTHONIOENCODING that is not UTF-8): it is replaced. Windows consoles get
    UTF-8, which shows Vietnamese."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if sys.platform == "win32":
                stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
            else:
                stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass


def main() -> None:
    _console_streams()
    try:
        args = sys.argv[1:]
        if _root_help(args):
            _summary_tree().main(args, prog_name="ketnghia")
        else:
            build_app(_named_command(args))()
        code: Any = 0
    except SystemExit as done:
        code = done.code
    try:  # what is still buffered meets a closed pipe here, not in the interpreter's exit
        sys.stdout.flush()
    except Exception as exc:
        if not _closed_pipe(exc):
            raise
        quiet_stdout()
        code = EXIT_CLOSED_PIPE
    sys.exit(code)
