"""What every service shares: value parsing by field type, name lookup, date-range rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from sqlalchemy import func, select, text
from sqlmodel import Session

from ketnghia.errors import Ambiguous, InvalidValue, NotFound
from ketnghia.i18n import t
from ketnghia.models import Agency, Village
from ketnghia.schema import CHOICES, Kind
from ketnghia.text import clean, fold
from ketnghia.values import (
    ValueProblem,
    bounded,
    parse_bool,
    parse_choice,
    parse_code,
    parse_date,
    parse_int,
    parse_money,
    parse_number,
    parse_text,
    record_id,
)

T = TypeVar("T")
CODE_MAX = 40


def _text(raw: Any) -> Any:
    return parse_text(raw)


def _long_text(raw: Any) -> Any:
    return parse_text(raw, multiline=True)


def _code(raw: Any) -> Any:
    value = parse_code(raw)
    if value is not None and len(value) > CODE_MAX:
        raise ValueProblem("too_long", limit=CODE_MAX)
    return value


def _codes(raw: Any) -> list[str]:
    items = raw if isinstance(raw, (list, tuple)) else str(raw or "").split(";")
    return [c for c in (parse_text(i) for i in items) if c]


_NUMBERS = {"int": parse_int, "year": parse_int, "money": parse_money, "number": parse_number}


def field_parser(kind: Kind, key: str) -> Callable[[Any], Any]:
    """The parser of one field: raw value (CLI text, cell, JSON value) → stored value; raises
    ValueProblem. Every field of every record goes through it, from commands and imports, so
    what may be stored (values.LIMITS, parse_text, parse_code) is enforced alike. Made once
    per column by the importer, so rows go fast."""
    f = kind.field(key)
    if f.type == "text":
        return _long_text if f.multiline else _text
    if f.type in ("agency", "village", "commune"):
        return _text
    if f.type == "code":
        return _code
    if f.type == "agencies":
        return _codes
    if f.type == "date":
        return bounded("date", parse_date)
    if f.type == "bool":
        return parse_bool
    if f.type == "choice":
        choices = CHOICES[f.choices or ""]
        return lambda raw: parse_choice(raw, choices)
    return bounded(f.type, _NUMBERS[f.type])


def parse_field(kind: Kind, key: str, raw: Any) -> Any:
    """Parse one raw value for field `key`; a bad value raises InvalidValue naming it."""
    try:
        return field_parser(kind, key)(raw)
    except ValueProblem as problem:
        raise InvalidValue(key, problem.reason, **problem.params) from None


def parse_values(kind: Kind, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    """Parse the given fields; on add (partial=False) required fields must be present."""
    parsed = {k: parse_field(kind, k, v) for k, v in values.items() if k != "id"}
    if not partial:
        for f in kind.input_fields:
            if f.required and parsed.get(f.key) in (None, []):
                raise InvalidValue(f.key, "required")
    else:
        for key, value in parsed.items():
            if kind.field(key).required and value is None:
                raise InvalidValue(key, "required")
    return parsed


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def name_contains(column: Any, search: str) -> Any:
    """A case- and accent-insensitive substring match on a stored search-key column."""
    return column.like(f"%{_like_escape(fold(search))}%", escape="\\")


def same_text(session: Session, column: Any, wanted: str) -> Any:
    """SQL: `column` equals `wanted` ignoring case and accents ("dak doa" = "Đak Đoa").

    The distinct stored values are few (districts, communes), so they are matched here and the
    query gets a plain IN list that can use an index.
    """
    key = fold(wanted)
    values = [v for v in session.scalars(select(column).distinct()) if v and fold(v) == key]
    return column.in_(values)


def _resolve(session: Session, model: type[T], record: str, ref: Any, allow_id: bool) -> T:
    wanted = clean(ref)
    if wanted is None:
        raise InvalidValue(record, "required")
    code_col = model.code  # type: ignore[attr-defined]
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
    key_col = model.name_key  # type: ignore[attr-defined]
    for condition in (key_col == fold(wanted), name_contains(key_col, wanted)):
        rows = session.scalars(select(model).where(condition).limit(11)).all()
        if len(rows) == 1:
            return rows[0]
        if rows:
            names = ", ".join(f"{r.code} ({r.name})" for r in rows[:10])  # type: ignore[attr-defined]
            if len(rows) > 10:
                names += ", …"
            raise Ambiguous("ambiguous", kind=t(f"rec_{record}"), key=wanted, candidates=names)
    raise NotFound("not_found", kind=t(f"rec_{record}"), key=wanted)


def resolve_agency(session: Session, ref: Any, allow_id: bool = False) -> Agency:
    """An agency by code (any case), by numeric id when allowed, or by an unambiguous name."""
    return _resolve(session, Agency, "agency", ref, allow_id)


def resolve_village(session: Session, ref: Any, allow_id: bool = False) -> Village:
    return _resolve(session, Village, "village", ref, allow_id)


def check_dates(started: dt.date | None, ended: dt.date | None) -> None:
    if started is not None and ended is not None and ended < started:
        raise InvalidValue(
            "ended_on", "ended_before_started", ended_on=ended.isoformat(), started_on=started
        )


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


def check_poor_households(values: Mapping[str, Any]) -> None:
    """Poor households cannot outnumber the households of a village (or a year's figures)."""
    poor, total = values.get("poor_households"), values.get("households")
    if poor is not None and total is not None and poor > total:
        raise InvalidValue(
            "poor_households", "poor_exceeds_households", poor=poor, households=total
        )


def require_changes(values: Mapping[str, Any]) -> None:
    if not values:
        raise InvalidValue("options", "nothing_to_change")
