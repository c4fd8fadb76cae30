"""ketnghia demo: a sample database from data/sample, and what it holds."""

from __future__ import annotations

from pathlib import Path

import typer

from ketnghia.cli.output import console
from ketnghia.cli.state import State, state
from ketnghia.i18n import t

DEMO_FILE = "ketnghia-demo.db"


def demo(ctx: typer.Context) -> None:
    """Build a sample database (./ketnghia-demo.db, or --db if given, which must be empty)
    from the sample province, show what it holds and its 2024 annual report."""
    st = state(ctx)
    if st.db_target is None:
        path = Path.cwd() / DEMO_FILE
        for suffix in ("", "-wal", "-shm", "-journal"):  # the demo file is rebuilt each time
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        st = State(str(path), st.lang, st.debug, st.no_input)
        ctx.call_on_close(st.close)
    from ketnghia.cli.dbcmd import print_info
    from ketnghia.importing.sample import build_sample
    from ketnghia.reports import render_table
    from ketnghia.reports.annual import annual_report

    db = st.database()
    typer.echo(t("demo_building", path=db.description), err=True)
    build_sample(db)
    print_info(db)
    with db.session() as session:
        report = annual_report(session, 2024)
    out = console()
    for part in render_table.annual(report, st.lang):
        out.print(part)
    out.print()
    given = ctx.find_root().obj.db_target
    target = DEMO_FILE if given is None else given if "://" not in given else db.description
    typer.echo(t("demo_done", path=target), err=True)
