"""An old→new mapping of units (the shipped file's columns): read, checked and loaded, adding
the units and successions it names; corrections replace the successors of the communes they
list. Loading speaks SQLAlchemy Core on a Connection."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection
from sqlmodel import Session

from ketnghia import audit
from ketnghia.errors import KetnghiaError
from ketnghia.i18n import t
from ketnghia.models import AdminSuccession, AdminUnit, table_of
from ketnghia.services.admin_units.names import short_name
from ketnghia.services.admin_units.reform import NEW_GIA_LAI, REFORM_2025
from ketnghia.services.admin_units.resolve import link_unplaced
from ketnghia.text import clean, code_problem, fold, text_problem

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

units = table_of(AdminUnit)
successions = table_of(AdminSuccession)


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
            inserted = conn.execute(
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
            ).inserted_primary_key
            assert inserted is not None  # a one-row insert gives its key
            known[key] = inserted[0]
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
