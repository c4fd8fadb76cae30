"""Filing a year's annual report, and the guard that keeps its figures.

Filing stores the report's JSON and its SHA-256 and locks the year. Before a write transaction
commits, each locked year's report is computed inside it and compared with the filed one; a
write whose effect changes any filed figure (ending a pairing that started before the year,
resolving an old visit's aspiration, last year's village figures that are this year's
baseline, …) is refused, naming the year, the sections and the records written. The guard is
a Session hook, installed by importing this module (ketnghia.rules does, for every opener).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import event, orm, select
from sqlmodel import Session, col

from ketnghia import acting, audit
from ketnghia.errors import KetnghiaError
from ketnghia.models import AnnualReport
from ketnghia.reports.annual import ON_TODAYS_MAP, ROUND_PROGRESS, annual_report
from ketnghia.services.admin_units.names import unit_key
from ketnghia.services.locks import YearLocked, filed_by, locked_years


def canonical(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _held(stored: dict[str, Any]) -> list[str]:
    """The keys of a filed report that its year's records must keep giving: all but those
    drawn on today's map (a later correction of the old→new mapping may move them) and the
    collection round's progress (forms are returned after the year is filed)."""
    return [k for k in stored if k not in ON_TODAYS_MAP + ROUND_PROGRESS]


def _current_report(session: Session, year: int) -> dict[str, Any]:
    return annual_report(session, year)


def file_report(session: Session, year: int, lock: bool = True) -> AnnualReport:
    """Store the year's report and lock the year (again, after an unlock). A locked year is
    not filed over: it must be unlocked, with a reason, first."""
    filed = session.scalars(select(AnnualReport).where(col(AnnualReport.year) == year)).first()
    if filed is not None and filed.locked:
        raise YearLocked("refile_locked", year=year, **filed_by(filed))
    report = _current_report(session, year)
    content = canonical(report)
    before = {"sha256": filed.sha256, "locked": filed.locked} if filed else None
    if filed is None:
        filed = AnnualReport(year=year, filed_at=audit.now(), content=content, sha256="")
    filed.content = content
    filed.sha256 = hashlib.sha256(content.encode("utf-8")).hexdigest()
    filed.filed_at = audit.now()
    filed.filed_by = acting.actor()
    filed.locked = lock
    filed.note = None
    session.add(filed)
    session.flush()
    audit.record(
        session, "report", str(year), "file", before, {"sha256": filed.sha256, "locked": lock}
    )
    return filed


def lock_year(session: Session, year: int) -> AnnualReport:
    filed = session.scalars(select(AnnualReport).where(col(AnnualReport.year) == year)).first()
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
    filed = session.scalars(select(AnnualReport).where(col(AnnualReport.year) == year)).first()
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


# Rows that are places: the fields that name the place. Older ketnghia grouped places by their
# text as recorded ("Ayun" and "AYun", "Đak Đoa"); today each unit is one row under its official
# name ("Đăk Đoa"), and text that names no unit one row per folded spelling.
PLACE_ROWS = {"by_district": ("district",), "by_commune": ("commune", "district")}
PLACE_FIELDS = {"unpaired_villages": ("district",)}


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    """A report as filed figures are compared: each place by its folded name, and the rows of
    one place added up, so that a year filed when a place's spellings were rows of their own,
    or when its spelling was not the official one, is the same report unit by unit."""
    out = dict(report)
    for section, names in PLACE_ROWS.items():
        if not isinstance(report.get(section), list):
            continue
        merged: dict[tuple[str | None, ...], dict[str, Any]] = {}
        for row in report[section]:
            key = tuple(_folded(row[n]) for n in names)
            into = merged.get(key)
            if into is None:
                merged[key] = row | dict(zip(names, key, strict=True))
            else:
                for field, value in row.items():
                    if field not in names:
                        into[field] += value
        out[section] = [merged[k] for k in sorted(merged, key=_order)]
    for section, names in PLACE_FIELDS.items():
        if isinstance(report.get(section), list):
            out[section] = [row | {n: _folded(row[n]) for n in names} for row in report[section]]
    if isinstance(report.get("scope"), dict):
        scope = report["scope"]
        out["scope"] = scope | {n: _folded(scope[n]) for n in ("district", "commune") if n in scope}
    return out


def _folded(name: str | None) -> str | None:
    return None if name is None else unit_key(name)


def _order(key: tuple[str | None, ...]) -> list[tuple[bool, str]]:
    return [(k is None, k or "") for k in key]


def as_filed(now: Any, stored: Any) -> Any:
    """The figures of `now` that a filed report holds: a key that a later ketnghia added to
    the rows of a report (a name beside a code, …) was not filed, and is no drift."""
    if isinstance(now, dict) and isinstance(stored, dict):
        return {k: as_filed(v, stored[k]) for k, v in now.items() if k in stored}
    if isinstance(now, list) and isinstance(stored, list) and len(now) == len(stored):
        return [as_filed(n, s) for n, s in zip(now, stored, strict=True)]
    return now


def _changed(stored: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """The sections of a filed report whose figures differ now (a section, or a key of its
    rows, that a later ketnghia added is not drift of a report filed before it, and neither
    are those drawn on today's map)."""
    held = _held(stored)
    if all(as_filed(now.get(k), stored[k]) == stored[k] for k in held):
        return []
    stored, now = comparable(stored), comparable(now)
    return [k for k in held if k in now and stored[k] != as_filed(now[k], stored[k])]


def drift(session: Session, year: int) -> tuple[AnnualReport, list[str]] | None:
    """The filed report of `year` and the sections whose figures have changed since."""
    filed = session.scalars(select(AnnualReport).where(col(AnnualReport.year) == year)).first()
    if filed is None:
        return None
    stored = json.loads(filed.content)
    now = json.loads(canonical(_current_report(session, year)))
    return filed, _changed(stored, now)


def drift_problems(session: Session) -> list[dict[str, Any]]:
    """For `db check`: filed reports whose figures no longer match the records."""
    from ketnghia.services.dbadmin import problem

    problems = []
    for report_id, year in session.execute(select(col(AnnualReport.id), col(AnnualReport.year))):
        found = drift(session, year)
        if found and found[1]:
            detail = f"{year}: the records no longer give the filed figures ({', '.join(found[1])})"
            problems.append(problem("filed_report_drift", "annual_reports", report_id, detail))
    return problems


def _committed_report(session: Session, year: int) -> dict[str, Any]:
    """The year's report as the database holds it before this transaction commits: read on a
    connection of its own (SQLite's WAL and PostgreSQL both give a reader the committed state)."""
    engine = session.get_bind()
    reader = engine.execution_options(ketnghia_begin="DEFERRED")
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
        if not _changed(stored, now):
            continue
        before = _committed_report(session, year)
        changed = _changed({k: before.get(k) for k in stored}, now)
        if changed:
            written = session.info.get("audit_keys", [])
            raise YearLocked(
                "filed_figures_change",
                year=year,
                sections=", ".join(changed),
                records="; ".join(f"{kind} {key}" for kind, key in written[:5])
                + (" …" if len(written) > 5 else ""),
                **filed_by(filed),
            )


@event.listens_for(orm.Session, "before_commit")  # every Session (ketnghia opens SQLModel's)
def _guard_filed_figures(session: Session) -> None:
    check_filed_figures(session)
