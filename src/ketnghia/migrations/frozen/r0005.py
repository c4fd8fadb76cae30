"""Migration 0005's data step, frozen: load the shipped old→new mapping of Gia Lai and Bình
Định's communes and place each village in the commune its recorded text names (when exactly one
fits). Tables are described as they were at 0005."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

EFFECTIVE = dt.date(2025, 7, 1)
NEW_PROVINCE = ("52", "Tỉnh Gia Lai")
UNIT_WORDS = ("Thành phố", "Thị trấn", "Đặc khu", "Thị xã", "Phường", "Huyện", "Tỉnh", "Xã", "TP.")
_SPACES = re.compile(r"\s+")

units = sa.Table(
    "admin_units",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("level", sa.String),
    sa.Column("code", sa.String),
    sa.Column("name", sa.String),
    sa.Column("short_name", sa.String),
    sa.Column("name_key", sa.String),
    sa.Column("parent_id", sa.Integer),
    sa.Column("valid_from", sa.Date),
    sa.Column("valid_to", sa.Date),
)
successions = sa.table(
    "admin_successions",
    sa.column("old_id", sa.Integer),
    sa.column("new_id", sa.Integer),
    sa.column("effective_on", sa.Date),
    sa.column("confidence", sa.String),
)
villages = sa.table(
    "villages",
    sa.column("id", sa.Integer),
    sa.column("commune", sa.String),
    sa.column("district", sa.String),
    sa.column("province", sa.String),
)
places = sa.table(
    "village_places",
    sa.column("id", sa.Integer),
    sa.column("village_id", sa.Integer),
    sa.column("commune_id", sa.Integer),
    sa.column("valid_from", sa.Date),
    sa.column("valid_to", sa.Date),
)


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def _short_name(name: str) -> str:
    name = _clean(name) or ""
    for word in UNIT_WORDS:
        if _fold(name[: len(word)]) == _fold(word) and name[len(word) : len(word) + 1] == " ":
            return name[len(word) + 1 :].strip()
    return name


def _unit_key(name: str | None) -> str:
    return _fold(_short_name(name or ""))


def _read(path: Path) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig")))
    return [
        {k: (v or "").strip() for k, v in row.items() if k}
        for row in reader
        if any((v or "").strip() for v in row.values())
    ]


def load(conn: Connection, path: Path) -> None:
    until = EFFECTIVE - dt.timedelta(days=1)
    known: dict[tuple[str, str, Any, Any], int] = {}

    def unit(level: str, code: str, name: str, parent: int | None, start: Any, end: Any) -> int:
        key = (level, code, start, end)
        if key not in known:
            short = _short_name(name)
            inserted = conn.execute(
                sa.insert(units).values(
                    level=level,
                    code=code,
                    name=_clean(name),
                    short_name=short,
                    name_key=_fold(short),
                    parent_id=parent,
                    valid_from=start,
                    valid_to=end,
                )
            ).inserted_primary_key
            assert inserted is not None  # a one-row insert gives its key
            known[key] = inserted[0]
        return known[key]

    province_new = unit("province", *NEW_PROVINCE, None, EFFECTIVE, None)
    pairs: set[tuple[int, int]] = set()
    rows = []
    for row in _read(path):
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
            new = unit("commune", code.strip(), name.strip(), province_new, EFFECTIVE, None)
            if (old, new) not in pairs:
                pairs.add((old, new))
                rows.append(
                    {
                        "old_id": old,
                        "new_id": new,
                        "effective_on": EFFECTIVE,
                        "confidence": row.get("confidence") or None,
                    }
                )
    if rows:
        conn.execute(sa.insert(successions), rows)


def _candidates(conn: Connection) -> dict[str, list[tuple[int, str, str]]]:
    district = units.alias("district")
    province = units.alias("province")
    query = (
        sa.select(
            units.c.id, units.c.name_key, district.c.name_key, province.c.name_key, units.c.code
        )
        .select_from(units)
        .outerjoin(district, district.c.id == units.c.parent_id)
        .outerjoin(province, province.c.id == sa.func.coalesce(district.c.parent_id, -1))
        .where(units.c.level == "commune")
    )
    found: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for uid, key, d_key, p_key, code in conn.execute(query):
        entry = (uid, "", d_key or "") if p_key is None else (uid, d_key or "", p_key or "")
        found[key].append(entry)
        found[code].append(entry)
    return found


def _match(candidates: Any, commune: str, district: str | None, province: str | None) -> Any:
    found = candidates.get(commune.strip() if commune.strip().isdigit() else _unit_key(commune), [])
    if district:
        found = [c for c in found if c[1] == _unit_key(district)]
    elif len(found) > 1:
        found = [c for c in found if c[1] == ""] or found
    if province and len(found) > 1:
        found = [c for c in found if c[2] == _unit_key(province)] or found
    return found[0][0] if len(found) == 1 else None


def link(conn: Connection) -> None:
    rows = conn.execute(
        sa.select(villages.c.id, villages.c.commune, villages.c.district, villages.c.province)
        .where(villages.c.commune.is_not(None))
        .order_by(villages.c.id)
    ).all()
    if not rows:
        return
    candidates = _candidates(conn)
    placed = [
        {"village_id": vid, "commune_id": unit_id}
        for vid, commune, district, province in rows
        if (unit_id := _match(candidates, commune, district, province)) is not None
    ]
    if placed:
        conn.execute(sa.insert(places), placed)
