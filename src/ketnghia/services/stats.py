"""Villages' yearly figures: households, poor and near-poor households, income per head."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from ketnghia.models import Village, VillageStat, id_of
from ketnghia.schema import VILLAGE_STATS
from ketnghia.services.admin_units.places import recorded_in
from ketnghia.services.fields import check_poor_households, parse_values
from ketnghia.services.lookups import resolve_village
from ketnghia.text import sort_key


def set_stats(session: Session, values: Mapping[str, Any]) -> VillageStat:
    """Add or change one village's figures for one year (only the figures given change)."""
    parsed = parse_values(VILLAGE_STATS, values, partial=False)
    village = resolve_village(session, parsed.pop("village_code"))
    year = parsed.pop("year")
    stat = session.scalars(
        select(VillageStat).where(
            col(VillageStat.village_id) == village.id, col(VillageStat.year) == year
        )
    ).first() or VillageStat(village_id=id_of(village), year=year)
    for key, value in parsed.items():
        setattr(stat, key, value)
    check_poor_households({"poor_households": stat.poor_households, "households": stat.households})
    session.add(stat)
    session.flush()
    return stat


def list_stats(
    session: Session, village: Any = None, year: int | None = None, district: str | None = None
) -> list[dict[str, Any]]:
    query = select(VillageStat, col(Village.code), col(Village.name)).join(
        Village, col(Village.id) == col(VillageStat.village_id)
    )
    if village is not None:
        query = query.where(col(VillageStat.village_id) == resolve_village(session, village).id)
    if year is not None:
        query = query.where(col(VillageStat.year) == year)
    if district is not None:
        query = query.where(*recorded_in(session, district=district))
    rows = [
        {
            "id": s.id,
            "village_code": code,
            "year": s.year,
            "households": s.households,
            "poor_households": s.poor_households,
            "near_poor_households": s.near_poor_households,
            "income_per_head": s.income_per_head,
            "note": s.note,
            "village": name,
        }
        for s, code, name in session.execute(query)
    ]
    rows.sort(key=lambda r: (sort_key(r["village"]), r["year"]))
    return rows
