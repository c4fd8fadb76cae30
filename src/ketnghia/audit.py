"""The audit trail: every write leaves who, when, which command, which record, and the values
before and after — in the same transaction as the write, so a rolled-back change leaves none.

Writes through the ORM (the services) are recorded by a flush hook on every Session; the
importer's set-based updates record their rows with one INSERT … SELECT (see importing/loader),
and the rows it inserts name the import's summary entry (`import_entry_id`) instead of a copy
each: `history` shows them as inserts at that entry.
Both key a record by its kind's one audit key (ketnghia.kinds).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session
from sqlmodel import col

from ketnghia.acting import actor, command
from ketnghia.kinds import BY_MODEL
from ketnghia.models import IMPORT_ENTRY, UNAUDITED_COLUMNS, AuditEntry, table_of

# In a delete entry's "before": the id of the import that created the record (history shows
# that import's insert from it once the record, which carried it, is gone).
IMPORTED_BY = "_imported_by"


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _json(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, ensure_ascii=False, default=_plain, sort_keys=True)


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _columns(obj: Any) -> list[str]:
    return [c.key for c in inspect(obj).mapper.column_attrs if c.key not in UNAUDITED_COLUMNS]


def _values(obj: Any, before: bool) -> dict[str, Any]:
    state = inspect(obj)
    values = {}
    for key in _columns(obj):
        history = state.attrs[key].history
        if before and history.has_changes():
            values[key] = history.deleted[0] if history.deleted else None
        else:
            values[key] = getattr(obj, key)
    return values


def note_values(
    session: Session,
    obj: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    mark_dirty: bool = True,
) -> None:
    """Values of a record kept outside its own row (a pairing's supporters, a locality
    pairing's co-signers), to go into its audit entry when it is next flushed. A record whose
    row does not change is marked dirty, so that the entry is written all the same (not one
    about to be deleted: its delete entry takes them)."""
    from sqlalchemy.orm.attributes import flag_dirty

    extra = session.info.setdefault("audit_values", {})
    old_before, old_after = extra.get(id(obj), ({}, {}))
    extra[id(obj)] = (old_before | (before or {}), old_after | (after or {}))
    if mark_dirty and inspect(obj).persistent:
        flag_dirty(obj)


def _entries(session: Session) -> list[dict[str, Any]]:
    rows = []
    extras = session.info.get("audit_values", {})
    for objects, action in (
        (session.new, "insert"),
        (session.dirty, "update"),
        (session.deleted, "delete"),
    ):
        for obj in objects:
            described = BY_MODEL.get(type(obj))
            if described is None:
                continue
            before = None if action == "insert" else _values(obj, before=True)
            after = None if action == "delete" else _values(obj, before=False)
            extra_before, extra_after = extras.pop(id(obj), ({}, {}))
            if before is not None:
                before |= extra_before
            if after is not None:
                after |= extra_after
            if action == "update" and before == after:
                continue
            if action == "delete" and getattr(obj, IMPORT_ENTRY, None) is not None:
                # the record that said which import created it is going: its delete entry
                # keeps that, so the history still shows the import (`history` reads it)
                before = (before or {}) | {IMPORTED_BY: getattr(obj, IMPORT_ENTRY)}
            key = described.key_of(session.connection(), obj)
            rows.append(_entry(described.name, key, action, before, after))
    return rows


def _entry(
    kind: str, key: str | None, action: str, before: dict | None, after: dict | None
) -> dict[str, Any]:
    """One row of the trail: who, when and through which command, what, before and after."""
    return {
        "at": now(),
        "actor": actor(),
        "command": command(),
        "kind": kind,
        "record_key": key,
        "action": action,
        "before": _json(before),
        "after": _json(after),
    }


@event.listens_for(Session, "after_flush")
def _record(session: Session, _flush_context: Any) -> None:
    rows = _entries(session)
    if rows:
        session.connection().execute(insert(table_of(AuditEntry)), rows)
        _written(session, [(r["kind"], r["record_key"]) for r in rows])


def _written(session: Session, keys: list[tuple[str, str | None]]) -> None:
    """What this transaction wrote, for messages that must name it (a locked year's guard)."""
    session.info.setdefault("audit_keys", []).extend(keys)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop("audit_keys", None)
    session.info.pop("audit_values", None)


def record(
    session: Session,
    kind: str,
    key: str | None,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    """An entry for a write that is not a record's insert, update or delete (import summary,
    lock, unlock, filing)."""
    record_on(session.connection(), kind, key, action, before, after)
    _written(session, [(kind, key)])


def record_on(
    conn: Any,
    kind: str,
    key: str | None,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    """The same, on a plain connection (a schema upgrade runs outside any Session)."""
    conn.execute(
        insert(table_of(AuditEntry)),
        [_entry(kind, key, action, before, after)],
    )


def begin_import(session: Session, key: str) -> int:
    """The summary entry of an import, written before its rows (the rows it inserts name it:
    they are audited by this reference, not by a copy each); `end_import` gives its counts."""
    table = table_of(AuditEntry)
    entry = _entry("import", key, "import", None, None)
    found = session.connection().execute(insert(table).returning(table.c.id), [entry])
    _written(session, [("import", key)])
    return int(found.scalar_one())


def end_import(session: Session, entry_id: int, after: dict[str, Any]) -> None:
    """What the import did (files, checksums, counts), into its summary entry."""
    from sqlalchemy import update

    table = table_of(AuditEntry)
    session.connection().execute(
        update(table).where(table.c.id == entry_id).values(after=_json(after))
    )


def history(
    session: Session,
    kind: str | None = None,
    key: str | None = None,
    actor_name: str | None = None,
    since: dt.date | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The trail's entries in order, with the records an import inserted among them: each
    as an "insert" at its import's entry (who, when, which file: `import`), its values those
    it had then (its values now, before the changes recorded since)."""
    query = select(AuditEntry)
    if kind:
        query = query.where(col(AuditEntry.kind) == kind)
    if key:
        query = query.where(col(AuditEntry.record_key).in_(keys_meant(key)))
    if actor_name:
        query = query.where(col(AuditEntry.actor) == actor_name)
    if since:
        query = query.where(col(AuditEntry.at) >= _day_start(since))
    query = query.order_by(col(AuditEntry.id))
    found: list[tuple[tuple[int, int], dict[str, Any]]] = [
        (
            (e.id or 0, 0),
            {
                "id": e.id,
                "at": e.at.isoformat() if e.at else None,
                "actor": e.actor,
                "command": e.command,
                "kind": e.kind,
                "key": e.record_key,
                "action": e.action,
                "before": json.loads(e.before) if e.before else None,
                "after": json.loads(e.after) if e.after else None,
            },
        )
        for e in session.scalars(query.limit(limit) if limit else query)
    ]
    imported = _imported(session, kind, key, actor_name, since)
    imported += _imported_then_removed(session, kind, key, actor_name, since)
    if imported:
        found = sorted(found + imported, key=lambda pair: pair[0])
    rows = [entry for _, entry in found]
    return rows[:limit] if limit else rows


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), dt.timezone.utc)


def keys_meant(key: str) -> list[str]:
    """The keys a person may mean: a record without a code is keyed `#id`, and `list` shows
    its id bare, so "547" also finds "#547"."""
    key = key.strip()
    return [key, f"#{key}"] if key.isdigit() else [key]


def _imported(
    session: Session,
    kind: str | None,
    key: str | None,
    actor_name: str | None,
    since: dt.date | None,
) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    """The inserts of imports, from the records that name their import's entry."""
    from ketnghia.kinds import DESCRIPTORS

    entries = table_of(AuditEntry)
    e = entries.c
    found = []
    for described in DESCRIPTORS.values():
        table = described.table
        if IMPORT_ENTRY not in table.c or (kind and kind != described.name):
            continue
        record_key = described.audit_key.sql(table.c.__getitem__)
        query = (
            select(table, e.at, e.actor, e.command, e.record_key, record_key.label("_key"))
            .join(entries, e.id == table.c[IMPORT_ENTRY])
            .order_by(table.c[IMPORT_ENTRY], table.c.id)
        )
        if key:
            query = query.where(record_key.in_(keys_meant(key)))
        if actor_name:
            query = query.where(e.actor == actor_name)
        if since:
            query = query.where(e.at >= _day_start(since))
        columns = [c.name for c in table.c if c.name not in UNAUDITED_COLUMNS]
        rows = session.execute(query).all()
        if not rows:
            continue
        earlier = _values_before(session, described.name, {r._key for r in rows}, key)
        for row in rows:
            values = {c: row._mapping[table.c[c]] for c in columns}
            entry_id = row._mapping[table.c[IMPORT_ENTRY]]
            for since_id, before in earlier.get(row._key, ()):
                if since_id > entry_id:  # undo the changes made since, latest first
                    values |= before
            m = row._mapping
            found.append(
                _created_by_import(
                    entry_id,
                    m[e.at],
                    m[e.actor],
                    m[e.command],
                    m[e.record_key],
                    described.name,
                    row._key,
                    json.loads(_json(values) or "{}"),
                )
            )
    return found


def _created_by_import(
    entry_id: int,
    at: dt.datetime | None,
    actor: str,
    command: str,
    file: str | None,
    kind: str,
    key: str | None,
    values: dict[str, Any],
) -> tuple[tuple[int, int], dict[str, Any]]:
    """A record an import inserted, as the history shows it: an "insert" at the import's
    entry (sorted just after it), with the values it brought."""
    return (
        (entry_id, 1),
        {
            "id": entry_id,
            "at": at.isoformat() if at else None,
            "actor": actor,
            "command": command,
            "kind": kind,
            "key": key,
            "action": "insert",
            "before": None,
            "after": values,
            "import": {"id": entry_id, "file": file},
        },
    )


def _imported_then_removed(
    session: Session,
    kind: str | None,
    key: str | None,
    actor_name: str | None,
    since: dt.date | None,
) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    """The inserts of imports whose records have been removed since: from the delete entries
    that kept the import's id, their values at import (the later changes undone)."""
    query = select(AuditEntry).where(
        col(AuditEntry.action) == "delete", col(AuditEntry.before).contains(IMPORTED_BY)
    )
    if kind:
        query = query.where(col(AuditEntry.kind) == kind)
    if key:
        query = query.where(col(AuditEntry.record_key).in_(keys_meant(key)))
    removed = [
        (e, json.loads(e.before)) for e in session.scalars(query) if e.before and e.id is not None
    ]
    removed = [(e, before) for e, before in removed if IMPORTED_BY in before]
    if not removed:
        return []
    imports = {
        i.id: i
        for i in session.scalars(
            select(AuditEntry).where(col(AuditEntry.id).in_({b[IMPORTED_BY] for _, b in removed}))
        )
    }
    found = []
    for deleted, before in removed:
        entry = imports.get(before.pop(IMPORTED_BY))
        if entry is None or entry.id is None:
            continue
        if actor_name and entry.actor != actor_name:
            continue
        if since and entry.at < _day_start(since):
            continue
        values = dict(before)
        changes = _values_before(session, deleted.kind, {deleted.record_key or ""}, None)
        for change_id, earlier in changes.get(deleted.record_key or "", ()):
            if entry.id < change_id < (deleted.id or 0):  # undo the changes made since
                values |= earlier
        found.append(
            _created_by_import(
                entry.id,
                entry.at,
                entry.actor,
                entry.command,
                entry.record_key,
                deleted.kind,
                deleted.record_key,
                values,
            )
        )
    return found


def _values_before(
    session: Session, kind: str, keys: set[str], key: str | None
) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """The values each record had before each of its recorded changes, latest first."""
    query = (
        select(col(AuditEntry.record_key), col(AuditEntry.id), col(AuditEntry.before))
        .where(
            col(AuditEntry.kind) == kind,
            col(AuditEntry.action).in_(("update", "delete")),
            col(AuditEntry.before).is_not(None),
        )
        .order_by(col(AuditEntry.id).desc())
    )
    if key:
        query = query.where(col(AuditEntry.record_key).in_(keys_meant(key)))
    changes: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for record_key, entry_id, before in session.execute(query):
        if record_key in keys and before and entry_id is not None:
            changes.setdefault(record_key, []).append((entry_id, json.loads(before)))
    return changes


def record_upgrade(conn: Any, before: str, after: str) -> None:
    """The entry of a schema upgrade of an existing database (see db.upgrade_listeners)."""
    record_on(conn, "database", None, "upgrade", {"revision": before}, {"revision": after})
