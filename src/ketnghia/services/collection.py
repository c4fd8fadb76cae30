"""The collection round: forms made for agencies' returns of a year, and the returns imported.

A form's key (a UUID) is written in the form's hidden identity sheet; a returned file carries it
back, so `record_return` knows which form (agency, year) came home. Both writes go through the
ORM, so the audit trail records them like any other."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from ketnghia.acting import actor
from ketnghia.audit import now
from ketnghia.models import Agency, CollectionForm, CollectionReturn, Pairing, id_of
from ketnghia.periods import active_during_year

# The layout of the forms `collect forms` writes; a returned form of another version is read by
# the rules of its own version, or refused when this ketnghia no longer knows them.
FORM_VERSION = 1


def expected_agencies(session: Session, year: int) -> list[Agency]:
    """The agencies expected to return a form for a year: those leading a pairing active in
    it (an agency merged during the year answers for its part of it), by code."""
    active = select(col(Pairing.agency_id)).where(
        active_during_year(col(Pairing.started_on), col(Pairing.ended_on), year)
    )
    query = select(Agency).where(col(Agency.id).in_(active)).order_by(col(Agency.code))
    return list(session.scalars(query))


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
