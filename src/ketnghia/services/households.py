"""Household pairings: a well-off household of a village helps a poor one."""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from ketnghia import periods
from ketnghia.errors import InvalidValue, KetnghiaError, NotFound, RuleViolation
from ketnghia.i18n import t
from ketnghia.models import HouseholdPairing, Village, id_of
from ketnghia.schema import HOUSEHOLDS
from ketnghia.services.admin_units.places import recorded_in
from ketnghia.services.fields import check_dates, parse_field, parse_values
from ketnghia.services.lookups import name_contains, resolve_village
from ketnghia.text import fold, sort_key
from ketnghia.values import record_id


def add_household(session: Session, values: Mapping[str, Any]) -> HouseholdPairing:
    parsed = parse_values(HOUSEHOLDS, values, partial=False)
    village = resolve_village(session, parsed.pop("village_code"))
    check_dates(parsed["started_on"], parsed.get("ended_on"))
    clash = session.scalars(
        select(HouseholdPairing).where(
            col(HouseholdPairing.village_id) == village.id,
            col(HouseholdPairing.helper) == parsed["helper"],
            col(HouseholdPairing.helped) == parsed["helped"],
        )
    ).first()
    if clash is not None:
        key = f"{village.code} {parsed['helper']} → {parsed['helped']}"
        raise KetnghiaError("exists", kind=t("rec_household"), key=key)
    obj = HouseholdPairing(village_id=id_of(village), **parsed)
    session.add(obj)
    session.flush()
    return obj


def get_household(
    session: Session, key: Any = None, village: Any = None, helper: Any = None, helped: Any = None
) -> HouseholdPairing:
    if key is not None:
        text_key = str(key).strip()
        number = record_id(text_key)
        found = session.get(HouseholdPairing, number) if number is not None else None
        if found is None:
            raise NotFound("not_found", kind=t("rec_household"), key=text_key)
        return found
    if village is None or helper is None or helped is None:
        hint = "--village V --helper H --helped P"
        raise InvalidValue("household", "need_key", kind=t("rec_household"), hint=hint)
    v = resolve_village(session, village)
    candidates = session.scalars(
        select(HouseholdPairing).where(col(HouseholdPairing.village_id) == v.id)
    ).all()
    # helper and helped are matched like names: case and accents do not matter
    wanted = (fold(str(helper)), fold(str(helped)))
    matches = [h for h in candidates if (fold(h.helper), fold(h.helped)) == wanted]
    if len(matches) != 1:
        raise NotFound("not_found", kind=t("rec_household"), key=f"{v.code} {helper} → {helped}")
    return matches[0]


def end_household(session: Session, obj: HouseholdPairing, on: Any) -> HouseholdPairing:
    ended_on = parse_field(HOUSEHOLDS, "ended_on", on)
    if ended_on is None:
        raise InvalidValue("on", "required")
    if obj.ended_on is not None:
        raise RuleViolation(
            "household_already_ended",
            helper=obj.helper,
            helped=obj.helped,
            date=obj.ended_on,
        )
    check_dates(obj.started_on, ended_on)
    obj.ended_on = ended_on
    session.add(obj)
    session.flush()
    return obj


def remove_household(session: Session, obj: HouseholdPairing) -> HouseholdPairing:
    session.delete(obj)
    session.flush()
    return obj


def list_households(
    session: Session,
    village: Any = None,
    district: str | None = None,
    year: int | None = None,
    search: str | None = None,
    ids: list[int] | None = None,
) -> list[dict[str, Any]]:
    query = select(HouseholdPairing, col(Village.code), col(Village.name)).join(
        Village, col(Village.id) == col(HouseholdPairing.village_id)
    )
    if village is not None:
        query = query.where(
            col(HouseholdPairing.village_id) == resolve_village(session, village).id
        )
    if district is not None:
        query = query.where(*recorded_in(session, district=district))
    if year is not None:
        query = query.where(
            periods.active_during_year(HouseholdPairing.started_on, HouseholdPairing.ended_on, year)
        )
    if search:
        query = query.where(name_contains(Village.name_key, search))
    if ids is not None:
        query = query.where(col(HouseholdPairing.id).in_(ids))
    rows = [
        {
            "id": h.id,
            "village_code": v_code,
            "helper": h.helper,
            "helped": h.helped,
            "started_on": h.started_on,
            "ended_on": h.ended_on,
            "note": h.note,
            "village": v_name,
        }
        for h, v_code, v_name in session.execute(query)
    ]
    rows.sort(key=lambda r: (sort_key(r["village"]), sort_key(r["helper"]), sort_key(r["helped"])))
    return rows


def household_row(session: Session, obj: HouseholdPairing) -> dict[str, Any]:
    return list_households(session, ids=[id_of(obj)])[0]


# What the commands call, alike for every kind (see cli/records).
households = SimpleNamespace(
    add=add_household, get=get_household, row=household_row, end=end_household,
    remove=remove_household,
)  # fmt: skip
