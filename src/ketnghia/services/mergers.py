"""Agency mergers (Công văn 794/UBND-NNMT): a merged agency keeps its pairings without a new
ceremony. From the merger date the old agencies' pairings continue under the new one: each old
pairing ends the day before and a continuing pairing (continues_id → the old one) starts that
day, with the records dated from then on. Reports before the date still show the old agencies;
the continuing pairing is not counted as a new pairing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from ketnghia import audit, periods
from ketnghia.errors import InvalidValue, RuleViolation
from ketnghia.models import Activity, Agency, Pairing, PairingSupporter, Village, Visit, id_of
from ketnghia.services.locks import refuse_locked_from
from ketnghia.services.lookups import lock_pairings, resolve_agency


def merge_agencies(
    session: Session, old_refs: list[str], new_ref: str, on: dt.date
) -> dict[str, Any]:
    new = resolve_agency(session, new_ref)
    olds: list[Agency] = []
    for ref in old_refs:
        old = resolve_agency(session, ref)
        if old.id == new.id:
            raise InvalidValue("agency", "merge_into_itself", agency=old.code)
        if old.merged_into_id is not None:
            into = session.get_one(Agency, old.merged_into_id)
            raise RuleViolation(
                "already_merged", agency=old.code, into=into.code, date=str(old.merged_on)
            )
        if old.id not in {o.id for o in olds}:
            olds.append(old)
    if not olds:
        raise InvalidValue("agency", "required")
    if new.merged_into_id is not None:
        into = session.get_one(Agency, new.merged_into_id)
        raise RuleViolation(
            "already_merged", agency=new.code, into=into.code, date=str(new.merged_on)
        )
    lock_pairings(session)
    refuse_locked_from(session, on - dt.timedelta(days=1))  # old pairings end the day before
    day_before = on - dt.timedelta(days=1)
    carried = joined = moved_activities = moved_visits = 0
    for old in olds:
        later = session.scalars(
            select(Pairing)
            .where(col(Pairing.agency_id) == old.id, col(Pairing.started_on) >= on)
            .limit(1)
        ).first()
        if later is not None:
            village = session.get_one(Village, later.village_id)
            raise RuleViolation(
                "merge_later_pairing",
                agency=old.code,
                village=village.code,
                date=later.started_on,
            )
        running = session.scalars(
            select(Pairing)
            .where(
                col(Pairing.agency_id) == old.id,
                periods.active_on(Pairing.started_on, Pairing.ended_on, on),
            )
            .order_by(col(Pairing.id))
        ).all()
        for pairing in running:
            target = _continuation(session, new, pairing, on)
            if target.continues_id == pairing.id:
                carried += 1
            else:
                joined += 1
            for model in (Activity, Visit):
                result = session.exec(
                    update(model)
                    .where(col(model.pairing_id) == pairing.id, col(model.date) >= on)
                    .values(pairing_id=target.id)
                )
                if model is Activity:
                    moved_activities += result.rowcount or 0
                else:
                    moved_visits += result.rowcount or 0
            pairing.ended_on = day_before
            session.add(pairing)
        old.merged_into_id = new.id
        old.merged_on = on
        session.add(old)
        session.flush()
    summary = {
        "agencies": [o.code for o in olds],
        "into": new.code,
        "on": on.isoformat(),
        "carried_pairings": carried,
        "joined_pairings": joined,
        "moved_activities": moved_activities,
        "moved_visits": moved_visits,
    }
    audit.record(session, "merge", new.code, "merge", None, summary)
    return summary


def _continuation(session: Session, new: Agency, old: Pairing, on: dt.date) -> Pairing:
    """The new agency's pairing with the village from `on`: one it already has, or a new one
    that continues the old."""
    existing = session.scalars(
        select(Pairing).where(
            col(Pairing.agency_id) == new.id,
            col(Pairing.village_id) == old.village_id,
            periods.overlaps(Pairing.started_on, Pairing.ended_on, on, old.ended_on or on),
        )
    ).first()
    if existing is not None:
        return existing
    pairing = Pairing(
        agency_id=id_of(new),
        village_id=old.village_id,
        started_on=on,
        ended_on=old.ended_on,
        decision_ref=old.decision_ref,
        lead=old.lead,
        note=old.note,
        continues_id=old.id,
    )
    session.add(pairing)
    session.flush()
    supporters = session.scalars(
        select(col(PairingSupporter.agency_id)).where(col(PairingSupporter.pairing_id) == old.id)
    ).all()
    for agency_id in supporters:
        if agency_id != new.id:
            session.add(PairingSupporter(pairing_id=id_of(pairing), agency_id=agency_id))
    session.flush()
    return pairing


def successions(session: Session, until: dt.date | None = None) -> list[dict[str, Any]]:
    """Every merger (old agency → the agency it went into, and when), oldest first."""
    into = aliased(Agency)
    query = (
        select(
            col(Agency.code),
            col(Agency.name),
            col(into.code),
            col(into.name),
            col(Agency.merged_on),
        )
        .join(into, col(into.id) == col(Agency.merged_into_id))
        .order_by(col(Agency.merged_on), col(Agency.code))
    )
    if until is not None:
        query = query.where(col(Agency.merged_on) <= until)
    return [
        {"agency_code": code, "agency": name, "into_code": i_code, "into": i_name, "on": on}
        for code, name, i_code, i_name, on in session.execute(query)
    ]


def line_of(session: Session) -> dict[str, str]:
    """Each merged agency's code → the code of the agency that carries its line today."""
    edges = {s["agency_code"]: s["into_code"] for s in successions(session)}
    final = {}
    for code in edges:
        seen, current = {code}, edges[code]
        while current in edges and current not in seen:
            seen.add(current)
            current = edges[current]
        final[code] = current
    return final
