"""The tables. Money is integer đồng (BIGINT); dates are real dates.

Indexes are the ones the queries use (checked with EXPLAIN QUERY PLAN in tests/test_schema.py),
not one per foreign key: e.g. activities are read by date range, so their index leads by date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelConfig

# Stable constraint names, so SQLite batch migrations can find them later.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(SQLModel):
    # Pydantic's validators of a table are built when first used, not at import: a command
    # that never validates a model (most) does not pay for them.
    model_config = SQLModelConfig(defer_build=True)
    metadata = MetaData(naming_convention=NAMING)


metadata = Base.metadata

# Columns computed from others (search keys, a village's resolved place): the audit trail
# records what a person wrote, not these.
DERIVED_COLUMNS = frozenset({"name_key", "commune_key", "district_key", "district_id"})
# The import that inserted a record: its summary entry in the audit trail (who, when, which
# file). An import audits the rows it inserts by this reference, not by a copy of each row;
# the record's own values are its "after" until it changes (see audit.history).
IMPORT_ENTRY = "import_entry_id"
# What the audit trail leaves out of a record's values: the derived columns, and the import
# that inserted it (the entry that names it).
UNAUDITED_COLUMNS = DERIVED_COLUMNS | {IMPORT_ENTRY}


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(record: _Stored) -> int:
    """A stored record's id. SQLModel types every id as optional, since a new record has none
    until it is flushed; a record read from the database or flushed has one."""
    if record.id is None:
        raise ValueError(f"{type(record).__name__} has no id before it is flushed")
    return record.id


def table_of(model: type[SQLModel]) -> Table:
    """A table model's Table, for queries in SQLAlchemy Core."""
    # SQLModel sets __table__ on every table=True class but does not declare it
    return model.__table__  # type: ignore[attr-defined]


class UtcDateTime(TypeDecorator):
    """A moment in UTC. PostgreSQL gives it back in the session's zone, SQLite with none: here
    both give it back in UTC, so the backends return the same value."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


def _fk(target: str, nullable: bool = False, ondelete: str | None = None) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable)


def _imported_by() -> Column:
    return _fk("audit_log.id", nullable=True)


class Agency(Base, table=True):
    __tablename__ = "agencies"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str
    name_key: str = Field(index=True)
    kind: str = Field(default="other", max_length=20)
    level: str | None = Field(default=None, max_length=20)
    district: str | None = None
    head: str | None = None
    phone: str | None = None
    note: str | None = None
    # Merged into another agency from a date (its pairings continue under that one).
    merged_into_id: int | None = Field(default=None, sa_column=_fk("agencies.id", nullable=True))
    merged_on: dt.date | None = None
    import_entry_id: int | None = Field(default=None, sa_column=_imported_by())


class Village(Base, table=True):
    __tablename__ = "villages"
    __table_args__ = (
        CheckConstraint(
            "households >= 0 AND poor_households >= 0 AND population >= 0", name="counts"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str
    name_key: str = Field(index=True)
    commune: str | None = None
    district: str | None = None
    province: str | None = Field(default="Gia Lai")
    ethnic_groups: str | None = None
    households: int | None = None
    poor_households: int | None = None
    population: int | None = None
    special_difficulty: bool = Field(default=False)
    note: str | None = None
    # The recorded commune and district resolved when they are written (one place:
    # services.admin_units.resolve): the folded name of each (the unit's when it names one,
    # else the text's, so that "Ia Xyz" and "ia xyz" are one place) and the district's unit.
    # Derived from the text: not in the audit trail, not in exports.
    commune_key: str | None = Field(default=None, index=True)
    district_key: str | None = Field(default=None, index=True)
    district_id: int | None = Field(default=None, sa_column=_fk("admin_units.id", nullable=True))
    import_entry_id: int | None = Field(default=None, sa_column=_imported_by())


class Pairing(Base, table=True):
    __tablename__ = "pairings"
    __table_args__ = (
        UniqueConstraint("agency_id", "village_id", "started_on"),
        Index("ix_pairings_village_id", "village_id"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="dates"),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(sa_column=_fk("agencies.id"))
    village_id: int = Field(sa_column=_fk("villages.id"))
    started_on: dt.date
    ended_on: dt.date | None = None
    decision_ref: str | None = None
    lead: str | None = None
    note: str | None = None
    # The pairing this one carries on after an agency merger: not a new pairing.
    continues_id: int | None = Field(default=None, sa_column=_fk("pairings.id", nullable=True))
    import_entry_id: int | None = Field(default=None, sa_column=_imported_by())


class PairingSupporter(Base, table=True):
    """Other agencies that coordinate in a pairing (đơn vị phối hợp)."""

    __tablename__ = "pairing_supporters"
    __table_args__ = (Index("ix_pairing_supporters_agency_id", "agency_id"),)

    pairing_id: int = Field(
        sa_column=Column(Integer, ForeignKey("pairings.id", ondelete="CASCADE"), primary_key=True)
    )
    agency_id: int = Field(sa_column=Column(Integer, ForeignKey("agencies.id"), primary_key=True))


class HouseholdPairing(Base, table=True):
    __tablename__ = "household_pairings"
    __table_args__ = (
        UniqueConstraint("village_id", "helper", "helped"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="dates"),
    )

    id: int | None = Field(default=None, primary_key=True)
    village_id: int = Field(sa_column=_fk("villages.id"))
    helper: str
    helped: str
    started_on: dt.date
    ended_on: dt.date | None = None
    note: str | None = None
    import_entry_id: int | None = Field(default=None, sa_column=_imported_by())


class Activity(Base, table=True):
    __tablename__ = "activities"
    __table_args__ = (
        # Reports and listings read activities by date range. The report's aggregates need
        # only these columns, so the index covers them and the table is not read (measured by
        # bench/report.py: the 2024 report on 1M activities went from 1.1 s to about 0.35 s).
        Index(
            "ix_activities_date_cover",
            "date",
            "pairing_id",
            "kind",
            "source",
            "value_vnd",
            "households_benefited",
        ),
        # Without a ref, the natural key is pairing + date + kind + title.
        Index(
            "uq_activities_natural",
            "pairing_id",
            "date",
            "kind",
            "title",
            unique=True,
            sqlite_where=text("ref IS NULL"),
            postgresql_where=text("ref IS NULL"),
        ),
        CheckConstraint(
            "value_vnd >= 0 AND (households_benefited IS NULL OR households_benefited >= 0)"
            " AND (quantity IS NULL OR quantity >= 0)",
            name="non_negative",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    ref: str | None = Field(default=None, max_length=60, unique=True)
    pairing_id: int = Field(sa_column=_fk("pairings.id"))
    date: dt.date
    kind: str = Field(max_length=20)
    title: str
    value_vnd: int = Field(default=0, sa_column_kwargs={"nullable": False}, sa_type=BigInteger)
    source: str | None = Field(default=None, max_length=20)
    quantity: float | None = None
    unit: str | None = None
    households_benefited: int | None = None
    note: str | None = None
    import_entry_id: int | None = Field(default=None, sa_column=_imported_by())


class Visit(Base, table=True):
    """A visit to learn the situation and what people ask for (nắm tình hình)."""

    __tablename__ = "visits"
    __table_args__ = (
        UniqueConstraint("pairing_id", "date"),
        Index("ix_visits_date", "date"),
        CheckConstraint("people_met IS NULL OR people_met >= 0", name="non_negative"),
        CheckConstraint("resolved_on IS NULL OR resolved_on >= date", name="dates"),
    )

    id: int | None = Field(default=None, primary_key=True)
    pairing_id: int = Field(sa_column=_fk("pairings.id"))
    date: dt.date
    cadres: str | None = None
    people_met: int | None = None
    situation: str | None = None
    aspirations: str | None = None
    follow_up: str | None = None
    resolved_on: dt.date | None = None
    note: str | None = None
    import_entry_id: int | None = Field(default=None, sa_column=_imported_by())


class Inspection(Base, table=True):
    __tablename__ = "inspections"
    __table_args__ = (
        UniqueConstraint("date", "agency_id", "village_id"),
        Index(
            "uq_inspections_without_village",
            "date",
            "agency_id",
            unique=True,
            sqlite_where=text("village_id IS NULL"),
            postgresql_where=text("village_id IS NULL"),
        ),
        Index("ix_inspections_agency_id", "agency_id"),
        Index("ix_inspections_village_id", "village_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    date: dt.date
    agency_id: int = Field(sa_column=_fk("agencies.id"))
    village_id: int | None = Field(default=None, sa_column=_fk("villages.id", nullable=True))
    inspector: str | None = None
    findings: str | None = None
    rating: str | None = None
    note: str | None = None
    import_entry_id: int | None = Field(default=None, sa_column=_imported_by())


class AnnualReport(Base, table=True):
    """A filed annual report: its JSON and hash; a filed year is locked against edits."""

    __tablename__ = "annual_reports"

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(unique=True)
    filed_at: dt.datetime = Field(sa_type=UtcDateTime)
    filed_by: str | None = None
    content: str
    sha256: str = Field(max_length=64)
    locked: bool = Field(default=True)
    note: str | None = None


class VillageStat(Base, table=True):
    """A village's figures at the end of a year: what the programme is meant to change."""

    __tablename__ = "village_stats"
    __table_args__ = (
        UniqueConstraint("village_id", "year"),
        CheckConstraint(
            "households >= 0 AND poor_households >= 0 AND near_poor_households >= 0"
            " AND income_per_head >= 0",
            name="non_negative",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    village_id: int = Field(sa_column=_fk("villages.id"))
    year: int
    households: int | None = None
    poor_households: int | None = None
    near_poor_households: int | None = None
    income_per_head: int | None = Field(default=None, sa_type=BigInteger)  # đồng a year
    note: str | None = None
    import_entry_id: int | None = Field(default=None, sa_column=_imported_by())


class AdminUnit(Base, table=True):
    """A province, district or commune/ward as it was between two dates.

    Official codes are reused across a reorganisation (province 52 was Bình Định and is now the
    new Gia Lai; a new commune may keep an old commune's code), so a unit is its code *and* its
    period: valid_from empty = since before our records, valid_to empty = still valid.
    """

    __tablename__ = "admin_units"
    __table_args__ = (
        UniqueConstraint("level", "code", "valid_from", "valid_to"),
        Index("ix_admin_units_name_key", "name_key"),
        Index("ix_admin_units_parent_id", "parent_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    level: str = Field(max_length=10)  # province district commune
    code: str = Field(max_length=10)
    name: str  # the official name: "Xã Ia Me", "Thành phố Pleiku"
    short_name: str  # without the unit word: "Ia Me", "Pleiku" (what records and reports use)
    name_key: str  # short_name folded, for matching typed names
    parent_id: int | None = Field(default=None, sa_column=_fk("admin_units.id", nullable=True))
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class AdminSuccession(Base, table=True):
    """Old unit → new unit on a date. An old commune with several successors was split: its
    villages are placed by a person, never guessed."""

    __tablename__ = "admin_successions"
    __table_args__ = (Index("ix_admin_successions_new_id", "new_id"),)

    old_id: int = Field(sa_column=Column(Integer, ForeignKey("admin_units.id"), primary_key=True))
    new_id: int = Field(sa_column=Column(Integer, ForeignKey("admin_units.id"), primary_key=True))
    effective_on: dt.date
    confidence: str | None = None


class VillagePlace(Base, table=True):
    """Which commune a village belonged to, from when to when (empty = open-ended).

    A village's commune and district text are the place as recorded; these rows, when present,
    are what reports and listings use for "the place at a date"."""

    __tablename__ = "village_places"
    __table_args__ = (
        Index("ix_village_places_village_id", "village_id"),
        CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from", name="dates"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    village_id: int = Field(sa_column=_fk("villages.id"))
    commune_id: int = Field(sa_column=_fk("admin_units.id"))
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str | None = None


class LocalityPairing(Base, table=True):
    """Pairing between localities (Chỉ thị 03-CT/TU): a commune or ward (an agency of kind
    `locality`) with a commune, rather than an agency with a village."""

    __tablename__ = "locality_pairings"
    __table_args__ = (
        UniqueConstraint("agency_id", "commune_id", "started_on"),
        Index("ix_locality_pairings_commune_id", "commune_id"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="dates"),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(sa_column=_fk("agencies.id"))
    commune_id: int = Field(sa_column=_fk("admin_units.id"))
    started_on: dt.date
    ended_on: dt.date | None = None
    decision_ref: str | None = None
    note: str | None = None
    import_entry_id: int | None = Field(default=None, sa_column=_imported_by())


class LocalityCosigner(Base, table=True):
    """Businesses and other agencies that signed a locality pairing too (đồng ký kết)."""

    __tablename__ = "locality_cosigners"
    __table_args__ = (Index("ix_locality_cosigners_agency_id", "agency_id"),)

    pairing_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("locality_pairings.id", ondelete="CASCADE"), primary_key=True
        )
    )
    agency_id: int = Field(sa_column=Column(Integer, ForeignKey("agencies.id"), primary_key=True))


class Contribution(Base, table=True):
    """What one signer of a locality pairing (the partner or a co-signer) gave, and when."""

    __tablename__ = "contributions"
    __table_args__ = (
        UniqueConstraint("pairing_id", "agency_id", "date", "title"),
        Index("ix_contributions_date", "date"),
        CheckConstraint("value_vnd >= 0", name="non_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    pairing_id: int = Field(sa_column=_fk("locality_pairings.id"))
    agency_id: int = Field(sa_column=_fk("agencies.id"))
    date: dt.date
    kind: str = Field(max_length=20)
    title: str
    value_vnd: int = Field(default=0, sa_column_kwargs={"nullable": False}, sa_type=BigInteger)
    note: str | None = None
    import_entry_id: int | None = Field(default=None, sa_column=_imported_by())


class DatabaseIdentity(Base, table=True):
    """One row: this database's id, made by its migration. Exports write it beside each row;
    an import honours the rows' ids only in a file that carries it. A copy (backup, `db copy`)
    is the same database and keeps it."""

    __tablename__ = "database_identity"

    database_id: str = Field(max_length=36, primary_key=True)
    created_at: dt.datetime = Field(sa_type=UtcDateTime)


class CollectionForm(Base, table=True):
    """A form made for an agency's return of a year (`collect forms`). Its key is written in the
    form's hidden identity sheet, so that a returned file is known for what it is."""

    __tablename__ = "collection_forms"

    id: int | None = Field(default=None, primary_key=True)
    form_key: str = Field(max_length=36, unique=True)
    agency_id: int = Field(sa_column=_fk("agencies.id"))
    year: int = Field(index=True)
    version: int
    made_at: dt.datetime = Field(sa_type=UtcDateTime)
    made_by: str
    file_name: str


class CollectionReturn(Base, table=True):
    """A returned form imported: which form and file (and its checksum), when, by whom, and how
    many rows it added and changed."""

    __tablename__ = "collection_returns"

    id: int | None = Field(default=None, primary_key=True)
    form_id: int = Field(sa_column=_fk("collection_forms.id"))
    agency_id: int = Field(sa_column=_fk("agencies.id"))
    year: int = Field(index=True)
    file_name: str
    sha256: str = Field(max_length=64)
    returned_at: dt.datetime = Field(sa_type=UtcDateTime)
    returned_by: str
    rows_added: int = 0
    rows_changed: int = 0


class AuditEntry(Base, table=True):
    """Who changed what, when: written in the same transaction as the change itself."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_kind_record_key", "kind", "record_key"),
        Index("ix_audit_log_at", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(sa_type=UtcDateTime)
    actor: str
    command: str
    kind: str = Field(max_length=30)
    record_key: str | None = None
    action: str = Field(max_length=10)  # insert update delete import lock unlock file
    before: str | None = None  # JSON
    after: str | None = None  # JSON
