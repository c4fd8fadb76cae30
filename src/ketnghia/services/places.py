"""Administrative units and where each village was at a date.

Units (provinces, districts, communes) carry their period of validity, because official codes
are reused across a reorganisation. A village's `commune`/`district` text is its place as
recorded; its rows in `village_places` say which unit it belonged to from when to when. Reports
ask `place_at(date)`: the unit of the place row covering that date, else the recorded text.

Loading and linking speak SQLAlchemy Core on a Connection, so the migration that introduces
the tables can load the shipped units with the same code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, delete, exists, func, insert, literal, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased
from sqlmodel import Session

from ketnghia import audit
from ketnghia.errors import Ambiguous, InvalidValue, KetnghiaError, NotFound
from ketnghia.i18n import t
from ketnghia.models import AdminSuccession, AdminUnit, Village, VillagePlace
from ketnghia.periods import active_on, is_active_on
from ketnghia.services.locks import refuse_locked_from
from ketnghia.text import clean, code_problem, fold, sort_key, text_problem

REFORM_2025 = dt.date(2025, 7, 1)
NEW_GIA_LAI = ("52", "Tỉnh Gia Lai")  # the merged province keeps Bình Định's code
# The unit word in front of a name, longest first ("Thành phố" before "Thị").
UNIT_WORDS = ("Thành phố", "Thị trấn", "Đặc khu", "Thị xã", "Phường", "Huyện", "Tỉnh", "Xã", "TP.")
MAPPING_COLUMNS = (
    "old_province_code",
    "old_province",
    "old_district_code",
    "old_district",
    "old_commune_code",
    "old_commune",
    "new_commune_codes",
    "new_communes",
)

units = AdminUnit.__table__
successions = AdminSuccession.__table__
places = VillagePlace.__table__
villages = Village.__table__


def short_name(name: str) -> str:
    """ "Xã Ia Me" → "Ia Me"; "Thành phố Pleiku" → "Pleiku"; a bare name stays as it is."""
    name = clean(name) or ""
    for word in UNIT_WORDS:
        if fold(name[: len(word)]) == fold(word) and name[len(word) : len(word) + 1] == " ":
            return name[len(word) + 1 :].strip()
    return name


def unit_key(name: str | None) -> str:
    return fold(short_name(name or ""))


# -- loading a mapping -----------------------------------------------------------------------------


def read_mapping(path: Path) -> list[dict[str, str]]:
    """Rows of an old→new mapping CSV (the shipped file's columns); a missing column is an
    error naming it."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KetnghiaError("mapping_not_utf8", file=str(path)) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in MAPPING_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise KetnghiaError("mapping_missing_column", file=str(path), column=", ".join(missing))
    rows = []
    for number, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values()):
            continue
        codes = [c.strip() for c in (row["new_commune_codes"] or "").split(";") if c.strip()]
        names = [n.strip() for n in (row["new_communes"] or "").split(";") if n.strip()]
        for column in ("old_province_code", "old_district_code", "old_commune_code"):
            if not (row[column] or "").strip():
                raise KetnghiaError("mapping_bad_row", file=str(path), row=number, column=column)
        if not codes or len(codes) != len(names):
            raise KetnghiaError(
                "mapping_bad_row", file=str(path), row=number, column="new_commune_codes"
            )
        for column, value in row.items():
            # the characters a record's codes and names refuse (values.parse_code, parse_text)
            rule = code_problem if (column or "").endswith(("_code", "_codes")) else text_problem
            problem = rule(value.strip()) if column and value else None
            if problem is not None:
                reason = t(problem[0], **problem[1])
                raise KetnghiaError(
                    "mapping_bad_value", file=str(path), row=number, column=column, reason=reason
                )
        rows.append({k: (v or "").strip() for k, v in row.items() if k} | {"_row": str(number)})
    return rows


def shipped_mapping() -> Path:
    from ketnghia.resources import admin_units_file

    return admin_units_file()


def load_mapping(
    conn: Connection,
    rows: Iterable[Mapping[str, str]],
    effective: dt.date = REFORM_2025,
    new_province: tuple[str, str] = NEW_GIA_LAI,
    replace: bool = False,
) -> dict[str, int]:
    """Add the units and successions of a mapping; units already there are reused, so loading
    the same file twice adds nothing. With `replace`, the file's rows are corrections: an old
    commune it lists keeps only the successors the file gives it. Returns counts."""
    until = effective - dt.timedelta(days=1)
    known: dict[tuple[str, str, Any, Any], int] = {
        (level, code, start, end): uid
        for uid, level, code, start, end in conn.execute(
            select(units.c.id, units.c.level, units.c.code, units.c.valid_from, units.c.valid_to)
        )
    }
    added = {"units": 0, "successions": 0}

    def unit(level: str, code: str, name: str, parent: int | None, start: Any, end: Any) -> int:
        key = (level, code, start, end)
        if key not in known:
            short = short_name(name)
            known[key] = conn.execute(
                insert(units).values(
                    level=level,
                    code=code,
                    name=clean(name),
                    short_name=short,
                    name_key=fold(short),
                    parent_id=parent,
                    valid_from=start,
                    valid_to=end,
                )
            ).inserted_primary_key[0]
            added["units"] += 1
        return known[key]

    pairs = {(o, n) for o, n in conn.execute(select(successions.c.old_id, successions.c.new_id))}
    province_new = unit("province", new_province[0], new_province[1], None, effective, None)
    new_rows = []
    listed: dict[int, set[int]] = {}
    for row in rows:
        province = unit(
            "province", row["old_province_code"], row["old_province"], None, None, until
        )
        district = unit(
            "district", row["old_district_code"], row["old_district"], province, None, until
        )
        old = unit("commune", row["old_commune_code"], row["old_commune"], district, None, until)
        codes = row["new_commune_codes"].split(";")
        names = row["new_communes"].split(";")
        for code, name in zip(codes, names, strict=True):
            new = unit("commune", code.strip(), name.strip(), province_new, effective, None)
            listed.setdefault(old, set()).add(new)
            if (old, new) not in pairs:
                pairs.add((old, new))
                new_rows.append(
                    {
                        "old_id": old,
                        "new_id": new,
                        "effective_on": effective,
                        "confidence": row.get("confidence") or None,
                    }
                )
    added["removed"] = 0
    if replace:
        for old, keep in listed.items():
            result = conn.execute(
                delete(successions).where(
                    successions.c.old_id == old,
                    successions.c.effective_on == effective,
                    successions.c.new_id.not_in(keep),
                )
            )
            added["removed"] += result.rowcount or 0
    if new_rows:
        conn.execute(insert(successions), new_rows)
    added["successions"] = len(new_rows)
    return added


def import_mapping(
    session: Session,
    path: Path,
    effective: dt.date = REFORM_2025,
    new_province: tuple[str, str] = NEW_GIA_LAI,
    replace: bool = False,
) -> dict[str, int]:
    """Load a mapping file (another province's units, or corrected rows) and place the villages
    it now names."""
    conn = session.connection()
    added = load_mapping(conn, read_mapping(path), effective, new_province, replace)
    added["linked"] = link_unplaced(conn)
    audit.record(session, "admin_units", path.name, "import", None, added)
    return added


# -- resolving a commune and linking villages ------------------------------------------------------


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


def _same(column: Any, value: Any) -> Any:
    return column.is_(None) if value is None else column == value


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


# -- the place of a village at a date --------------------------------------------------------------


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


# -- moving villages -------------------------------------------------------------------------------


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
    codes = dict(
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


def clear_places(session: Session, village: Village) -> None:
    session.execute(delete(VillagePlace).where(VillagePlace.village_id == village.id))
