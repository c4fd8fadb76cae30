"""db info, db check (integrity and the programme's rules), db backup, restore and copy."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import String, and_, cast, func, inspect, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from ketnghia import periods
from ketnghia.db import Database, current_revision, driver_connection
from ketnghia.errors import KetnghiaError
from ketnghia.i18n import t
from ketnghia.models import (
    Agency,
    AuditEntry,
    HouseholdPairing,
    Village,
    Visit,
    metadata,
    table_of,
)
from ketnghia.outputs import SQLITE_SIDE_FILES, real_path, temp_path
from ketnghia.schema import KINDS
from ketnghia.services.exports import database_id
from ketnghia.services.paired import PairedKind
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
        identity = database_id(session)
    path = db.path
    return {
        "target": db.description,
        "backend": db.backend,
        "revision": revision,
        "database_id": identity,
        "size_bytes": _file_size(path),
        "counts": counts,
    }


def _file_size(path: Path | None) -> int | None:
    """The database file plus its write-ahead log, which holds recent writes."""
    if path is None or not path.exists():
        return None
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def problem(check: str, table: str, record_id: Any, detail: str) -> dict[str, Any]:
    return {"check": check, "table": table, "id": record_id, "detail": detail}


Check = Callable[[Session], list[dict[str, Any]]]


def check(db: Database, more: Iterable[Check] = ()) -> list[dict[str, Any]]:
    """Every problem found; an empty list means the database is sound. `more`: checks of the
    floors above (the filed reports' figures, which need the report)."""
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
        problems += _unmatched_places(session)
        problems += _ratings_to_correct(session)
        for more_check in more:
            problems += more_check(session)
    return problems


def _sqlite_integrity(db: Database) -> list[dict[str, Any]]:
    problems = []
    with db.engine.connect() as conn:
        for (line,) in conn.exec_driver_sql("PRAGMA integrity_check"):
            if line != "ok":
                problems.append(problem("integrity", "", None, line))
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            problems.append(problem("foreign_key", table, rowid, f"missing {parent} row"))
        conn.rollback()
    return problems


def _paired_kinds() -> tuple[PairedKind, ...]:
    """Every kind of pairing: an agency with a village, a locality with a commune."""
    from ketnghia.services import localities, pairings

    return (pairings.service.d, localities.service.d)


def _overlapping_pairings(session: Session) -> list[dict[str, Any]]:
    """Two pairings of the same agency and target whose dates meet, of every kind (set-based:
    one query a kind)."""
    problems = []
    for d in _paired_kinds():
        m, target = d.model, d.target_model
        other = aliased(m)
        query = (
            select(m.id, other.id, col(Agency.code), getattr(target, d.target_text))
            .join(
                other,
                and_(
                    other.agency_id == m.agency_id,
                    getattr(other, d.target_column) == getattr(m, d.target_column),
                    other.id > m.id,
                    periods.overlaps(m.started_on, m.ended_on, other.started_on, other.ended_on),
                ),
            )
            .join(Agency, Agency.id == m.agency_id)
            .join(target, target.id == getattr(m, d.target_column))
            .order_by(m.id, other.id)
        )
        problems += [
            problem("overlapping_pairings", d.table, a, f"#{a} and #{b} ({agency}–{unit})")
            for a, b, agency, unit in session.execute(query)
        ]
    return problems


def _outside_pairing(session: Session) -> list[dict[str, Any]]:
    """Records dated outside the pairing they belong to, of every kind."""
    problems = []
    for d in _paired_kinds():
        m = d.model
        for model, _label in d.records:
            query = (
                select(model.id, model.date, m.id, m.started_on, m.ended_on)
                .join(m, m.id == model.pairing_id)
                .where(periods.outside(model.date, m.started_on, m.ended_on))
                .order_by(model.id)
            )
            for rid, date, pid, start, end in session.execute(query):
                detail = f"dated {date}, outside pairing #{pid} ({start} – {end or '…'})"
                problems.append(problem("outside_pairing", model.__tablename__, rid, detail))
    return problems


def _bad_ranges(session: Session) -> list[dict[str, Any]]:
    problems = []
    for model in (*(d.model for d in _paired_kinds()), HouseholdPairing):
        table = model.__tablename__
        query = select(model.id).where(model.ended_on < model.started_on)
        for (rid,) in session.execute(query):
            problems.append(problem("ended_before_started", table, rid, "ended_on < started_on"))
    query = select(col(Visit.id)).where(col(Visit.resolved_on) < col(Visit.date))
    for (rid,) in session.execute(query):
        problems.append(problem("resolved_before_visit", "visits", rid, "resolved_on < date"))
    return problems


def _record_tables() -> dict[str, Any]:
    """Each record kind of the schema → its table."""
    from ketnghia.kinds import of

    return {name: of(name).table for name in KINDS}


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
                problems.append(problem(check, table.name, rid, f"{f.key} = {value}"))
    return problems


def _poor_exceeds_households(session: Session) -> list[dict[str, Any]]:
    problems = []
    query = select(col(Village.id), col(Village.code)).where(
        col(Village.poor_households) > col(Village.households)
    )
    for rid, code in session.execute(query):
        problems.append(problem("poor_exceeds_households", "villages", rid, code))
    return problems


def _supporting_itself(session: Session) -> list[dict[str, Any]]:
    """An agency listed beside itself (a supporter, a co-signer of its own pairing)."""
    problems = []
    for d in _paired_kinds():
        m, link = d.model, d.link.c
        query = select(m.id).join(
            d.link, and_(link.pairing_id == m.id, link.agency_id == m.agency_id)
        )
        problems += [
            problem("supporter_is_agency", d.table, rid, "the agency supports its own pairing")
            for (rid,) in session.execute(query)
        ]
    return problems


def _unmatched_places(session: Session) -> list[dict[str, Any]]:
    """Villages whose recorded commune or district names no single unit (kept as typed,
    grouped by spelling in reports): to correct, or to place with `village move`."""
    from ketnghia.services.admin_units.resolve import unmatched_places

    problems = []
    for row in unmatched_places(session.connection()):
        for level in ("commune", "district"):
            if row[level] is not None:
                detail = f"{row['code']}: {t(f'rec_{level}')} {row[level]!r}"
                problems.append(problem("unmatched_place", "villages", row["id"], detail))
    return problems


def _ratings_to_correct(session: Session) -> list[dict[str, Any]]:
    """Inspections whose rating is none of the choice's keys: free text from before ratings
    were a choice that names none of them (kept as typed), to correct with `inspection edit`."""
    from ketnghia.i18n import get_lang
    from ketnghia.models import Inspection
    from ketnghia.schema import INSPECTION_RATINGS

    lang = get_lang()
    labels = ", ".join(vi if lang == "vi" else en for vi, en in INSPECTION_RATINGS.values())
    query = (
        select(col(Inspection.id), col(Inspection.rating))
        .where(
            col(Inspection.rating).is_not(None),
            col(Inspection.rating).not_in(list(INSPECTION_RATINGS)),
        )
        .order_by(col(Inspection.id))
    )
    return [
        problem(
            "rating_to_correct",
            "inspections",
            rid,
            t("rating_to_correct", value=rating, choices=labels),
        )
        for rid, rating in session.execute(query)
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
                    problems.append(problem("text_not_normalised", table.name, rid, column.name))
                rule = refused.get((table.name, column.name))
                if rule is not None and isinstance(value, str):
                    problems += _bad_characters(table.name, rid, column.name, rule(value))
            if "name_key" in table.columns:
                record = dict(zip([c.name for c in text_columns], values, strict=True))
                # administrative units match on the name without "Xã", "Huyện"…
                if record["name_key"] != fold(record.get("short_name", record["name"])):
                    problems.append(problem("stale_search_key", table.name, rid, record["name"]))
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
    return [problem("bad_characters", table, rid, f"{column}: {t(reason, **params)}")]


def _is_text(column_type: Any) -> bool:
    impl = getattr(column_type, "impl", column_type)  # SQLModel's AutoString decorates String
    return isinstance(column_type, String) or isinstance(impl, String)


def backup(db: Database, destination: Path) -> Path:
    """A consistent copy of an SQLite database, taken with SQLite's online backup API into a
    temporary file beside `destination` and renamed into place when complete: a failure
    leaves nothing behind. An existing file, and the database itself, are never written."""
    if db.backend != "sqlite" or db.path is None:
        raise KetnghiaError("backup_postgres", path=str(destination))
    destination = destination.expanduser()
    if _is_live(db, destination):
        raise KetnghiaError("backup_is_live", path=str(destination))
    if os.path.lexists(destination):
        raise KetnghiaError("backup_exists", path=str(destination))
    destination.parent.mkdir(parents=True, exist_ok=True)
    with temp_path(destination, exclusive=True, private=True) as temp:
        copy_pages(db, temp)
    return destination


def copy_pages(db: Database, target: Path) -> None:
    """Copy the open database into the (empty) file `target` with SQLite's backup API,
    through the database's own connection (which also reads a read-only file)."""
    raw = db.engine.raw_connection()
    try:
        copy = sqlite3.connect(str(target))
        try:
            driver_connection(raw).backup(copy)
        finally:
            copy.close()
    finally:
        raw.close()


def _is_live(db: Database, path: Path) -> bool:
    """`path` is the open database file, or its -wal, -shm or -journal file."""
    if db.path is None:
        return False
    live = real_path(db.path)
    if real_path(path) in {live, *(live.with_name(live.name + s) for s in SQLITE_SIDE_FILES)}:
        return True
    try:
        return os.path.samefile(path, live)
    except OSError:
        return False


def holds_records(db: Database) -> bool:
    with db.session() as session:
        return any(
            session.scalar(select(func.count()).select_from(metadata.tables[name]))
            for name in COUNTED
        )


def restore(db: Database, source: Path) -> Path:
    """Replace the database with a backup, checking everything before replacing anything.

    The backup is copied beside the database (SQLite's backup API), checked there
    (integrity, foreign keys, a ketnghia schema this version knows) and upgraded to this
    version's schema. Then the database is kept as a safety copy beside it, the audit
    entries it has and the backup lacks (made after the backup was taken) are carried
    over, followed by an entry for the restore itself, and the checked copy replaces the
    database's contents in one step (readers see the old or the new, never half).
    Returns the safety copy's path."""
    if db.backend != "sqlite" or db.path is None:
        raise KetnghiaError("restore_postgres", path=str(source))
    db.require_writable()
    source = source.expanduser()
    if not source.is_file():
        raise KetnghiaError("file_not_found", path=str(source))
    if _is_live(db, source):
        raise KetnghiaError("restore_from_itself", path=str(source))
    live = db.path
    fd, name = tempfile.mkstemp(dir=live.parent, prefix=f".{live.name}.", suffix=".restore")
    os.close(fd)
    staged = Path(name)
    try:
        revision = _stage(source, staged, _page_size(db))
        kept = _safety_path(live)
        backup(db, kept)
        _carry_audit(db, staged, source, kept, revision)
        _replace(db, staged)
    finally:
        for suffix in ("", *SQLITE_SIDE_FILES):
            staged.with_name(staged.name + suffix).unlink(missing_ok=True)
    return kept


def _refused(source: Path, detail: str) -> KetnghiaError:
    return KetnghiaError("not_a_backup", path=str(source), detail=detail)


def _stage(source: Path, staged: Path, page_size: int) -> str:
    """Copy the backup into `staged`, check it and upgrade it there; returns its revision."""
    from ketnghia.db import known_revisions, make_engine, upgrade

    try:
        reading = sqlite3.connect(_read_only_uri(source), uri=True)
        try:
            copy = sqlite3.connect(str(staged))
            try:
                reading.backup(copy)
            finally:
                copy.close()
        finally:
            reading.close()
        revision = _check_staged(source, staged)
    except sqlite3.DatabaseError as exc:
        raise _refused(source, str(exc)) from None
    if revision not in known_revisions():
        raise KetnghiaError("backup_newer", path=str(source), revision=revision)
    engine = make_engine("sqlite:///" + staged.as_posix())
    try:
        upgrade(engine)
        with engine.connect() as conn:
            missing = set(metadata.tables) - set(inspect(conn).get_table_names())
            conn.rollback()
    except KetnghiaError as exc:
        raise _refused(source, exc.render()) from None
    except Exception as exc:  # an upgrade that fails on this file: nothing was replaced
        detail = str(getattr(exc, "orig", exc)).splitlines()[0]
        raise _refused(source, f"cannot upgrade it: {detail}") from None
    finally:
        engine.dispose()
    if missing:
        raise _refused(source, "missing tables " + ", ".join(sorted(missing)))
    staged_db = sqlite3.connect(str(staged), isolation_level=None)
    try:
        if staged_db.execute("PRAGMA page_size").fetchone()[0] != page_size:
            # SQLite copies into a WAL database only pages of its own size
            staged_db.execute("PRAGMA journal_mode = DELETE")
            staged_db.execute(f"PRAGMA page_size = {int(page_size)}")
            staged_db.execute("VACUUM")
            staged_db.execute("PRAGMA journal_mode = WAL")
    finally:
        staged_db.close()
    return revision


def _read_only_uri(path: Path) -> str:
    """Read a backup without changing it or leaving files beside it: as an immutable file,
    unless it has a -wal file (recent writes that only a normal read-only open sees)."""
    uri = path.resolve().as_uri()
    if path.with_name(path.name + "-wal").exists():
        return uri + "?mode=ro"
    return uri + "?immutable=1"


def _check_staged(source: Path, staged: Path) -> str:
    conn = sqlite3.connect(str(staged))
    try:
        found = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if found != ["ok"]:
            raise _refused(source, f"integrity_check: {found[0]}")
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            raise _refused(source, f"foreign_key_check: {broken[0]} row {broken[1]}")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            raise _refused(source, "no ketnghia schema")
        if not tables & set(metadata.tables):
            raise _refused(source, "another program's database")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None:
            raise _refused(source, "no schema revision")
        return str(revision[0])
    finally:
        conn.close()


def _page_size(db: Database) -> int:
    with db.engine.connect() as conn:
        size = conn.exec_driver_sql("PRAGMA page_size").scalar()
        conn.rollback()
    return int(size or 4096)


def _safety_path(live: Path) -> Path:
    """Where the replaced database is kept: beside it, named for the day and time."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = live.with_name(f"{live.name}.truoc-khoi-phuc-{stamp}")
    number = 1
    while os.path.lexists(path):
        number += 1
        path = live.with_name(f"{live.name}.truoc-khoi-phuc-{stamp}-{number}")
    return path


def _carry_audit(db: Database, staged: Path, source: Path, kept: Path, revision: str) -> None:
    """The audit trail only grows: the live database's entries that the backup lacks, in
    their order, then the restore itself."""
    from collections import Counter

    from sqlalchemy import insert

    from ketnghia import audit
    from ketnghia.db import make_engine

    table = table_of(AuditEntry)
    columns = [c for c in table.c if c.name != "id"]
    engine = make_engine("sqlite:///" + staged.as_posix())
    try:
        with Session(engine) as session:
            have = Counter(tuple(row) for row in session.execute(select(*columns)))
            carried = []
            with db.session() as reading:
                query = select(*columns).order_by(table.c.id)
                for row in reading.execute(query):
                    if have[tuple(row)]:
                        have[tuple(row)] -= 1
                    else:
                        carried.append(dict(row._mapping))
            if carried:
                session.execute(insert(table), carried)
            audit.record(
                session,
                "restore",
                str(source.resolve()),
                "restore",
                after={
                    "from": str(source.resolve()),
                    "revision": revision,
                    "database": str(db.path),
                    "kept_as": str(kept),
                    "carried_over": len(carried),
                },
            )
            session.commit()
    finally:
        engine.dispose()


def _replace(db: Database, staged: Path) -> None:
    """The checked copy becomes the database, in one step of SQLite's backup API."""
    from ketnghia.db import BUSY_TIMEOUT_MS

    assert db.path is not None
    db.engine.dispose()
    reading = sqlite3.connect(str(staged))
    target = sqlite3.connect(str(db.path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        reading.backup(target)
    finally:
        target.close()
        reading.close()


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
        session.info["copy_of_database"] = True  # the filed figures come with the rows
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
        from ketnghia import audit

        audit.record(
            session, "database", None, "copy", None, {"from": source.description, **counts}
        )
    return counts
