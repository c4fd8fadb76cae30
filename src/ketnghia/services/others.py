"""Household pairings (a well-off household helps a poor one) and inspections."""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session

from ketnghia import periods
from ketnghia.errors import InvalidValue, KetnghiaError, NotFound, RuleViolation
from ketnghia.i18n import t
from ketnghia.models import Agency, HouseholdPairing, Inspection, Village
from ketnghia.schema import HOUSEHOLDS, INSPECTIONS
from ketnghia.services.common import (
    check_dates,
    name_contains,
    parse_field,
    parse_values,
    require_changes,
    resolve_agency,
    resolve_village,
    same_text,
)
from ketnghia.text import fold, sort_key
from ketnghia.values import record_id

# -- household pairings ----------------------------------------------------------------


def add_household(session: Session, values: Mapping[str, Any]) -> HouseholdPairing:
    parsed = parse_values(HOUSEHOLDS, values, partial=False)
    village = resolve_village(session, parsed.pop("village_code"))
    check_dates(parsed["started_on"], parsed.get("ended_on"))
    clash = session.scalars(
        select(HouseholdPairing).where(
            HouseholdPairing.village_id == village.id,
            HouseholdPairing.helper == parsed["helper"],
            HouseholdPairing.helped == parsed["helped"],
        )
    ).first()
    if clash is not None:
        key = f"{village.code} {parsed['helper']} → {parsed['helped']}"
        raise KetnghiaError("exists", kind=t("rec_household"), key=key)
    obj = HouseholdPairing(village_id=village.id, **parsed)
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
        select(HouseholdPairing).where(HouseholdPairing.village_id == v.id)
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
            date=obj.ended_on.isoformat(),
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
    query = select(HouseholdPairing, Village.code, Village.name).join(
        Village, Village.id == HouseholdPairing.village_id
    )
    if village is not None:
        query = query.where(HouseholdPairing.village_id == resolve_village(session, village).id)
    if district is not None:
        query = query.where(same_text(session, Village.district, district))
    if year is not None:
        query = query.where(
            periods.active_during_year(HouseholdPairing.started_on, HouseholdPairing.ended_on, year)
        )
    if search:
        query = query.where(name_contains(Village.name_key, search))
    if ids is not None:
        query = query.where(HouseholdPairing.id.in_(ids))  # type: ignore[union-attr]
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
    return list_households(session, ids=[obj.id])[0]  # type: ignore[list-item]


# -- inspections -----------------------------------------------------------------------


def add_inspection(session: Session, values: Mapping[str, Any]) -> Inspection:
    parsed = parse_values(INSPECTIONS, values, partial=False)
    agency = resolve_agency(session, parsed.pop("agency_code"))
    village_ref = parsed.pop("village_code", None)
    village = resolve_village(session, village_ref) if village_ref else None
    village_id = village.id if village else None
    clash = session.scalars(
        select(Inspection).where(
            Inspection.date == parsed["date"],
            Inspection.agency_id == agency.id,
            Inspection.village_id.is_(None)  # type: ignore[union-attr]
            if village_id is None
            else Inspection.village_id == village_id,
        )
    ).first()
    if clash is not None:
        key = " ".join(x for x in (parsed["date"].isoformat(), agency.code, village_ref) if x)
        raise KetnghiaError("exists", kind=t("rec_inspection"), key=key)
    obj = Inspection(agency_id=agency.id, village_id=village_id, **parsed)
    session.add(obj)
    session.flush()
    return obj


def get_inspection(session: Session, key: Any) -> Inspection:
    text_key = str(key).strip()
    number = record_id(text_key)
    found = session.get(Inspection, number) if number is not None else None
    if found is None:
        raise NotFound("not_found", kind=t("rec_inspection"), key=text_key)
    return found


def remove_inspection(session: Session, obj: Inspection) -> Inspection:
    session.delete(obj)
    session.flush()
    return obj


def list_inspections(
    session: Session,
    agency: Any = None,
    village: Any = None,
    year: int | None = None,
    search: str | None = None,
    ids: list[int] | None = None,
) -> list[dict[str, Any]]:
    query = (
        select(Inspection, Agency.code, Agency.name, Village.code, Village.name)
        .join(Agency, Agency.id == Inspection.agency_id)
        .outerjoin(Village, Village.id == Inspection.village_id)
    )
    if agency is not None:
        query = query.where(Inspection.agency_id == resolve_agency(session, agency).id)
    if village is not None:
        query = query.where(Inspection.village_id == resolve_village(session, village).id)
    if year is not None:
        query = query.where(periods.in_years(Inspection.date, year))
    if search:
        query = query.where(
            or_(name_contains(Agency.name_key, search), name_contains(Village.name_key, search))
        )
    if ids is not None:
        query = query.where(Inspection.id.in_(ids))  # type: ignore[union-attr]
    query = query.order_by(Inspection.date, Inspection.id)
    return [
        {
            "id": i.id,
            "date": i.date,
            "agency_code": a_code,
            "village_code": v_code,
            "inspector": i.inspector,
            "findings": i.findings,
            "rating": i.rating,
            "note": i.note,
            "agency": a_name,
            "village": v_name,
        }
        for i, a_code, a_name, v_code, v_name in session.execute(query)
    ]


def inspection_row(session: Session, obj: Inspection) -> dict[str, Any]:
    return list_inspections(session, ids=[obj.id])[0]  # type: ignore[list-item]


def edit_inspection(session: Session, obj: Inspection, values: Mapping[str, Any]) -> Inspection:
    require_changes(values)
    parsed = parse_values(INSPECTIONS, values, partial=True)
    if "agency_code" in parsed:
        obj.agency_id = resolve_agency(session, parsed.pop("agency_code")).id  # type: ignore[assignment]
    if "village_code" in parsed:
        ref = parsed.pop("village_code")
        obj.village_id = resolve_village(session, ref).id if ref else None
    for k, v in parsed.items():
        setattr(obj, k, v)
    session.add(obj)
    session.flush()
    return obj


# What the commands call, alike for every kind (see cli/records).
households = SimpleNamespace(
    add=add_household, get=get_household, row=household_row, end=end_household,
    remove=remove_household,
)  # fmt: skip
inspections = SimpleNamespace(
    add=add_inspection, get=get_inspection, row=inspection_row, edit=edit_inspection,
    remove=remove_inspection,
)  # fmt: skip
