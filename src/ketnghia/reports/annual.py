"""The annual report, per the contract: every figure from aggregate queries.

The activities of the year are read twice: grouped by pairing (totals, districts, agencies,
idle pairings) and grouped by kind and source. Both read the covering index on activities that
leads by date. "Active during year Y" is periods.active_during_year, the one definition that
listings, checks and imports use too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import sqlmodel
from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from ketnghia.models import (
    Activity,
    AdminSuccession,
    AdminUnit,
    Agency,
    Contribution,
    HouseholdPairing,
    LocalityCosigner,
    LocalityPairing,
    Pairing,
    Village,
    VillagePlace,
    VillageStat,
    Visit,
)
from ketnghia.periods import active_during_year, in_years, is_in_years, year_bounds
from ketnghia.services.admin_units.places import place_at, place_key, place_name
from ketnghia.services.collection import collection_figures
from ketnghia.services.dated_records import open_aspirations
from ketnghia.services.lookups import resolve_agency
from ketnghia.text import sort_key

# The totals of the contract, in the order reports show them.
TOTALS = (
    "agencies",
    "villages",
    "pairings",
    "new_pairings",
    "activities",
    "value_vnd",
    "households_benefited",
    "household_pairings",
    "visits",
    "aspirations_open",
)


@dataclass(frozen=True)
class Scope:
    district: str | None = None
    agency: str | None = None
    commune: str | None = None
    as_of: dt.date | None = None  # the map to place villages on (default: the year's end)


# The columns of a village's place in a report (services.admin_units.places.place_at).
COMMUNE = ("commune_id", "commune_key", "commune")
DISTRICT = ("district_id", "district_key", "district")


def village_places_for(session: Session, year: int, as_of: dt.date | None = None) -> Any:
    """Where each village was for the report of `year`: its commune on `as_of` (default the
    last day of the year), and its district then, or, where districts were gone by then, at the
    start of the year. So the 2025 report groups by the new communes with the old district
    beside them, and a report of a past year never changes when the map changes later. Each
    place is a unit, or the folded spelling of text that names none (place_at)."""
    first, last = year_bounds(year)
    at = as_of or last
    at_end = place_at(at, "p_end")
    low, high = min(first, at), max(first, at)
    moved = session.scalar(
        select(
            exists().where(
                or_(
                    col(VillagePlace.valid_from).between(low + dt.timedelta(days=1), high),
                    col(VillagePlace.valid_to).between(low, high - dt.timedelta(days=1)),
                )
            )
        )
    )
    if not moved:  # nobody moved between the two days: one place per village will do
        return select(
            at_end.c.village_id,
            *(at_end.c[c] for c in COMMUNE + DISTRICT),
            at_end.c.commune_key.label("commune_key_at_start"),
        ).subquery("village_place")
    at_start = place_at(first, "p_start")
    ended = at_end.c.district_key.is_(None)  # no district at the end: the one at the start
    return (
        select(
            at_end.c.village_id,
            *(at_end.c[c] for c in COMMUNE),
            *(case((ended, at_start.c[c]), else_=at_end.c[c]).label(c) for c in DISTRICT),
            at_start.c.commune_key.label("commune_key_at_start"),
        )
        .join(at_start, at_start.c.village_id == at_end.c.village_id)
        .subquery("village_place")
    )


def annual_report(session: Session, year: int, scope: Scope | None = None) -> dict[str, Any]:
    scope = scope or Scope()
    last = year_bounds(year)[1]
    agency_id = resolve_agency(session, scope.agency).id if scope.agency else None
    agency_code = session.get_one(Agency, agency_id).code if agency_id else None
    place = village_places_for(session, year, scope.as_of)
    # a scope names a place by its folded name; one that names nothing is an error
    district_wanted = place_key(session, scope.district, "district") if scope.district else None
    commune_wanted = place_key(session, scope.commune, "commune") if scope.commune else None

    def village_filter(query: Any, joined: bool = False) -> Any:
        if district_wanted is None and commune_wanted is None:
            return query
        if not joined:
            query = query.join(place, place.c.village_id == Village.id)
        if district_wanted is not None:
            query = query.where(place.c.district_key == district_wanted)
        if commune_wanted is not None:
            in_commune = place.c.commune_key == commune_wanted
            if scope.as_of is None:  # the commune as it was at either end of the year
                in_commune = or_(in_commune, place.c.commune_key_at_start == commune_wanted)
            query = query.where(in_commune)
        return query

    # 1. the pairings active during the year, in scope (thousands at most)
    query = (
        select(
            col(Pairing.id),
            col(Pairing.started_on),
            col(Agency.id),
            col(Agency.code),
            col(Agency.name),
            col(Village.id),
            col(Village.code),
            col(Pairing.continues_id),
            *(place.c[c] for c in COMMUNE + DISTRICT),
            col(Village.name),
        )
        .join(Agency, col(Agency.id) == col(Pairing.agency_id))
        .join(Village, col(Village.id) == col(Pairing.village_id))
        .join(place, place.c.village_id == col(Village.id))
        .where(active_during_year(Pairing.started_on, Pairing.ended_on, year))
    )
    query = village_filter(query, joined=True)
    if agency_id is not None:
        query = query.where(col(Pairing.agency_id) == agency_id)
    pairings = session.execute(query).all()
    in_scope = {p[0] for p in pairings}
    scoped = scope.district is not None or scope.commune is not None or agency_id is not None

    # 2. activities of the year by pairing, and by kind and source
    by_pairing: dict[int, tuple[int, int, int]] = {}
    activity_query = select(
        col(Activity.pairing_id),
        func.count(),
        func.coalesce(func.sum(Activity.value_vnd), 0),
        func.coalesce(func.sum(Activity.households_benefited), 0),
    ).where(in_years(Activity.date, year))
    for pid, count, value, households in session.execute(
        _scoped(activity_query, scoped, Activity.pairing_id, in_scope).group_by(
            col(Activity.pairing_id)
        )
    ):
        by_pairing[pid] = (count, int(value), int(households))
    kind_query = select(
        col(Activity.kind),
        col(Activity.source),
        func.count(),
        func.coalesce(func.sum(Activity.value_vnd), 0),
    ).where(in_years(Activity.date, year))
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    sources: dict[str | None, int] = defaultdict(int)
    for kind, source, count, value in session.execute(
        _scoped(kind_query, scoped, Activity.pairing_id, in_scope).group_by(
            col(Activity.kind), col(Activity.source)
        )
    ):
        kinds[kind][0] += count
        kinds[kind][1] += int(value)
        sources[source] += int(value)

    # 3. visits of the year by pairing; aspirations still open at the end of the year
    visit_query = (
        select(col(Visit.pairing_id), func.count())
        .where(in_years(Visit.date, year))
        .group_by(col(Visit.pairing_id))
    )
    visits_by_pairing = dict(
        session.execute(_scoped(visit_query, scoped, Visit.pairing_id, in_scope)).all()
    )
    open_query = select(func.count()).select_from(Visit).where(open_aspirations(last))
    if scoped:
        open_query = _scope_visits(open_query, agency_id, village_filter)
    aspirations_open = session.scalar(open_query) or 0

    # 4. household pairings active during the year, in the villages in scope
    household_query = (
        select(func.count())
        .select_from(HouseholdPairing)
        .join(Village, col(Village.id) == col(HouseholdPairing.village_id))
        .where(active_during_year(HouseholdPairing.started_on, HouseholdPairing.ended_on, year))
    )
    household_query = village_filter(household_query)
    if agency_id is not None:
        household_query = household_query.where(
            col(HouseholdPairing.village_id).in_({p[5] for p in pairings})
        )
    household_pairings = session.scalar(household_query) or 0

    # 5. villages of special difficulty that no pairing covers during the year
    unpaired: list[dict[str, Any]] = []
    if agency_id is None:
        covered = select(col(Pairing.village_id)).where(
            active_during_year(Pairing.started_on, Pairing.ended_on, year)
        )
        query = village_filter(
            select(col(Village.code), col(Village.name), place.c.district)
            .join(place, place.c.village_id == col(Village.id))
            .where(
                col(Village.special_difficulty).is_(True),
                col(Village.id).not_in(covered),
            ),
            joined=True,
        ).order_by(Village.code)
        unpaired = [
            {"village_code": code, "village": name, "district": district}
            for code, name, district in session.execute(query)
        ]

    # roll the per-pairing figures up (a few thousand rows, already aggregated) by the place
    # each row's query gave: a unit's id, else the folded spelling of text that names none
    districts: dict[tuple[Any, Any], dict[str, Any]] = {}
    communes: dict[tuple[Any, ...], dict[str, Any]] = {}
    agencies: dict[int, dict[str, Any]] = {}
    idle = []
    total_activities = total_value = total_households = 0
    # A pairing carried on by another after an agency merger is one pairing, not two: the
    # earlier part is not counted again, and neither is idle while its continuation is not.
    continues = {p[0]: p[7] for p in pairings if p[7] is not None}
    continued = set(continues.values())
    for row in pairings:
        pid, started_on, a_id, a_code, a_name, v_id, v_code, _ = row[:8]
        c_id, c_key, commune, d_id, d_key, district, v_name = row[8:]
        count, value, households = by_pairing.get(pid, (0, 0, 0))
        counted = 0 if pid in continued else 1
        total_activities += count
        total_value += value
        total_households += households
        d_group = (d_id, None if d_id is not None else d_key)
        c_group = (c_id, None if c_id is not None else c_key, *d_group)
        # (dict.get before building a group: 20,000 pairings should not build 60,000 dicts)
        c = communes.get(c_group)
        if c is None:
            c = communes[c_group] = _group(commune=commune, district=district)
        d = districts.get(d_group)
        if d is None:
            d = districts[d_group] = _group(district=district)
        for group in (c, d):
            group["villages"].add(v_id)
            group["pairings"] += counted
            group["activities"] += count
            group["value_vnd"] += value
        a = agencies.get(a_id)
        if a is None:
            a = agencies[a_id] = {
                "agency_code": a_code,
                "agency": a_name,
                "villages": set(),
                "activities": 0,
                "value_vnd": 0,
            }
        a["villages"].add(v_id)
        a["activities"] += count
        a["value_vnd"] += value
        done = count + visits_by_pairing.get(pid, 0)
        earlier = continues.get(pid)
        if earlier is not None and earlier in in_scope:
            done += by_pairing.get(earlier, (0, 0, 0))[0] + visits_by_pairing.get(earlier, 0)
        if pid not in continued and done == 0:
            idle.append(
                {
                    "agency_code": a_code,
                    "village_code": v_code,
                    "started_on": started_on,
                    "agency": a_name,
                    "village": v_name,
                }
            )
    for group in (*districts.values(), *communes.values(), *agencies.values()):
        group["villages"] = len(group["villages"])
    idle.sort(key=lambda r: (r["agency_code"], r["village_code"], r["started_on"]))

    outcomes = village_outcomes(session, year, {p[5] for p in pairings}, whole=not scoped)
    return {
        "year": year,
        "scope": {"district": _shown(session, district_wanted, "district"), "agency": agency_code}
        | ({"commune": _shown(session, commune_wanted, "commune")} if scope.commune else {})
        | ({"as_of": scope.as_of.isoformat()} if scope.as_of else {}),
        "totals": {
            "agencies": len({p[2] for p in pairings}),
            "villages": len({p[5] for p in pairings}),
            "pairings": len(pairings) - len(continued & in_scope),
            "new_pairings": sum(1 for p in pairings if is_in_years(p[1], year) and p[7] is None),
            "activities": total_activities,
            "value_vnd": total_value,
            "households_benefited": total_households,
            "household_pairings": household_pairings,
            "visits": sum(visits_by_pairing.values()),
            "aspirations_open": aspirations_open,
        },
        "by_district": sorted(
            districts.values(), key=lambda d: (d["district"] is None, sort_key(d["district"]))
        ),
        "by_commune": sorted(
            communes.values(),
            key=lambda c: (
                c["commune"] is None,
                sort_key(c["commune"]),
                c["district"] is None,
                sort_key(c["district"]),
            ),
        ),
        "by_agency": sorted(
            agencies.values(), key=lambda a: (-a["value_vnd"], sort_key(a["agency_code"]))
        ),
        "by_kind": sorted(
            ({"kind": k, "activities": c, "value_vnd": v} for k, (c, v) in kinds.items()),
            key=lambda r: (-r["value_vnd"], r["kind"]),
        ),
        "by_source": sorted(
            ({"source": s, "value_vnd": v} for s, v in sources.items()),
            key=lambda r: (-r["value_vnd"], r["source"] is None, r["source"] or ""),
        ),
        "idle_pairings": [r | {"started_on": r["started_on"].isoformat()} for r in idle],
        "unpaired_villages": unpaired,
        "outcomes": outcomes,
        "map": commune_map(session, year, scope.as_of, village_filter, agency_id, by_pairing),
        "collection": collection_figures(
            session, year, sorted({p[2] for p in pairings}) if scoped else None
        ),
        **locality_sections(
            session,
            year,
            agency_id,
            commune_wanted,
            district_scoped=district_wanted is not None,
        ),
    }


# Keys of the report that place its figures on today's map rather than the year's own: a filed
# report is not held to them (a corrected old→new mapping may move them; see reports.filing).
ON_TODAYS_MAP = ("map",)
# Keys that follow the collection round, not the year's records: forms come back after a year
# is filed, and a return is no drift of the filed figures (nor refused in a locked year).
ROUND_PROGRESS = ("collection",)


def commune_map(
    session: Session,
    year: int,
    as_of: dt.date | None,
    village_filter: Any,
    agency_id: Any,
    by_pairing: dict[int, tuple[int, int, int]],
) -> dict[str, Any]:
    """The report's villages on today's communes, for the map (reports/province_map.py): each
    village in the commune it was in at the end of the year (or `as_of`), and a commune that
    has ended since in its one successor (the old→new mapping). Per commune code: the paired
    villages and their activities and value in the year, and the villages of special
    difficulty with no pairing. Villages that cannot be drawn (a commune split over several
    new ones, or recorded text that names no unit) are counted, never guessed."""
    on = as_of or year_bounds(year)[1]
    here = place_at(on, "map_place")
    unit = aliased(AdminUnit, name="map_unit")
    heir = aliased(AdminUnit, name="map_heir")
    single = (
        select(
            sqlmodel.col(AdminSuccession.old_id),
            func.min(AdminSuccession.new_id).label("new_id"),
        )
        .group_by(sqlmodel.col(AdminSuccession.old_id))
        .having(func.count() == 1)
        .subquery("map_single")
    )
    ended = sqlmodel.col(unit.valid_to).is_not(None)
    today = (
        select(
            here.c.village_id,
            case((ended, heir.code), else_=unit.code).label("code"),
            case((ended, heir.short_name), else_=unit.short_name).label("name"),
            ended.label("mapped"),
        )
        .outerjoin(unit, sqlmodel.col(unit.id) == here.c.commune_id)
        .outerjoin(single, single.c.old_id == sqlmodel.col(unit.id))
        .outerjoin(heir, sqlmodel.col(heir.id) == single.c.new_id)
        .subquery("map_today")
    )
    keys = (today.c.code, today.c.name, today.c.mapped)
    # each active pairing in its commune; its activities of the year are the report's own
    # aggregate by pairing (`by_pairing`), not a second pass over the year's activities
    paired = (
        select(*keys, sqlmodel.col(Village.id), sqlmodel.col(Pairing.id))
        .select_from(Pairing)
        .join(Village, sqlmodel.col(Village.id) == Pairing.village_id)
        .join(today, today.c.village_id == Village.id)
        .where(active_during_year(Pairing.started_on, Pairing.ended_on, year))
    )
    if agency_id is not None:
        paired = paired.where(Pairing.agency_id == agency_id)
    rows: dict[Any, dict[str, Any]] = {}
    counts = {"mapped": 0, "unplaced": 0}

    def add(code: Any, name: Any, mapped: Any, placed: int, **figures: int) -> None:
        if code is None:
            counts["unplaced"] += placed
            return
        if mapped:
            counts["mapped"] += placed
        row = rows.setdefault(
            code,
            {
                "commune_code": code,
                "commune": name,
                "villages": 0,
                "activities": 0,
                "value_vnd": 0,
                "unpaired_villages": 0,
            },
        )
        for key, value in figures.items():
            row[key] += int(value)

    communes: dict[tuple[Any, Any, Any], tuple[set[int], list[int]]] = {}
    for code, name, mapped, village_id, pairing_id in session.execute(
        village_filter(paired, joined=False)
    ):
        villages, figures = communes.setdefault((code, name, mapped), (set(), [0, 0]))
        villages.add(village_id)
        count, value, _households = by_pairing.get(pairing_id, (0, 0, 0))
        figures[0] += count
        figures[1] += value
    for (code, name, mapped), (villages, (activities, value)) in communes.items():
        placed = len(villages)
        add(code, name, mapped, placed, villages=placed, activities=activities, value_vnd=value)
    if agency_id is None:  # as in unpaired_villages: an agency scope has none
        covered = select(sqlmodel.col(Pairing.village_id)).where(
            active_during_year(Pairing.started_on, Pairing.ended_on, year)
        )
        unpaired = (
            select(*keys, func.count())
            .select_from(Village)
            .join(today, today.c.village_id == Village.id)
            .where(
                sqlmodel.col(Village.special_difficulty).is_(True),
                sqlmodel.col(Village.id).not_in(covered),
            )
        )
        for code, name, mapped, villages in session.execute(
            village_filter(unpaired.group_by(*keys), joined=False)
        ):
            add(code, name, mapped, villages, unpaired_villages=villages)
    return {
        "on": on.isoformat(),
        "communes": [rows[code] for code in sorted(rows)],
        "mapped_villages": counts["mapped"],
        "unplaced_villages": counts["unplaced"],
    }


def _group(**names: Any) -> dict[str, Any]:
    return {**names, "villages": set(), "pairings": 0, "activities": 0, "value_vnd": 0}


def locality_sections(
    session: Session,
    year: int,
    agency_id: int | None = None,
    commune: str | None = None,
    district_scoped: bool = False,
) -> dict[str, list[dict[str, Any]]]:
    """Locality pairings active during the year (Chỉ thị 03-CT/TU) with their co-signers, and
    what each signer contributed in the year. An agency scope keeps the pairings it signed, as
    partner or co-signer; a commune scope (a folded name) the pairings of communes so named; a
    district scope keeps none (they pair communes, after districts)."""
    if district_scoped:
        return {"localities": [], "locality_contributors": []}
    partner = aliased(Agency)
    query = (
        select(
            col(LocalityPairing.id),
            col(partner.code),
            col(partner.name),
            col(AdminUnit.short_name),
            col(LocalityPairing.started_on),
        )
        .join(partner, col(partner.id) == col(LocalityPairing.agency_id))
        .join(AdminUnit, col(AdminUnit.id) == col(LocalityPairing.commune_id))
        .where(active_during_year(LocalityPairing.started_on, LocalityPairing.ended_on, year))
    )
    if agency_id is not None:
        signed = select(col(LocalityCosigner.pairing_id)).where(
            col(LocalityCosigner.agency_id) == agency_id
        )
        query = query.where(
            or_(col(LocalityPairing.agency_id) == agency_id, col(LocalityPairing.id).in_(signed))
        )
    if commune is not None:
        query = query.where(col(AdminUnit.name_key) == commune)
    found = {row[0]: row for row in session.execute(query)}
    if not found:
        return {"localities": [], "locality_contributors": []}
    contributor = aliased(Agency)
    given = session.execute(
        select(
            col(Contribution.pairing_id),
            col(contributor.code),
            col(contributor.name),
            func.count(),
            func.coalesce(func.sum(Contribution.value_vnd), 0),
        )
        .join(contributor, col(contributor.id) == col(Contribution.agency_id))
        .where(
            in_years(Contribution.date, year),
            col(Contribution.pairing_id).in_(sorted(found)),
        )
        .group_by(col(Contribution.pairing_id), col(contributor.code), col(contributor.name))
    ).all()
    cosigners: dict[int, list[str]] = defaultdict(list)
    cosigner_names: dict[int, list[str]] = defaultdict(list)
    for pid, code, name in session.execute(
        select(col(LocalityCosigner.pairing_id), col(Agency.code), col(Agency.name))
        .join(Agency, col(Agency.id) == col(LocalityCosigner.agency_id))
        .where(col(LocalityCosigner.pairing_id).in_(sorted(found)))
        .order_by(col(Agency.code))
    ):
        cosigners[pid].append(code)
        cosigner_names[pid].append(name)
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    contributors = []
    for pid, code, name, count, value in given:
        totals[pid][0] += count
        totals[pid][1] += int(value)
        _, p_code, p_name, commune, _ = found[pid]
        contributors.append(
            {
                "agency_code": p_code,
                "commune": commune,
                "contributor_code": code,
                "contributor": name,
                "contributions": count,
                "value_vnd": int(value),
                "agency": p_name,
            }
        )
    rows = [
        {
            "agency_code": p_code,
            "agency": p_name,
            "commune": commune,
            "started_on": started.isoformat(),
            "cosigners": cosigners.get(pid, []),
            "contributions": totals[pid][0],
            "value_vnd": totals[pid][1],
            "cosigner_names": cosigner_names.get(pid, []),
        }
        for pid, p_code, p_name, commune, started in found.values()
    ]
    rows.sort(key=lambda r: (sort_key(r["agency"]), sort_key(r["commune"]), r["started_on"]))
    contributors.sort(
        key=lambda r: (
            r["agency_code"],
            sort_key(r["commune"]),
            -r["value_vnd"],
            r["contributor_code"],
        )
    )
    return {"localities": rows, "locality_contributors": contributors}


AIM_OUT_OF_POVERTY = 2  # households helped out of poverty a year per village (the 2–3 aim)
SPECIAL_DIFFICULTY_RATE = 20.0  # QĐ 33/2020: a poverty rate of 20% or more


def village_outcomes(
    session: Session, year: int, village_ids: set[int], whole: bool = False
) -> dict[str, Any]:
    """Poor households at the start (figures of Y-1) and end (figures of Y) of the year in the
    villages paired during Y; who met the aim; who is especially difficult by the figures."""
    figures: dict[int, dict[int, tuple[int | None, int | None]]] = defaultdict(dict)
    names: dict[int, tuple[str, str]] = {}
    if village_ids:
        query = (
            select(
                col(VillageStat.village_id),
                col(VillageStat.year),
                col(VillageStat.households),
                col(VillageStat.poor_households),
                col(Village.code),
                col(Village.name),
            )
            .join(Village, col(Village.id) == col(VillageStat.village_id))
            .where(
                col(VillageStat.year).in_((year - 1, year)),
                # the whole province: every village paired during the year, asked of the
                # database rather than sent as thousands of parameters
                col(VillageStat.village_id).in_(
                    select(col(Pairing.village_id)).where(
                        active_during_year(Pairing.started_on, Pairing.ended_on, year)
                    )
                    if whole
                    else sorted(village_ids)
                ),
            )
        )
        for v_id, y, households, poor, code, name in session.execute(query):
            figures[v_id][y] = (households, poor)
            names[v_id] = (code, name)
    rows = []
    special = []
    for v_id, (code, name) in sorted(names.items(), key=lambda item: item[1][0]):
        start = figures[v_id].get(year - 1, (None, None))[1]
        households, end = figures[v_id].get(year, (None, None))
        out = max(start - end, 0) if start is not None and end is not None else None
        if year in figures[v_id]:
            rows.append(
                {
                    "village_code": code,
                    "village": name,
                    "poor_start": start,
                    "poor_end": end,
                    "out_of_poverty": out,
                    "met_aim": out is not None and out >= AIM_OUT_OF_POVERTY,
                }
            )
            if households and end is not None:
                rate = round(end * 100 / households, 1)
                if rate >= SPECIAL_DIFFICULTY_RATE:
                    special.append({"village_code": code, "village": name, "poverty_rate": rate})
    both = [r for r in rows if r["out_of_poverty"] is not None]
    return {
        "villages_with_figures": len(rows),
        "poor_start": sum(r["poor_start"] for r in both),
        "poor_end": sum(r["poor_end"] for r in both),
        "out_of_poverty": sum(r["out_of_poverty"] for r in both),
        "villages_meeting_aim": sum(1 for r in rows if r["met_aim"]),
        "special_difficulty_by_figures": special,
        "by_village": rows,
    }


def _shown(session: Session, key: str | None, level: str) -> str | None:
    """A scope's place as reports show it: "dak doa" → "Đăk Đoa", the official name."""
    return place_name(session, key, level) if key is not None else None


def _scoped(query: Any, scoped: bool, column: Any, pairing_ids: set[int]) -> Any:
    if not scoped:
        return query
    return query.where(column.in_(sorted(pairing_ids)))


def _scope_visits(query: Any, agency_id: int | None, village_filter: Any) -> Any:
    query = query.join(Pairing, Pairing.id == Visit.pairing_id).join(
        Village, Village.id == Pairing.village_id
    )
    if agency_id is not None:
        query = query.where(Pairing.agency_id == agency_id)
    return village_filter(query)
