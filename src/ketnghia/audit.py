"""The audit trail: every write leaves who, when, which command, which record, and the values
before and after — in the same transaction as the write, so a rolled-back change leaves none.

Writes through the ORM (the services) are recorded by a flush hook on every Session; the
importer's set-based writes record their rows with one INSERT … SELECT (see importing/loader).
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
from ketnghia.models import DERIVED_COLUMNS, AuditEntry, table_of


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
    return [c.key for c in inspect(obj).mapper.column_attrs if c.key not in DERIVED_COLUMNS]


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


def history(
    session: Session,
    kind: str | None = None,
    key: str | None = None,
    actor_name: str | None = None,
    since: dt.date | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    query = select(AuditEntry)
    if kind:
        query = query.where(col(AuditEntry.kind) == kind)
    if key:
        query = query.where(col(AuditEntry.record_key) == key)
    if actor_name:
        query = query.where(col(AuditEntry.actor) == actor_name)
    if since:
        query = query.where(
            col(AuditEntry.at) >= dt.datetime.combine(since, dt.time(), dt.timezone.utc)
        )
    query = query.order_by(col(AuditEntry.id))
    if limit:
        query = query.limit(limit)
    return [
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
        }
        for e in session.scalars(query)
    ]


def record_upgrade(conn: Any, before: str, after: str) -> None:
    """The entry of a schema upgrade of an existing database (see db.upgrade_listeners)."""
    record_on(conn, "database", None, "upgrade", {"revision": before}, {"revision": after})
