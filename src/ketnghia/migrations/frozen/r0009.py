"""Migration 0009's data step, frozen: resolve every village's recorded commune and district —
the folded key of each (the unit's name when the text names one, else the text's) and the
district's unit. The matching of communes is 0005's (frozen there); tables are described as
they were at 0009."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ketnghia.migrations.frozen.r0005 import _candidates, _match, _unit_key, units

villages = sa.table(
    "villages",
    sa.column("id", sa.Integer),
    sa.column("commune", sa.String),
    sa.column("district", sa.String),
    sa.column("province", sa.String),
    sa.column("commune_key", sa.String),
    sa.column("district_key", sa.String),
    sa.column("district_id", sa.Integer),
)


def _districts(conn: Connection) -> dict[str, list[tuple[int, str]]]:
    province = units.alias("province")
    query = (
        sa.select(units.c.id, units.c.name_key, province.c.name_key)
        .select_from(units)
        .outerjoin(province, province.c.id == units.c.parent_id)
        .where(units.c.level == "district")
    )
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for uid, key, p_key in conn.execute(query):
        found[key].append((uid, p_key or ""))
    return found


def resolve(conn: Connection) -> None:
    recorded = conn.execute(
        sa.select(villages.c.commune, villages.c.district, villages.c.province).distinct()
    ).all()
    if not recorded:
        return
    communes = _candidates(conn)
    districts = _districts(conn)
    info = {
        uid: (key, parent)
        for uid, key, parent in conn.execute(
            sa.select(units.c.id, units.c.name_key, units.c.parent_id)
        )
    }
    rows: list[dict[str, Any]] = []
    for commune, district, province in recorded:
        commune_id = _match(communes, commune, district, province) if commune else None
        if commune_id is not None:
            commune_key: str | None = info[commune_id][0]
        else:
            commune_key = _unit_key(commune) or None
        district_id = None
        if district:
            found = districts.get(_unit_key(district), [])
            parent = info[commune_id][1] if commune_id is not None else None
            if any(uid == parent for uid, _ in found):
                found = [(uid, p) for uid, p in found if uid == parent]
            elif province and len(found) > 1:
                found = [c for c in found if c[1] == _unit_key(province)] or found
            district_id = found[0][0] if len(found) == 1 else None
        district_key = info[district_id][0] if district_id is not None else _unit_key(district)
        rows.append(
            {
                "_commune": commune,
                "_district": district,
                "_province": province,
                "_commune_key": commune_key,
                "_district_key": district_key or None,
                "_district_id": district_id,
            }
        )
    conn.execute(
        sa.update(villages)
        .where(
            villages.c.commune.is_not_distinct_from(sa.bindparam("_commune", type_=sa.String)),
            villages.c.district.is_not_distinct_from(sa.bindparam("_district", type_=sa.String)),
            villages.c.province.is_not_distinct_from(sa.bindparam("_province", type_=sa.String)),
        )
        .values(
            commune_key=sa.bindparam("_commune_key", type_=sa.String),
            district_key=sa.bindparam("_district_key", type_=sa.String),
            district_id=sa.bindparam("_district_id", type_=sa.Integer),
        ),
        rows,
    )
