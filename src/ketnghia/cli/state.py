"""The state set by the root options (--db, --lang, --debug, --no-input), and the database
opened on first use. Nothing here imports the database layer at module level, so `ketnghia --help`
stays fast."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ketnghia.i18n import get_lang

if TYPE_CHECKING:
    from ketnghia.db import Database


class State:
    """Root options, and the database opened on first use."""

    def __init__(
        self, db_target: str | None, lang: str, debug: bool, no_input: bool = False
    ) -> None:
        self.db_target = db_target
        self.lang = lang
        self.debug = debug
        self.no_input = no_input  # never ask for a missing value, even at a terminal
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
