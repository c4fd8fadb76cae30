"""periods: each SQL builder says on SQLite and on PostgreSQL what its Python twin says, on
random periods and dates around the turn of the years (ends empty or not, starts empty where
"since ever" is allowed), with columns and plain dates on either side; and never NULL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Date, Integer, MetaData, Table, create_engine, delete, insert, select

from ketnghia import periods
from ketnghia.db import target_to_url

PROBE = Table(
    "period_probe",
    MetaData(),
    Column("id", Integer, primary_key=True),
    *(Column(name, Date) for name in ("s1", "e1", "s2", "e2", "day", "o1", "o2")),
    prefixes=["TEMPORARY"],
)
YEARS = (2023, 2024, 2025)
# the days either side of each new year, often (and so often the same day twice), else any day
EDGES = sorted(
    {dt.date(y, 1, 1) + dt.timedelta(days=d) for y in (*YEARS, 2026) for d in (-2, -1, 0, 1)}
)
DAYS = st.one_of(
    st.sampled_from(EDGES), st.dates(min_value=dt.date(2022, 12, 25), max_value=dt.date(2026, 1, 8))
)
MAYBE = st.one_of(st.none(), DAYS)
ROW = st.fixed_dictionaries(
    {"s1": DAYS, "e1": MAYBE, "s2": DAYS, "e2": MAYBE, "day": DAYS, "o1": MAYBE, "o2": MAYBE}
)
CASE = st.fixed_dictionaries(
    {
        "rows": st.lists(ROW, min_size=1, max_size=12),
        "year": st.sampled_from(YEARS),
        "first": DAYS,
        "last": MAYBE,
        "on": DAYS,
    }
)

# name → (SQL builder on the probe's columns `c` and the case's plain values `v`, its twin on
# one row `r` and the same values)
Pair = tuple[Callable[[Any, dict[str, Any]], Any], Callable[[dict[str, Any], dict[str, Any]], bool]]
FORMS: dict[str, Pair] = {
    "overlaps columns": (
        lambda c, v: periods.overlaps(c.s1, c.e1, c.s2, c.e2),
        lambda r, v: periods.is_overlapping(r["s1"], r["e1"], r["s2"], r["e2"]),
    ),
    "overlaps dates": (
        lambda c, v: periods.overlaps(c.s1, c.e1, v["first"], v["last"]),
        lambda r, v: periods.is_overlapping(r["s1"], r["e1"], v["first"], v["last"]),
    ),
    "overlaps since ever": (
        lambda c, v: periods.overlaps(c.o1, c.e1, c.o2, c.e2, open_start=True),
        lambda r, v: periods.is_overlapping(r["o1"], r["e1"], r["o2"], r["e2"]),
    ),
    "active on a dated column": (
        lambda c, v: periods.active_on(c.s1, c.e1, c.day),
        lambda r, v: periods.is_active_on(r["s1"], r["e1"], r["day"]),
    ),
    "active on a date": (
        lambda c, v: periods.active_on(c.s1, c.e1, v["on"]),
        lambda r, v: periods.is_active_on(r["s1"], r["e1"], v["on"]),
    ),
    "active on, since ever": (
        lambda c, v: periods.active_on(c.o1, c.e1, v["on"], open_start=True),
        lambda r, v: periods.is_active_on(r["o1"], r["e1"], v["on"]),
    ),
    "active during the year": (
        lambda c, v: periods.active_during_year(c.s1, c.e1, v["year"]),
        lambda r, v: periods.is_active_during_year(r["s1"], r["e1"], v["year"]),
    ),
    "outside a stored period": (
        lambda c, v: periods.outside(c.day, c.s1, c.e1),
        lambda r, v: periods.is_outside(r["day"], r["s1"], r["e1"]),
    ),
    "outside a given period": (
        lambda c, v: periods.outside(c.day, v["first"], v["last"]),
        lambda r, v: periods.is_outside(r["day"], v["first"], v["last"]),
    ),
    "in the year": (
        lambda c, v: periods.in_years(c.day, v["year"]),
        lambda r, v: periods.is_in_years(r["day"], v["year"]),
    ),
    "in the years": (
        lambda c, v: periods.in_years(c.day, v["year"], v["year"] + 1),
        lambda r, v: periods.is_in_years(r["day"], v["year"], v["year"] + 1),
    ),
}


def test_year_bounds_are_the_first_and_last_day() -> None:
    assert periods.year_bounds(2024) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert periods.year_bounds(2024, 2025) == (dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    assert periods.is_active_during_year(dt.date(2024, 12, 31), None, 2024)
    assert periods.is_active_during_year(dt.date(2020, 1, 1), dt.date(2024, 1, 1), 2024)
    assert not periods.is_active_during_year(dt.date(2020, 1, 1), dt.date(2023, 12, 31), 2024)
    assert not periods.is_active_during_year(dt.date(2025, 1, 1), None, 2024)


def test_sql_forms_agree_with_their_python_twins(db_url: str) -> None:
    engine = create_engine(target_to_url(db_url))
    try:
        with engine.connect() as conn:
            PROBE.create(conn)

            @settings(
                max_examples=50,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow],
                database=None,
            )
            @given(CASE)
            def agree(case: dict[str, Any]) -> None:
                rows = [{"id": i, **row} for i, row in enumerate(case["rows"])]
                conn.execute(delete(PROBE))
                conn.execute(insert(PROBE), rows)
                names = list(FORMS)
                query = select(
                    PROBE.c.id,
                    *(FORMS[n][0](PROBE.c, case).label(f"f{i}") for i, n in enumerate(names)),
                ).order_by(PROBE.c.id)
                for row, result in zip(rows, conn.execute(query), strict=True):
                    for i, name in enumerate(names):
                        got = result[i + 1]
                        assert got is not None, (name, row, case)
                        assert bool(got) == FORMS[name][1](row, case), (name, row, case)

            agree()
            conn.rollback()
    finally:
        engine.dispose()
