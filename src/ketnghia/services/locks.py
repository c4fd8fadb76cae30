"""Locked years, by the records' own dates.

While a year is locked its filed figures never change. Two guards hold that; this module has
the first, which needs no report:

- the record's own date (each kind's lock dates, in ketnghia.kinds): a record dated in a
  locked year (activities, visits, inspections, contributions by their date; village figures
  by their year) cannot be added, changed or removed, and a record with a period (pairings,
  household and locality pairings, village places) cannot start or end in a locked year or be
  moved out of one — refused early, by the flush hook below and by the importer (which names
  the file, row and column);
- the report itself: reports/filing.py files a year's report and refuses, before commit, a
  write whose effect changes a locked year's filed figures.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session
from sqlmodel import col

from ketnghia.errors import KetnghiaError
from ketnghia.kinds import BY_MODEL
from ketnghia.models import AnnualReport


class YearLocked(KetnghiaError):
    pass


def locked_years(session: Session) -> dict[int, AnnualReport]:
    query = select(AnnualReport).where(col(AnnualReport.locked).is_(True))
    return {r.year: r for r in session.scalars(query)}


def filed_by(filed: AnnualReport) -> dict[str, str]:
    return {
        "when": filed.filed_at.strftime("%d/%m/%Y") if filed.filed_at else "?",
        "who": filed.filed_by or "?",
    }


def refuse(year: int, filed: AnnualReport) -> YearLocked:
    return YearLocked("year_locked", year=year, **filed_by(filed))


def refuse_locked_from(session: Session, first: dt.date) -> None:
    """Refuse a change that reaches every year from `first` on (a village's new place, a
    merger): no year from then may be locked."""
    for year, filed in sorted(locked_years(session).items()):
        if year >= first.year:
            raise refuse(year, filed)


def _years(obj: Any, columns: tuple[str, ...], before: bool, changed_only: bool) -> set[int]:
    """The years of a record's dates: before or after the change; with `changed_only`, only
    of the dates that change (a period's unchanged start does not put its end in that year)."""
    from sqlalchemy import inspect

    state = inspect(obj)
    years = set()
    for column in columns:
        history = state.attrs[column].history
        if changed_only and not history.has_changes():
            continue
        values = list(history.deleted) if before else [getattr(obj, column)]
        if before and not history.has_changes():
            values = [getattr(obj, column)]
        years |= {v.year for v in values if isinstance(v, dt.date)}
        years |= {v for v in values if isinstance(v, int) and not isinstance(v, bool)}
    return years


@event.listens_for(Session, "before_flush")
def _guard_locked_years(session: Session, _context: Any, _instances: Any) -> None:
    touched: set[int] = set()
    for objects, before, after in (
        (session.new, False, True),
        (session.dirty, True, True),
        (session.deleted, True, False),
    ):
        for obj in objects:
            described = BY_MODEL.get(type(obj))
            columns = described.lock_dates if described is not None else ()
            if not columns:
                continue
            # a period that only changes is in a year through the dates that change
            changed_only = before and after and len(columns) > 1
            if before:
                touched |= _years(obj, columns, True, changed_only)
            if after:
                touched |= _years(obj, columns, False, changed_only)
    if not touched:
        return
    locked = locked_years(session)
    for year in sorted(touched):
        if year in locked:
            raise refuse(year, locked[year])
