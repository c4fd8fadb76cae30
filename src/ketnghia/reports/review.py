"""The multi-year review (sơ kết, tổng kết) and one agency's own yearly page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from ketnghia.errors import InvalidValue
from ketnghia.models import Activity, AdminUnit, Pairing, Village
from ketnghia.periods import active_during_year, in_years, year_bounds
from ketnghia.reports.annual import TOTALS, Scope, annual_report
from ketnghia.services.dated_records import activities, open_aspirations, visits
from ketnghia.services.lookups import resolve_agency
from ketnghia.services.mergers import line_of, successions
from ketnghia.services.pairings import list_pairings
from ketnghia.text import sort_key

DORMANT_YEARS = 2


def review(session: Session, first: int, last: int) -> dict[str, Any]:
    if last < first:
        raise InvalidValue("to", "ended_before_started", ended_on=last, started_on=first)
    years = list(range(first, last + 1))
    reports = {year: annual_report(session, year) for year in years}
    per_year = []
    for year in years:
        totals = reports[year]["totals"]
        previous = reports[year - 1]["totals"] if year - 1 in reports else None
        per_year.append(
            {
                "year": year,
                **totals,
                "change": {k: totals[k] - previous[k] for k in TOTALS} if previous else None,
            }
        )
    agencies: dict[str, dict[str, Any]] = {}
    for year in years:
        idle = {r["agency_code"] for r in reports[year]["idle_pairings"]}
        for row in reports[year]["by_agency"]:
            entry = agencies.setdefault(
                row["agency_code"],
                {
                    "agency_code": row["agency_code"],
                    "agency": row["agency"],
                    "activities": 0,
                    "value_vnd": 0,
                    "idle_years": 0,
                    "years": {},
                },
            )
            entry["activities"] += row["activities"]
            entry["value_vnd"] += row["value_vnd"]
            entry["idle_years"] += row["agency_code"] in idle
            entry["years"][str(year)] = {
                "activities": row["activities"],
                "value_vnd": row["value_vnd"],
                "idle": row["agency_code"] in idle,
            }
    continuation = aliased(Pairing)
    line = line_of(session)
    for code, entry in agencies.items():
        entry["line"] = line.get(code, code)  # the agency that carries its pairings today
    started: dict[int | str, int] = dict(
        session.execute(
            select(_year(Pairing.started_on), func.count())
            .where(
                in_years(Pairing.started_on, first, last),
                # a pairing carried over by a merger is not new
                col(Pairing.continues_id).is_(None),
            )
            .group_by(_year(Pairing.started_on))
        ).all()
    )
    ended: dict[int | str, int] = dict(
        session.execute(
            select(_year(Pairing.ended_on), func.count())
            .where(
                in_years(Pairing.ended_on, first, last),
                ~select(col(continuation.id))
                .where(col(continuation.continues_id) == col(Pairing.id))
                .exists(),
            )
            .group_by(_year(Pairing.ended_on))
        ).all()
    )
    return {
        "from": first,
        "to": last,
        "years": per_year,
        "agencies": sorted(agencies.values(), key=lambda a: (-a["value_vnd"], a["agency_code"])),
        "pairings": [
            {
                "year": y,
                "started": int(started.get(y, started.get(str(y), 0))),
                "ended": int(ended.get(y, ended.get(str(y), 0))),
            }
            for y in years
        ],
        "dormant_villages": dormant_villages(session, last),
        "successions": [
            r | {"on": r["on"].isoformat()}
            for r in successions(session, until=year_bounds(last)[1])
        ],
    }


def _year(column: Any) -> Any:
    """The year of a date column as an integer, on SQLite and PostgreSQL."""
    return cast(func.extract("year", column), Integer)


def dormant_villages(session: Session, year: int) -> list[dict[str, Any]]:
    """Villages paired during `year` with no activity in it nor in the year before."""
    since = year_bounds(year - DORMANT_YEARS + 1)[0]
    last_activity = (
        select(col(Pairing.village_id), func.max(col(Activity.date)).label("last"))
        .join(Activity, col(Activity.pairing_id) == col(Pairing.id))
        .where(col(Activity.date) <= year_bounds(year)[1])
        .group_by(col(Pairing.village_id))
        .subquery()
    )
    paired = select(col(Pairing.village_id)).where(
        active_during_year(Pairing.started_on, Pairing.ended_on, year)
    )
    district = func.coalesce(AdminUnit.short_name, Village.district)  # the official name
    query = (
        select(col(Village.code), col(Village.name), district, last_activity.c.last)
        .outerjoin(AdminUnit, col(AdminUnit.id) == col(Village.district_id))
        .outerjoin(last_activity, last_activity.c.village_id == col(Village.id))
        .where(col(Village.id).in_(paired))
        .where((last_activity.c.last.is_(None)) | (last_activity.c.last < since))
        .order_by(col(Village.code))
    )
    return [
        {
            "village_code": code,
            "village": name,
            "district": district,
            "last_activity": last.isoformat() if isinstance(last, dt.date) else last,
        }
        for code, name, district, last in session.execute(query)
    ]


def agency_report(session: Session, key: str, year: int) -> dict[str, Any]:
    """The page a unit sends up: its villages, activities, visits and open aspirations."""
    agency = resolve_agency(session, key, allow_id=True)
    annual = annual_report(session, year, Scope(agency=agency.code))
    first, last = year_bounds(year)
    pairing_rows = list_pairings(session, agency=agency.code, year=year)
    visit_rows = visits.list(session, agency=agency.code, year=year)
    keep = (
        "id",
        "village_code",
        "village",
        "date",
        "kind",
        "title",
        "value_vnd",
        "source",
        "quantity",
        "unit",
        "households_benefited",
    )
    return {
        "year": year,
        "agency": {"code": agency.code, "name": agency.name, "kind": agency.kind},
        "totals": annual["totals"],
        "pairings": [
            {k: r[k] for k in ("village_code", "village", "started_on", "ended_on")}
            for r in sorted(pairing_rows, key=lambda r: sort_key(r["village"]))
        ],
        "activities": [
            {k: r[k] for k in keep}
            for r in activities.iter_rows(session, agency=agency.code, year=year)
        ],
        "visits": [
            {
                k: r[k]
                for k in (
                    "village_code",
                    "village",
                    "date",
                    "people_met",
                    "aspirations",
                    "resolved_on",
                )
            }
            for r in visit_rows
        ],
        "aspirations_open": [
            {k: r[k] for k in ("village_code", "village", "date", "aspirations")}
            for r in visits.list(
                session, agency=agency.code, date_to=last, condition=open_aspirations(last)
            )
        ],
        "idle_pairings": annual["idle_pairings"],
        "period": {"from": first.isoformat(), "to": last.isoformat()},
    }
