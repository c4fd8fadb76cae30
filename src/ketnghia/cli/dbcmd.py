"""ketnghia db info|check|upgrade|backup"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ketnghia.cli.options import Format as Fmt
from ketnghia.cli.options import FormatOption, OutputOption
from ketnghia.cli.output import chosen_format, print_rich, write_json, write_rows, write_text
from ketnghia.cli.state import state
from ketnghia.i18n import get_lang, t

if TYPE_CHECKING:
    from ketnghia.db import Database

app = typer.Typer(help="The database itself: info, check, upgrade, backup.", no_args_is_help=True)


@app.command("info")
def info(ctx: typer.Context, fmt: FormatOption = None, output: OutputOption = None) -> None:
    """Where the database is, its id, its schema revision and how many records it holds."""
    from ketnghia.services import dbadmin

    db = state(ctx).database()
    fmt = chosen_format(fmt, output)
    if fmt is Fmt.json:
        write_json(dbadmin.info(db), output)
        return
    if fmt is not Fmt.table:
        data = dbadmin.info(db)
        rows = [{"key": k, "value": v} for k, v in data.items() if k != "counts"]
        rows += [{"key": k, "value": v} for k, v in data["counts"].items()]
        write_rows(["key", "value"], rows, fmt, output)
        return
    print_info(db, output)


def print_info(db: Database, output: Path | None = None) -> None:
    from rich.table import Table

    from ketnghia.services import dbadmin

    data = dbadmin.info(db)

    table = Table(title="ketnghia db", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for key in ("target", "backend", "revision", "database_id", "size_bytes"):
        table.add_row(t(f"info_{key}"), "" if data[key] is None else str(data[key]))
    for name, count in data["counts"].items():
        table.add_row(
            t(f"info_{name}"), f"{count:,}".replace(",", "." if get_lang() == "vi" else ",")
        )
    print_rich([table], output)


@app.command("check")
def check(ctx: typer.Context, fmt: FormatOption = None, output: OutputOption = None) -> None:
    """Check integrity, foreign keys and the programme's rules; exit 1 if anything is wrong."""
    from ketnghia.outputs import printable
    from ketnghia.reports.filing import drift_problems
    from ketnghia.services import dbadmin

    problems = dbadmin.check(state(ctx).database(), more=[drift_problems])
    fmt = chosen_format(fmt, output)
    if fmt is Fmt.json:
        write_json(problems, output)
    elif not write_rows(["check", "table", "id", "detail"], problems, fmt, output):
        # what it finds may be a stored escape sequence: shown, never acted on
        lines = "".join(
            printable(f"{p['check']}: {p['table']} #{p['id']}: {p['detail']}") + "\n"
            for p in problems
        )
        write_text(lines, output)
    if problems:
        typer.echo(t("check_problems", count=len(problems)), err=True)
        raise typer.Exit(1)
    typer.echo(t("check_ok"), err=True)


@app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Bring the database's schema to this version of ketnghia (done on first use anyway)."""
    from ketnghia.db import upgrade as run_upgrade

    db = state(ctx).database()
    revision = run_upgrade(db.engine)
    typer.echo(t("upgraded", target=db.description, revision=revision))


@app.command("backup")
def backup(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Where to write the copy (must not exist).")],
) -> None:
    """A consistent copy of the database, safe while others write (SQLite backup API)."""
    from ketnghia.services import dbadmin

    written = dbadmin.backup(state(ctx).database(), path)
    typer.echo(t("backup_done", path=str(written)))


@app.command("copy")
def copy(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="The database to copy into: a path or a URL.")],
) -> None:
    """Copy this database, every row and its history, into another (empty) one — SQLite to
    PostgreSQL or back."""
    from ketnghia.rules import open_database
    from ketnghia.services import dbadmin

    source = state(ctx).database()
    destination = open_database(target)
    try:
        counts = dbadmin.copy_database(source, destination)
    finally:
        destination.close()
    typer.echo(t("copied", rows=sum(counts.values()), target=destination.description))


@app.command("restore")
def restore(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A backup made by `ketnghia db backup`.")],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Replace a database that holds records.")
    ] = False,
) -> None:
    """Replace this database with a backup. A database that holds records is replaced only
    with --yes (or after you confirm at a terminal)."""
    import sys

    from ketnghia.errors import KetnghiaError
    from ketnghia.services import dbadmin

    db = state(ctx).database()
    if dbadmin.holds_records(db) and not yes:
        question = t("restore_confirm", target=db.description)
        if not (sys.stdin.isatty() and typer.confirm(question, default=False, err=True)):
            raise KetnghiaError("restore_refused", target=db.description)
    kept = dbadmin.restore(db, path)
    typer.echo(t("restored", path=str(path), target=db.description, kept=str(kept)))
