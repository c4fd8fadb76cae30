"""Rows of a file become rows for the database: values parsed, codes resolved to ids.

One Converter per table. It raises RowProblems with every problem of a row — each value that
does not parse, each code that names nothing, each rule between fields whose values are there
to check — as (column key, reason) in the order of the file's columns; the loader turns each
into FILE:ROW:COLUMN. Reference maps (code → id, pairings by agency and village) are loaded
once per import and refreshed after each kind is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlmodel import Session, col

from ketnghia.errors import InvalidValue
from ketnghia.formula_guard import unguard
from ketnghia.i18n import t
from ketnghia.importing.readers import Repeated
from ketnghia.models import (
    AdminUnit,
    Agency,
    LocalityCosigner,
    LocalityPairing,
    Pairing,
    Village,
)
from ketnghia.periods import is_active_on
from ketnghia.schema import Kind
from ketnghia.services.admin_units.names import unit_key
from ketnghia.services.fields import check_poor_households, field_parser
from ketnghia.text import fold
from ketnghia.values import ValueProblem, check_id, parse_int

if TYPE_CHECKING:
    from ketnghia.importing.returns import ReturnedForm

# Values repeat heavily in a file (dates, kinds, codes): each column remembers what its text
# cells parsed to, up to this many distinct values, so memory stays flat however long the file.
CACHE_LIMIT = 1 << 15
# Parsers whose result is mutable (lists) are not cached: rows must not share one object.
UNCACHED_TYPES = {"agencies"}
_MISSING = object()
T = TypeVar("T")


class RowProblem(Exception):
    """One problem of a row: the column (its canonical key) and the reason."""

    def __init__(self, key: str, reason: str) -> None:
        self.key = key
        self.reason = reason
        super().__init__(reason)


class RowProblems(Exception):
    """Every problem of one row, as (column key, reason), in the order of the file's columns."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__(problems)


# The pairings of one agency and village: sorted [(started_on, ended_on or None, pairing_id)]
Periods = list[tuple[dt.date, dt.date | None, int]]


@dataclass
class References:
    """Code → id maps and pairing periods, loaded once and refreshed after each kind."""

    session: Session
    agencies: dict[str, int] = field(default_factory=dict)
    villages: dict[str, int] = field(default_factory=dict)
    # (agency_id, village_id) → sorted [(started_on, ended_on or None, pairing_id)]
    pairings: dict[tuple[int, int], Periods] = field(default_factory=dict)
    # administrative communes: code and folded name → [(id, valid_from, valid_to)]
    communes: dict[str, list[tuple[int, Any, Any]]] = field(default_factory=dict)
    commune_names: dict[int, str] = field(default_factory=dict)
    # (agency_id, commune_id) → sorted [(started_on, ended_on or None, locality pairing id)]
    localities: dict[tuple[int, int], Periods] = field(default_factory=dict)
    cosigners: dict[int, set[int]] = field(default_factory=dict)
    locality_agencies: set[int] = field(default_factory=set)

    def refresh(self, kinds: set[str]) -> None:
        if "agencies" in kinds:
            self.agencies = dict(
                self.session.execute(select(col(Agency.code), col(Agency.id))).all()
            )
            self.locality_agencies = set(
                self.session.scalars(select(col(Agency.id)).where(col(Agency.kind) == "locality"))
            )
        if "villages" in kinds:
            self.villages = dict(
                self.session.execute(select(col(Village.code), col(Village.id))).all()
            )
        if "pairings" in kinds:
            found: dict[tuple[int, int], list[tuple[dt.date, dt.date | None, int]]] = {}
            query = select(
                col(Pairing.agency_id),
                col(Pairing.village_id),
                col(Pairing.started_on),
                col(Pairing.ended_on),
                col(Pairing.id),
            ).order_by(col(Pairing.started_on))
            for agency_id, village_id, start, end, pid in self.session.execute(query):
                found.setdefault((agency_id, village_id), []).append((start, end, pid))
            self.pairings = found
        if "communes" in kinds:
            self._refresh_communes()
        if "localities" in kinds:
            self._refresh_localities()

    def _refresh_communes(self) -> None:
        self.communes, self.commune_names = {}, {}
        query = select(
            col(AdminUnit.id),
            col(AdminUnit.code),
            col(AdminUnit.name_key),
            col(AdminUnit.name),
            col(AdminUnit.valid_from),
            col(AdminUnit.valid_to),
        ).where(col(AdminUnit.level) == "commune")
        for uid, code, key, name, start, end in self.session.execute(query):
            for index in (code, key):
                self.communes.setdefault(index, []).append((uid, start, end))
            self.commune_names[uid] = name

    def _refresh_localities(self) -> None:
        found: dict[tuple[int, int], Periods] = {}
        query = select(
            col(LocalityPairing.agency_id),
            col(LocalityPairing.commune_id),
            col(LocalityPairing.started_on),
            col(LocalityPairing.ended_on),
            col(LocalityPairing.id),
        ).order_by(col(LocalityPairing.started_on))
        for agency_id, commune_id, start, end, pid in self.session.execute(query):
            found.setdefault((agency_id, commune_id), []).append((start, end, pid))
        self.localities = found
        self.cosigners = {}
        for pid, agency_id in self.session.execute(
            select(col(LocalityCosigner.pairing_id), col(LocalityCosigner.agency_id))
        ):
            self.cosigners.setdefault(pid, set()).add(agency_id)

    def commune(self, ref: str, on: dt.date, key: str) -> int:
        """A commune by code or by name, as it was on a date (names may repeat over time)."""
        index = ref if ref.isdigit() else unit_key(ref)
        found = {
            uid for uid, start, end in self.communes.get(index, ()) if is_active_on(start, end, on)
        }
        if len(found) == 1:
            return found.pop()
        if not found:
            raise RowProblem(key, t("not_found", kind=t("rec_commune"), key=ref))
        names = ", ".join(sorted(self.commune_names[u] for u in found))
        raise RowProblem(key, t("ambiguous", kind=t("rec_commune"), key=ref, candidates=names))

    def agency(self, code: str, key: str) -> int:
        return _lookup(self.agencies, code, key, "rec_agency")

    def village(self, code: str, key: str) -> int:
        return _lookup(self.villages, code, key, "rec_village")

    def pairing_on(self, agency_id: int, village_id: int, on: dt.date) -> int | None:
        return _active_on(self.pairings.get((agency_id, village_id), []), on)


def _active_on(periods: Periods, on: dt.date) -> int | None:
    # pairings of one agency and village do not overlap: only the latest one that started
    # on or before the date can hold it
    for start, end, pid in reversed(periods):
        if start <= on:
            return pid if is_active_on(start, end, on) else None
    return None


def _lookup(table: dict[str, int], code: str, key: str, record: str) -> int:
    found = table.get(code)
    if found is None:
        # codes are matched exactly, then ignoring case (never by name in a batch)
        lowered = {c.casefold(): i for c, i in table.items()}
        found = lowered.get(code.casefold())
    if found is None:
        raise RowProblem(key, t("not_found", kind=t(record), key=code))
    return found


Parser = Callable[[Any], Any]


def _poor_households(values: dict[str, Any]) -> None:
    try:
        check_poor_households(values)
    except InvalidValue as exc:
        raise RowProblem(exc.field, exc.reason_text()) from None


class Converter:
    """Parses one row of a table of `kind` whose columns are mapped to canonical keys."""

    def __init__(
        self,
        kind: Kind,
        columns: dict[int, str],
        refs: References,
        guard: bool,
        record_ids: tuple[int, int, str] | None = None,
        form: ReturnedForm | None = None,
    ):
        """`record_ids`: where the `id` and `database_id` columns are and this database's id,
        when the file has both: a row exported from this database names its record by id.
        `form`: the returned form of the collection round the table is a sheet of: its rows
        stay within its agency and villages, and `_untouched` says a row is as it was sent."""
        self.kind = kind
        self.form = form
        self.record_ids = record_ids
        self.columns = columns
        self.refs = refs
        self.guard = guard
        self.present = set(columns.values())
        # per column: position, key, parser, its cache (text cell → parsed value; None for
        # mutable values) and the cache's lookup (of an empty dict when there is none)
        self.parsers: list[tuple[int, str, Parser, dict[str, Any] | None, Callable]] = []
        for pos, key in columns.items():
            cache: dict[str, Any] | None = None
            if kind.field(key).type not in UNCACHED_TYPES:
                cache = {}
            lookup = (cache if cache is not None else {}).get
            self.parsers.append((pos, key, field_parser(kind, key), cache, lookup))
        self.width = max(columns, default=-1) + 1
        self.required = [f.key for f in kind.input_fields if f.required]
        self.convert_kind = getattr(self, f"_{kind.name}")
        # (agency code, village code) → the periods of their pairings, for dated records
        self.periods: dict[tuple[str, str], Periods] = {}
        # the order problems of a row are told in: the file's columns ("id" where it is)
        self.order = {key: pos for pos, key in columns.items()}
        if record_ids is not None:
            self.order["id"] = record_ids[0]
        # the problems of the row being converted
        self.found: list[tuple[str, str]] = []

    def values(self, cells: list[Any]) -> dict[str, Any]:
        """The row's values by key; a value that does not parse is a problem, and None."""
        if len(cells) < self.width:
            cells = [*cells, *[None] * (self.width - len(cells))]
        values: dict[str, Any] = {}
        missing = _MISSING
        failed = 0
        for position, key, parser, cache, lookup in self.parsers:
            raw = cells[position]
            # only text is looked up: 1, 1.0 and True are equal keys but parse differently
            value = lookup(raw, missing) if type(raw) is str else missing
            if value is missing:
                try:
                    value = self._parse(key, parser, raw)
                except RowProblem as problem:
                    self.found.append((problem.key, problem.reason))
                    failed += 1
                    values[key] = None
                    continue
                if cache is not None and type(raw) is str and len(cache) < CACHE_LIMIT:
                    cache[raw] = value
            values[key] = value
        reported = {key for key, _ in self.found} if failed else ()
        for key in self.required:
            value = values.get(key)
            if not value and (value is None or value == []) and key not in reported:
                self.found.append((key, t("required")))
        return values

    def _parse(self, key: str, parser: Parser, raw: Any) -> Any:
        if type(raw) is Repeated:  # a key given twice in one JSON object
            shown = ", ".join(_quoted(value) for value in raw.values)
            raise RowProblem(key, t("key_twice", values=shown))
        if self.guard and raw and raw[0] == "'":
            raw = unguard(raw)
        try:
            return parser(raw)
        except ValueProblem as problem:
            raise RowProblem(key, t(problem.reason, **problem.params)) from None

    def convert(self, cells: list[Any]) -> dict[str, Any]:
        """The database row (column → value) for one row of the file; `_id` is the stored
        record the row names by id, if any. Raises RowProblems with every problem found."""
        self.found = []
        values = self.values(cells)
        as_read = dict(values) if self.form is not None else values  # before codes become ids
        row = self.convert_kind(values)
        if self.record_ids is not None:
            record_ids = self.record_ids
            row["_id"] = self._checked(lambda: self._record_id(cells, *record_ids))
        if self.form is not None:
            row["_untouched"] = self.form.as_sent(self.kind, row.get("_id"), as_read)
        if self.found:
            found = self.found
            if len(found) > 1:
                last = len(self.order)
                found.sort(key=lambda problem: self.order.get(problem[0], last))
            raise RowProblems(found)
        return row

    def _checked(self, check: Callable[[], T]) -> T | None:
        """What `check` gives, or None when it finds a problem (kept with the row's others)."""
        try:
            return check()
        except RowProblem as problem:
            self.found.append((problem.key, problem.reason))
            return None

    def _record_id(self, cells: list[Any], id_at: int, database_at: int, ours: str) -> int | None:
        """The row's id, when the row says it comes from this database; else None (the row
        is matched by natural key)."""
        source = cells[database_at] if database_at < len(cells) else None
        if source is None or str(source).strip().lower() != ours:
            return None
        return self._parse("id", _parse_id, cells[id_at] if id_at < len(cells) else None)

    def _agency(self, v: dict[str, Any], key: str) -> int | None:
        """The id of the agency whose code is in column `key` (taken out of `v`); None when
        the cell is empty or bad (told already) or names no agency (a problem)."""
        code = v.pop(key, None)
        return None if code is None else self._checked(lambda: self.refs.agency(code, key))

    def _village(self, v: dict[str, Any], key: str = "village_code") -> int | None:
        code = v.pop(key, None)
        return None if code is None else self._checked(lambda: self.refs.village(code, key))

    def _outside_form(
        self, agency_id: int | None, agency_code: Any, village_id: int, village_code: Any
    ) -> bool:
        """A returned form's row for another agency or a village not the agency's: a
        problem (before its pairing is looked for)."""
        if self.form is None:
            return False
        problem = self.form.outside(agency_id, agency_code, village_id, village_code)
        if problem is not None:
            self.found.append(problem)
        return problem is not None

    def _commune(self, v: dict[str, Any], on: dt.date | None) -> int | None:
        ref = v.pop("commune", None)
        if ref is None or on is None:
            return None
        return self._checked(lambda: self.refs.commune(ref, on, "commune"))

    # -- per kind ----------------------------------------------------------------------
    def _agencies(self, v: dict[str, Any]) -> dict[str, Any]:
        v["name_key"] = fold(v["name"]) if v.get("name") else None
        if "kind" in v and v["kind"] is None:
            v["kind"] = "other"
        return v

    def _villages(self, v: dict[str, Any]) -> dict[str, Any]:
        v["name_key"] = fold(v["name"]) if v.get("name") else None
        self._checked(lambda: _poor_households(v))
        if "special_difficulty" in v and v["special_difficulty"] is None:
            v["special_difficulty"] = False
        return v

    def _village_stats(self, v: dict[str, Any]) -> dict[str, Any]:
        v["village_id"] = self._village(v)
        self._checked(lambda: _poor_households(v))
        return v

    def _dates(self, v: dict[str, Any], start: str, end: str, reason: str) -> None:
        if v.get(end) is not None and v.get(start) is not None and v[end] < v[start]:
            params = {end: v[end].isoformat(), start: v[start].isoformat()}
            if reason == "resolved_before_visit":
                params = {"resolved_on": v[end].isoformat(), "date": v[start].isoformat()}
            self.found.append((end, t(reason, **params)))

    def _pairings(self, v: dict[str, Any]) -> dict[str, Any]:
        agency_id = self._agency(v, "agency_code")
        village_id = self._village(v)
        self._dates(v, "started_on", "ended_on", "ended_before_started")
        self._other_agencies(v, "supporters", agency_id)
        v["agency_id"], v["village_id"] = agency_id, village_id
        return v

    def _other_agencies(self, v: dict[str, Any], key: str, agency_id: int | None) -> None:
        """A list of other agencies (supporters, co-signers) → their sorted ids in
        `_supporters`; the record's own agency may not be one of them."""
        codes = v.pop(key, None)
        if codes is None:
            return
        ids = []
        for code in codes:
            other = self._checked(functools.partial(self.refs.agency, code, key))
            if other is None:
                continue
            if other == agency_id:
                self.found.append((key, t("supporter_is_agency", agency=code)))
            elif other not in ids:
                ids.append(other)
        v["_supporters"] = ";".join(map(str, sorted(ids)))

    def _households(self, v: dict[str, Any]) -> dict[str, Any]:
        village_code = v.get("village_code")
        v["village_id"] = self._village(v)
        if v["village_id"] is not None:
            self._outside_form(None, None, v["village_id"], village_code)
        self._dates(v, "started_on", "ended_on", "ended_before_started")
        return v

    def _dated(self, v: dict[str, Any]) -> dict[str, Any]:
        agency_code, village_code = v.get("agency_code"), v.get("village_code")
        periods = self.periods.get((agency_code, village_code))  # type: ignore[arg-type]
        if periods is None:
            agency_id, village_id = self._agency(v, "agency_code"), self._village(v)
            if agency_id is None or village_id is None:
                return v
            if self._outside_form(agency_id, agency_code, village_id, village_code):
                return v  # never cached: each such row is told
            periods = self.refs.pairings.get((agency_id, village_id), [])
            if len(self.periods) < CACHE_LIMIT:
                self.periods[agency_code, village_code] = periods  # type: ignore[index]
        else:
            del v["agency_code"], v["village_code"]
        if v["date"] is None:
            return v
        pairing_id = _active_on(periods, v["date"])
        if pairing_id is None:
            self.found.append(
                (
                    "date",
                    t(
                        "no_active_pairing",
                        agency=agency_code,
                        village=village_code,
                        date=v["date"].isoformat(),
                    ),
                )
            )
        v["pairing_id"] = pairing_id
        return v

    def _activities(self, v: dict[str, Any]) -> dict[str, Any]:
        v = self._dated(v)
        if "value_vnd" in v and v["value_vnd"] is None:
            v["value_vnd"] = 0
        return v

    def _visits(self, v: dict[str, Any]) -> dict[str, Any]:
        self._dates(v, "date", "resolved_on", "resolved_before_visit")
        return self._dated(v)

    def _localities(self, v: dict[str, Any]) -> dict[str, Any]:
        agency_code = v.get("agency_code")
        agency_id = self._agency(v, "agency_code")
        if agency_id is not None and agency_id not in self.refs.locality_agencies:
            self.found.append(("agency_code", t("not_a_locality", agency=agency_code)))
        v["commune_id"] = self._commune(v, v["started_on"])
        self._dates(v, "started_on", "ended_on", "ended_before_started")
        self._other_agencies(v, "cosigners", agency_id)
        v["agency_id"] = agency_id
        return v

    def _contributions(self, v: dict[str, Any]) -> dict[str, Any]:
        agency_code = v.get("agency_code")
        agency_id = self._agency(v, "agency_code")
        commune_id = self._commune(v, v["date"])
        pairing_id = None
        if agency_id is not None and commune_id is not None:
            pairing_id = _active_on(
                self.refs.localities.get((agency_id, commune_id), []), v["date"]
            )
            if pairing_id is None:
                self.found.append(
                    (
                        "date",
                        t(
                            "no_active_locality",
                            agency=agency_code,
                            commune=self.refs.commune_names[commune_id],
                            date=v["date"].isoformat(),
                        ),
                    )
                )
        contributor_code = v.get("contributor_code")
        contributor = self._agency(v, "contributor_code")
        if (
            pairing_id is not None
            and contributor is not None
            and contributor != agency_id
            and contributor not in self.refs.cosigners.get(pairing_id, ())
        ):
            self.found.append(
                (
                    "contributor_code",
                    t("not_a_signer", agency=contributor_code, partner=agency_code),
                )
            )
        v["pairing_id"], v["agency_id"] = pairing_id, contributor
        if "value_vnd" in v and v["value_vnd"] is None:
            v["value_vnd"] = 0
        return v

    def _inspections(self, v: dict[str, Any]) -> dict[str, Any]:
        v["agency_id"] = self._agency(v, "agency_code")
        v["village_id"] = self._village(v)
        return v


def _parse_id(raw: Any) -> int | None:
    return check_id(parse_int(raw))


def _quoted(value: Any) -> str:
    return repr(value) if isinstance(value, str) else json.dumps(value, default=str)
