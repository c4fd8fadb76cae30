"""Finding records: agencies and villages by code, id or name (any case, any accents), name
search in SQL, and the lock that serialises writers of pairings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import func, select, text
from sqlmodel import Session, col

from ketnghia.errors import Ambiguous, InvalidValue, NotFound
from ketnghia.i18n import t
from ketnghia.models import Agency, Village
from ketnghia.text import clean, closest, fold, like_escape
from ketnghia.values import (
    record_id,
)

T = TypeVar("T", Agency, Village)


def name_contains(column: Any, search: str) -> Any:
    """A case- and accent-insensitive substring match on a stored search-key column."""
    return column.like(f"%{like_escape(fold(search))}%", escape="\\")


def same_text(session: Session, column: Any, wanted: str) -> Any:
    """SQL: `column` equals `wanted` ignoring case and accents ("dak doa" = "Đak Đoa").

    The distinct stored values are few (districts, communes), so they are matched here and the
    query gets a plain IN list that can use an index.
    """
    key = fold(wanted)
    values = [v for v in session.scalars(select(column).distinct()) if v and fold(v) == key]
    return column.in_(values)


def not_found(kind: str, key: str, candidates: list[str]) -> NotFound:
    """ "no district 'Chu Pahh'; did you mean: Chư Păh?" (the plain "no …" without any)."""
    if candidates:
        return NotFound("not_found_near", kind=kind, key=key, candidates=", ".join(candidates))
    return NotFound("not_found", kind=kind, key=key)


def _resolve(session: Session, model: type[T], record: str, ref: Any, allow_id: bool) -> T:
    wanted = clean(ref)
    if wanted is None:
        raise InvalidValue(record, "required")
    code_col = col(model.code)
    found = session.scalars(select(model).where(code_col == wanted)).first()
    if found is not None:
        return found
    rows = session.scalars(select(model).where(func.lower(code_col) == wanted.lower())).all()
    if len(rows) == 1:
        return rows[0]
    number = record_id(wanted) if allow_id else None
    if number is not None:
        found = session.get(model, number)
        if found is not None:
            return found
    key_col = col(model.name_key)
    for condition in (key_col == fold(wanted), name_contains(key_col, wanted)):
        rows = session.scalars(select(model).where(condition).limit(11)).all()
        if len(rows) == 1:
            return rows[0]
        if rows:
            names = ", ".join(f"{r.code} ({r.name})" for r in rows[:10])
            if len(rows) > 10:
                names += ", …"
            raise Ambiguous("ambiguous", kind=t(f"rec_{record}"), key=wanted, candidates=names)
    options: dict[str, str] = {}
    for code, name, key in session.execute(select(code_col, col(model.name), key_col)):
        options.setdefault(fold(code), f"{code} ({name})")
        options.setdefault(key, f"{code} ({name})")
    raise not_found(t(f"rec_{record}"), wanted, closest(wanted, options))


def resolve_agency(session: Session, ref: Any, allow_id: bool = False) -> Agency:
    """An agency by code (any case), by numeric id when allowed, or by an unambiguous name."""
    return _resolve(session, Agency, "agency", ref, allow_id)


def resolve_village(session: Session, ref: Any, allow_id: bool = False) -> Village:
    return _resolve(session, Village, "village", ref, allow_id)


PAIRINGS_LOCK = 0x6B6E5052  # an advisory-lock key for writers of pairings ("knPR")


def lock_pairings(session: Session) -> None:
    """Serialise the writers of pairings on PostgreSQL, so that the one-active-pairing rule
    holds under concurrency: checks run after the lock see every committed pairing (READ
    COMMITTED reads a fresh snapshot per statement). SQLite writers already hold the database
    lock from BEGIN IMMEDIATE. Pairings are written rarely, so one lock for all is enough."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PAIRINGS_LOCK})


def refs_text(counts: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{n} {t(label)}" for label, n in counts if n)
