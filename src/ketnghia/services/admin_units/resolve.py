"""Finding units: a commune by official code or name on a date, the units of a level, and the
commune a village's recorded text names (a village without a place gets that one).

Linking speaks SQLAlchemy Core on a Connection, so imports can use it as they write."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import exists, func, insert, literal, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased
from sqlmodel import Session

from ketnghia.errors import Ambiguous, InvalidValue, NotFound
from ketnghia.i18n import t
from ketnghia.models import AdminUnit, Village, VillagePlace
from ketnghia.periods import active_on
from ketnghia.services.admin_units.names import unit_key
from ketnghia.text import clean, sort_key

units = AdminUnit.__table__
places = VillagePlace.__table__
villages = Village.__table__


def resolve_commune(
    session: Session, ref: Any, on: dt.date | None = None, district: str | None = None
) -> AdminUnit:
    """A commune by official code or name (accents optional, with or without "Xã"), valid on a
    date when one is given; the district narrows names that repeat."""
    wanted = clean(ref)
    if wanted is None:
        raise InvalidValue("commune", "required")
    parent = aliased(AdminUnit)
    query = (
        select(AdminUnit)
        .outerjoin(parent, parent.id == AdminUnit.parent_id)
        .where(AdminUnit.level == "commune")
    )
    if wanted.isdigit():
        query = query.where(AdminUnit.code == wanted)
    else:
        query = query.where(AdminUnit.name_key == unit_key(wanted))
    if on is not None:
        query = query.where(
            active_on(AdminUnit.valid_from, AdminUnit.valid_to, on, open_start=True)
        )
    if district:
        query = query.where(parent.name_key == unit_key(district))
    found = list(session.scalars(query.order_by(AdminUnit.code, AdminUnit.id)))
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound("not_found", kind=t("rec_commune"), key=wanted)
    candidates = ", ".join(describe_unit(session, u) for u in found[:10])
    raise Ambiguous("ambiguous", kind=t("rec_commune"), key=wanted, candidates=candidates)


def describe_unit(session: Session, unit: AdminUnit) -> str:
    """ "23815 Xã Đê Ar (Huyện Mang Yang, until 2025-06-30)"."""
    parent = session.get(AdminUnit, unit.parent_id) if unit.parent_id else None
    bits = [parent.name] if parent is not None else []
    if unit.valid_from:
        bits.append(t("unit_from", date=unit.valid_from.isoformat()))
    if unit.valid_to:
        bits.append(t("unit_until", date=unit.valid_to.isoformat()))
    return f"{unit.code} {unit.name}" + (f" ({', '.join(bits)})" if bits else "")


def list_units(
    session: Session, level: str | None = None, on: dt.date | None = None, search: str | None = None
) -> list[dict[str, Any]]:
    parent = aliased(AdminUnit)
    query = select(AdminUnit, parent.short_name).outerjoin(parent, parent.id == AdminUnit.parent_id)
    if level:
        query = query.where(AdminUnit.level == level)
    if on is not None:
        query = query.where(
            active_on(AdminUnit.valid_from, AdminUnit.valid_to, on, open_start=True)
        )
    if search:
        query = query.where(AdminUnit.name_key.contains(unit_key(search)))
    rows = [
        {
            "level": u.level,
            "code": u.code,
            "name": u.name,
            "parent": parent_name,
            "valid_from": u.valid_from,
            "valid_to": u.valid_to,
        }
        for u, parent_name in session.execute(query)
    ]
    order = {"province": 0, "district": 1, "commune": 2}
    rows.sort(key=lambda r: (order.get(r["level"], 3), sort_key(r["name"]), r["code"]))
    return rows


def _candidates(conn: Connection) -> dict[str, list[tuple[int, str, str]]]:
    """Communes by folded short name and by code → (id, folded district, folded province)."""
    district = units.alias("district")
    province = units.alias("province")
    query = (
        select(units.c.id, units.c.name_key, district.c.name_key, province.c.name_key, units.c.code)
        .select_from(units)
        .outerjoin(district, district.c.id == units.c.parent_id)
        .outerjoin(
            province,
            province.c.id == func.coalesce(district.c.parent_id, literal(-1)),
        )
        .where(units.c.level == "commune")
    )
    found: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for uid, key, d_key, p_key, code in conn.execute(query):
        # a new commune hangs from its province directly: its "district" is the province
        entry = (uid, "", d_key or "") if p_key is None else (uid, d_key or "", p_key or "")
        found[key].append(entry)
        found[code].append(entry)  # a commune recorded by its official code
    return found


def match_commune(
    candidates: Mapping[str, list[tuple[int, str, str]]],
    commune: str | None,
    district: str | None,
    province: str | None,
) -> int | None:
    """The one commune that recorded text names, or None when none or several fit."""
    if not commune:
        return None
    found = candidates.get(commune.strip() if commune.strip().isdigit() else unit_key(commune), [])
    if district:
        found = [c for c in found if c[1] == unit_key(district)]
    elif len(found) > 1:
        found = [c for c in found if c[1] == ""] or found  # no district: a post-2025 commune
    if province and len(found) > 1:
        narrowed = [c for c in found if c[2] == unit_key(province)]
        found = narrowed or found
    return found[0][0] if len(found) == 1 else None


def link_unplaced(conn: Connection) -> int:
    """Give every village without a place the commune its recorded text names (when exactly
    one fits), open-ended. Names are matched once per distinct recorded place; the rows are
    written in village order in one batch, so ids come out the same on every backend."""
    unplaced = ~exists().where(places.c.village_id == villages.c.id)
    distinct = conn.execute(
        select(villages.c.commune, villages.c.district, villages.c.province)
        .where(unplaced, villages.c.commune.is_not(None))
        .distinct()
    ).all()
    if not distinct:
        return 0
    candidates = _candidates(conn)
    chosen = {
        (commune, district, province): unit_id
        for commune, district, province in distinct
        if (unit_id := match_commune(candidates, commune, district, province)) is not None
    }
    if not chosen:
        return 0
    rows = [
        {"village_id": vid, "commune_id": chosen[(commune, district, province)]}
        for vid, commune, district, province in conn.execute(
            select(villages.c.id, villages.c.commune, villages.c.district, villages.c.province)
            .where(unplaced, villages.c.commune.is_not(None))
            .order_by(villages.c.id)
        )
        if (commune, district, province) in chosen
    ]
    if rows:
        conn.execute(insert(places), rows)
    return len(rows)
