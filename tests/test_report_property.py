"""Property: on random data, the annual report equals a naive computation over all rows."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketnghia.db import Database
from ketnghia.reports.annual import Scope, annual_report
from ketnghia.services.dated_records import activities as activity_service
from ketnghia.services.dated_records import visits as visit_service
from ketnghia.services.households import add_household
from ketnghia.services.pairings import add_pairing
from ketnghia.services.registers import agencies as agency_service
from ketnghia.services.registers import villages as village_service
from ketnghia.text import sort_key

DISTRICTS = ["Chư Păh", "chu pah", "Chư Prông", "Đak Đoa", "Ayun Pa", None]
# One district is one row, under its official name, however it was recorded.
OFFICIAL = {"chu pah": "Chư Păh", "Đak Đoa": "Đăk Đoa"}
KINDS = ["construction", "gifts", "health"]
SOURCES = ["agency", "staff", None]
DAY0 = dt.date(2023, 1, 1)
days = st.integers(0, 3 * 365 - 1).map(lambda n: DAY0 + dt.timedelta(days=n))


@st.composite
def provinces(draw):  # type: ignore[no-untyped-def]
    n_agencies = draw(st.integers(1, 3))
    villages = draw(
        st.lists(st.tuples(st.sampled_from(DISTRICTS), st.booleans()), min_size=1, max_size=4)
    )
    pairings = []
    for a in range(n_agencies):
        for v in range(len(villages)):
            if not draw(st.booleans()):
                continue
            start = draw(days)
            end = draw(st.none() | st.integers(0, 500).map(lambda n, s=start: s + dt.timedelta(n)))
            pairings.append((a, v, start, end))
            if end is not None and draw(st.booleans()):
                restart = end + dt.timedelta(days=draw(st.integers(1, 200)))
                pairings.append((a, v, restart, None))
    records = []
    for index, (_a, _v, start, end) in enumerate(pairings):
        last = end or dt.date(2025, 12, 31)
        span = max((last - start).days, 0)
        for _ in range(draw(st.integers(0, 3))):
            day = start + dt.timedelta(days=draw(st.integers(0, span)))
            records.append(
                (
                    "activity",
                    index,
                    day,
                    draw(st.sampled_from(KINDS)),
                    draw(st.integers(0, 5).map(lambda n: n * 1_000_000)),
                    draw(st.sampled_from(SOURCES)),
                    draw(st.none() | st.integers(0, 9)),
                )
            )
        for day_offset in draw(st.sets(st.integers(0, span), max_size=2)):
            day = start + dt.timedelta(days=day_offset)
            resolved = draw(
                st.none() | st.integers(0, 400).map(lambda n, d=day: d + dt.timedelta(n))
            )
            records.append(("visit", index, day, draw(st.booleans()), resolved))
    households = [
        (draw(st.integers(0, len(villages) - 1)), start, end)
        for start, end in draw(st.lists(st.tuples(days, st.none() | days), max_size=3))
        if end is None or end >= start
    ]
    return n_agencies, villages, pairings, records, households


def naive(year, n_agencies, villages, pairings, records, households, scope):  # type: ignore[no-untyped-def]
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    villages = [(OFFICIAL.get(d, d), special) for d, special in villages]  # type: ignore[arg-type]

    def active(start, end):  # type: ignore[no-untyped-def]
        return start <= last and (end is None or end >= first)

    def in_scope(p):  # type: ignore[no-untyped-def]
        a, v = pairings[p][0], pairings[p][1]
        if scope.district is not None and villages[v][0] != scope.district:
            return False
        return not (scope.agency is not None and f"A{a}" != scope.agency)

    live = [i for i, (_, _, s, e) in enumerate(pairings) if active(s, e) and in_scope(i)]
    acts = [r for r in records if r[0] == "activity" and first <= r[2] <= last and r[1] in live]
    vis = [r for r in records if r[0] == "visit" and first <= r[2] <= last and r[1] in live]
    scope_villages = {pairings[p][1] for p in live}

    def visit_in_scope(r):  # type: ignore[no-untyped-def]
        return (scope.district is None and scope.agency is None) or in_scope(r[1])

    open_asp = [
        r
        for r in records
        if r[0] == "visit"
        and r[2] <= last
        and r[3]
        and (r[4] is None or r[4] > last)
        and visit_in_scope(r)
    ]

    def village_ok(v):  # type: ignore[no-untyped-def]
        if scope.agency is not None:
            return v in scope_villages
        return scope.district is None or villages[v][0] == scope.district

    hh = [h for h in households if active(h[1], h[2]) and village_ok(h[0])]
    by_district: dict = {}
    by_agency: dict = {}
    for p in live:
        a, v = pairings[p][0], pairings[p][1]
        mine = [r for r in acts if r[1] == p]
        d = by_district.setdefault(villages[v][0], [set(), 0, 0, 0])
        d[0].add(v)
        d[1] += 1
        d[2] += len(mine)
        d[3] += sum(r[4] for r in mine)
        g = by_agency.setdefault(a, [set(), 0, 0])
        g[0].add(v)
        g[1] += len(mine)
        g[2] += sum(r[4] for r in mine)
    kinds: dict = {}
    sources: dict = {}
    for r in acts:
        kinds.setdefault(r[3], [0, 0])
        kinds[r[3]][0] += 1
        kinds[r[3]][1] += r[4]
        sources[r[5]] = sources.get(r[5], 0) + r[4]
    covered = {pairings[i][1] for i, (_, _, s, e) in enumerate(pairings) if active(s, e)}
    unpaired = (
        []
        if scope.agency is not None
        else [
            f"V{v}"
            for v, (district, special) in enumerate(villages)
            if special
            and v not in covered
            and (scope.district is None or district == scope.district)
        ]
    )
    idle = [
        (f"A{pairings[p][0]}", f"V{pairings[p][1]}", pairings[p][2].isoformat())
        for p in live
        if not any(r[1] == p for r in acts) and not any(r[1] == p for r in vis)
    ]
    return {
        "totals": {
            "agencies": len({pairings[p][0] for p in live}),
            "villages": len(scope_villages),
            "pairings": len(live),
            "new_pairings": sum(1 for p in live if first <= pairings[p][2] <= last),
            "activities": len(acts),
            "value_vnd": sum(r[4] for r in acts),
            "households_benefited": sum(r[6] or 0 for r in acts),
            "household_pairings": len(hh),
            "visits": len(vis),
            "aspirations_open": len(open_asp),
        },
        "by_district": sorted(
            ([d, len(x[0]), x[1], x[2], x[3]] for d, x in by_district.items()),
            key=lambda r: (r[0] is None, sort_key(r[0])),
        ),
        "by_agency": sorted(
            ([f"A{a}", len(x[0]), x[1], x[2]] for a, x in by_agency.items()),
            key=lambda r: (-r[3], r[0]),
        ),
        "by_kind": sorted(([k, c, v] for k, (c, v) in kinds.items()), key=lambda r: (-r[2], r[0])),
        "by_source": sorted(
            ([s, v] for s, v in sources.items()), key=lambda r: (-r[1], r[0] is None, r[0] or "")
        ),
        "idle_pairings": sorted(idle),
        "unpaired_villages": sorted(unpaired),
    }


def shape(report: dict) -> dict:  # type: ignore[type-arg]
    return {
        "totals": report["totals"],
        "by_district": [
            [r["district"], r["villages"], r["pairings"], r["activities"], r["value_vnd"]]
            for r in report["by_district"]
        ],
        "by_agency": [
            [r["agency_code"], r["villages"], r["activities"], r["value_vnd"]]
            for r in report["by_agency"]
        ],
        "by_kind": [[r["kind"], r["activities"], r["value_vnd"]] for r in report["by_kind"]],
        "by_source": [[r["source"], r["value_vnd"]] for r in report["by_source"]],
        "idle_pairings": [
            (r["agency_code"], r["village_code"], r["started_on"]) for r in report["idle_pairings"]
        ],
        "unpaired_villages": [r["village_code"] for r in report["unpaired_villages"]],
    }


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=provinces(),
    year=st.sampled_from([2023, 2024, 2025]),
    scope=st.sampled_from([Scope(), Scope(district="Chư Păh"), Scope(agency="A0")]),
)
def test_report_equals_naive_computation(
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    data,
    year,
    scope,  # type: ignore[no-untyped-def]
) -> None:
    n_agencies, villages, pairings, records, households = data
    path = tmp_path_factory.mktemp("prop") / "k.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(path)
    with db.write() as s:
        for a in range(n_agencies):
            agency_service.add(s, {"code": f"A{a}", "name": f"Cơ quan {a}"})
        for v, (district, special) in enumerate(villages):
            village_service.add(
                s,
                {
                    "code": f"V{v}",
                    "name": f"Làng {v}",
                    "district": district,
                    "special_difficulty": special,
                },
            )
        for a, v, start, end in pairings:
            add_pairing(
                s,
                {
                    "agency_code": f"A{a}",
                    "village_code": f"V{v}",
                    "started_on": start,
                    "ended_on": end,
                },
            )
        for n, r in enumerate(records):
            a, v = pairings[r[1]][0], pairings[r[1]][1]
            base = {"agency_code": f"A{a}", "village_code": f"V{v}", "date": r[2]}
            if r[0] == "activity":
                activity_service.add(
                    s,
                    base
                    | {
                        "kind": r[3],
                        "title": f"T{n}",
                        "value_vnd": r[4],
                        "source": r[5],
                        "households_benefited": r[6],
                    },
                )
            else:
                visit_service.add(
                    s, base | {"aspirations": "Nguyện vọng" if r[3] else None, "resolved_on": r[4]}
                )
        for n, (v, start, end) in enumerate(households):
            add_household(
                s,
                {
                    "village_code": f"V{v}",
                    "helper": f"H{n}",
                    "helped": f"P{n}",
                    "started_on": start,
                    "ended_on": end,
                },
            )
    with db.session() as s:
        got = annual_report(s, year, scope)
    db.close()
    assert shape(got) == naive(year, *data, scope)
