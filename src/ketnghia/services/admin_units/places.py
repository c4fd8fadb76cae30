"""Where a village was at a date, and its place history.

Reports ask `place_at(date)`: the unit of the place row covering that date, else the recorded
place; each place as a unit (its id and official name) or, where the text names no unit, as its
folded spelling. Scopes (`--district`, `--commune`) name a place by its folded name, and one
that names no unit and no record is an error with the closest names. `village move` ends the
place before and starts a new one (also a correction)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, case, delete, exists, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from ketnghia.i18n import t
from ketnghia.models import AdminUnit, Village, VillagePlace, id_of, table_of
from ketnghia.periods import active_on, is_active_on
from ketnghia.services.admin_units.names import unit_key
from ketnghia.services.admin_units.resolve import (
    link_unplaced,
    resolve_commune,
    unit_names,
    unmatched_warnings,
)
from ketnghia.services.locks import refuse_locked_from
from ketnghia.services.lookups import closest, not_found

units = table_of(AdminUnit)
places = table_of(VillagePlace)
villages = table_of(Village)


def place_at(on: dt.date, name: str = "place") -> Any:
    """A subquery: where each village was on `on` —

    village_id; commune_id, commune_key, commune; district_id, district_key, district;
    province. A place is a unit (its id, folded name and official name) or, for text that
    names no unit, its folded spelling (id empty) and the first spelling recorded for it, so
    "Ayun" and "AYun" are one row, and so are "Ia Xyz" and "ia xyz". The commune is that of the
    place row covering the date, else the recorded one. The district of a place reached by a
    move or the reorganisation is its commune's (empty for a commune that hangs from its
    province, as after 2025); in the place it was recorded in, a village keeps the district
    recorded with it."""
    place = places.alias(f"{name}_row")
    commune = units.alias(f"{name}_commune")
    parent = units.alias(f"{name}_parent")
    grand = units.alias(f"{name}_grand")
    recorded = units.alias(f"{name}_district")
    placed = place.c.id.is_not(None)
    moved = and_(placed, place.c.valid_from.is_not(None))
    in_district = parent.c.level == "district"
    return (
        select(
            villages.c.id.label("village_id"),
            commune.c.id.label("commune_id"),
            _when(placed, commune.c.name_key, villages.c.commune_key).label("commune_key"),
            _when(placed, commune.c.short_name, _first_spelling("commune")).label("commune"),
            _when(moved, _when(in_district, parent.c.id, None), villages.c.district_id).label(
                "district_id"
            ),
            _when(
                moved, _when(in_district, parent.c.name_key, None), villages.c.district_key
            ).label("district_key"),
            _when(
                moved,
                _when(in_district, parent.c.short_name, None),
                func.coalesce(recorded.c.short_name, _first_spelling("district")),
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
        .outerjoin(recorded, recorded.c.id == villages.c.district_id)
        .subquery(name)
    )


def _when(condition: Any, then: Any, otherwise: Any) -> Any:
    return case((condition, then), else_=otherwise)


def _first_spelling(level: str) -> Any:
    """The recorded text of a place that names no unit, as the first village recorded with
    its folded spelling wrote it: one name for "Ia Xyz" and "ia xyz", on every backend."""
    other = villages.alias(f"first_{level}")
    return (
        select(other.c[level])
        .where(other.c[f"{level}_key"] == villages.c[f"{level}_key"])
        .order_by(other.c.id)
        .limit(1)
        .scalar_subquery()
    )


def place_key(session: Session, typed: str, level: str, others: Iterable[str] = ()) -> str:
    """The folded name a `--district`/`--commune` scope means ("dak doa", "Huyện Đăk Đoa",
    "ĐAK ĐOA" alike). A name that no unit of the level and no village has is an error naming
    the closest ones. `others`: the place text of other records that counts too (agencies'
    districts)."""
    key = unit_key(typed)
    column = villages.c[f"{level}_key"]
    others = [o for o in others if o]
    known = any(unit_key(o) == key for o in others) or session.scalar(
        select(
            or_(
                exists().where(units.c.level == level, units.c.name_key == key),
                exists().where(column == key),
            )
        )
    )
    if known:
        return key
    options = unit_names(session.connection(), level)
    for value in [*session.scalars(select(villages.c[level]).distinct()), *others]:
        if value:
            options.setdefault(unit_key(value), value)
    raise not_found(t(f"rec_{level}"), typed.strip(), closest(typed, options))


def place_name(session: Session, key: str, level: str) -> str | None:
    """How reports show a place a scope names: the unit's official name, else the spelling
    reports show for it."""
    official = session.scalar(
        select(units.c.short_name)
        .where(units.c.level == level, units.c.name_key == key)
        .order_by(units.c.id)
        .limit(1)
    )
    if official is not None:
        return official
    return session.scalar(
        select(villages.c[level])
        .where(villages.c[f"{level}_key"] == key)
        .order_by(villages.c.id)
        .limit(1)
    )


def recorded_in(
    session: Session, district: str | None = None, commune: str | None = None
) -> list[Any]:
    """Conditions on villages (models.Village): recorded in the district and commune named
    (listings without a date)."""
    where = []
    if district is not None:
        where.append(Village.district_key == place_key(session, district, "district"))
    if commune is not None:
        where.append(Village.commune_key == place_key(session, commune, "commune"))
    return where


def villages_at(
    session: Session, on: dt.date, district: str | None = None, commune: str | None = None
) -> Any:
    """A query of the ids of the villages that were in the district/commune on a date."""
    place = place_at(on)
    query = select(place.c.village_id)
    if district:
        query = query.where(place.c.district_key == place_key(session, district, "district"))
    if commune:
        query = query.where(place.c.commune_key == place_key(session, commune, "commune"))
    return query


def village_places(session: Session, village: Village) -> list[dict[str, Any]]:
    parent = aliased(AdminUnit)
    query = (
        select(VillagePlace, AdminUnit, parent)
        .join(AdminUnit, col(AdminUnit.id) == col(VillagePlace.commune_id))
        .outerjoin(parent, col(parent.id) == col(AdminUnit.parent_id))
        .where(col(VillagePlace.village_id) == village.id)
        .order_by(func.coalesce(col(VillagePlace.valid_from), dt.date(1, 1, 1)))
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
    rows = session.scalars(
        select(VillagePlace).where(col(VillagePlace.village_id) == village.id)
    ).all()
    for row in rows:
        if row.valid_from is not None and row.valid_from >= on:
            session.delete(row)
        elif is_active_on(row.valid_from, row.valid_to, on):
            row.valid_to = on - dt.timedelta(days=1)
            session.add(row)
    session.flush()
    place = VillagePlace(
        village_id=id_of(village), commune_id=id_of(commune), valid_from=on, note=note
    )
    session.add(place)
    session.flush()
    return commune


def clear_places(session: Session, village: Village) -> None:
    session.execute(delete(VillagePlace).where(col(VillagePlace.village_id) == village.id))


def relink(session: Session, village: Village) -> list[str]:
    """After the recorded place of a village was written: a village that never moved follows
    its text; one with a history keeps it (moves are made with `village move`). The text is
    resolved again either way. Returns the warnings for a place that names no unit."""
    rows = session.scalars(
        select(VillagePlace).where(col(VillagePlace.village_id) == village.id)
    ).all()
    if not (len(rows) > 1 or (rows and (rows[0].valid_from or rows[0].valid_to))):
        for row in rows:
            session.delete(row)
    session.flush()
    conn = session.connection()
    link_unplaced(conn)
    return unmatched_warnings(conn, [village.id])
