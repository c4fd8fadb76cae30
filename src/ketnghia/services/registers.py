"""Agencies and villages: records named by a code, with a name and a stored search key."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlmodel import Session, col

from ketnghia.errors import KetnghiaError, Referenced, warn
from ketnghia.i18n import t
from ketnghia.models import (
    Agency,
    Village,
)
from ketnghia.schema import AGENCIES, VILLAGES, Kind
from ketnghia.services.admin_units import places
from ketnghia.services.fields import check_poor_households, parse_values, require_changes
from ketnghia.services.lookups import (
    name_contains,
    refs_text,
    resolve_agency,
    resolve_village,
    same_text,
)
from ketnghia.text import fold, sort_key

Record = Agency | Village
R = TypeVar("R", Agency, Village)


class RegisterService(Generic[R]):
    def __init__(
        self,
        kind: Kind,
        model: type[R],
        record: str,
        resolver: Callable[..., R],
        references: Callable[[Session, R], list[tuple[str, int]]],
        check: Callable[[Mapping[str, Any]], None] = lambda values: None,
        written: Callable[[Session, Any, set[str]], None] = lambda session, obj, keys: None,
        removing: Callable[[Session, Any], None] = lambda session, obj: None,
        place_filter: Callable[[Session, str, str], list[Any]] | None = None,
    ) -> None:
        self.kind, self.record = kind, record
        self.model: type[R] = model
        self.resolver: Callable[..., R] = resolver
        self.references: Callable[[Session, R], list[tuple[str, int]]] = references
        self.check = check
        self.written, self.removing = written, removing
        self.place_filter = place_filter  # --district/--commune of a listing

    def get(self, session: Session, key: Any) -> R:
        return self.resolver(session, key, allow_id=True)

    def add(self, session: Session, values: Mapping[str, Any]) -> R:
        parsed = parse_values(self.kind, values, partial=False)
        self.check(parsed)
        code = parsed["code"]
        if session.scalars(select(self.model).where(col(self.model.code) == code)).first():
            raise KetnghiaError("exists", kind=t(f"rec_{self.record}"), key=code)
        obj = self.model(**{k: v for k, v in parsed.items() if v is not None})
        obj.name_key = fold(obj.name)
        session.add(obj)
        session.flush()
        self.written(session, obj, set(parsed))
        return obj

    def edit(self, session: Session, key: Any, values: Mapping[str, Any]) -> R:
        require_changes(values)
        obj = self.get(session, key)
        parsed = parse_values(self.kind, values, partial=True)
        merged = {f.key: getattr(obj, f.key) for f in self.kind.input_fields} | parsed
        self.check(merged)
        code = parsed.get("code")
        if code is not None and code != obj.code:
            clash = session.scalars(select(self.model).where(col(self.model.code) == code)).first()
            if clash is not None:
                raise KetnghiaError("exists", kind=t(f"rec_{self.record}"), key=code)
        for field_key, value in parsed.items():
            setattr(obj, field_key, value)
        obj.name_key = fold(obj.name)
        session.add(obj)
        session.flush()
        self.written(session, obj, set(parsed))
        return obj

    def remove(self, session: Session, key: Any) -> R:
        obj = self.get(session, key)
        refs = self.references(session, obj)
        if any(n for _, n in refs):
            raise Referenced(
                "referenced", kind=t(f"rec_{self.record}"), key=obj.code, refs=refs_text(refs)
            )
        self.removing(session, obj)
        session.delete(obj)
        session.flush()
        return obj

    def list(self, session: Session, search: str | None = None, **filters: Any) -> list[R]:
        query = select(self.model)
        if search:
            query = query.where(name_contains(self.model.name_key, search))
        for column, value in filters.items():
            if value is None:
                continue
            col = getattr(self.model, column)
            if self.place_filter is not None and column in ("district", "commune"):
                query = query.where(*self.place_filter(session, column, value))
            elif isinstance(value, str):
                query = query.where(same_text(session, col, value))
            elif isinstance(value, Select):  # ids from a query (e.g. villages at a date)
                query = query.where(col.in_(value))
            else:
                query = query.where(col == value)
        rows = list(session.scalars(query))
        rows.sort(key=lambda r: (sort_key(r.name), sort_key(r.code)))
        return rows

    def row(self, obj: R) -> dict[str, Any]:
        return {f.key: getattr(obj, f.key) for f in self.kind.fields}

    def iter_rows(self, session: Session, year: int | None = None) -> Iterator[dict[str, Any]]:
        """Every record's row, for export (agencies and villages are not dated: `year` keeps
        them all)."""
        return (self.row(r) for r in self.list(session))


# What a person calls the rows that point at an agency or a village, by the column that points;
# a test checks that every foreign key to these tables is here, so none can be forgotten.
REFERRING = {
    ("pairings", "agency_id"): "rec_pairings",
    ("pairing_supporters", "agency_id"): "rec_supported_pairings",
    ("inspections", "agency_id"): "rec_inspections",
    ("locality_pairings", "agency_id"): "rec_localities",
    ("locality_cosigners", "agency_id"): "rec_cosigned_localities",
    ("contributions", "agency_id"): "rec_contributions",
    ("collection_forms", "agency_id"): "rec_collection_forms",
    ("collection_returns", "agency_id"): "rec_collection_returns",
    ("agencies", "merged_into_id"): "rec_merged_agencies",
    ("pairings", "village_id"): "rec_pairings",
    ("household_pairings", "village_id"): "rec_households",
    ("inspections", "village_id"): "rec_inspections",
    ("village_stats", "village_id"): "rec_village_stats",
}
# Rows that go with their village when it is removed (its places on the map).
REMOVED_WITH = {("village_places", "village_id")}


def references(session: Session, obj: Record) -> list[tuple[str, int]]:
    """How many rows of each kind point at this record, one count per referring column."""
    from ketnghia.models import metadata

    target = type(obj).__tablename__
    counts = []
    for table in metadata.sorted_tables:
        for fk in table.foreign_keys:
            where = (table.name, fk.parent.name)
            if fk.column.table.name != target or where in REMOVED_WITH:
                continue
            query = select(func.count()).select_from(table).where(fk.parent == obj.id)
            counts.append((REFERRING[where], session.scalar(query) or 0))
    return counts


def _village_written(session: Session, village: Village, keys: set[str]) -> None:
    """A village's recorded place names its units: resolve it (or follow an edit); a place
    that names no unit is kept, with a warning."""
    if keys & {"commune", "district", "province"}:
        warn(session.info, *places.relink(session, village))


def _village_place(session: Session, column: str, value: str) -> list[Any]:
    """Villages recorded in a district or commune, by the unit (or the spelling) it names."""
    return places.recorded_in(session, **{column: value})


def _agency_district(session: Session, column: str, value: str) -> list[Any]:
    """Agencies by their district as recorded; a name no unit and no agency has is an error."""
    recorded = session.scalars(select(col(Agency.district)).distinct())
    places.place_key(session, value, "district", others=[d for d in recorded if d])
    return [same_text(session, Agency.district, value)]


agencies = RegisterService(
    AGENCIES, Agency, "agency", resolve_agency, references, place_filter=_agency_district
)
villages = RegisterService(
    VILLAGES,
    Village,
    "village",
    resolve_village,
    references,
    check_poor_households,
    written=_village_written,
    removing=places.clear_places,
    place_filter=_village_place,
)
