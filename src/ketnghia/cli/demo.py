"""ketnghia demo: a sample database from data/sample, and what it holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from ketnghia.cli.common import Format as Fmt
from ketnghia.cli.common import State, console, emit_rows, state
from ketnghia.i18n import t
from ketnghia.schema import PAIRINGS

DEMO_FILE = "ketnghia-demo.db"


def demo(ctx: typer.Context) -> None:
    """Build a sample database (./ketnghia-demo.db, or --db if given, which must be empty)
    from the sample province, and show what it holds."""
    st = state(ctx)
    if st.db_target is None:
        path = Path.cwd() / DEMO_FILE
        for suffix in ("", "-wal", "-shm", "-journal"):  # the demo file is rebuilt each time
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        st = State(str(path), st.lang, st.debug)
        ctx.call_on_close(st.close)
    from ketnghia.cli.dbcmd import print_info
    from ketnghia.services.demo import build_sample
    from ketnghia.services.pairings import list_pairings

    db = st.database()
    typer.echo(t("demo_building", path=db.description), err=True)
    build_sample(db)
    print_info(db)
    with db.session() as session:
        rows = list_pairings(session, active_on=dt.date(2024, 12, 31))
    emit_rows(PAIRINGS, rows, Fmt.table, None, title=t("demo_pairings"))
    console().print()
    given = ctx.find_root().obj.db_target
    target = DEMO_FILE if given is None else given if "://" not in given else db.description
    typer.echo(t("demo_done", path=target), err=True)
