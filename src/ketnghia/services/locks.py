"""Filed annual reports and locked years.

Filing stores the report's JSON and its SHA-256 and locks the year. While a year is locked its
filed figures never change. Two guards hold that:

- the record's own date: a record dated in a locked year (activities, visits, inspections,
  contributions by their date; village figures by their year) cannot be added, changed or
  removed, and a record with a period (pairings, household and locality pairings, village
  places) cannot start or end in a locked year or be moved out of one — refused early, by the
  flush hook below and by the importer (which names the file, row and column);
- the report itself, by construction: before a write transaction commits, each locked year's
  report is computed inside it and compared with the filed one; a write whose effect changes
  any filed figure (ending a pairing that started before the year, resolving an old visit's
  aspiration, last year's village figures that are this year's baseline, …) is refused, naming
  the year, the sections and the records written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ketnghia import audit
from ketnghia.errors import KetnghiaError
from ketnghia.models import (
    Activity,
    AnnualReport,
    Contribution,
    HouseholdPairing,
    Inspection,
    LocalityPairing,
    Pairing,
    VillagePlace,
    VillageStat,
    Visit,
)

DATED = {
    Activity: ("date",),
    Visit: ("date",),
    Inspection: ("date",),
    Pairing: ("started_on", "ended_on"),
    HouseholdPairing: ("started_on", "ended_on"),
    VillagePlace: ("valid_from", "valid_to"),
    LocalityPairing: ("started_on", "ended_on"),
    Contribution: ("date",),
    VillageStat: ("year",),  # a year's figures feed that year's outcomes
}


class YearLocked(KetnghiaError):
    pass


def canonical(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def locked_years(session: Session) -> dict[int, AnnualReport]:
    query = select(AnnualReport).where(AnnualReport.locked.is_(True))  # type: ignore[attr-defined]
    return {r.year: r for r in session.scalars(query)}


def _filed_by(filed: AnnualReport) -> dict[str, str]:
    return {
        "when": filed.filed_at.strftime("%d/%m/%Y") if filed.filed_at else "?",
        "who": filed.filed_by or "?",
    }


def refuse(year: int, filed: AnnualReport) -> YearLocked:
    return YearLocked("year_locked", year=year, **_filed_by(filed))


def refuse_locked_from(session: Session, first: dt.date) -> None:
    """Refuse a change that reaches every year from `first` on (a village's new place, a
    merger): no year from then may be locked."""
    for year, filed in sorted(locked_years(session).items()):
        if year >= first.year:
            raise refuse(year, filed)


def _current_report(session: Session, year: int) -> dict[str, Any]:
    from ketnghia.reports.annual import annual_report

    return annual_report(session, year)


def file_report(session: Session, year: int, lock: bool = True) -> AnnualReport:
    """Store the year's report and lock the year (again, after an unlock). A locked year is
    not filed over: it must be unlocked, with a reason, first."""
    filed = session.scalars(select(AnnualReport).where(AnnualReport.year == year)).first()
    if filed is not None and filed.locked:
        raise YearLocked("refile_locked", year=year, **_filed_by(filed))
    report = _current_report(session, year)
    content = canonical(report)
    before = {"sha256": filed.sha256, "locked": filed.locked} if filed else None
    if filed is None:
        filed = AnnualReport(year=year, filed_at=audit.now(), content=content, sha256="")
    filed.content = content
    filed.sha256 = hashlib.sha256(content.encode("utf-8")).hexdigest()
    filed.filed_at = audit.now()
    filed.filed_by = audit.actor()
    filed.locked = lock
    filed.note = None
    session.add(filed)
    session.flush()
    audit.record(
        session, "report", str(year), "file", before, {"sha256": filed.sha256, "locked": lock}
    )
    return filed


def lock_year(session: Session, year: int) -> AnnualReport:
    filed = session.scalars(select(AnnualReport).where(AnnualReport.year == year)).first()
    if filed is None:
        return file_report(session, year)  # a lock needs figures to compare against later
    if not filed.locked:
        filed.locked = True
        session.add(filed)
        session.flush()
        audit.record(session, "lock", str(year), "lock", {"locked": False}, {"locked": True})
    return filed


def unlock_year(session: Session, year: int, reason: str | None) -> AnnualReport:
    if not reason or not reason.strip():
        raise KetnghiaError("unlock_needs_reason", year=year)
    filed = session.scalars(select(AnnualReport).where(AnnualReport.year == year)).first()
    if filed is None or not filed.locked:
        raise KetnghiaError("not_locked", year=year)
    filed.locked = False
    filed.note = reason.strip()
    session.add(filed)
    session.flush()
    audit.record(
        session,
        "lock",
        str(year),
        "unlock",
        {"locked": True},
        {"locked": False, "reason": reason.strip()},
    )
    return filed


def drift(session: Session, year: int) -> tuple[AnnualReport, list[str]] | None:
    """The filed report of `year` and the sections whose figures have changed since."""
    filed = session.scalars(select(AnnualReport).where(AnnualReport.year == year)).first()
    if filed is None:
        return None
    stored = json.loads(filed.content)
    now = json.loads(canonical(_current_report(session, year)))
    # a section that a later ketnghia added is not drift of a report filed before it
    return filed, [k for k in now if k in stored and stored[k] != now[k]]


def _years(obj: Any, columns: tuple[str, ...], before: bool, changed_only: bool) -> set[int]:
    """The years of a record's dates: before or after the change; with `changed_only`, only
    of the dates that change (a period's unchanged start does not put its end in that year)."""
    from sqlalchemy import inspect

    state = inspect(obj)
    years = set()
    for column in columns:
        history = state.attrs[column].history
        if changed_only and not history.has_changes():
            continue
        values = list(history.deleted) if before else [getattr(obj, column)]
        if before and not history.has_changes():
            values = [getattr(obj, column)]
        years |= {v.year for v in values if isinstance(v, dt.date)}
        years |= {v for v in values if isinstance(v, int) and not isinstance(v, bool)}
    return years


@event.listens_for(Session, "before_flush")
def _guard_locked_years(session: Session, _context: Any, _instances: Any) -> None:
    touched: set[int] = set()
    for objects, before, after in (
        (session.new, False, True),
        (session.dirty, True, True),
        (session.deleted, True, False),
    ):
        for obj in objects:
            columns = DATED.get(type(obj))
            if columns is None:
                continue
            # a period that only changes is in a year through the dates that change
            changed_only = before and after and len(columns) > 1
            if before:
                touched |= _years(obj, columns, True, changed_only)
            if after:
                touched |= _years(obj, columns, False, changed_only)
    if not touched:
        return
    locked = locked_years(session)
    for year in sorted(touched):
        if year in locked:
            raise refuse(year, locked[year])


def _committed_report(session: Session, year: int) -> dict[str, Any]:
    """The year's report as the database holds it before this transaction commits: read on a
    connection of its own (SQLite's WAL and PostgreSQL both give a reader the committed state)."""
    engine = session.get_bind()
    reader = engine.execution_options(ketnghia_begin="DEFERRED")  # type: ignore[union-attr]
    with Session(reader) as other:
        try:
            return json.loads(canonical(_current_report(other, year)))
        finally:
            other.rollback()


def check_filed_figures(session: Session) -> None:
    """Refuse the transaction's writes if they change a figure of a locked year's filed report.

    Each locked year's report is computed inside the transaction; when it still equals the
    filed one, nothing changed. When it differs, the report as committed before this
    transaction is computed too, so that figures which had already drifted (a report filed by
    an older ketnghia, or locked again after an unlock) do not block unrelated writes."""
    if session.info.get("copy_of_database"):  # db copy: every row as the source holds it
        return
    for year, filed in sorted(locked_years(session).items()):
        stored = json.loads(filed.content)
        now = json.loads(canonical(_current_report(session, year)))
        # a section that a later ketnghia added was not filed
        if all(now.get(k) == stored[k] for k in stored):
            continue
        before = _committed_report(session, year)
        changed = [k for k in stored if now.get(k) != before.get(k)]
        if changed:
            written = session.info.get("audit_keys", [])
            raise YearLocked(
                "filed_figures_change",
                year=year,
                sections=", ".join(changed),
                records="; ".join(f"{kind} {key}" for kind, key in written[:5])
                + (" …" if len(written) > 5 else ""),
                **_filed_by(filed),
            )


@event.listens_for(Session, "before_commit")
def _guard_filed_figures(session: Session) -> None:
    check_filed_figures(session)
