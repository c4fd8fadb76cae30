"""The root command: global options, sub-command groups, and how errors reach the user."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ketnghia import __version__
from ketnghia.cli.state import State
from ketnghia.errors import DatabaseProblem, KetnghiaError
from ketnghia.i18n import detect_lang, set_lang, t

# A closed pipe (`ketnghia … | head`) is left to Typer, which exits quietly.
_PASS_THROUGH = (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt, BrokenPipeError)


def _translate(exc: BaseException) -> KetnghiaError | None:
    """Turn known database exceptions into user errors; None for real bugs."""
    if isinstance(exc, KetnghiaError):
        return exc
    module = type(exc).__module__
    if module.startswith("sqlalchemy"):
        from sqlalchemy.exc import IntegrityError, OperationalError

        detail = str(getattr(exc, "orig", exc)).splitlines()[0]
        if isinstance(exc, OperationalError) and (
            "locked" in detail.lower() or "busy" in detail.lower()
        ):
            return DatabaseProblem("db_busy")
        if isinstance(exc, IntegrityError):
            return DatabaseProblem("db_conflict", detail=detail)
        if isinstance(exc, OperationalError):
            return DatabaseProblem("db_error", detail=detail)
    if isinstance(exc, OSError) and getattr(exc, "filename", None):
        return KetnghiaError("file_error", path=exc.filename, detail=exc.strerror)
    return None


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


class KetnghiaGroup(TyperGroup):
    """Prints user errors as one line on stderr and exits 1; --debug shows the traceback."""

    def invoke(self, ctx: Any) -> Any:
        from ketnghia.acting import set_command

        set_command(_command_path(self, ctx))
        try:
            return super().invoke(ctx)
        except _PASS_THROUGH:
            raise
        except Exception as exc:
            obj = ctx.obj
            if isinstance(obj, State) and obj.debug:
                raise
            error = _translate(exc)
            if error is not None:
                message = f"{t('error')}: {error.render()}"
            else:
                message = t("unexpected", detail=f"{type(exc).__name__}: {exc}")
            typer.echo(message.splitlines()[0] if message else message, err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=KetnghiaGroup,
    name="ketnghia",
    help="Records of the kết nghĩa twinning programme: agencies, villages, pairings, "
    "activities, visits, and the annual report. (Sổ theo dõi công tác kết nghĩa.)",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ketnghia {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="TARGET",
            help="SQLite file or SQLAlchemy URL (sqlite:///x.db, postgresql+psycopg://u@h/db). "
            "Default: $KETNGHIA_DB, else a file in the user data folder.",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", metavar="vi|en", help="Language of tables and messages."),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
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
    chosen = detect_lang(lang)
    set_lang(chosen)
    from ketnghia.acting import set_actor

    set_actor(actor)
    st = State(db, chosen, debug)
    ctx.obj = st
    ctx.call_on_close(st.close)


def _register() -> None:
    from ketnghia.cli import (
        activity,
        admin,
        agency,
        dbcmd,
        demo,
        history,
        household,
        inspection,
        locality,
        locks,
        pair,
        report,
        transfer,
        village,
        visit,
    )

    app.add_typer(agency.app, name="agency")
    app.add_typer(village.app, name="village")
    app.add_typer(pair.app, name="pair")
    app.add_typer(activity.app, name="activity")
    app.add_typer(household.app, name="household")
    app.add_typer(visit.app, name="visit")
    app.add_typer(inspection.app, name="inspection")
    app.add_typer(dbcmd.app, name="db")
    app.add_typer(report.app, name="report")
    app.add_typer(locality.app, name="locality")
    app.add_typer(admin.app, name="admin")
    app.command("import")(transfer.import_)
    app.command("export")(transfer.export)
    app.command("template")(transfer.template)
    app.command("history")(history.history)
    app.command("lock")(locks.lock)
    app.command("unlock")(locks.unlock)
    app.command("demo")(demo.demo)


_register()


def main() -> None:
    if sys.platform == "win32":  # Vietnamese in a Windows console
        for stream in (sys.stdout, sys.stderr):
            try:
                # typed TextIO, which has no reconfigure; a real console stream has it
                stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
            except (AttributeError, ValueError):
                pass
    app()
