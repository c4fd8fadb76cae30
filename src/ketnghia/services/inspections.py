"""Inspections of the Mass Mobilisation Commission: an agency (and maybe one of its villages)
on a date, with findings and a rating."""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session, col

from ketnghia import periods
from ketnghia.errors import KetnghiaError, NotFound
from ketnghia.i18n import t
from ketnghia.models import Agency, Inspection, Village, id_of
from ketnghia.schema import INSPECTIONS
from ketnghia.services.fields import parse_values, require_changes
from ketnghia.services.lookups import name_contains, resolve_agency, resolve_village
from ketnghia.values import record_id


def add_inspection(session: Session, values: Mapping[str, Any]) -> Inspection:
    parsed = parse_values(INSPECTIONS, values, partial=False)
    agency = resolve_agency(session, parsed.pop("agency_code"))
    village_ref = parsed.pop("village_code", None)
    village = resolve_village(session, village_ref) if village_ref else None
    village_id = village.id if village else None
    clash = session.scalars(
        select(Inspection).where(
            col(Inspection.date) == parsed["date"],
            col(Inspection.agency_id) == agency.id,
            col(Inspection.village_id).is_(None)
            if village_id is None
            else col(Inspection.village_id) == village_id,
        )
    ).first()
    if clash is not None:
        key = " ".join(x for x in (parsed["date"].isoformat(), agency.code, village_ref) if x)
        raise KetnghiaError("exists", kind=t("rec_inspection"), key=key)
    obj = Inspection(agency_id=id_of(agency), village_id=village_id, **parsed)
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
        select(Inspection, col(Agency.code), col(Agency.name), col(Village.code), col(Village.name))
        .join(Agency, col(Agency.id) == col(Inspection.agency_id))
        .outerjoin(Village, col(Village.id) == col(Inspection.village_id))
    )
    if agency is not None:
        query = query.where(col(Inspection.agency_id) == resolve_agency(session, agency).id)
    if village is not None:
        query = query.where(col(Inspection.village_id) == resolve_village(session, village).id)
    if year is not None:
        query = query.where(periods.in_years(Inspection.date, year))
    if search:
        query = query.where(
            or_(name_contains(Agency.name_key, search), name_contains(Village.name_key, search))
        )
    if ids is not None:
        query = query.where(col(Inspection.id).in_(ids))
    query = query.order_by(col(Inspection.date), col(Inspection.id))
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
    return list_inspections(session, ids=[id_of(obj)])[0]


def edit_inspection(session: Session, obj: Inspection, values: Mapping[str, Any]) -> Inspection:
    require_changes(values)
    parsed = parse_values(INSPECTIONS, values, partial=True)
    if "agency_code" in parsed:
        obj.agency_id = id_of(resolve_agency(session, parsed.pop("agency_code")))
    if "village_code" in parsed:
        ref = parsed.pop("village_code")
        obj.village_id = resolve_village(session, ref).id if ref else None
    for k, v in parsed.items():
        setattr(obj, k, v)
    session.add(obj)
    session.flush()
    return obj


# What the commands call, alike for every kind (see cli/records).
inspections = SimpleNamespace(
    add=add_inspection, get=get_inspection, row=inspection_row, edit=edit_inspection,
    remove=remove_inspection,
)  # fmt: skip
