"""Import files of records, all or nothing, set-based.

For each table (a CSV/JSON file or a sheet), in dependency order:
1. stream the rows through a Converter (values parsed, codes resolved from in-memory maps) and
   write them in batches into a temporary staging table keyed by row number (executemany on
   SQLite, one COPY on PostgreSQL); every problem is kept as FILE:ROW:COLUMN;
2. with a few SQL statements over the staging table: find rows repeated in the file, match rows
   to stored records — by id when the row comes from a file exported from this database (its
   `database_id` column is this database's id: whatever else was corrected, the record is
   the one with that id, and an id no longer stored is a problem), else by natural key — and
   sort them into insert / update / unchanged;
3. write: one INSERT … SELECT (on SQLite, a large one rebuilds the plain indexes after it) and
   one UPDATE … FROM; then check what needs the whole picture (overlapping pairings,
   activities left outside a pairing).
Every problem of a row is told, the row's own (values, codes, rules between its fields) and
those the SQL finds (a row repeated, in the file or in another table of the command; a locked
year; an overlap …). The caller's transaction holds everything: any problem and the caller
rolls back, so nothing is written. A dry run is the same run, rolled back. Asked for, the rows
refused are written to a file for the sender to correct (importing/refused.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    Boolean,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    cast,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    true,
    update,
)
from sqlmodel import Session

from ketnghia import acting, audit
from ketnghia.db import driver_connection
from ketnghia.errors import KetnghiaError
from ketnghia.i18n import t
from ketnghia.importing import returns
from ketnghia.importing.convert import Converter, References, RowProblems
from ketnghia.importing.headers import (
    guess_kind,
    identity_columns,
    map_headers,
    repeated_columns,
)
from ketnghia.importing.readers import (
    Problem,
    column_letter,
    display_name,
    expand_folders,
    no_known_sheet,
    open_tables,
    sha256_of,
    unrecognised,
)
from ketnghia.importing.readers import Table as SourceTable
from ketnghia.importing.returns import ReturnedForm
from ketnghia.kinds import Descriptor, OtherAgencies, of
from ketnghia.models import IMPORT_ENTRY, Activity, Visit, metadata
from ketnghia.periods import in_years, is_overlapping, outside
from ketnghia.schema import DATABASE_ID, DEPENDENCY_ORDER, KINDS, Kind, kind_from_name
from ketnghia.services.exports import database_id
from ketnghia.services.locks import locked_years, refuse
from ketnghia.services.lookups import lock_pairings
from ketnghia.templates import IGNORED_SHEETS

BATCH = 5000
# From this many new rows on, a bulk insert may rebuild plain indexes (see _drop_plain_indexes).
BULK_ROWS = 50_000
MAX_SHOWN = 50
ACTIONS = ("insert", "update", "same", "skip")


class ImportFailed(KetnghiaError):
    def __init__(self, problems: list[Problem], total: int) -> None:
        self.problems = problems
        self.total = total
        # the file of refused rows (--errors), once written: its path and how many rows
        self.errors_written: tuple[Path, int] | None = None
        # why it could not be written (a full disk …), told after the problems
        self.errors_failed: KetnghiaError | None = None
        super().__init__("import_problems", count=total)


@dataclass
class KindSummary:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    def add(self, counts: dict[str, int]) -> None:
        self.inserted += counts.get("insert", 0)
        self.updated += counts.get("update", 0)
        self.unchanged += counts.get("same", 0)
        self.skipped += counts.get("skip", 0)


@dataclass
class Summary:
    kinds: dict[str, KindSummary] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    # the returned forms of the collection round recorded (file, agency, year, rows)
    returns: list[dict[str, Any]] = field(default_factory=list)

    def of(self, kind: str) -> KindSummary:
        return self.kinds.setdefault(kind, KindSummary())

    @property
    def changed(self) -> bool:
        return any(k.inserted or k.updated for k in self.kinds.values())

    def as_dict(self) -> dict[str, Any]:
        told = {
            "dry_run": self.dry_run,
            "kinds": {k: vars(v) for k, v in self.kinds.items()},
            "warnings": self.warnings,
        }
        if self.returns:
            told["returns"] = self.returns
        return told


@dataclass
class Options:
    kind: str | None = None
    on_conflict: str = "update"  # update | skip | error
    encoding: str | None = None
    delimiter: str | None = None
    errors: Path | None = None  # where to write the rows refused (.xlsx or .csv)


Progress = Callable[[int], None]


@dataclass
class Source:
    """One table of the command: what it holds, and where it is (the file, and its place
    among the file's tables), so that it can be read again."""

    table: SourceTable
    kind: Kind
    path: Path | str
    index: int
    in_form: bool = False  # a sheet of a returned form of the collection round
    form: ReturnedForm | None = None  # that form, once recognised


def open_sources(
    paths: Iterable[Path | str], options: Options, warnings: list[str]
) -> list[Source]:
    """Every table of every file with its kind, in dependency order."""
    forced = None
    if options.kind:
        forced = kind_from_name(options.kind)
        if forced is None:
            raise KetnghiaError("unknown_kind", kind=options.kind, kinds=", ".join(KINDS))
    found: list[Source] = []
    for path in paths:
        tables = open_tables(path, options.encoding, options.delimiter, warnings)
        workbook = Path(str(path)).suffix.lower() in (".xlsx", ".xlsm")
        form = workbook and returns.is_form(tables)
        known = 0
        for index, table in enumerate(tables):
            if workbook and table.stem in IGNORED_SHEETS:
                continue  # the drop-down lists and the guide of `ketnghia template`
            if form and table.stem in returns.PASSED_OVER:
                continue  # a form's identity and the pairings it shows
            kind = forced or kind_from_name(table.stem) or guess_kind(table.header)
            if kind is None:
                if workbook:
                    if table.header:  # an empty sheet is passed over quietly
                        warnings.append(t("sheet_ignored", sheet=table.name))
                    continue
                raise unrecognised(table)
            if form:
                returns.sheet_allowed(display_name(path), kind.name)
            found.append(Source(table, kind, path, index, in_form=bool(form)))
            known += 1
        if workbook and not known:
            raise no_known_sheet(display_name(path), tables)
    found.sort(key=lambda source: DEPENDENCY_ORDER.index(source.kind.name))
    return found


def import_files(
    session: Session,
    paths: Iterable[Path | str],
    options: Options | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Import into the session's transaction; raise ImportFailed (caller rolls back), after
    writing the rows refused to `options.errors` when asked."""
    options = options or Options()
    paths = expand_folders(paths)
    to_folder = options.errors is not None and returns.is_folder(options.errors)
    if options.errors is not None:
        from ketnghia.importing.refused import check_target

        if to_folder:
            returns.check_folder(options.errors, paths)
        else:
            check_target(options.errors, paths)
    summary = Summary()
    sources = open_sources(paths, options, summary.warnings)
    if options.errors is not None and not to_folder:
        from ketnghia.importing.refused import check_tables

        check_tables(options.errors, len(sources))
    returned = _returned_forms(session, sources)
    names = ", ".join(dict.fromkeys(s.table.name.split("[")[0] for s in sources))
    entry = audit.begin_import(session, names)
    loader = _Loader(session, options, summary, progress, entry)
    loader.repeating = {k for k, n in Counter(s.kind.name for s in sources).items() if n > 1}
    for number, source in enumerate(sources):
        loader.form = source.form
        loader.load(source.table, source.kind, number)
    loader.close()
    refused = loader.refused
    if loader.total_problems:
        failure = ImportFailed(loader.problems, loader.total_problems)
        if refused is not None and options.errors is not None:
            from ketnghia.importing.refused import write_refused

            write = returns.write_marked if to_folder else write_refused
            try:
                with refused.problems() as problems:
                    rows = write(options.errors, sources, problems, options)
                failure.errors_written = (options.errors, rows)
            except KetnghiaError as exc:
                failure.errors_failed = exc
        raise failure
    if refused is not None:
        refused.drop()
    summary.returns = returns.record_returns(session, returned, loader.counts)
    audit.end_import(session, entry, summary.as_dict() | {"files": _files(paths)})
    return summary


def _files(paths: Iterable[Path | str]) -> list[dict[str, Any]]:
    """The files an import read, each with its SHA-256 (not standard input: it is gone)."""
    told = []
    for path in paths:
        if str(path) == "-":
            told.append({"file": "-", "sha256": None})
            continue
        told.append({"file": display_name(path), "sha256": sha256_of(Path(path))})
    return told


def _returned_forms(session: Session, sources: list[Source]) -> list[ReturnedForm]:
    """The returned forms among the sources, recognised and checked (one per file), each
    given to its tables."""
    forms: dict[str, ReturnedForm] = {}
    for number, source in enumerate(sources):
        path = Path(str(source.path))
        if not source.in_form:
            continue
        key = str(path)
        if key not in forms:
            forms[key] = returns.recognise(session, path)
        source.form = forms[key]
        source.form.tables.append(number)
    return list(forms.values())


class _Refused:
    """Every problem of the command, kept in a temporary table for the file of refused rows
    (as many as there are: never all in memory): (table, row, position of the column or
    None, the column as the file writes it, reason), row 0 for the header. While the rows of
    a table stream into its staging table (PostgreSQL's COPY holds the connection), batches
    wait in a temporary file."""

    COLUMNS = ("seq", "source", "row", "position", "col", "reason")

    def __init__(self, session: Session) -> None:
        self.session = session
        self.table = Table(
            "kn_refused",
            MetaData(),
            Column("seq", Integer, primary_key=True, autoincrement=False),
            Column("source", Integer, nullable=False),
            Column("row", Integer, nullable=False),
            Column("position", Integer),
            Column("col", String),
            Column("reason", String),
            prefixes=["TEMPORARY"],
        )
        self.table.create(session.connection())
        self.batch: list[tuple[Any, ...]] = []
        self.count = 0
        self.waiting: IO[str] | None = None  # batches held while the connection is busy

    def add(self, source: int, row: int, position: int | None, column: str, reason: str) -> None:
        self.count += 1
        self.batch.append((self.count, source, row, position, column, reason))
        if len(self.batch) >= BATCH:
            if self.waiting is not None:
                for problem in self.batch:
                    self.waiting.write(json.dumps(problem, ensure_ascii=False) + "\n")
                self.batch = []
            else:
                self.flush()

    def flush(self) -> None:
        if self.batch:
            rows = [dict(zip(self.COLUMNS, problem, strict=True)) for problem in self.batch]
            self.session.connection().execute(insert(self.table), rows)
            self.batch = []

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the batches (in a temporary file) while the block uses the connection."""
        held = self.batch
        self.batch = []
        with tempfile.TemporaryFile("w+", encoding="utf-8") as waiting:
            self.waiting = waiting
            try:
                yield
            finally:
                self.waiting = None
            waiting.seek(0)
            last, self.batch = self.batch, held
            for line in waiting:
                self.batch.append(tuple(json.loads(line)))
                if len(self.batch) >= BATCH:
                    self.flush()
            self.batch.extend(last)
            if len(self.batch) >= BATCH:
                self.flush()

    @contextmanager
    def problems(self) -> Iterator[Iterator[Any]]:
        """The problems by table, row, then as found (read as they are used)."""
        self.flush()
        c = self.table.c
        query = select(c.source, c.row, c.position, c.col, c.reason).order_by(
            c.source, c.row, c.seq
        )
        conn = self.session.connection().execution_options(stream_results=True, yield_per=BATCH)
        with conn.execute(query) as result:
            yield iter(result)

    def drop(self) -> None:
        self.table.drop(self.session.connection())


@dataclass
class _Job:
    """One table being loaded: where it comes from, where it goes, and its staging table."""

    source: SourceTable
    kind: Kind
    described: Descriptor  # the kind's descriptor: its table, keys, dates, other agencies
    target: Table
    stage: Table
    present: list[str]  # the target's columns that the file gives
    column_of: dict[str, str]  # canonical key → the file's own header, for messages
    number: int = 0  # the table's place in the command
    staged: int = 0  # rows written to the staging table
    record_ids: bool = False  # the file has ids and the database's id: rows may name records


class _Loader:
    def __init__(
        self,
        session: Session,
        options: Options,
        summary: Summary,
        progress: Progress | None,
        entry: int | None = None,
    ) -> None:
        self.session = session
        # the import's summary entry in the audit trail: the records it inserts name it
        self.entry = entry
        self.options = options
        self.summary = summary
        self.progress = progress
        self.refs = References(session)
        self.refs.refresh({"agencies", "villages", "pairings"})
        self.problems: list[Problem] = []
        self.total_problems = 0
        self.dialect = session.get_bind().dialect.name
        self.counter = 0
        self.database_id = database_id(session)
        # kinds written since their maps were loaded: loaded again only when another table
        # follows, so the codes of a large file are not all held after it is written
        self.stale: set[str] = set()
        # the kinds that more than one table of the command holds: their staging tables are
        # kept to the end, so that a record is given by one row of the whole command
        self.repeating: set[str] = set()
        self.kept: dict[str, list[tuple[Table, str]]] = {}
        self.refused = _Refused(session) if options.errors is not None else None
        self.number = 0  # the table being loaded: its place in the command
        self.form: ReturnedForm | None = None  # the returned form it belongs to, if any
        self.counts: dict[int, dict[str, int]] = {}  # each table's rows by what they did
        self.positions: dict[str, int] = {}  # its columns as written → their positions

    def problem(
        self, file: str, row: int, column: str, reason: str, *, header: bool = False
    ) -> None:
        """A problem at FILE:ROW:COLUMN (`column` as the file writes it); `header`: a problem
        of the table's header (told as row 1)."""
        self.total_problems += 1
        if len(self.problems) < MAX_SHOWN:
            self.problems.append(Problem(file, row, column, reason))
        if self.refused is not None:
            position = self.positions.get(column)
            self.refused.add(self.number, 0 if header else row, position, column, reason)

    def close(self) -> None:
        """Drop the staging tables kept for the kinds given by several tables."""
        conn = self.session.connection()
        for kept in self.kept.values():
            for stage, _ in kept:
                stage.drop(conn)
        self.kept = {}

    # -- one table ---------------------------------------------------------------------
    def load(self, source: SourceTable, kind: Kind, number: int = 0) -> None:
        self.number = number
        self.positions = {}
        for position, header in enumerate(source.header):
            self.positions.setdefault(header, position)
        if not source.header:
            return  # an empty JSON array: nothing to import
        mapping, unknown = map_headers(kind, source.header)
        if unknown:
            self.summary.warnings.append(
                t("unknown_columns", file=source.name, columns=", ".join(unknown))
            )
        column_of = {key: source.header[pos] for pos, key in mapping.items()}
        identity = identity_columns(source.header)
        column_of |= {key: source.header[pos] for key, pos in identity.items()}
        record_ids = None
        if self.database_id and {"id", DATABASE_ID} <= identity.keys():
            record_ids = (identity["id"], identity[DATABASE_ID], self.database_id.lower())
        missing = [f for f in kind.input_fields if f.required and f.key not in column_of]
        repeated = repeated_columns(kind, source.header)
        for f in missing:
            self.problem(
                source.name,
                source.header_row,
                f.label_vi,
                t("missing_column", column=f.key),
                header=True,
            )
        for position, first, key in repeated:
            self.problem(
                source.name,
                source.header_row,
                source.header[position],
                t(
                    "column_twice",
                    first=source.header[first],
                    column=column_letter(first),
                    field=key,
                ),
                header=True,
            )
        if missing or repeated:
            return
        if kind.name in ("pairings", "localities"):
            lock_pairings(self.session)
            self.refs.refresh({kind.name})
        if kind.name in ("localities", "contributions"):
            self.refs.refresh({"communes", "localities"})
        self.refs.refresh(self.stale)
        self.stale = set()
        converter = Converter(
            kind, mapping, self.refs, source.apostrophe_guard, record_ids, self.form
        )
        described = of(kind.name)
        target = described.table
        present = self._present_columns(described, converter.present)
        stage = self._stage_table(described)
        job = _Job(
            source,
            kind,
            described,
            target,
            stage,
            present,
            column_of,
            number=number,
            record_ids=bool(record_ids),
        )
        conn = self.session.connection()
        stage.create(conn)
        kept = False
        try:
            self._fill(job, converter)
            if self.form is not None:
                for rows, describe in returns.scope_checks(self.form, job):
                    self._refuse(job, rows, describe)
            self._classify(job)
            self._apply(job)
            counts: dict[str, int] = dict(
                conn.execute(select(stage.c._action, func.count()).group_by(stage.c._action)).all()
            )
            self.summary.of(kind.name).add(counts)
            self.counts[number] = counts
            if kind.name in self.repeating:
                # the records this table inserted, for the tables of its kind still to come
                self._match(job, lambda c: and_(c._action == "insert", c._target.is_(None)))
                self.kept.setdefault(kind.name, []).append((stage, source.name))
                kept = True
        finally:
            if not kept:
                stage.drop(conn)
        self.stale.add(kind.name)

    def _present_columns(self, described: Descriptor, keys: set[str]) -> list[str]:
        target = described.table
        names = described.always | {k for k in keys if k in target.c}
        return [c.name for c in target.c if c.name in names]

    def _stage_table(self, described: Descriptor) -> Table:
        target = described.table
        self.counter += 1
        columns: list[Column[Any]] = [
            # the file's row number is unique in a table: as the key (SQLite's rowid), rows
            # come back in file order without a sort
            Column("_row", Integer, primary_key=True, autoincrement=False),
            Column("_target", Integer),
            # a row is an insert until classified otherwise: no pass over every row to mark
            # the new ones
            Column("_action", String(8), nullable=False, server_default="insert"),
            # the stored record the row names by id (a file exported from this database)
            Column("_id", Integer),
        ]
        if described.others is not None:
            columns.append(Column("_supporters", String))
        if self.form is not None:  # a row of a returned form left as it was sent
            columns.append(Column("_untouched", Boolean))
        columns += [Column(c.name, c.type) for c in target.c if c.name != "id"]
        return Table(f"kn_stage_{self.counter}", MetaData(), *columns, prefixes=["TEMPORARY"])

    # -- 1. stream the rows into the staging table ----------------------------------------
    def _fill(self, job: _Job, converter: Converter) -> None:
        stage, source, column_of = job.stage, job.source, job.column_of
        names = [c.name for c in stage.c if c.name not in ("_target", "_action")]
        batch: list[tuple[Any, ...]] = []
        last_position = 0
        held = self.refused.held() if self.refused is not None else nullcontext()
        with held, self._writer(stage, names) as writer:
            for number, cells in source.rows:
                try:
                    row = converter.convert(cells)
                except RowProblems as exc:
                    for key, reason in exc.problems:
                        self.problem(source.name, number, column_of.get(key, key), reason)
                    continue
                row["_row"] = number
                batch.append(tuple(map(row.get, names)))
                if len(batch) >= BATCH:
                    writer(batch)
                    job.staged += len(batch)
                    batch = []
                    if self.progress is not None:
                        position = source.position()
                        self.progress(position - last_position)
                        last_position = position
            if batch:
                writer(batch)
                job.staged += len(batch)
        if self.progress is not None:
            self.progress(max(source.size - last_position, 0))

    @contextmanager
    def _writer(self, stage: Table, names: list[str]) -> Iterator[Callable[[list[tuple]], None]]:
        raw = driver_connection(self.session.connection().connection)
        column_list = ", ".join(f'"{n}"' for n in names)
        if self.dialect == "postgresql":
            # one COPY for the whole table: a COPY per batch costs a round trip each
            sql = f'COPY "{stage.name}" ({column_list}) FROM STDIN'
            raw.execute("SAVEPOINT kn_copy")
            try:
                with raw.cursor() as cursor, cursor.copy(sql) as pipe:
                    write_row = pipe.write_row

                    def copy(rows: list[tuple]) -> None:
                        for row in rows:
                            write_row(row)

                    yield copy
            except BaseException:
                # a problem while the COPY is open (a file that stops decoding half-way)
                # aborts it: back to before it, so the transaction can still drop the stage
                # and the problem is the one reported
                raw.execute("ROLLBACK TO SAVEPOINT kn_copy")
                raise
            raw.execute("RELEASE SAVEPOINT kn_copy")
            return
        # dates are bound as ISO text, the form SQLAlchemy stores them in on SQLite
        sqlite3.register_adapter(dt.date, dt.date.isoformat)
        marks = ", ".join("?" for _ in names)
        sql = f'INSERT INTO "{stage.name}" ({column_list}) VALUES ({marks})'

        def executemany(rows: list[tuple]) -> None:
            raw.executemany(sql, rows)

        yield executemany

    # -- 2. duplicates, matches, and what each row will do ------------------------------------
    def _classify(self, job: _Job) -> None:
        stage, target, described, present = job.stage, job.target, job.described, job.present
        source, column_of = job.source, job.column_of
        conn = self.session.connection()
        s, tgt = stage.c, target.c
        report_at = _report_at(job)
        for key_columns, condition in self._keys(described):
            # rows that repeat an earlier row's natural key in the same file
            groups = (
                select(*[s[k] for k in key_columns], func.min(s._row).label("first"))
                .where(condition(s))
                .group_by(*[s[k] for k in key_columns])
                .having(func.count() > 1)
                .subquery()
            )
            repeats = select(s._row, groups.c.first).join(
                groups,
                and_(*[_same(s[k], groups.c[k]) for k in key_columns], s._row > groups.c.first),
            )
            if key_columns == (described.ref,):
                column = column_of.get(key_columns[0], key_columns[0])
            else:
                column = report_at
            bad = []
            for row, first in conn.execute(repeats.order_by(s._row)):
                self.problem(source.name, row, column, t("duplicate_in_file", row=first))
                bad.append(row)
            if bad:
                conn.execute(update(stage).where(s._row.in_(bad)).values(_action="bad"))
        # stored records: by id for the rows that name one, else by natural key (none to find
        # in an empty table)
        named = select(literal(1)).select_from(stage).where(s._id.is_not(None)).limit(1)
        by_id = job.record_ids and conn.execute(named).first() is not None
        if by_id:
            self._match_ids(job)
        if conn.execute(select(literal(1)).select_from(target).limit(1)).first() is not None:
            self._match(job, lambda c: and_(c._action == "insert", c._id.is_(None)))
        if by_id:
            self._one_row_per_record(job)
            self._keys_free(job)
        self._given_before(job)
        compare = [c for c in present if c not in ("name_key",)]
        same = (
            select(literal(1))
            .where(tgt.id == s._target, *[tgt[c].is_not_distinct_from(s[c]) for c in compare])
            .exists()
        )
        conn.execute(
            update(stage)
            .where(s._action == "insert", s._target.is_not(None), same)
            .values(_action="same")
        )
        if self.form is not None:
            conn.execute(returns.untouched_rows(job))
        if described.others is not None:
            self._supporters_changed(job, described.others)
        conflicts = update(stage).where(s._action == "insert", s._target.is_not(None))
        if self.options.on_conflict == "error":
            for (row,) in conn.execute(
                select(s._row).where(s._action == "insert", s._target.is_not(None))
            ):
                self.problem(source.name, row, report_at, t("exists_differs"))
            conn.execute(conflicts.values(_action="bad"))
        elif self.options.on_conflict == "skip":
            conn.execute(conflicts.values(_action="skip"))
        else:
            conn.execute(conflicts.values(_action="update"))

    def _given_before(self, job: _Job) -> None:
        """A record is given by one row of the whole command: a row that names a record an
        earlier table of the same kind gave already (another file, another sheet) is refused
        naming both places, as a row repeated in its own file is."""
        s = job.stage.c
        report_at = _report_at(job)
        at_id = job.column_of.get("id", "id")
        for earlier, name in self.kept.get(job.kind.name, []):
            e = earlier.c
            rows = (
                select(s._row, func.min(e._row), func.min(s._id))
                .select_from(job.stage)
                .join(earlier, e._target == s._target)
                .where(s._action == "insert", s._target.is_not(None))
                .group_by(s._row)
                .order_by(s._row)
            )
            self._refuse(
                job,
                rows,
                lambda row, first, record, name=name: (
                    at_id if record is not None else report_at,
                    t("given_before", file=name, row=first),
                ),
            )

    def _match_ids(self, job: _Job) -> None:
        """Rows that name a record by id: that record, whatever else the file corrected; an
        id that is no longer stored (the record was removed after the export) is a problem,
        never a new record: clearing the id makes the row a new one."""
        stage, target = job.stage, job.target
        s, tgt = stage.c, target.c
        conn = self.session.connection()
        named = and_(s._id.is_not(None), s._action == "insert")
        stored = select(tgt.id).where(tgt.id == s._id).scalar_subquery()
        conn.execute(update(stage).where(named).values(_target=stored))
        if self.form is not None:  # a row as the form sent it: its record's removal stands
            self.summary.warnings += returns.leave_out_removed(conn, job)
        gone = select(s._row, s._id).where(named, s._target.is_(None)).order_by(s._row)
        at = job.column_of.get("id", "id")
        self._refuse(job, gone, lambda row, record: (at, t("record_gone", id=record)))

    def _one_row_per_record(self, job: _Job) -> None:
        """Two rows may not be the same record: two rows with one id (a row copied to make a
        new one), or a row by id and another by the natural key the record has now."""
        stage = job.stage
        s = stage.c
        report_at = _report_at(job)
        waiting = and_(s._action == "insert", s._target.is_not(None))
        groups = (
            select(s._target, func.min(s._row).label("first"))
            .where(waiting)
            .group_by(s._target)
            .having(func.count() > 1)
            .subquery()
        )
        repeats = (
            select(s._row, s._id, groups.c.first, s._target)
            .join(groups, and_(s._target == groups.c._target, s._row > groups.c.first))
            .where(waiting)
            .order_by(s._row)
        )
        at = job.column_of.get("id", "id")
        self._refuse(
            job,
            repeats,
            lambda row, record, first, stored: (
                at if record is not None else report_at,
                t("same_record_in_file", row=first, id=stored),
            ),
        )

    def _keys_free(self, job: _Job) -> None:
        """A row matched by id may correct its natural key, but not to the key of another
        stored record (the database keeps natural keys unique)."""
        stage, target, kind, described = job.stage, job.target, job.kind, job.described
        s = stage.c
        report_at = _report_at(job)
        other = target.alias("taken")
        ref = described.ref
        for key_columns, condition in self._keys(described):
            by_ref = key_columns == (ref,)
            same_key = [_key_equal(other.c[k], s[k]) for k in key_columns]
            if ref is not None and not by_ref:
                same_key.append(other.c[ref].is_(None))  # the key of records without a ref
            fields = key_columns if by_ref else kind.natural_key
            columns = ", ".join(job.column_of.get(f, f) for f in fields)
            taken = (
                select(s._row, func.min(other.c.id))
                .select_from(stage)
                .join(other, and_(*same_key, other.c.id != s._target))
                .where(s._id.is_not(None), s._action == "insert", condition(s))
                .group_by(s._row)
                .order_by(s._row)
            )
            at = job.column_of.get(key_columns[0], key_columns[0]) if by_ref else report_at
            self._refuse(
                job,
                taken,
                lambda row, stored, at=at, columns=columns: (
                    at,
                    t("key_taken", id=stored, columns=columns),
                ),
            )

    def _refuse(self, job: _Job, rows: Any, describe: Callable[..., tuple[str, str]]) -> None:
        """Refuse the staged rows a query picks (its first column: the row number, in
        order): the first problems are reported with the (column, reason) `describe` gives
        for the query's columns, the others counted, and every one is marked bad."""
        conn = self.session.connection()
        picked = rows.subquery()
        total = conn.scalar(select(func.count()).select_from(picked)) or 0
        if not total:
            return
        room = max(MAX_SHOWN - len(self.problems), 0)
        if self.refused is not None:  # every one, for the file of refused rows
            room = total
        shown = 0
        for found in conn.execute(rows.limit(room)) if room else ():
            column, reason = describe(*found)
            self.problem(job.source.name, found[0], column, reason)
            shown += 1
        self.total_problems += total - shown
        stage = job.stage
        first = picked.c[0]
        conn.execute(update(stage).where(stage.c._row.in_(select(first))).values(_action="bad"))

    def _match(self, job: _Job, when: Callable[[Any], Any], by_ref: bool = True) -> None:
        """Set _target to the stored record with the same natural key, for rows `when` picks
        (with by_ref=False, not for rows that have a ref)."""
        stage, target, described = job.stage, job.target, job.described
        s, tgt = stage.c, target.c
        for key_columns, condition in self._keys(described):
            if key_columns == (described.ref,) and not by_ref:
                continue
            match = (
                select(tgt.id)
                .where(*[_key_equal(tgt[k], s[k]) for k in key_columns])
                .limit(1)
                .scalar_subquery()
            )
            self.session.connection().execute(
                update(stage).where(when(s), condition(s)).values(_target=match)
            )

    def _keys(self, described: Descriptor) -> list[tuple[tuple[str, ...], Callable[[Any], Any]]]:
        """The keys rows are matched on, each with the rows it is for: the ref of rows that
        give one, the natural key of the others."""
        ref = described.ref
        if ref is None:
            return [(described.natural_key, lambda c: literal(True))]
        return [
            ((ref,), lambda c: c[ref].is_not(None)),
            (described.natural_key, lambda c: c[ref].is_(None)),
        ]

    def _supporters_changed(self, job: _Job, others: OtherAgencies) -> None:
        """Pairings equal in every column may still differ in their supporters."""
        stage = job.stage
        conn = self.session.connection()
        s = stage.c
        rows = conn.execute(
            select(s._row, s._target, s._supporters).where(
                s._action == "same", s._supporters.is_not(None)
            )
        ).all()
        if not rows:
            return
        stored: dict[int, list[int]] = {}
        targets = [r[1] for r in rows]
        listed = metadata.tables[others.table].c
        key = others.key
        for pairing_id, agency_id in conn.execute(
            select(listed[key], listed.agency_id).where(listed[key].in_(targets))
        ):
            stored.setdefault(pairing_id, []).append(agency_id)
        changed = [
            row
            for row, target, supporters in rows
            if ";".join(map(str, sorted(stored.get(target, [])))) != supporters
        ]
        if changed:
            conn.execute(update(stage).where(s._row.in_(changed)).values(_action="insert"))

    # -- 3. write, then check what needs the whole picture ----------------------------------
    def _apply(self, job: _Job) -> None:
        stage, target, kind, present = job.stage, job.target, job.kind, job.present
        described = job.described
        self._refuse_locked_years(job)
        conn = self.session.connection()
        s = stage.c
        defaults = described.insert_defaults
        columns = [c.name for c in target.c if c.name != "id"]
        values: list[Any] = [
            func.coalesce(s[c], literal(defaults[c])) if c in defaults else s[c] for c in columns
        ]
        if IMPORT_ENTRY in target.c:  # inserts are audited by the import's entry
            values[columns.index(IMPORT_ENTRY)] = literal(self.entry, Integer)
        self._audit(job, "update")  # before the values change
        rebuilt = self._drop_plain_indexes(job)
        conn.execute(
            insert(target).from_select(
                columns, select(*values).where(s._action == "insert").order_by(s._row)
            )
        )
        for sql in rebuilt:
            conn.exec_driver_sql(sql)
        if described.others is not None:
            # the new ids, where the other agencies need them
            self._match(job, lambda c: c._action == "insert", by_ref=False)
        changed = {c: s[c] for c in present}
        if "name" in changed:
            changed["name_key"] = s.name_key
        conn.execute(
            update(target).where(target.c.id == s._target, s._action == "update").values(changed)
        )
        if kind.name == "villages":
            self._place_villages(job)
        if described.others is not None:
            self._write_supporters(job, described.others)
        if kind.name == "pairings":
            self._check_pairings(job)
        if kind.name == "localities":
            self._check_localities(job)

    def _place_villages(self, job: _Job) -> None:
        """Link new villages to the commune their text names; an updated village that never
        moved follows its (maybe corrected) text, one with a history of places keeps it. A
        place that names no unit is kept, with a warning."""
        from ketnghia.services.admin_units.resolve import link_unplaced, unmatched_warnings

        conn = self.session.connection()
        p = metadata.tables["village_places"].c
        updated = select(job.stage.c._target).where(job.stage.c._action == "update")
        moved = select(p.village_id).where(or_(p.valid_from.is_not(None), p.valid_to.is_not(None)))
        conn.execute(
            delete(metadata.tables["village_places"]).where(
                p.village_id.in_(updated), p.village_id.not_in(moved)
            )
        )
        link_unplaced(conn)
        villages = metadata.tables["villages"].c
        written = select(job.stage.c.code).where(job.stage.c._action.in_(("insert", "update")))
        self.summary.warnings += unmatched_warnings(
            conn, select(villages.id).where(villages.code.in_(written))
        )

    def _drop_plain_indexes(self, job: _Job) -> list[str]:
        """Drop the target's non-unique indexes before a bulk insert and return the statements
        that make them again. Rows added one by one to an index whose keys come in random order
        (the dates of activities) make SQLite's small page cache thrash, and cost PostgreSQL a
        page write each; building the index afresh is one sort. Only when the new rows are many
        and at least half as many as the stored ones (a first load: on PostgreSQL the dropped
        index holds the table for the import's transaction); unique indexes stay, as they
        check the rows."""
        if self.dialect not in ("sqlite", "postgresql") or job.staged < BULK_ROWS:
            return []
        conn = self.session.connection()
        stage, target = job.stage, job.target
        new = conn.scalar(select(func.count()).where(stage.c._action == "insert")) or 0
        stored = conn.scalar(select(func.max(target.c.id))) or 0
        if new < BULK_ROWS or new * 2 < stored:
            return []
        if self.dialect == "postgresql":
            found = conn.exec_driver_sql(
                "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                "WHERE t.relname = %(table)s "
                "AND t.relnamespace = to_regnamespace(current_schema()) "
                "AND NOT x.indisunique AND NOT x.indisprimary",
                {"table": target.name},
            ).all()
            for name, _ in found:
                conn.exec_driver_sql(f'DROP INDEX "{name}"')
            return [sql for _, sql in found]
        plain = [
            name
            for _, name, unique, origin, *_ in conn.exec_driver_sql(
                f'PRAGMA index_list("{target.name}")'
            )
            if not unique and origin == "c"
        ]
        statements = []
        for name in plain:
            sql = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
            ).scalar()
            if sql:
                conn.exec_driver_sql(f'DROP INDEX "{name}"')
                statements.append(sql)
        return statements

    def _refuse_locked_years(self, job: _Job) -> None:
        """Rows that would add or change a record dated in a locked year are problems."""
        stage, target = job.stage, job.target
        source, column_of = job.source, job.column_of
        columns = job.described.lock_dates
        if not columns:
            return
        locked = locked_years(self.session)
        if not locked:
            return
        s, tgt = stage.c, target.c

        def in_locked(column: Any) -> Any:
            if column.name == "year":  # village figures: the year is the column itself
                return column.in_(sorted(locked))
            return or_(*[in_years(column, y) for y in locked])

        if len(columns) == 1:  # a dated record: any change to one of a locked year
            touches = or_(
                in_locked(s[columns[0]]),
                and_(s._action == "update", in_locked(tgt[columns[0]])),
            )
        else:  # a period: new ones by either date, changed ones by the dates that change
            touches = or_(
                and_(s._action == "insert", or_(*[in_locked(s[c]) for c in columns])),
                *[
                    and_(
                        s._action == "update",
                        s[c].is_distinct_from(tgt[c]),
                        or_(in_locked(s[c]), in_locked(tgt[c])),
                    )
                    for c in columns
                    if c in column_of
                ],
            )
        query = (
            select(s._row, *[s[c] for c in columns], *[tgt[c] for c in columns])
            .select_from(stage)
            .outerjoin(target, tgt.id == s._target)
            .where(s._action.in_(("insert", "update")), touches)
            .order_by(s._row)
        )
        bad = []
        for row, *dates in self.session.connection().execute(query):
            years = sorted({_year_of(d) for d in dates if d is not None} & set(locked))
            year = years[0]
            at = column_of.get(columns[0], columns[0])
            self.problem(source.name, row, at, refuse(year, locked[year]).render())
            bad.append(row)
        if bad:
            self.session.connection().execute(
                update(stage).where(s._row.in_(bad)).values(_action="bad")
            )

    def _audit(self, job: _Job, action: str) -> None:
        """One audit entry per updated row, written set-based from the stage (inserted rows
        name the import's entry instead)."""
        stage, target, kind, present = job.stage, job.target, job.kind, job.present
        s, tgt = stage.c, target.c
        fields = [c for c in present if c != "name_key"]
        rows_as_json: list[Any] = []  # PostgreSQL: the lateral rows that as_json turns to JSON

        def as_json(table: Table, name: str) -> Any:
            columns = table.c
            if self.dialect == "postgresql":
                # row_to_json of a lateral row of the fields: about a third faster than
                # json_build_object, and compact like SQLite's json_object
                fields_row = select(*[columns[c].label(c) for c in fields]).correlate(table)
                row = fields_row.lateral(name)
                rows_as_json.append(row)
                return cast(func.row_to_json(row.table_valued()), String)
            return func.json_object(*[part for c in fields for part in (literal(c), columns[c])])

        # the kind's one audit key, over the staged row (its record's id: _target)
        key = job.described.audit_key.sql(lambda column: s._target if column == "id" else s[column])
        query = select(s._row).select_from(stage)
        before: Any = literal(None, String)
        if action == "update":
            query = query.join(target, tgt.id == s._target)
            before = as_json(target, "before_row")
        after = as_json(stage, "after_row")
        for row in rows_as_json:
            query = query.join(row, true())
        rows = query.with_only_columns(
            literal(audit.now()),
            literal(acting.actor()),
            literal(acting.command()),
            literal(kind.name),
            key,
            literal(action),
            before,
            after,
        ).where(s._action == action)
        entries = metadata.tables["audit_log"]
        self.session.connection().execute(
            insert(entries).from_select(
                ["at", "actor", "command", "kind", "record_key", "action", "before", "after"],
                rows,
            )
        )

    def _write_supporters(self, job: _Job, others: OtherAgencies) -> None:
        stage = job.stage
        conn = self.session.connection()
        s = stage.c
        rows = conn.execute(
            select(s._target, s._supporters).where(
                s._action.in_(("insert", "update")), s._supporters.is_not(None)
            )
        ).all()
        if not rows:
            return
        table, key = metadata.tables[others.table], others.key
        ids = [target_id for target_id, _ in rows]
        conn.execute(delete(table).where(table.c[key].in_(ids)))
        pairs = [
            {key: target_id, "agency_id": int(agency)}
            for target_id, supporters in rows
            for agency in supporters.split(";")
            if agency
        ]
        if pairs:
            conn.execute(insert(table), pairs)

    def _check_localities(self, job: _Job) -> None:
        """Two pairings of the same localities may not overlap."""
        self.refs.refresh({"localities"})
        codes = {i: c for c, i in self.refs.agencies.items()}
        self._report_overlaps(
            job,
            "commune_id",
            self.refs.localities,
            lambda pair, started_on, until: t(
                "locality_overlap",
                agency=codes.get(pair[0], "?"),
                commune=self.refs.commune_names.get(pair[1], "?"),
                started_on=started_on,
                until=until,
            ),
        )

    def _report_overlaps(
        self,
        job: _Job,
        target_column: str,
        periods: dict[tuple[int, int], Any],
        describe: Callable[[tuple[int, int], str, str], str],
    ) -> None:
        """Overlapping periods of one partner and one target, stored or from this file (a few
        rows per pair: checked here), reported at the row that made them."""
        s = job.stage.c
        staged = {
            (a, x, _as_date(start)): row
            for row, a, x, start in self.session.connection().execute(
                select(s._row, s.agency_id, s[target_column], s.started_on).where(
                    s._action.in_(("insert", "update", "same"))
                )
            )
        }
        at = job.column_of.get("started_on", "started_on")
        for pair in {(a, x) for a, x, _ in staged}:
            for (start1, end1, _), (start2, end2, _) in itertools.pairwise(periods.get(pair, [])):
                if is_overlapping(start1, end1, start2, end2):
                    row = staged.get((*pair, start2)) or staged.get((*pair, start1))
                    until = t("until", date=end1.isoformat()) if end1 else ""
                    self.problem(
                        job.source.name, row or 0, at, describe(pair, start1.isoformat(), until)
                    )

    def _check_pairings(self, job: _Job) -> None:
        """Overlaps with stored pairings (or within the file), and activities or visits that
        an earlier end would leave outside their pairing."""
        stage, source, column_of = job.stage, job.source, job.column_of
        conn = self.session.connection()
        s = stage.c
        self.refs.refresh({"pairings"})
        codes_a = {i: c for c, i in self.refs.agencies.items()}
        codes_v = {i: c for c, i in self.refs.villages.items()}
        self._report_overlaps(
            job,
            "village_id",
            self.refs.pairings,
            lambda pair, started_on, until: t(
                "pairing_overlap",
                agency=codes_a.get(pair[0], "?"),
                village=codes_v.get(pair[1], "?"),
                started_on=started_on,
                until=until,
            ),
        )
        at = column_of.get("started_on", "started_on")
        # records outside the (maybe shortened) pairings of this file
        at_end = column_of.get("ended_on", at)
        pairings = metadata.tables["pairings"]
        pairing = pairings.c
        for model, label in ((Activity, "rec_activities"), (Visit, "rec_visits")):
            query = (
                select(s._row, func.count(), func.min(model.date))
                .select_from(model)
                .join(pairings, pairing.id == model.pairing_id)
                .join(
                    stage,
                    and_(
                        s.agency_id == pairing.agency_id,
                        s.village_id == pairing.village_id,
                        s.started_on == pairing.started_on,
                        s._action == "update",
                    ),
                )
                .where(outside(model.date, pairing.started_on, pairing.ended_on))
                .group_by(s._row)
            )
            for row, count, first in conn.execute(query):
                self.problem(
                    source.name,
                    row,
                    at_end,
                    t("records_outside", count=count, what=t(label), first=_iso(first)),
                )


def _report_at(job: _Job) -> str:
    """The file's column a problem with the whole record is reported at."""
    column = job.described.report_column
    return job.column_of.get(column, column)


def _same(a: Any, b: Any) -> Any:
    return a.is_not_distinct_from(b)


def _key_equal(stored: Any, staged: Any) -> Any:
    """Key equality that can use the stored table's indexes (= for NOT NULL columns)."""
    if stored.nullable:
        return or_(stored == staged, and_(stored.is_(None), staged.is_(None)))
    return stored == staged


def _year_of(value: Any) -> int:
    return value if isinstance(value, int) else _as_date(value).year


def _as_date(value: Any) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)
