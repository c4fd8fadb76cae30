"""The reorganisation of 1-7-2025: every village in a commune that ended the day before moves
to its successor; split communes and villages with no place are listed, never guessed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import exists, func, insert, literal, or_, select, update
from sqlalchemy.engine import Connection
from sqlmodel import Session

from ketnghia import audit
from ketnghia.models import AdminSuccession, AdminUnit, Village, VillagePlace, table_of
from ketnghia.services.admin_units.resolve import link_unplaced
from ketnghia.services.locks import refuse_locked_from

REFORM_2025 = dt.date(2025, 7, 1)
NEW_GIA_LAI = ("52", "Tỉnh Gia Lai")  # the merged province keeps Bình Định's code

units = table_of(AdminUnit)
successions = table_of(AdminSuccession)
places = table_of(VillagePlace)
villages = table_of(Village)


def apply_successions(
    session: Session, effective: dt.date = REFORM_2025, dry_run: bool = False
) -> dict[str, Any]:
    """Move every village whose open place is a commune that ended the day before `effective`
    to its successor from `effective`. Split communes (several successors) are listed with the
    choices, never guessed; villages with no place are listed too."""
    conn = session.connection()
    linked = link_unplaced(conn)
    until = effective - dt.timedelta(days=1)
    heirs = (
        select(
            successions.c.old_id,
            func.count().label("n"),
            func.min(successions.c.new_id).label("new_id"),
        )
        .where(successions.c.effective_on == effective)
        .group_by(successions.c.old_id)
        .subquery("heirs")
    )
    open_places = (
        select(places.c.id, places.c.village_id, places.c.commune_id, heirs.c.n, heirs.c.new_id)
        .join(heirs, heirs.c.old_id == places.c.commune_id)
        .where(
            places.c.valid_to.is_(None),
            or_(places.c.valid_from.is_(None), places.c.valid_from < effective),
        )
    )
    rows = conn.execute(open_places).all()
    single = [r for r in rows if r.n == 1]
    split = [r for r in rows if r.n > 1]
    moved = _describe_moves(conn, single)
    split_list = _describe_splits(conn, split, effective)
    unplaced = [
        {"village_code": code, "village": name, "commune": commune, "district": district}
        for code, name, commune, district in conn.execute(
            select(villages.c.code, villages.c.name, villages.c.commune, villages.c.district)
            .where(~exists().where(places.c.village_id == villages.c.id))
            .order_by(villages.c.code)
        )
    ]
    if single and not dry_run:
        refuse_locked_from(session, until)
        ids = [r.id for r in single]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            conn.execute(
                insert(places).from_select(
                    ["village_id", "commune_id", "valid_from", "note"],
                    select(
                        places.c.village_id,
                        heirs.c.new_id,
                        literal(effective),
                        literal(f"admin apply {effective.isoformat()}"),
                    )
                    .join(heirs, heirs.c.old_id == places.c.commune_id)
                    .where(places.c.id.in_(chunk)),
                )
            )
            conn.execute(update(places).where(places.c.id.in_(chunk)).values(valid_to=until))
        audit.record(
            session,
            "village_places",
            effective.isoformat(),
            "move",
            None,
            {"moved": [m["village_code"] for m in moved]},
        )
    return {
        "effective_on": effective.isoformat(),
        "linked": linked,
        "moved": moved,
        "split": split_list,
        "unplaced": unplaced,
        "dry_run": dry_run,
    }


def _describe_moves(conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    if not rows:
        return []
    names = _unit_names(conn, {r.commune_id for r in rows} | {r.new_id for r in rows})
    codes: dict[int, str] = dict(
        conn.execute(
            select(villages.c.id, villages.c.code).where(
                villages.c.id.in_({r.village_id for r in rows})
            )
        ).all()
    )
    moved = [
        {
            "village_code": codes[r.village_id],
            "from": names[r.commune_id],
            "to": names[r.new_id],
        }
        for r in rows
    ]
    return sorted(moved, key=lambda m: m["village_code"])


def _describe_splits(conn: Connection, rows: list[Any], effective: dt.date) -> list[dict[str, Any]]:
    if not rows:
        return []
    choices: dict[int, list[int]] = defaultdict(list)
    for old_id, new_id in conn.execute(
        select(successions.c.old_id, successions.c.new_id)
        .where(
            successions.c.old_id.in_({r.commune_id for r in rows}),
            successions.c.effective_on == effective,
        )
        .order_by(successions.c.new_id)
    ):
        choices[old_id].append(new_id)
    ids = {r.commune_id for r in rows} | {n for v in choices.values() for n in v}
    names = _unit_names(conn, ids)
    village_rows = dict(
        (vid, (code, name))
        for vid, code, name in conn.execute(
            select(villages.c.id, villages.c.code, villages.c.name).where(
                villages.c.id.in_({r.village_id for r in rows})
            )
        )
    )
    split = [
        {
            "village_code": village_rows[r.village_id][0],
            "village": village_rows[r.village_id][1],
            "commune": names[r.commune_id],
            "choices": [names[n] for n in choices[r.commune_id]],
        }
        for r in rows
    ]
    return sorted(split, key=lambda s: s["village_code"])


def _unit_names(conn: Connection, ids: set[int]) -> dict[int, str]:
    return {
        uid: f"{code} {name}"
        for uid, code, name in conn.execute(
            select(units.c.id, units.c.code, units.c.name).where(units.c.id.in_(ids))
        )
    }
