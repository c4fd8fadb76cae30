"""Finding units: a commune by official code or name on a date, the units of a level, and the
units a village's recorded text names — resolved here, once, for commands and imports alike: a
village without a place gets the commune its text names, and every village keeps the folded key
of its recorded commune and district and the district's unit (models.Village), which reports
group by. A place that names no unit is kept as typed and grouped by its folded spelling.

Linking speaks SQLAlchemy Core on a Connection, so imports can use it as they write."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    and_,
    bindparam,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from ketnghia.errors import Ambiguous, InvalidValue, NotFound
from ketnghia.i18n import t
from ketnghia.models import AdminUnit, Village, VillagePlace, table_of
from ketnghia.periods import active_on
from ketnghia.services.admin_units.names import unit_key
from ketnghia.services.lookups import closest
from ketnghia.text import clean, sort_key

units = table_of(AdminUnit)
places = table_of(VillagePlace)
villages = table_of(Village)


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
        .outerjoin(parent, col(parent.id) == col(AdminUnit.parent_id))
        .where(col(AdminUnit.level) == "commune")
    )
    if wanted.isdigit():
        query = query.where(col(AdminUnit.code) == wanted)
    else:
        query = query.where(col(AdminUnit.name_key) == unit_key(wanted))
    if on is not None:
        query = query.where(
            active_on(AdminUnit.valid_from, AdminUnit.valid_to, on, open_start=True)
        )
    if district:
        query = query.where(col(parent.name_key) == unit_key(district))
    found = list(session.scalars(query.order_by(col(AdminUnit.code), col(AdminUnit.id))))
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
        bits.append(t("unit_from", date=unit.valid_from))
    if unit.valid_to:
        bits.append(t("unit_until", date=unit.valid_to))
    return f"{unit.code} {unit.name}" + (f" ({', '.join(bits)})" if bits else "")


def list_units(
    session: Session, level: str | None = None, on: dt.date | None = None, search: str | None = None
) -> list[dict[str, Any]]:
    parent = aliased(AdminUnit)
    query = select(AdminUnit, col(parent.short_name)).outerjoin(
        parent, col(parent.id) == AdminUnit.parent_id
    )
    if level:
        query = query.where(col(AdminUnit.level) == level)
    if on is not None:
        query = query.where(
            active_on(AdminUnit.valid_from, AdminUnit.valid_to, on, open_start=True)
        )
    if search:
        query = query.where(col(AdminUnit.name_key).contains(unit_key(search)))
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
    one fits), open-ended, and bring every village's resolved place up to date with its text
    (`resolve_recorded`). Names are matched once per distinct recorded place; the rows are
    written in village order in one batch, so ids come out the same on every backend. Returns
    the number of villages placed."""
    unplaced = ~exists().where(places.c.village_id == villages.c.id)
    distinct = conn.execute(
        select(villages.c.commune, villages.c.district, villages.c.province)
        .where(unplaced, villages.c.commune.is_not(None))
        .distinct()
    ).all()
    chosen = {}
    if distinct:
        candidates = _candidates(conn)
        chosen = {
            (commune, district, province): unit_id
            for commune, district, province in distinct
            if (unit_id := match_commune(candidates, commune, district, province)) is not None
        }
    rows = []
    if chosen:
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
    resolve_recorded(conn)
    return len(rows)


def _districts(conn: Connection) -> dict[str, list[tuple[int, str]]]:
    """Districts by folded short name → (id, folded province)."""
    province = units.alias("province")
    query = (
        select(units.c.id, units.c.name_key, province.c.name_key)
        .select_from(units)
        .outerjoin(province, province.c.id == units.c.parent_id)
        .where(units.c.level == "district")
    )
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for uid, key, p_key in conn.execute(query):
        found[key].append((uid, p_key or ""))
    return found


def match_district(
    candidates: Mapping[str, list[tuple[int, str]]],
    district: str | None,
    province: str | None,
    commune_parent: int | None = None,
) -> int | None:
    """The one district that recorded text names (the recorded commune's own district when
    the name fits it), or None when none or several fit."""
    if not district:
        return None
    found = candidates.get(unit_key(district), [])
    if any(uid == commune_parent for uid, _ in found):
        return commune_parent
    if province and len(found) > 1:
        found = [c for c in found if c[1] == unit_key(province)] or found
    return found[0][0] if len(found) == 1 else None


def resolve_recorded(conn: Connection) -> int:
    """Write each village's recorded place resolved: the folded key of its commune and of its
    district (the unit's name when the text names one unit, else the text's own) and the unit
    of its district. Computed once per distinct recorded place, written only where it changed
    (a new village, an edited or imported place, units loaded since). Returns the number of
    distinct places rewritten."""
    stored = conn.execute(
        select(
            villages.c.commune,
            villages.c.district,
            villages.c.province,
            villages.c.commune_key,
            villages.c.district_key,
            villages.c.district_id,
        ).distinct()
    ).all()
    if not stored:
        return 0
    communes = _candidates(conn)
    districts = _districts(conn)
    info = {
        uid: (key, parent)
        for uid, key, parent in conn.execute(
            select(units.c.id, units.c.name_key, units.c.parent_id)
        )
    }
    changed: dict[tuple[Any, Any, Any], dict[str, Any]] = {}
    for commune, district, province, *now in stored:
        commune_id = match_commune(communes, commune, district, province)
        parent = info[commune_id][1] if commune_id is not None else None
        district_id = match_district(districts, district, province, parent)
        wanted = (
            info[commune_id][0] if commune_id is not None else unit_key(commune) or None,
            info[district_id][0] if district_id is not None else unit_key(district) or None,
            district_id,
        )
        if tuple(now) != wanted:
            changed[(commune, district, province)] = {
                "_commune": commune,
                "_district": district,
                "_province": province,
                "_commune_key": wanted[0],
                "_district_key": wanted[1],
                "_district_id": wanted[2],
            }
    if changed:
        conn.execute(
            update(villages)
            .where(
                villages.c.commune.is_not_distinct_from(bindparam("_commune", type_=String)),
                villages.c.district.is_not_distinct_from(bindparam("_district", type_=String)),
                villages.c.province.is_not_distinct_from(bindparam("_province", type_=String)),
            )
            .values(
                commune_key=bindparam("_commune_key", type_=String),
                district_key=bindparam("_district_key", type_=String),
                district_id=bindparam("_district_id", type_=Integer),
            ),
            list(changed.values()),
        )
    return len(changed)


def unmatched_places(conn: Connection, village_ids: Any = None) -> list[dict[str, Any]]:
    """Villages whose recorded commune or district names no single unit (of those in
    `village_ids`, a list or a query, when given): id, code, and the unmatched `commune` and
    `district` texts (None where that one is placed), in village order."""
    no_place = ~exists().where(places.c.village_id == villages.c.id)
    commune_unmatched = and_(villages.c.commune.is_not(None), no_place)
    district_unmatched = and_(villages.c.district.is_not(None), villages.c.district_id.is_(None))
    query = (
        select(
            villages.c.id,
            villages.c.code,
            villages.c.commune,
            villages.c.district,
            commune_unmatched.label("commune_unmatched"),
            district_unmatched.label("district_unmatched"),
        )
        .where(or_(commune_unmatched, district_unmatched))
        .order_by(villages.c.id)
    )
    if village_ids is not None:
        query = query.where(villages.c.id.in_(village_ids))
    return [
        {
            "id": vid,
            "code": code,
            "commune": commune if bad_commune else None,
            "district": district if bad_district else None,
        }
        for vid, code, commune, district, bad_commune, bad_district in conn.execute(query)
    ]


def unmatched_warnings(conn: Connection, village_ids: Any = None) -> list[str]:
    """One warning per commune or district spelling (folded) that names no unit, with the
    villages recorded so and the closest unit names."""
    found = unmatched_places(conn, village_ids)
    groups: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for row in found:
        for level in ("commune", "district"):
            typed = row[level]
            if typed is not None:
                groups.setdefault((level, unit_key(typed)), (typed, []))[1].append(row["code"])
    warnings = []
    for (level, _), (typed, codes) in groups.items():
        shown = ", ".join(codes[:5]) + (" …" if len(codes) > 5 else "")
        near = closest(typed, unit_names(conn, level))
        hint = t("did_you_mean", candidates=", ".join(near)) if near else ""
        warnings.append(
            t("place_unmatched", kind=t(f"rec_{level}"), name=typed, villages=shown, hint=hint)
        )
    return warnings


def unit_names(conn: Connection, level: str) -> dict[str, str]:
    """Folded name → official name of the units of a level (the first one's, where several
    share a folded name)."""
    names: dict[str, str] = {}
    for key, name in conn.execute(
        select(units.c.name_key, units.c.short_name)
        .where(units.c.level == level)
        .order_by(units.c.id)
    ):
        names.setdefault(key, name)
    return names
