"""Field values from commands and imports alike: parsing by the field's type and the checks that
span fields (dates in order, poor households within households, something to change)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from ketnghia.errors import InvalidValue
from ketnghia.schema import CHOICES, Kind
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
)

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
    """Codes separated by `;`, or a JSON list of codes."""
    items = raw if isinstance(raw, (list, tuple)) else (parse_text(raw) or "").split(";")
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
        missing = [
            f.key for f in kind.input_fields if f.required and parsed.get(f.key) in (None, [])
        ]
        if missing:  # every one at once: one round trip, not one per field
            raise InvalidValue(missing[0], "required", also=missing[1:])
    else:
        for key, value in parsed.items():
            if kind.field(key).required and value is None:
                raise InvalidValue(key, "required")
    return parsed


def check_dates(started: dt.date | None, ended: dt.date | None) -> None:
    if started is not None and ended is not None and ended < started:
        raise InvalidValue("ended_on", "ended_before_started", ended_on=ended, started_on=started)


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
