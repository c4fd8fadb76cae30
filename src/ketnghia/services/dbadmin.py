"""db info, db check (integrity and the programme's rules) and db backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import String, and_, cast, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from ketnghia.db import Database, current_revision
from ketnghia.errors import KetnghiaError
from ketnghia.i18n import t
from ketnghia.models import (
    Activity,
    Agency,
    AnnualReport,
    HouseholdPairing,
    Pairing,
    PairingSupporter,
    Village,
    Visit,
    metadata,
)
from ketnghia.schema import KINDS
from ketnghia.services.common import FAR_FUTURE
from ketnghia.text import code_problem, fold, is_nfc, text_problem
from ketnghia.values import LIMITS

COUNTED = (
    "agencies",
    "villages",
    "pairings",
    "household_pairings",
    "activities",
    "visits",
    "inspections",
    "annual_reports",
    "village_stats",
    "locality_pairings",
    "contributions",
)


def info(db: Database) -> dict[str, Any]:
    with db.session() as session:
        counts = {
            name: session.scalar(select(func.count()).select_from(metadata.tables[name])) or 0
            for name in COUNTED
        }
        revision = current_revision(session.connection())
    path = db.path
    return {
        "target": db.description,
        "backend": db.backend,
        "revision": revision,
        "size_bytes": _file_size(path),
        "counts": counts,
    }


def _filed_reports(session: Session) -> list[dict[str, Any]]:
    """Filed reports whose figures no longer match the records (edited after an unlock)."""
    from ketnghia.services.locks import drift

    problems = []
    for report_id, year in session.execute(select(AnnualReport.id, AnnualReport.year)):
        found = drift(session, year)
        if found and found[1]:
            detail = f"{year}: the records no longer give the filed figures ({', '.join(found[1])})"
            problems.append(_problem("filed_report_drift", "annual_reports", report_id, detail))
    return problems


def _file_size(path: Path | None) -> int | None:
    """The database file plus its write-ahead log, which holds recent writes."""
    if path is None or not path.exists():
        return None
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def _problem(check: str, table: str, record_id: Any, detail: str) -> dict[str, Any]:
    return {"check": check, "table": table, "id": record_id, "detail": detail}


def check(db: Database) -> list[dict[str, Any]]:
    """Every problem found; an empty list means the database is sound."""
    problems: list[dict[str, Any]] = []
    if db.backend == "sqlite":
        problems += _sqlite_integrity(db)
    with db.session() as session:
        problems += _overlapping_pairings(session)
        problems += _outside_pairing(session)
        problems += _bad_ranges(session)
        problems += _out_of_bounds(session)
        problems += _poor_exceeds_households(session)
        problems += _supporting_itself(session)
        problems += _text_problems(session)
        problems += _filed_reports(session)
    return problems


def _sqlite_integrity(db: Database) -> list[dict[str, Any]]:
    problems = []
    with db.engine.connect() as conn:
        for (line,) in conn.exec_driver_sql("PRAGMA integrity_check"):
            if line != "ok":
                problems.append(_problem("integrity", "", None, line))
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            problems.append(_problem("foreign_key", table, rowid, f"missing {parent} row"))
        conn.rollback()
    return problems


def _overlapping_pairings(session: Session) -> list[dict[str, Any]]:
    other = aliased(Pairing)
    far = func.coalesce(Pairing.ended_on, FAR_FUTURE)
    query = (
        select(Pairing.id, other.id, Agency.code, Village.code)
        .join(
            other,
            and_(
                other.agency_id == Pairing.agency_id,
                other.village_id == Pairing.village_id,
                other.id > Pairing.id,
                other.started_on <= far,
                or_(other.ended_on.is_(None), other.ended_on >= Pairing.started_on),
            ),
        )
        .join(Agency, Agency.id == Pairing.agency_id)
        .join(Village, Village.id == Pairing.village_id)
    )
    return [
        _problem("overlapping_pairings", "pairings", a, f"#{a} and #{b} ({agency}–{village})")
        for a, b, agency, village in session.execute(query)
    ]


def _outside_pairing(session: Session) -> list[dict[str, Any]]:
    problems = []
    for model, table in ((Activity, "activities"), (Visit, "visits")):
        query = (
            select(model.id, model.date, Pairing.id, Pairing.started_on, Pairing.ended_on)
            .join(Pairing, Pairing.id == model.pairing_id)
            .where(
                or_(
                    model.date < Pairing.started_on,
                    and_(Pairing.ended_on.is_not(None), model.date > Pairing.ended_on),
                )
            )
        )
        for rid, date, pid, start, end in session.execute(query):
            detail = f"dated {date}, outside pairing #{pid} ({start} – {end or '…'})"
            problems.append(_problem("outside_pairing", table, rid, detail))
    return problems


def _bad_ranges(session: Session) -> list[dict[str, Any]]:
    problems = []
    for model, table in ((Pairing, "pairings"), (HouseholdPairing, "household_pairings")):
        query = select(model.id).where(model.ended_on < model.started_on)
        for (rid,) in session.execute(query):
            problems.append(_problem("ended_before_started", table, rid, "ended_on < started_on"))
    query = select(Visit.id).where(Visit.resolved_on < Visit.date)
    for (rid,) in session.execute(query):
        problems.append(_problem("resolved_before_visit", "visits", rid, "resolved_on < date"))
    return problems


def _record_tables() -> dict[str, Any]:
    """Each record kind of the schema → its table."""
    from ketnghia.importing.loader import TARGETS

    return {name: metadata.tables[TARGETS[name]] for name in KINDS}


def _out_of_bounds(session: Session) -> list[dict[str, Any]]:
    """Stored values outside what the field parsers accept (values.LIMITS), written by older
    versions or by hand: money beyond 10^15, counts beyond 10^7, dates and years outside
    1990–2100, negative amounts (an SQL query per column)."""
    problems = []
    for name, table in _record_tables().items():
        for f in KINDS[name].fields:
            if f.type not in LIMITS or f.key not in table.c:
                continue
            column = table.c[f.key]
            low, high = LIMITS[f.type]
            # the value as text: a date or a number too large for Python still reads back
            query = select(table.c.id, cast(column, String), column < low).where(
                or_(column < low, column > high)
            )
            for rid, value, below in session.execute(query):
                check = "negative" if below and low == 0 else "out_of_bounds"
                problems.append(_problem(check, table.name, rid, f"{f.key} = {value}"))
    return problems


def _poor_exceeds_households(session: Session) -> list[dict[str, Any]]:
    problems = []
    query = select(Village.id, Village.code).where(Village.poor_households > Village.households)
    for rid, code in session.execute(query):
        problems.append(_problem("poor_exceeds_households", "villages", rid, code))
    return problems


def _supporting_itself(session: Session) -> list[dict[str, Any]]:
    query = select(Pairing.id).join(
        PairingSupporter,
        and_(
            PairingSupporter.pairing_id == Pairing.id,
            PairingSupporter.agency_id == Pairing.agency_id,
        ),
    )
    return [
        _problem("supporter_is_agency", "pairings", rid, "the agency supports its own pairing")
        for (rid,) in session.execute(query)
    ]


def _text_problems(session: Session) -> list[dict[str, Any]]:
    """Text not in NFC or with spaces around it, characters the field parsers refuse, and
    stale search keys (read in a stream)."""
    problems = []
    refused = _character_rules()
    for table in metadata.sorted_tables:
        text_columns = [c for c in table.columns if _is_text(c.type)]
        if not text_columns or "id" not in table.columns:
            continue
        query = select(table.c.id, *text_columns).execution_options(yield_per=2000)
        for row in session.execute(query):
            rid, values = row[0], row[1:]
            for column, value in zip(text_columns, values, strict=True):
                if isinstance(value, str) and (not is_nfc(value) or value != value.strip()):
                    problems.append(_problem("text_not_normalised", table.name, rid, column.name))
                rule = refused.get((table.name, column.name))
                if rule is not None and isinstance(value, str):
                    problems += _bad_characters(table.name, rid, column.name, rule(value))
            if "name_key" in table.columns:
                record = dict(zip([c.name for c in text_columns], values, strict=True))
                # administrative units match on the name without "Xã", "Huyện"…
                if record["name_key"] != fold(record.get("short_name", record["name"])):
                    problems.append(_problem("stale_search_key", table.name, rid, record["name"]))
    return problems


def _character_rules() -> dict[tuple[str, str], Any]:
    """(table, column) → the rule of its field (text.code_problem or text.text_problem)."""
    rules: dict[tuple[str, str], Any] = {}
    for name, table in _record_tables().items():
        for f in KINDS[name].fields:
            if f.key not in table.c:
                continue
            if f.type == "code":
                rules[table.name, f.key] = code_problem
            elif f.type == "text":
                multiline = f.multiline
                rules[table.name, f.key] = lambda v, m=multiline: text_problem(v, m)
    return rules


def _bad_characters(table: str, rid: Any, column: str, found: Any) -> list[dict[str, Any]]:
    if found is None:
        return []
    reason, params = found
    return [_problem("bad_characters", table, rid, f"{column}: {t(reason, **params)}")]


def _is_text(column_type: Any) -> bool:
    impl = getattr(column_type, "impl", column_type)  # SQLModel's AutoString decorates String
    return isinstance(column_type, String) or isinstance(impl, String)


def backup(db: Database, destination: Path) -> Path:
    """A consistent copy of an SQLite database, taken with SQLite's online backup API."""
    if db.backend != "sqlite" or db.path is None:
        raise KetnghiaError("backup_postgres", path=str(destination))
    destination = destination.expanduser()
    if destination.exists():
        raise KetnghiaError("backup_exists", path=str(destination))
    destination.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(str(db.path))
    target = sqlite3.connect(str(destination))
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()
    return destination


def holds_records(db: Database) -> bool:
    with db.session() as session:
        return any(
            session.scalar(select(func.count()).select_from(metadata.tables[name]))
            for name in COUNTED
        )


def restore(db: Database, source: Path) -> Path:
    """Replace the database's contents with a backup, with SQLite's backup API (one step:
    readers see the old or the new database, never half of it); then upgrade its schema."""
    if db.backend != "sqlite" or db.path is None:
        raise KetnghiaError("restore_postgres", path=str(source))
    source = source.expanduser()
    if not source.is_file():
        raise KetnghiaError("file_not_found", path=str(source))
    try:
        check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        has_version = check.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'"
        ).fetchone()[0]
        check.close()
    except sqlite3.DatabaseError:
        ok, has_version = False, 0
    if not ok or not has_version:
        raise KetnghiaError("not_a_backup", path=str(source))
    db.engine.dispose()
    backup_source = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    target = sqlite3.connect(str(db.path), timeout=30)
    try:
        backup_source.backup(target)
    finally:
        target.close()
        backup_source.close()
    from ketnghia.db import ensure_schema

    ensure_schema(db.engine)
    return source


COPY_BATCH = 5000


def copy_database(source: Database, target: Database) -> dict[str, int]:
    """Copy every row of every table — records, places, mergers, filed reports, the audit
    trail — into an empty database of either backend (e.g. SQLite to PostgreSQL when a
    province outgrows one machine), in one transaction on the target. Ids are kept."""
    from sqlalchemy import bindparam, delete, insert, text, update

    if holds_records(target):
        raise KetnghiaError("copy_target_not_empty", target=target.description)
    counts: dict[str, int] = {}
    tables = metadata.sorted_tables
    with source.session() as reading, target.write() as session:
        conn = session.connection()
        for table in reversed(tables):  # the units its migration loaded give way to the source's
            conn.execute(delete(table))
        for table in tables:
            # a reference to a row of the same table may point forward (an agency merged into
            # one made later): written empty first, then set
            own = [
                fk.parent.name for fk in table.foreign_keys if fk.column.table.name == table.name
            ]
            later: list[dict[str, Any]] = []
            counts[table.name] = 0
            result = reading.execute(select(table).execution_options(yield_per=COPY_BATCH))
            for chunk in result.mappings().partitions(COPY_BATCH):
                rows = [dict(r) for r in chunk]
                if own:
                    later += [
                        {"_id": r["id"], **{c: r[c] for c in own}}
                        for r in rows
                        if any(r[c] is not None for c in own)
                    ]
                    rows = [r | dict.fromkeys(own) for r in rows]
                conn.execute(insert(table), rows)
                counts[table.name] += len(rows)
            if later:
                conn.execute(
                    update(table)
                    .where(table.c.id == bindparam("_id"))
                    .values({c: bindparam(c) for c in own}),
                    later,
                )
            if target.backend == "postgresql" and "id" in table.c and counts[table.name]:
                # the next id after the copied ones
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT max(id) FROM {table.name}))"
                    )
                )
    return counts
