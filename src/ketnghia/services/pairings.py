"""Pairings of an agency with a village (kết nghĩa): one active at a time per pair."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from ketnghia.errors import InvalidValue, KetnghiaError, NotFound, Referenced, RuleViolation
from ketnghia.i18n import t
from ketnghia.models import Activity, Agency, Pairing, PairingSupporter, Village, Visit
from ketnghia.schema import PAIRINGS
from ketnghia.services.common import (
    FAR_FUTURE,
    active_between,
    active_during_year,
    check_dates,
    first_overlap,
    iso,
    name_contains,
    other_agency_ids,
    parse_field,
    parse_values,
    refs_text,
    remove_with_other_agencies,
    require_changes,
    resolve_agency,
    resolve_village,
    same_text,
    set_other_agencies,
)
from ketnghia.text import sort_key
from ketnghia.values import record_id


def pairing_agency(session: Session, pairing: Pairing) -> Agency:
    return session.get_one(Agency, pairing.agency_id)


def pairing_village(session: Session, pairing: Pairing) -> Village:
    return session.get_one(Village, pairing.village_id)


def _check_overlap(
    session: Session,
    agency: Agency,
    village: Village,
    started: dt.date,
    ended: dt.date | None,
    exclude_id: int | None = None,
) -> None:
    same_pair = [Pairing.agency_id == agency.id, Pairing.village_id == village.id]
    other = first_overlap(session, Pairing, same_pair, started, ended, exclude_id)
    if other is not None:
        until = t("until", date=other.ended_on.isoformat()) if other.ended_on else ""
        raise RuleViolation(
            "pairing_overlap",
            agency=agency.code,
            village=village.code,
            started_on=other.started_on.isoformat(),
            until=until,
        )


def _set_supporters(
    session: Session, pairing: Pairing, ids: list[int] | None, new: bool = False
) -> None:
    set_other_agencies(session, pairing, PairingSupporter, "supporters", ids, new)


def add_pairing(session: Session, values: Mapping[str, Any]) -> Pairing:
    parsed = parse_values(PAIRINGS, values, partial=False)
    agency = resolve_agency(session, parsed.pop("agency_code"))
    village = resolve_village(session, parsed.pop("village_code"))
    check_dates(parsed["started_on"], parsed.get("ended_on"))
    supporter_ids = other_agency_ids(
        session, agency, parsed.pop("supporters", None) or [], "supporters"
    )
    _check_overlap(session, agency, village, parsed["started_on"], parsed.get("ended_on"))
    pairing = Pairing(agency_id=agency.id, village_id=village.id, **parsed)
    _set_supporters(session, pairing, supporter_ids, new=True)
    return pairing


def get_pairing(
    session: Session,
    key: Any = None,
    agency: Any = None,
    village: Any = None,
    started_on: Any = None,
) -> Pairing:
    """By numeric id, or by agency + village (+ started_on): the one active today, else the
    only one."""
    if key is not None and str(key).strip().isdigit() and agency is None:
        number = record_id(key)
        pairing = session.get(Pairing, number) if number is not None else None
        if pairing is None:
            raise NotFound("not_found", kind=t("rec_pairing"), key=str(key))
        return pairing
    if agency is None or village is None:
        raise InvalidValue(
            "pairing", "need_key", kind=t("rec_pairing"), hint="--agency A --village V"
        )
    a = resolve_agency(session, agency)
    v = resolve_village(session, village)
    query = select(Pairing).where(Pairing.agency_id == a.id, Pairing.village_id == v.id)
    if started_on is not None:
        start = parse_field(PAIRINGS, "started_on", started_on)
        query = query.where(Pairing.started_on == start)
    candidates = list(session.scalars(query.order_by(Pairing.started_on)))
    if not candidates:
        raise NotFound("not_found", kind=t("rec_pairing"), key=f"{a.code}–{v.code}")
    if len(candidates) == 1:
        return candidates[0]
    today = dt.date.today()
    active = [p for p in candidates if p.started_on <= today and (p.ended_on or today) >= today]
    if len(active) == 1:
        return active[0]
    raise KetnghiaError(
        "pick_pairing",
        agency=a.code,
        village=v.code,
        count=len(candidates),
        dates=", ".join(f"#{p.id} {p.started_on}" for p in candidates),
    )


def _records_outside(
    session: Session, pairing: Pairing, started: dt.date, ended: dt.date | None
) -> None:
    """Refuse a new date range that would leave activities or visits outside the pairing."""
    for model, label in ((Activity, "rec_activities"), (Visit, "rec_visits")):
        outside = or_(model.date < started, model.date > (ended or FAR_FUTURE))
        count, first = session.execute(
            select(func.count(), func.min(model.date)).where(
                model.pairing_id == pairing.id, outside
            )
        ).one()
        if count:
            raise RuleViolation(
                "pairing_has_later_records" if ended else "pairing_records_outside",
                agency=pairing_agency(session, pairing).code,
                village=pairing_village(session, pairing).code,
                date=iso(ended),
                count=count,
                what=t(label),
                first=iso(first),
            )


def end_pairing(session: Session, pairing: Pairing, on: Any) -> Pairing:
    ended_on = parse_field(PAIRINGS, "ended_on", on)
    if ended_on is None:
        raise InvalidValue("on", "required")
    if pairing.ended_on is not None:
        raise RuleViolation(
            "already_ended",
            agency=pairing_agency(session, pairing).code,
            village=pairing_village(session, pairing).code,
            date=pairing.ended_on.isoformat(),
        )
    check_dates(pairing.started_on, ended_on)
    _records_outside(session, pairing, pairing.started_on, ended_on)
    pairing.ended_on = ended_on
    session.add(pairing)
    session.flush()
    return pairing


def edit_pairing(session: Session, pairing: Pairing, values: Mapping[str, Any]) -> Pairing:
    require_changes(values)
    parsed = parse_values(PAIRINGS, values, partial=True)
    agency_ref, village_ref = parsed.pop("agency_code", None), parsed.pop("village_code", None)
    agency = resolve_agency(session, agency_ref) if agency_ref else pairing_agency(session, pairing)
    village = (
        resolve_village(session, village_ref) if village_ref else pairing_village(session, pairing)
    )
    supporters = parsed.pop("supporters", None)
    started = parsed.get("started_on", pairing.started_on)
    ended = parsed.get("ended_on", pairing.ended_on)
    check_dates(started, ended)
    moved = agency.id != pairing.agency_id or village.id != pairing.village_id
    if moved:
        used = session.scalar(
            select(func.count()).select_from(Activity).where(Activity.pairing_id == pairing.id)
        ) or session.scalar(
            select(func.count()).select_from(Visit).where(Visit.pairing_id == pairing.id)
        )
        if used:
            raise Referenced(
                "referenced",
                kind=t("rec_pairing"),
                key=str(pairing.id),
                refs=refs_text(_pairing_references(session, pairing)),
            )
    _check_overlap(session, agency, village, started, ended, exclude_id=pairing.id)
    _records_outside(session, pairing, started, ended)
    for key, value in parsed.items():
        setattr(pairing, key, value)
    pairing.agency_id, pairing.village_id = agency.id, village.id  # type: ignore[assignment]
    if supporters is not None:
        supporters = other_agency_ids(session, agency, supporters, "supporters")
    _set_supporters(session, pairing, supporters)
    return pairing


def _pairing_references(session: Session, pairing: Pairing) -> list[tuple[str, int]]:
    return [
        (
            label,
            session.scalar(
                select(func.count()).select_from(model).where(model.pairing_id == pairing.id)
            )
            or 0,
        )
        for model, label in ((Activity, "rec_activities"), (Visit, "rec_visits"))
    ]


def remove_pairing(session: Session, pairing: Pairing) -> Pairing:
    refs = _pairing_references(session, pairing)
    if any(n for _, n in refs):
        raise Referenced(
            "referenced", kind=t("rec_pairing"), key=str(pairing.id), refs=refs_text(refs)
        )
    remove_with_other_agencies(session, pairing, PairingSupporter, "supporters")
    return pairing


def list_pairings(
    session: Session,
    agency: Any = None,
    village: Any = None,
    district: str | None = None,
    year: int | None = None,
    active_on: dt.date | None = None,
    search: str | None = None,
    ids: list[int] | None = None,
    commune: str | None = None,
    as_of: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Pairings; --district/--commune by the villages' recorded place, or by their place on
    `as_of` when given."""
    query = (
        select(Pairing, Agency.code, Agency.name, Village.code, Village.name)
        .join(Agency, Agency.id == Pairing.agency_id)
        .join(Village, Village.id == Pairing.village_id)
    )
    if agency is not None:
        query = query.where(Pairing.agency_id == resolve_agency(session, agency).id)
    if village is not None:
        query = query.where(Pairing.village_id == resolve_village(session, village).id)
    if as_of is not None and (district is not None or commune is not None):
        from ketnghia.services.admin_units.places import villages_at

        query = query.where(
            Pairing.village_id.in_(villages_at(session, as_of, district=district, commune=commune))
        )
    else:
        if district is not None:
            query = query.where(same_text(session, Village.district, district))
        if commune is not None:
            query = query.where(same_text(session, Village.commune, commune))
    if year is not None:
        query = query.where(active_during_year(Pairing.started_on, Pairing.ended_on, year))
    if active_on is not None:
        query = query.where(
            active_between(Pairing.started_on, Pairing.ended_on, active_on, active_on)
        )
    if search:
        query = query.where(
            or_(name_contains(Agency.name_key, search), name_contains(Village.name_key, search))
        )
    if ids is not None:
        query = query.where(Pairing.id.in_(ids))  # type: ignore[union-attr]
    results = session.execute(query).all()
    supporters = _supporters_of(session, [p.id for p, *_ in results])
    rows = [
        {
            "id": p.id,
            "agency_code": a_code,
            "village_code": v_code,
            "started_on": p.started_on,
            "ended_on": p.ended_on,
            "decision_ref": p.decision_ref,
            "lead": p.lead,
            "supporters": ";".join(supporters.get(p.id, [])),
            "note": p.note,
            "agency": a_name,
            "village": v_name,
        }
        for p, a_code, a_name, v_code, v_name in results
    ]
    rows.sort(key=lambda r: (sort_key(r["agency"]), sort_key(r["village"]), r["started_on"]))
    return rows


def _supporters_of(session: Session, pairing_ids: list[int]) -> dict[int, list[str]]:
    if not pairing_ids:
        return {}
    supporter = aliased(Agency)
    found: dict[int, list[str]] = {}
    query = (
        select(PairingSupporter.pairing_id, supporter.code)
        .join(supporter, supporter.id == PairingSupporter.agency_id)
        .order_by(PairingSupporter.pairing_id, supporter.code)
    )
    # one query for a listing, not one per pairing
    if len(pairing_ids) < 500:
        query = query.where(PairingSupporter.pairing_id.in_(pairing_ids))
    for pairing_id, code in session.execute(query):
        found.setdefault(pairing_id, []).append(code)
    return found


def pairing_row(session: Session, pairing: Pairing) -> dict[str, Any]:
    return list_pairings(session, ids=[pairing.id])[0]  # type: ignore[list-item]
