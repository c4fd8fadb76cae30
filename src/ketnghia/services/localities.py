"""Locality pairings (Chỉ thị 03-CT/TU, 7-8-2025): a lowland ward or commune — an agency of
kind `locality` — paired with a mountain commune, with businesses and other agencies as
co-signers; each signer's own contributions are recorded against the pairing.

The same service as agency–village pairings (services/paired), with a commune as the target
(an administrative unit, valid on the day the pairing starts); their report is a section of its
own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from ketnghia import kinds, periods
from ketnghia.errors import KetnghiaError, NotFound, RuleViolation
from ketnghia.i18n import t
from ketnghia.models import (
    AdminUnit,
    Agency,
    Contribution,
    LocalityCosigner,
    LocalityPairing,
    id_of,
)
from ketnghia.schema import CONTRIBUTIONS
from ketnghia.services.admin_units.resolve import resolve_commune
from ketnghia.services.fields import parse_values
from ketnghia.services.lookups import resolve_agency
from ketnghia.services.paired import PairedKind, PairedService
from ketnghia.values import record_id


def _must_be_a_locality(agency: Agency) -> None:
    if agency.kind != "locality":
        raise RuleViolation("not_a_locality", agency=agency.code)


service = PairedService(
    PairedKind(
        descriptor=kinds.of("localities"),
        record="locality",
        target_model=AdminUnit,
        target_key="commune",
        target_column="commune_id",
        target_param="commune",
        target_text="name",
        target_name_key="commune_name",
        # a commune valid on the day the pairing starts (a name on today's map to find one)
        resolve_target=lambda session, ref, on: resolve_commune(session, ref, on=on),
        records=((Contribution, "rec_contributions"),),
        hint="--agency A --commune C",
        overlap_message="locality_overlap",
        pick_message="pick_locality",
        no_active_message="no_active_locality",
        later_message="locality_has_later_contributions",
        outside_message="records_outside",
        partner_check=_must_be_a_locality,
    )
)

add_locality = service.add
end_locality = service.end  # an ended pairing's end may be moved (a correction)
edit_locality = service.edit
remove_locality = service.remove
locality_row = service.row


def get_locality(
    session: Session,
    key: Any = None,
    agency: Any = None,
    commune: Any = None,
    on: dt.date | None = None,
) -> LocalityPairing:
    """By numeric id, or by partner + commune (the one active on `on`/today, else the only
    one)."""
    return service.get(session, key, agency, on=on, commune=commune)


def list_localities(
    session: Session,
    agency: Any = None,
    commune: Any = None,
    year: int | None = None,
    ids: list[int] | None = None,
) -> list[dict[str, Any]]:
    return service.list(session, agency=agency, target=commune, year=year, ids=ids)


# -- contributions -----------------------------------------------------------------------------


def add_contribution(session: Session, values: Mapping[str, Any]) -> Contribution:
    parsed = parse_values(CONTRIBUTIONS, values, partial=False)
    partner = resolve_agency(session, parsed.pop("agency_code"))
    date = parsed["date"]
    commune = resolve_commune(session, parsed.pop("commune"), on=date)
    pairing = service.active(session, partner, commune, date)
    contributor = resolve_agency(session, parsed.pop("contributor_code"))
    signers = {partner.id} | set(
        session.scalars(
            select(col(LocalityCosigner.agency_id)).where(
                col(LocalityCosigner.pairing_id) == pairing.id
            )
        )
    )
    if contributor.id not in signers:
        raise RuleViolation("not_a_signer", agency=contributor.code, partner=partner.code)
    if parsed.get("value_vnd") is None:
        parsed["value_vnd"] = 0
    clash = session.scalars(
        select(Contribution).where(
            Contribution.pairing_id == pairing.id,
            col(Contribution.agency_id) == contributor.id,
            col(Contribution.date) == date,
            col(Contribution.title) == parsed["title"],
        )
    ).first()
    if clash is not None:
        raise KetnghiaError(
            "exists", kind=t("rec_contribution"), key=f"{contributor.code} {date} {parsed['title']}"
        )
    contribution = Contribution(pairing_id=pairing.id, agency_id=id_of(contributor), **parsed)
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
        select(
            Contribution,
            col(partner.code),
            col(AdminUnit.code),
            col(contributor.code),
            col(contributor.name),
        )
        .join(LocalityPairing, col(LocalityPairing.id) == col(Contribution.pairing_id))
        .join(partner, col(partner.id) == col(LocalityPairing.agency_id))
        .join(AdminUnit, col(AdminUnit.id) == col(LocalityPairing.commune_id))
        .join(contributor, col(contributor.id) == col(Contribution.agency_id))
    )
    if agency is not None:
        query = query.where(col(LocalityPairing.agency_id) == resolve_agency(session, agency).id)
    if commune is not None:
        query = query.where(col(LocalityPairing.commune_id) == resolve_commune(session, commune).id)
    if year is not None:
        query = query.where(periods.in_years(Contribution.date, year))
    if ids is not None:
        query = query.where(col(Contribution.id).in_(ids))
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
