"""The sample database behind `ketnghia demo`."""

from __future__ import annotations

from sqlalchemy import func, select

from ketnghia.db import Database
from ketnghia.errors import KetnghiaError
from ketnghia.importing.loader import Summary, import_files
from ketnghia.models import Agency
from ketnghia.resources import sample_files


def build_sample(db: Database) -> Summary:
    """Load the sample province into an empty database and put its villages on the map of
    1-7-2025 (as `ketnghia admin apply-2025` does), in one transaction."""
    from ketnghia.services.admin_units.reform import apply_successions

    with db.write() as session:
        if session.scalar(select(func.count()).select_from(Agency)):
            raise KetnghiaError("demo_not_empty", target=db.description)
        summary = import_files(session, sample_files())
        apply_successions(session)
        return summary
