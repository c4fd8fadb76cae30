"""Opening a database with the rules every write obeys: the audit trail (ketnghia.audit), the
locked years' dates (services.locks) and the filed figures (reports.filing). Each installs a
Session hook when imported; this module, above them all, imports them for whoever opens a
database, so that db.py, at the bottom, imports none of them."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ketnghia import audit  # the audit hooks
from ketnghia.db import upgrade_listeners
from ketnghia.reports import filing  # noqa: F401  (the filed figures' guard)
from ketnghia.services import locks  # noqa: F401  (the locked years' dates)

if TYPE_CHECKING:
    from ketnghia.db import Database

if audit.record_upgrade not in upgrade_listeners:
    upgrade_listeners.append(audit.record_upgrade)


def open_database(target: str | os.PathLike[str] | None = None, migrate: bool = True) -> Database:
    from ketnghia.db import Database

    return Database(target, migrate)
