"""One descriptor per kind of record: everything the layers need to know about a kind, in one
place. Each wraps the kind's schema.Kind (the columns users see: keys, labels, aliases) and
adds what needs the database: its model and table, its natural key as columns, its audit key,
the dates that put it in a (locked) year, the link table of its other agencies, and the
function that lists its rows for export.

The importer (importing/loader), the locked years' guard (services/locks), export
(services/exports) and the audit trail (audit) read these; none keeps a table of kinds of its
own. schema.py stays free of database imports (`ketnghia --help` does not load SQLAlchemy);
this module is the one that knows the models.

The audit key is described once, as parts (AuditKey); from that one description come both the
Python function the ORM's flush hook uses and the SQL expression the importer's set-based
INSERT … SELECT uses, so a record has one key in the history whatever wrote it.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnDefault, String, Table, cast, func, literal, select

from ketnghia import schema
from ketnghia.models import (
    Activity,
    Agency,
    CollectionForm,
    CollectionReturn,
    Contribution,
    HouseholdPairing,
    Inspection,
    LocalityPairing,
    Pairing,
    Village,
    VillagePlace,
    VillageStat,
    Visit,
    metadata,
    table_of,
)

# What a part of an audit key shows when it has no value (a village place open at its start).
EMPTY = "-"


@dataclass(frozen=True)
class Part:
    """A part of an audit key: a column of the record, or — with `code_of` — the `code` of
    the row of that table the column points at (an agency's code for `agency_id`)."""

    column: str
    code_of: str | None = None

    def text(self, conn: Any, value: Any) -> str:
        if self.code_of is not None and value is not None:
            table = metadata.tables[self.code_of]
            value = conn.scalar(select(table.c.code).where(table.c.id == value))
        if value is None:
            return EMPTY
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    def sql(self, column: Callable[[str], Any]) -> Any:
        value = column(self.column)
        if self.code_of is not None:
            table = metadata.tables[self.code_of]
            value = select(table.c.code).where(table.c.id == value).scalar_subquery()
        else:
            value = cast(value, String)  # dates: ISO text on both backends
        return func.coalesce(value, literal(EMPTY))


@dataclass(frozen=True)
class AuditKey:
    """The key a person would give for a record in `history --key`: its parts joined by
    spaces (codes, dates), or `#id` when it has none; `preferred` is a column that, when it
    has a value, is the key instead (an activity's ref)."""

    parts: tuple[Part, ...] = ()
    preferred: str | None = None

    @property
    def uses_id(self) -> bool:
        return not self.parts

    def of(self, conn: Any, value: Callable[[str], Any]) -> str:
        """The key of a record whose columns `value` gives (by name), on a connection."""
        if self.preferred is not None:
            chosen = value(self.preferred)
            if chosen is not None and chosen != "":
                return str(chosen)
        if not self.parts:
            return f"#{value('id')}"
        return " ".join(part.text(conn, value(part.column)) for part in self.parts)

    def sql(self, column: Callable[[str], Any]) -> Any:
        """The same key as an SQL expression over the columns `column` gives (by name)."""
        if not self.parts:
            key = literal("#") + cast(column("id"), String)
        else:
            key = self.parts[0].sql(column)
            for part in self.parts[1:]:
                key = key + literal(" ") + part.sql(column)
        if self.preferred is not None:
            key = func.coalesce(func.nullif(column(self.preferred), ""), key)
        return key


@dataclass(frozen=True)
class OtherAgencies:
    """A list of other agencies kept in a link table (a pairing's supporters, a locality
    pairing's co-signers): the field users give it in, the table, and its column that names
    the record."""

    field: str
    table: str
    key: str


@dataclass(frozen=True)
class Descriptor:
    name: str  # the audit's kind; for kinds users import, the schema kind's name
    model: type
    audit_key: AuditKey
    # the dates that put a record in a year (for locked years): one date, or a period's two
    lock_dates: tuple[str, ...] = ()
    # what users import and export (None: a kind kept by commands only)
    kind: schema.Kind | None = None
    # the natural key as the table's columns, what imports match rows on
    natural_key: tuple[str, ...] = ()
    # a column that, when given, names the record instead of its natural key
    ref: str | None = None
    # the field a problem with the whole record is reported at
    report_column: str = ""
    others: OtherAgencies | None = None
    # "module:attribute" of the function that lists the rows as `list` shows them:
    # lister(session, year=None). Named, not imported: the services sit above this module.
    lister: str | None = None

    @property
    def table(self) -> Table:
        return table_of(self.model)

    @property
    def insert_defaults(self) -> dict[str, Any]:
        """The values a new record takes for columns left empty: the model's defaults."""
        return {
            c.name: c.default.arg
            for c in self.table.c
            if isinstance(c.default, ColumnDefault) and c.name != "id"
        }

    @property
    def always(self) -> set[str]:
        """Columns a record always has, whichever columns a file holds: its natural key and
        the columns that may not be empty and have no default."""
        defaults = self.insert_defaults
        required = {
            c.name
            for c in self.table.c
            if not c.nullable and c.name != "id" and c.name not in defaults
        }
        return required | set(self.natural_key)

    def key_of(self, conn: Any, obj: Any) -> str:
        """The audit key of a record object."""
        return self.audit_key.of(conn, lambda column: getattr(obj, column))

    def rows(self, session: Any, year: int | None = None) -> Iterator[dict[str, Any]]:
        """The records' rows with the canonical keys; `year` keeps the records dated in it
        (pairings and household pairings: active during it)."""
        if self.lister is None:  # pragma: no cover - a complete descriptor names one
            raise KeyError(self.name)
        yield from lister(self.lister)(session, year=year)


def lister(reference: str) -> Callable[..., Iterator[dict[str, Any]]]:
    """The function a "module:attribute.attribute" reference names."""
    module, _, path = reference.partition(":")
    found: Any = importlib.import_module(module)
    for name in path.split("."):
        found = getattr(found, name)
    return found


BY_CODE = AuditKey((Part("code"),))
BY_ID = AuditKey()
AGENCY = Part("agency_id", code_of="agencies")
VILLAGE = Part("village_id", code_of="villages")
PERIOD = ("started_on", "ended_on")

DESCRIPTORS: dict[str, Descriptor] = {
    d.name: d
    for d in (
        Descriptor(
            "agencies",
            Agency,
            BY_CODE,
            kind=schema.AGENCIES,
            natural_key=("code",),
            report_column="code",
            lister="ketnghia.services.registers:agencies.iter_rows",
        ),
        Descriptor(
            "villages",
            Village,
            BY_CODE,
            kind=schema.VILLAGES,
            natural_key=("code",),
            report_column="code",
            lister="ketnghia.services.registers:villages.iter_rows",
        ),
        Descriptor(
            "village_stats",
            VillageStat,
            BY_ID,
            ("year",),  # a year's figures feed that year's outcomes
            kind=schema.VILLAGE_STATS,
            natural_key=("village_id", "year"),
            report_column="year",
            lister="ketnghia.services.stats:list_stats",
        ),
        Descriptor(
            "pairings",
            Pairing,
            AuditKey((AGENCY, VILLAGE, Part("started_on"))),
            PERIOD,
            kind=schema.PAIRINGS,
            natural_key=("agency_id", "village_id", "started_on"),
            report_column="started_on",
            others=OtherAgencies("supporters", "pairing_supporters", "pairing_id"),
            lister="ketnghia.services.pairings:list_pairings",
        ),
        Descriptor(
            "households",
            HouseholdPairing,
            BY_ID,
            PERIOD,
            kind=schema.HOUSEHOLDS,
            natural_key=("village_id", "helper", "helped"),
            report_column="helped",
            lister="ketnghia.services.households:list_households",
        ),
        Descriptor(
            "activities",
            Activity,
            AuditKey(preferred="ref"),
            ("date",),
            kind=schema.ACTIVITIES,
            natural_key=("pairing_id", "date", "kind", "title"),
            ref="ref",
            report_column="title",
            lister="ketnghia.services.dated_records:activities.iter_rows",
        ),
        Descriptor(
            "visits",
            Visit,
            BY_ID,
            ("date",),
            kind=schema.VISITS,
            natural_key=("pairing_id", "date"),
            report_column="date",
            lister="ketnghia.services.dated_records:visits.iter_rows",
        ),
        Descriptor(
            "inspections",
            Inspection,
            BY_ID,
            ("date",),
            kind=schema.INSPECTIONS,
            natural_key=("date", "agency_id", "village_id"),
            report_column="date",
            lister="ketnghia.services.inspections:list_inspections",
        ),
        Descriptor(
            "localities",
            LocalityPairing,
            AuditKey((AGENCY, Part("commune_id", code_of="admin_units"), Part("started_on"))),
            PERIOD,
            kind=schema.LOCALITIES,
            natural_key=("agency_id", "commune_id", "started_on"),
            report_column="started_on",
            others=OtherAgencies("cosigners", "locality_cosigners", "pairing_id"),
            lister="ketnghia.services.localities:list_localities",
        ),
        Descriptor(
            "contributions",
            Contribution,
            BY_ID,
            ("date",),
            kind=schema.CONTRIBUTIONS,
            natural_key=("pairing_id", "agency_id", "date", "title"),
            report_column="title",
            lister="ketnghia.services.localities:list_contributions",
        ),
        # where a village was, from when to when: written by `village move` and the 2025 reform
        Descriptor(
            "village_places",
            VillagePlace,
            AuditKey((VILLAGE, Part("valid_from"))),
            ("valid_from", "valid_to"),
        ),
        # the collection round (`collect forms`, a returned form imported): not tied to a
        # locked year — making a form or recording a return changes no record of the year
        Descriptor("collection_forms", CollectionForm, AuditKey((AGENCY, Part("year")))),
        Descriptor("collection_returns", CollectionReturn, AuditKey((AGENCY, Part("year")))),
    )
}
BY_MODEL: dict[type, Descriptor] = {d.model: d for d in DESCRIPTORS.values()}


def of(name: str) -> Descriptor:
    """The descriptor of a kind by its schema name."""
    return DESCRIPTORS[name]
