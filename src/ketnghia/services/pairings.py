"""Pairings of an agency with a village (kết nghĩa): one active at a time per pair; activities
and visits are dated inside them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col

from ketnghia import kinds
from ketnghia.models import Activity, Agency, Pairing, Village, Visit
from ketnghia.services.lookups import name_contains, resolve_village
from ketnghia.services.paired import PairedKind, PairedService

service = PairedService(
    PairedKind(
        descriptor=kinds.of("pairings"),
        record="pairing",
        target_model=Village,
        target_key="village_code",
        target_column="village_id",
        target_param="village",
        target_text="code",
        target_name_key="village",
        resolve_target=lambda session, ref, on: resolve_village(session, ref),
        records=((Activity, "rec_activities"), (Visit, "rec_visits")),
        hint="--agency A --village V",
        overlap_message="pairing_overlap",
        pick_message="pick_pairing",
        no_active_message="no_active_pairing",
        later_message="pairing_has_later_records",
        outside_message="pairing_records_outside",
        ended_message="already_ended",
    )
)

add_pairing = service.add
end_pairing = service.end
edit_pairing = service.edit
remove_pairing = service.remove
pairing_row = service.row


def get_pairing(
    session: Session,
    key: Any = None,
    agency: Any = None,
    village: Any = None,
    started_on: Any = None,
) -> Pairing:
    """By numeric id, or by agency + village (+ started_on): the one active today, else the
    only one."""
    return service.get(session, key, agency, started_on, village=village)


def active_pairing(session: Session, agency: Agency, village: Village, on: dt.date) -> Pairing:
    """The pairing of this agency and village that is active on a date, or a rule error."""
    return service.active(session, agency, village, on)


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
    where: list[Any] = []
    if as_of is not None and (district is not None or commune is not None):
        from ketnghia.services.admin_units.places import villages_at

        where.append(
            col(Pairing.village_id).in_(
                villages_at(session, as_of, district=district, commune=commune)
            )
        )
    else:
        from ketnghia.services.admin_units.places import recorded_in

        where += recorded_in(session, district=district, commune=commune)
    if search:
        where.append(
            or_(name_contains(Agency.name_key, search), name_contains(Village.name_key, search))
        )
    return service.list(
        session,
        agency=agency,
        target=village,
        year=year,
        active_on=active_on,
        ids=ids,
        where=tuple(where),
    )
