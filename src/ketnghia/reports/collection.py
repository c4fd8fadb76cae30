"""The collection round's status (`collect status`): per expected agency, its form and its
returns; the reporting rate overall, by district and by commune; the agencies still missing.

Every figure comes from aggregate queries over the forms and returns of the year. An agency
counts in each district and commune where it has a village paired during the year (villages
placed as the annual report places them: reports.annual.village_places_for), so an agency with
villages in two communes counts in both, and the communes' rows do not add up to the province.
Dates are the day in local time; with a due date, an agency is on time when its first return
came by that day (a later correction does not make it late)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Integer, case, cast, func, null, select
from sqlmodel import Session, col

from ketnghia.models import Agency, CollectionForm, CollectionReturn, Pairing
from ketnghia.periods import active_during_year
from ketnghia.reports.annual import village_places_for
from ketnghia.services.collection import expected_ids, reporting_rate, round_organised
from ketnghia.text import sort_key


def _day(value: dt.datetime | None) -> str | None:
    """A stored instant (UTC) as the ISO day it was where ketnghia runs."""
    return None if value is None else value.astimezone().date().isoformat()


def _due_instant(due: dt.date) -> dt.datetime:
    """The first instant after the due day where ketnghia runs, in UTC as instants are stored
    (SQLite compares them as they are written: a local time would be read as UTC)."""
    local = dt.datetime.combine(due + dt.timedelta(days=1), dt.time()).astimezone()
    return local.astimezone(dt.timezone.utc)


def _per_agency(year: int, due: dt.date | None) -> Any:
    forms = (
        select(
            col(CollectionForm.agency_id).label("agency_id"),
            func.max(CollectionForm.made_at).label("made_at"),
        )
        .where(col(CollectionForm.year) == year)
        .group_by(col(CollectionForm.agency_id))
        .subquery("forms")
    )
    returns = (
        select(
            col(CollectionReturn.agency_id).label("agency_id"),
            func.max(CollectionReturn.returned_at).label("last_at"),
            func.min(CollectionReturn.returned_at).label("first_at"),
            func.count().label("returns"),
            func.sum(CollectionReturn.rows_added).label("rows_added"),
            func.sum(CollectionReturn.rows_changed).label("rows_changed"),
        )
        .where(col(CollectionReturn.year) == year)
        .group_by(col(CollectionReturn.agency_id))
        .subquery("returns")
    )
    on_time = (
        case((returns.c.first_at < _due_instant(due), 1), else_=0)
        if due is not None
        else cast(null(), Integer)
    )
    return (
        select(
            col(Agency.id).label("agency_id"),
            col(Agency.code).label("agency_code"),
            col(Agency.name).label("agency"),
            col(Agency.head).label("head"),
            col(Agency.phone).label("phone"),
            forms.c.made_at,
            returns.c.last_at,
            returns.c.returns,
            returns.c.rows_added,
            returns.c.rows_changed,
            on_time.label("on_time"),
        )
        .outerjoin(forms, forms.c.agency_id == Agency.id)
        .outerjoin(returns, returns.c.agency_id == Agency.id)
        .where(col(Agency.id).in_(expected_ids(year)))
        .subquery("status")
    )


def _counts(status: Any) -> tuple[Any, ...]:
    """What a group of agencies adds up to: expected, forms made, returned, on time."""
    return (
        func.count().label("expected"),
        func.count(status.c.made_at).label("forms_made"),
        func.count(status.c.last_at).label("returned"),
        func.sum(status.c.on_time).label("on_time"),
    )


def _figures(row: Any, organised: bool, due: dt.date | None) -> dict[str, Any]:
    expected, made, returned = int(row.expected), int(row.forms_made), int(row.returned)
    on_time = int(row.on_time or 0) if due is not None else None
    return {
        "expected": expected,
        "forms_made": made,
        "returned": returned,
        "missing": expected - returned,
        "rate": reporting_rate(returned, expected, organised),
        "on_time": on_time,
        "on_time_rate": None if on_time is None else reporting_rate(on_time, expected, organised),
    }


def _by_place(
    session: Session, year: int, status: Any, organised: bool, due: dt.date | None, level: str
) -> list[dict[str, Any]]:
    """The agencies of each district (or commune) where they have a village paired in the
    year: one row per agency and place first, then the places' counts."""
    place = village_places_for(session, year)
    names = ["district"] if level == "district" else ["commune", "district"]
    keys = [place.c[f"{n}_{part}"] for n in names for part in ("id", "key")]
    links = (
        select(
            col(Pairing.agency_id).label("agency_id"),
            *keys,
            *(func.min(place.c[n]).label(n) for n in names),
        )
        .join(place, place.c.village_id == Pairing.village_id)
        .where(active_during_year(Pairing.started_on, Pairing.ended_on, year))
        .group_by(col(Pairing.agency_id), *keys)
        .subquery("links")
    )
    link_keys = [links.c[k.name] for k in keys]
    query = (
        select(*(func.min(links.c[n]).label(n) for n in names), *_counts(status))
        .select_from(links)
        .join(status, status.c.agency_id == links.c.agency_id)
        .group_by(*link_keys)
    )
    rows = []
    for row in session.execute(query):
        rows.append({n: getattr(row, n) for n in names} | _figures(row, organised, due))
    rows.sort(key=lambda r: [(r[n] is None, sort_key(r[n] or "")) for n in names])
    return rows


def _agency_row(row: Any, due: dt.date | None) -> dict[str, Any]:
    returned = row.last_at is not None
    return {
        "agency_code": row.agency_code,
        "agency": row.agency,
        "head": row.head,
        "phone": row.phone,
        "form_made_on": _day(row.made_at),
        "returned_on": _day(row.last_at),
        "returns": int(row.returns or 0),
        "rows_added": int(row.rows_added or 0),
        "rows_changed": int(row.rows_changed or 0),
        "late": None if due is None or not returned else not row.on_time,
        "missing": not returned,
    }


def collection_status(
    session: Session, year: int, due: dt.date | None = None, missing: bool = False
) -> dict[str, Any]:
    """The round of a year: `round` (the figures), `agencies` (one row per expected agency),
    `by_district` and `by_commune`; with `missing`, `missing` (the agencies to chase, with
    their head and phone) in place of the rows by agency and place."""
    status = _per_agency(year, due)
    organised = round_organised(session, year)
    figures = _figures(
        session.execute(select(*_counts(status)).select_from(status)).one(), organised, due
    )
    head = {"year": year, "round": figures | {"due": due.isoformat() if due else None}}
    ordered = select(status).order_by(status.c.agency_code)
    if missing:
        ordered = ordered.where(status.c.last_at.is_(None))
    agencies = [_agency_row(row, due) for row in session.execute(ordered)]
    if missing:
        return head | {"missing": agencies}
    return head | {
        "agencies": agencies,
        "by_district": _by_place(session, year, status, organised, due, "district"),
        "by_commune": _by_place(session, year, status, organised, due, "commune"),
    }
