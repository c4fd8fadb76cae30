"""Periods: the programme's one definition of "active", as SQL and in Python.

A period is [started, ended], both days included; an empty end means it is still running. (A
unit of the map and a village's place may also have an empty start: valid since ever.) The
contract: a pairing is *active during year Y* when it started by 31-12-Y and did not end before
1-1-Y; a record is *dated in Y* when its date falls between those two days.

Every SQL builder has a Python twin (`is_…`) that says the same of plain dates; a property test
runs the SQL on SQLite and PostgreSQL and holds it to its twin. A builder's arguments are
columns or plain dates (None: empty); an empty side of a comparison always passes. Pure: no
session, no models.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, not_, or_, true


def year_bounds(first_year: int, last_year: int | None = None) -> tuple[dt.date, dt.date]:
    """The first day of `first_year` and the last day of `last_year` (default: the same)."""
    return dt.date(first_year, 1, 1), dt.date(last_year or first_year, 12, 31)


def _is_sql(value: Any) -> bool:
    return value is not None and not isinstance(value, dt.date)


def _on_or_before(early: Any, late: Any, early_may_be_empty: bool = False) -> Any:
    """SQL: `early <= late`, true where `late` (an end) is empty, or `early` when it may be."""
    if early is None or late is None:
        return true()
    condition = early <= late if _is_sql(early) else late >= early
    if _is_sql(late):
        condition = or_(late.is_(None), condition)
    if early_may_be_empty and _is_sql(early):
        condition = or_(early.is_(None), condition)
    return condition


def _is_on_or_before(early: dt.date | None, late: dt.date | None) -> bool:
    return early is None or late is None or early <= late


def overlaps(started: Any, ended: Any, first: Any, last: Any, *, open_start: bool = False) -> Any:
    """SQL: the period [started, ended] and the period [first, last] share a day (`last` empty:
    from `first` on). With `open_start`, an empty `started` or `first` is "since ever"."""
    return and_(_on_or_before(started, last, open_start), _on_or_before(first, ended, open_start))


def is_overlapping(
    started: dt.date | None, ended: dt.date | None, first: dt.date | None, last: dt.date | None
) -> bool:
    return _is_on_or_before(started, last) and _is_on_or_before(first, ended)


def active_on(started: Any, ended: Any, day: Any, *, open_start: bool = False) -> Any:
    """SQL: the period holds on `day` (started on or before it, not ended before it)."""
    return overlaps(started, ended, day, day, open_start=open_start)


def is_active_on(started: dt.date | None, ended: dt.date | None, day: dt.date) -> bool:
    return is_overlapping(started, ended, day, day)


def active_during_year(started: Any, ended: Any, year: int) -> Any:
    """SQL: the contract's "active during year Y" (pairings, household and locality pairings)."""
    return overlaps(started, ended, *year_bounds(year))


def is_active_during_year(started: dt.date | None, ended: dt.date | None, year: int) -> bool:
    return is_overlapping(started, ended, *year_bounds(year))


def outside(day: Any, started: Any, ended: Any) -> Any:
    """SQL: a record dated `day` falls outside the period (before its start or after its end)."""
    return not_(active_on(started, ended, day))


def is_outside(day: dt.date, started: dt.date | None, ended: dt.date | None) -> bool:
    return not is_active_on(started, ended, day)


def in_years(day: Any, first_year: int, last_year: int | None = None) -> Any:
    """SQL: `day` is a date in year `first_year` (or from it to `last_year`)."""
    return day.between(*year_bounds(first_year, last_year))


def is_in_years(day: dt.date, first_year: int, last_year: int | None = None) -> bool:
    first, last = year_bounds(first_year, last_year)
    return first <= day <= last
