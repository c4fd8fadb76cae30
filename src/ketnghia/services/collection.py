"""The collection round: forms made for agencies' returns of a year, and the returns imported.

A form's key (a UUID) is written in the form's hidden identity sheet; a returned file carries it
back, so `record_return` knows which form (agency, year) came home. Both writes go through the
ORM, so the audit trail records them like any other."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from ketnghia.acting import actor
from ketnghia.audit import now
from ketnghia.models import Agency, CollectionForm, CollectionReturn, Pairing, id_of
from ketnghia.periods import active_during_year

# The layout of the forms `collect forms` writes; a returned form of another version is read by
# the rules of its own version, or refused when this ketnghia no longer knows them.
FORM_VERSION = 2


def expected_agencies(session: Session, year: int) -> list[Agency]:
    """The agencies expected to return a form for a year: those leading a pairing active in
    it (an agency merged during the year answers for its part of it), by code."""
    query = select(Agency).where(col(Agency.id).in_(expected_ids(year))).order_by(col(Agency.code))
    return list(session.scalars(query))


def expected_ids(year: int) -> Any:
    """The ids of the agencies expected to return a form for a year, as SQL (expected_agencies)."""
    return select(col(Pairing.agency_id)).where(
        active_during_year(col(Pairing.started_on), col(Pairing.ended_on), year)
    )


def record_form(session: Session, agency_id: int, year: int, file_name: str) -> CollectionForm:
    """A new form for an agency's return of a year, with a fresh key."""
    form = CollectionForm(
        form_key=str(uuid.uuid4()),
        agency_id=agency_id,
        year=year,
        version=FORM_VERSION,
        made_at=now(),
        made_by=actor(),
        file_name=file_name,
    )
    session.add(form)
    session.flush()
    return form


def form_by_key(session: Session, form_key: str) -> CollectionForm | None:
    return session.scalars(
        select(CollectionForm).where(col(CollectionForm.form_key) == form_key)
    ).first()


def record_return(
    session: Session,
    form: CollectionForm,
    file_name: str,
    sha256: str,
    rows_added: int,
    rows_changed: int,
    at: dt.datetime | None = None,
) -> CollectionReturn:
    """A returned form, imported: in the same transaction as the rows it brought."""
    returned = CollectionReturn(
        form_id=id_of(form),
        agency_id=form.agency_id,
        year=form.year,
        file_name=file_name,
        sha256=sha256,
        returned_at=at or now(),
        returned_by=actor(),
        rows_added=rows_added,
        rows_changed=rows_changed,
    )
    session.add(returned)
    session.flush()
    return returned


def reporting_rate(returned: int, expected: int, organised: bool = True) -> float | None:
    """Returned forms per expected agency, in percent to one decimal; None when no form was
    made for the year (no round yet, not 0 %) or no agency was expected."""
    if not organised or not expected:
        return None
    return round(returned * 100 / expected, 1)


def round_organised(session: Session, year: int) -> bool:
    """Whether a form was made for the year: the round has begun."""
    made = select(col(CollectionForm.id)).where(col(CollectionForm.year) == year).limit(1)
    return session.scalar(made) is not None


def collection_figures(session: Session, year: int, agency_ids: Any = None) -> dict[str, Any]:
    """The round of a year as the annual report shows it: the agencies expected (those given,
    as ids or SQL, else expected_agencies), how many returned a form, and the rate."""
    wanted = expected_ids(year) if agency_ids is None else agency_ids
    returned = select(func.count(func.distinct(col(CollectionReturn.agency_id)))).where(
        col(CollectionReturn.year) == year, col(CollectionReturn.agency_id).in_(wanted)
    )
    expected = select(func.count()).select_from(Agency).where(col(Agency.id).in_(wanted))
    counts = {"expected": session.scalar(expected) or 0, "returned": session.scalar(returned) or 0}
    organised = round_organised(session, year)
    return counts | {
        "rate": reporting_rate(counts["returned"], counts["expected"], organised),
        "organised": organised,
    }
