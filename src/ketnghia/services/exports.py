"""The rows of each kind of record, as `list` shows them, for export; and the database's id,
which export writes beside every row so that a corrected file is matched back by id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from ketnghia.schema import DATABASE_ID


def database_id(session: Session) -> str | None:
    """This database's id (made by its migration; a copy keeps it)."""
    from ketnghia.models import DatabaseIdentity

    return session.scalar(select(col(DatabaseIdentity.database_id)).limit(1))


def export_rows(session: Session, kind: str, year: int | None = None) -> Iterator[dict[str, Any]]:
    """The rows of `iter_rows`, each with the database's id as a last column."""
    ours = database_id(session)
    for row in iter_rows(session, kind, year):
        row[DATABASE_ID] = ours
        yield row


def iter_rows(session: Session, kind: str, year: int | None = None) -> Iterator[dict[str, Any]]:
    """Rows with the canonical keys (and agency/village names) of one kind, as its lister
    gives them; `year` keeps the records dated in it (pairings and household pairings: active
    during it)."""
    from ketnghia.kinds import of

    yield from of(kind).rows(session, year)


__all__ = ["database_id", "export_rows", "iter_rows"]
