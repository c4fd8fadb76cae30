"""The rows of each kind of record, as `list` shows them, for export; and the database's id,
which export writes beside every row so that a corrected file is matched back by id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from ketnghia.schema import DATABASE_ID, KINDS


def database_id(session: Session) -> str | None:
    """This database's id (made by its migration; a copy keeps it)."""
    from ketnghia.models import DatabaseIdentity

    return session.scalar(select(DatabaseIdentity.database_id).limit(1))


def export_rows(session: Session, kind: str, year: int | None = None) -> Iterator[dict[str, Any]]:
    """The rows of `iter_rows`, each with the database's id as a last column."""
    ours = database_id(session)
    for row in iter_rows(session, kind, year):
        row[DATABASE_ID] = ours
        yield row


def iter_rows(session: Session, kind: str, year: int | None = None) -> Iterator[dict[str, Any]]:
    """Rows with the canonical keys (and agency/village names) of one kind; `year` keeps the
    records dated in it (pairings and household pairings: active during it)."""
    if kind in ("agencies", "villages"):
        from ketnghia.services.coded import agencies, villages

        service = agencies if kind == "agencies" else villages
        yield from (service.row(r) for r in service.list(session))
    elif kind == "village_stats":
        from ketnghia.services.stats import list_stats

        yield from list_stats(session, year=year)
    elif kind == "pairings":
        from ketnghia.services.pairings import list_pairings

        yield from list_pairings(session, year=year)
    elif kind == "households":
        from ketnghia.services.households import list_households

        yield from list_households(session, year=year)
    elif kind in ("activities", "visits"):
        from ketnghia.services.dated import activities, visits

        service = activities if kind == "activities" else visits
        yield from service.iter_rows(session, year=year)
    elif kind == "inspections":
        from ketnghia.services.inspections import list_inspections

        yield from list_inspections(session, year=year)
    elif kind in ("localities", "contributions"):
        from ketnghia.services import localities

        lister = (
            localities.list_localities if kind == "localities" else localities.list_contributions
        )
        yield from lister(session, year=year)
    else:  # pragma: no cover - callers check the name
        raise KeyError(kind)


__all__ = ["KINDS", "database_id", "export_rows", "iter_rows"]
