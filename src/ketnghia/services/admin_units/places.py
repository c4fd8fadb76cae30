"""Where a village was at a date, and its place history.

Reports ask `place_at(date)`: the unit of the place row covering that date, else the recorded
text. `village move` ends the place before and starts a new one (also a correction)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, case, delete, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from ketnghia.models import AdminUnit, Village, VillagePlace
from ketnghia.periods import active_on, is_active_on
from ketnghia.services.admin_units.names import unit_key
from ketnghia.services.admin_units.resolve import link_unplaced, resolve_commune
from ketnghia.services.locks import refuse_locked_from

units = AdminUnit.__table__
places = VillagePlace.__table__
villages = Village.__table__


def place_at(on: dt.date, name: str = "place") -> Any:
    """A subquery: village_id, commune_id, commune, district, province as they were on `on`
    (district empty for a commune that hangs from its province, as after 2025); a village
    without a place row covering the date, or still in the place it was recorded in, gives its
    recorded text."""
    place = places.alias(f"{name}_row")
    commune = units.alias(f"{name}_commune")
    parent = units.alias(f"{name}_parent")
    grand = units.alias(f"{name}_grand")
    # A place that has been there "since ever" is the one the village was recorded in: it is
    # shown as recorded (a report filed before places existed must read the same after), but
    # for a commune recorded by its code. Places from a move or a reorganisation show the units.
    moved = and_(place.c.id.is_not(None), place.c.valid_from.is_not(None))
    by_code = and_(place.c.id.is_not(None), villages.c.commune == commune.c.code)
    placed = place.c.id.is_not(None)
    return (
        select(
            villages.c.id.label("village_id"),
            commune.c.id.label("commune_id"),
            _when(or_(moved, by_code), commune.c.short_name, villages.c.commune).label("commune"),
            _when(
                moved,
                _when(parent.c.level == "district", parent.c.short_name, None),
                villages.c.district,
            ).label("district"),
            _when(
                placed,
                func.coalesce(grand.c.short_name, parent.c.short_name),
                villages.c.province,
            ).label("province"),
        )
        .select_from(villages)
        .outerjoin(
            place,
            and_(
                place.c.village_id == villages.c.id,
                active_on(place.c.valid_from, place.c.valid_to, on, open_start=True),
            ),
        )
        .outerjoin(commune, commune.c.id == place.c.commune_id)
        .outerjoin(parent, parent.c.id == commune.c.parent_id)
        .outerjoin(grand, and_(grand.c.id == parent.c.parent_id, parent.c.level == "district"))
        .subquery(name)
    )


def _when(condition: Any, then: Any, otherwise: Any) -> Any:
    return case((condition, then), else_=otherwise)


def names_matching(session: Session, typed: str, level: str) -> list[str]:
    """The stored spellings (recorded village text first, then unit short names) that a typed
    district or commune name means, ignoring case, accents and the unit word."""
    key = unit_key(typed)
    column = Village.district if level == "district" else Village.commune
    recorded = sorted(
        {v for v in session.scalars(select(column).distinct()) if v and unit_key(v) == key}
    )
    official = session.scalars(
        select(AdminUnit.short_name)
        .where(AdminUnit.level == level, AdminUnit.name_key == key)
        .distinct()
    )
    return recorded + sorted(set(official) - set(recorded))


def villages_at(
    session: Session, on: dt.date, district: str | None = None, commune: str | None = None
) -> Any:
    """A query of the ids of the villages that were in the district/commune on a date."""
    place = place_at(on)
    query = select(place.c.village_id)
    if district:
        query = query.where(place.c.district.in_(names_matching(session, district, "district")))
    if commune:
        query = query.where(place.c.commune.in_(names_matching(session, commune, "commune")))
    return query


def village_places(session: Session, village: Village) -> list[dict[str, Any]]:
    parent = aliased(AdminUnit)
    query = (
        select(VillagePlace, AdminUnit, parent)
        .join(AdminUnit, AdminUnit.id == VillagePlace.commune_id)
        .outerjoin(parent, parent.id == AdminUnit.parent_id)
        .where(VillagePlace.village_id == village.id)
        .order_by(func.coalesce(VillagePlace.valid_from, dt.date(1, 1, 1)))
    )
    return [
        {
            "valid_from": p.valid_from,
            "valid_to": p.valid_to,
            "commune_code": c.code,
            "commune": c.short_name,
            "district": d.short_name if d is not None and d.level == "district" else None,
            "note": p.note,
        }
        for p, c, d in session.execute(query)
    ]


def move_village(
    session: Session,
    village: Village,
    commune_ref: Any,
    on: dt.date,
    district: str | None = None,
    note: str | None = None,
) -> AdminUnit:
    """From `on`, the village belongs to the commune: the place before ends the day before,
    places that started on or after `on` are replaced (a correction). Kept in the history.
    Returns the commune."""
    commune = resolve_commune(session, commune_ref, on=on, district=district)
    refuse_locked_from(session, on)  # the new place holds for every later year
    rows = session.scalars(select(VillagePlace).where(VillagePlace.village_id == village.id)).all()
    for row in rows:
        if row.valid_from is not None and row.valid_from >= on:
            session.delete(row)
        elif is_active_on(row.valid_from, row.valid_to, on):
            row.valid_to = on - dt.timedelta(days=1)
            session.add(row)
    session.flush()
    place = VillagePlace(village_id=village.id, commune_id=commune.id, valid_from=on, note=note)
    session.add(place)
    session.flush()
    return commune


def clear_places(session: Session, village: Village) -> None:
    session.execute(delete(VillagePlace).where(VillagePlace.village_id == village.id))


def relink(session: Session, village: Village) -> None:
    """After the recorded place of a village was edited: a village that never moved follows
    its new text; one with a history keeps it (moves are made with `village move`)."""
    rows = session.scalars(select(VillagePlace).where(VillagePlace.village_id == village.id)).all()
    if len(rows) > 1 or (rows and (rows[0].valid_from or rows[0].valid_to)):
        return
    for row in rows:
        session.delete(row)
    session.flush()
    link_unplaced(session.connection())
