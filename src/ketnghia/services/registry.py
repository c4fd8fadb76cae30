"""The add function of each kind of record, by its import name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlmodel import Session

from ketnghia.services.coded import agencies, villages
from ketnghia.services.dated import activities, visits
from ketnghia.services.others import add_household, add_inspection
from ketnghia.services.pairings import add_pairing

ADDERS: dict[str, Callable[[Session, Mapping[str, Any]], Any]] = {
    "agencies": agencies.add,
    "villages": villages.add,
    "pairings": add_pairing,
    "households": add_household,
    "activities": activities.add,
    "visits": visits.add,
    "inspections": add_inspection,
}
