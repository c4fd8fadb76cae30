"""Locality pairings (Chỉ thị 03-CT/TU, 7-8-2025): a lowland ward or commune — an agency of
kind `locality` — paired with a mountain commune, with businesses and other agencies as
co-signers; each signer's own contributions are recorded against the pairing.

Kept apart from agency–village pairings: their target is a commune (an administrative unit,
valid on the day the pairing starts), and their report is a section of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from ketnghia.errors import InvalidValue, KetnghiaError, NotFound, Referenced, RuleViolation
from ketnghia.i18n import t
from ketnghia.models import AdminUnit, Agency, Contribution, LocalityCosigner, LocalityPairing
from ketnghia.schema import CONTRIBUTIONS, LOCALITIES
from ketnghia.services.admin_units.resolve import resolve_commune
from ketnghia.services.common import (
    active_between,
    active_during_year,
    check_dates,
    first_overlap,
    other_agency_ids,
    parse_field,
    parse_values,
    refs_text,
    remove_with_other_agencies,
    require_changes,
    resolve_agency,
    set_other_agencies,
)
from ketnghia.text import sort_key
from ketnghia.values import record_id


def _partner(session: Session, ref: Any) -> Agency:
    agency = resolve_agency(session, ref)
    if agency.kind != "locality":
        raise RuleViolation("not_a_locality", agency=agency.code)
    return agency


def _check_overlap(
    session: Session,
    partner: Agency,
    commune: AdminUnit,
    started: dt.date,
    ended: dt.date | None,
    exclude_id: int | None = None,
) -> None:
    same_pair = [
        LocalityPairing.agency_id == partner.id,
        LocalityPairing.commune_id == commune.id,
    ]
    other = first_overlap(session, LocalityPairing, same_pair, started, ended, exclude_id)
    if other is not None:
        until = t("until", date=other.ended_on.isoformat()) if other.ended_on else ""
        raise RuleViolation(
            "locality_overlap",
            agency=partner.code,
            commune=commune.name,
            started_on=other.started_on.isoformat(),
            until=until,
        )


def add_locality(session: Session, values: Mapping[str, Any]) -> LocalityPairing:
    parsed = parse_values(LOCALITIES, values, partial=False)
    partner = _partner(session, parsed.pop("agency_code"))
    started = parsed["started_on"]
    commune = resolve_commune(session, parsed.pop("commune"), on=started)
    check_dates(started, parsed.get("ended_on"))
    cosigners = other_agency_ids(session, partner, parsed.pop("cosigners", None) or [], "cosigners")
    _check_overlap(session, partner, commune, started, parsed.get("ended_on"))
    pairing = LocalityPairing(agency_id=partner.id, commune_id=commune.id, **parsed)
    set_other_agencies(session, pairing, LocalityCosigner, "cosigners", cosigners, new=True)
    return pairing


def get_locality(
    session: Session,
    key: Any = None,
    agency: Any = None,
    commune: Any = None,
    on: dt.date | None = None,
) -> LocalityPairing:
    """By numeric id, or by partner + commune (the one active on `on`/today, else the only
    one)."""
    if key is not None and str(key).strip().isdigit():
        number = record_id(key)
        found = session.get(LocalityPairing, number) if number is not None else None
        if found is None:
            raise NotFound("not_found", kind=t("rec_locality"), key=str(key))
        return found
    if agency is None or commune is None:
        raise InvalidValue(
            "pairing", "need_key", kind=t("rec_locality"), hint="--agency A --commune C"
        )
    partner = resolve_agency(session, agency)
    unit = resolve_commune(session, commune, on=on or dt.date.today())  # a name on today's map
    candidates = list(
        session.scalars(
            select(LocalityPairing)
            .where(LocalityPairing.agency_id == partner.id, LocalityPairing.commune_id == unit.id)
            .order_by(LocalityPairing.started_on)
        )
    )
    day = on or dt.date.today()
    active = [p for p in candidates if p.started_on <= day and (p.ended_on or day) >= day]
    if len(candidates) == 1 or len(active) == 1:
        return (active or candidates)[0]
    if not candidates:
        raise NotFound("not_found", kind=t("rec_locality"), key=f"{partner.code}–{unit.name}")
    raise KetnghiaError(
        "pick_locality",
        agency=partner.code,
        commune=unit.name,
        count=len(candidates),
        dates=", ".join(f"#{p.id} {p.started_on}" for p in candidates),
    )


def end_locality(session: Session, pairing: LocalityPairing, on: Any) -> LocalityPairing:
    ended = parse_field(LOCALITIES, "ended_on", on)
    if ended is None:
        raise InvalidValue("on", "required")
    check_dates(pairing.started_on, ended)
    later = session.scalar(
        select(func.count())
        .select_from(Contribution)
        .where(Contribution.pairing_id == pairing.id, Contribution.date > ended)
    )
    if later:
        partner = session.get_one(Agency, pairing.agency_id)
        commune = session.get_one(AdminUnit, pairing.commune_id)
        raise RuleViolation(
            "locality_has_later_contributions",
            agency=partner.code,
            commune=commune.name,
            date=ended.isoformat(),
            count=later,
        )
    pairing.ended_on = ended
    session.add(pairing)
    session.flush()
    return pairing


def edit_locality(
    session: Session, pairing: LocalityPairing, values: Mapping[str, Any]
) -> LocalityPairing:
    """Change the end, decision, co-signers or note (partner, commune and start are the key:
    remove and add again to change them)."""
    require_changes(values)
    parsed = parse_values(LOCALITIES, values, partial=True)
    partner = session.get_one(Agency, pairing.agency_id)
    cosigners = parsed.pop("cosigners", None)
    if "ended_on" in parsed:
        if parsed["ended_on"] is None:
            pairing.ended_on = None
        else:
            end_locality(session, pairing, parsed["ended_on"])
        parsed.pop("ended_on")
        if pairing.ended_on is None:
            commune = session.get_one(AdminUnit, pairing.commune_id)
            _check_overlap(session, partner, commune, pairing.started_on, None, pairing.id)
    for key in ("decision_ref", "note"):
        if key in parsed:
            setattr(pairing, key, parsed[key])
    ids = None if cosigners is None else other_agency_ids(session, partner, cosigners, "cosigners")
    set_other_agencies(session, pairing, LocalityCosigner, "cosigners", ids)
    return pairing


def remove_locality(session: Session, pairing: LocalityPairing) -> None:
    count = session.scalar(
        select(func.count()).select_from(Contribution).where(Contribution.pairing_id == pairing.id)
    )
    if count:
        raise Referenced(
            "referenced",
            kind=t("rec_locality"),
            key=str(pairing.id),
            refs=refs_text([("rec_contributions", count)]),
        )
    remove_with_other_agencies(session, pairing, LocalityCosigner, "cosigners")


def list_localities(
    session: Session,
    agency: Any = None,
    commune: Any = None,
    year: int | None = None,
    ids: list[int] | None = None,
) -> list[dict[str, Any]]:
    partner = aliased(Agency)
    query = (
        select(LocalityPairing, partner.code, partner.name, AdminUnit.code, AdminUnit.name)
        .join(partner, partner.id == LocalityPairing.agency_id)
        .join(AdminUnit, AdminUnit.id == LocalityPairing.commune_id)
    )
    if agency is not None:
        query = query.where(LocalityPairing.agency_id == resolve_agency(session, agency).id)
    if commune is not None:
        query = query.where(LocalityPairing.commune_id == resolve_commune(session, commune).id)
    if year is not None:
        query = query.where(
            active_during_year(LocalityPairing.started_on, LocalityPairing.ended_on, year)
        )
    if ids is not None:
        query = query.where(LocalityPairing.id.in_(ids))  # type: ignore[union-attr]
    results = session.execute(query).all()
    cosigners = cosigners_of(session, [p.id for p, *_ in results])
    rows = [
        {
            "id": p.id,
            "agency_code": a_code,
            "commune": c_code,
            "started_on": p.started_on,
            "ended_on": p.ended_on,
            "decision_ref": p.decision_ref,
            "cosigners": ";".join(cosigners.get(p.id, [])),
            "note": p.note,
            "agency": a_name,
            "commune_name": c_name,
        }
        for p, a_code, a_name, c_code, c_name in results
    ]
    rows.sort(key=lambda r: (sort_key(r["agency"]), sort_key(r["commune_name"]), r["started_on"]))
    return rows


def cosigners_of(session: Session, pairing_ids: list[int]) -> dict[int, list[str]]:
    if not pairing_ids:
        return {}
    query = (
        select(LocalityCosigner.pairing_id, Agency.code)
        .join(Agency, Agency.id == LocalityCosigner.agency_id)
        .where(LocalityCosigner.pairing_id.in_(pairing_ids))  # type: ignore[attr-defined]
        .order_by(LocalityCosigner.pairing_id, Agency.code)
    )
    found: dict[int, list[str]] = {}
    for pairing_id, code in session.execute(query):
        found.setdefault(pairing_id, []).append(code)
    return found


def locality_row(session: Session, pairing: LocalityPairing) -> dict[str, Any]:
    return list_localities(session, ids=[pairing.id])[0]  # type: ignore[list-item]


# -- contributions -----------------------------------------------------------------------------


def add_contribution(session: Session, values: Mapping[str, Any]) -> Contribution:
    parsed = parse_values(CONTRIBUTIONS, values, partial=False)
    partner = resolve_agency(session, parsed.pop("agency_code"))
    date = parsed["date"]
    commune = resolve_commune(session, parsed.pop("commune"), on=date)
    pairing = session.scalars(
        select(LocalityPairing).where(
            LocalityPairing.agency_id == partner.id,
            LocalityPairing.commune_id == commune.id,
            active_between(LocalityPairing.started_on, LocalityPairing.ended_on, date, date),
        )
    ).first()
    if pairing is None:
        raise RuleViolation(
            "no_active_locality", agency=partner.code, commune=commune.name, date=date.isoformat()
        )
    contributor = resolve_agency(session, parsed.pop("contributor_code"))
    signers = {partner.id} | set(
        session.scalars(
            select(LocalityCosigner.agency_id).where(LocalityCosigner.pairing_id == pairing.id)
        )
    )
    if contributor.id not in signers:
        raise RuleViolation("not_a_signer", agency=contributor.code, partner=partner.code)
    if parsed.get("value_vnd") is None:
        parsed["value_vnd"] = 0
    clash = session.scalars(
        select(Contribution).where(
            Contribution.pairing_id == pairing.id,
            Contribution.agency_id == contributor.id,
            Contribution.date == date,
            Contribution.title == parsed["title"],
        )
    ).first()
    if clash is not None:
        raise KetnghiaError(
            "exists", kind=t("rec_contribution"), key=f"{contributor.code} {date} {parsed['title']}"
        )
    contribution = Contribution(pairing_id=pairing.id, agency_id=contributor.id, **parsed)
    session.add(contribution)
    session.flush()
    return contribution


def list_contributions(
    session: Session,
    agency: Any = None,
    commune: Any = None,
    year: int | None = None,
    ids: list[int] | None = None,
) -> list[dict[str, Any]]:
    partner = aliased(Agency)
    contributor = aliased(Agency)
    query = (
        select(Contribution, partner.code, AdminUnit.code, contributor.code, contributor.name)
        .join(LocalityPairing, LocalityPairing.id == Contribution.pairing_id)
        .join(partner, partner.id == LocalityPairing.agency_id)
        .join(AdminUnit, AdminUnit.id == LocalityPairing.commune_id)
        .join(contributor, contributor.id == Contribution.agency_id)
    )
    if agency is not None:
        query = query.where(LocalityPairing.agency_id == resolve_agency(session, agency).id)
    if commune is not None:
        query = query.where(LocalityPairing.commune_id == resolve_commune(session, commune).id)
    if year is not None:
        query = query.where(Contribution.date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if ids is not None:
        query = query.where(Contribution.id.in_(ids))  # type: ignore[union-attr]
    rows = [
        {
            "id": c.id,
            "agency_code": a_code,
            "commune": c_code,
            "contributor_code": k_code,
            "date": c.date,
            "kind": c.kind,
            "title": c.title,
            "value_vnd": c.value_vnd,
            "note": c.note,
            "contributor": k_name,
        }
        for c, a_code, c_code, k_code, k_name in session.execute(query)
    ]
    rows.sort(key=lambda r: (r["date"], r["agency_code"], r["contributor_code"], r["title"]))
    return rows


def remove_contribution(session: Session, key: Any) -> Contribution:
    number = record_id(key)
    found = session.get(Contribution, number) if number is not None else None
    if found is None:
        raise NotFound("not_found", kind=t("rec_contribution"), key=str(key))
    session.delete(found)
    session.flush()
    return found
