"""Fixtures: real SQLite files and, when KETNGHIA_TEST_POSTGRES_URL is set, a real
PostgreSQL server. One parametrised `db_url` runs each test on both backends."""

from __future__ import annotations

import itertools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest
from typer.testing import CliRunner

import ketnghia.rules  # noqa: F401  (the audit and lock hooks, for tests that use services directly)
from ketnghia.cli.app import app
from tests.invoking import NO_CONFIG, build_command_tree_once

if TYPE_CHECKING:
    from sqlmodel import Session

PG_URL = os.environ.get("KETNGHIA_TEST_POSTGRES_URL")
# A message key missing from the catalogue fails the test instead of printing itself.
os.environ["KETNGHIA_STRICT_MESSAGES"] = "1"
# never the settings file of the computer running the tests (tests that need one set their own)
os.environ["KETNGHIA_CONFIG"] = NO_CONFIG
# Listings take their width from COLUMNS when it is set (pytest-xdist's workers inherit one):
# tests that want a width set it themselves.
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)
ROOT = Path(__file__).resolve().parents[1]


build_command_tree_once()


def _pg_reachable() -> str | None:
    """None when PostgreSQL can be used, else why not."""
    if not PG_URL:
        return "KETNGHIA_TEST_POSTGRES_URL is not set"
    try:
        from sqlalchemy import create_engine

        engine = create_engine(PG_URL)
        with engine.connect():
            pass
        engine.dispose()
    except Exception as exc:  # pragma: no cover - depends on the machine
        return f"PostgreSQL at KETNGHIA_TEST_POSTGRES_URL is not reachable: {exc}"
    return None


PG_SKIP = _pg_reachable()


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


class PostgresServer:
    """Creates throw-away databases on the test server (the role needs CREATEDB)."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine

        self.url = url
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []

    def create(self) -> str:
        from sqlalchemy import text

        name = f"ketnghia_t_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return _with_database(self.url, name)

    def drop_all(self) -> None:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            for name in self.created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    if PG_SKIP:
        pytest.skip(PG_SKIP)
    server = PostgresServer(PG_URL)  # type: ignore[arg-type]
    yield server
    server.drop_all()


@pytest.fixture(scope="session")
def pg_migrated(pg_server: PostgresServer) -> str:
    """One PostgreSQL database at head, emptied before each test that uses it."""
    from ketnghia.db import Database

    url = pg_server.create()
    Database(url).close()
    return url


# The administrative units the migration loads are reference data: kept between tests (only
# units a test added are removed), like the template SQLite file keeps them; so is the
# database's identity, which its migration made.
REFERENCE_TABLES = ("admin_units", "admin_successions", "database_identity")
_SHIPPED_UNITS: dict[str, Any] = {"max_id": None, "links": set()}


def _truncate(url: str) -> None:
    """Empty every record table, ids from 1 again; the reference data back as shipped."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from ketnghia.models import metadata

    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        _pg_clear(conn, [t.name for t in metadata.sorted_tables if t.name not in REFERENCE_TABLES])
        links = "SELECT old_id, new_id, effective_on, confidence FROM admin_successions"
        if _SHIPPED_UNITS["max_id"] is None:
            _SHIPPED_UNITS["max_id"] = conn.execute(
                text("SELECT max(id) FROM admin_units")
            ).scalar()
            _SHIPPED_UNITS["links"] = {tuple(r) for r in conn.execute(text(links))}
        shipped = _SHIPPED_UNITS["links"]
        if {tuple(r) for r in conn.execute(text(links))} != shipped:  # a test corrected some
            conn.execute(text("DELETE FROM admin_successions"))
            conn.execute(
                text(
                    "INSERT INTO admin_successions (old_id, new_id, effective_on, confidence) "
                    "VALUES (:o, :n, :e, :c)"
                ),
                [{"o": o, "n": n, "e": e, "c": c} for o, n, e, c in sorted(shipped)],
            )
        conn.execute(text("DELETE FROM admin_units WHERE id > :n"), {"n": _SHIPPED_UNITS["max_id"]})
    engine.dispose()


_SEQUENCES = """
SELECT table_name, column_name,
       pg_get_serial_sequence(format('public.%I', table_name), column_name)
FROM information_schema.columns
WHERE table_schema = 'public' AND (column_default LIKE 'nextval%' OR is_identity = 'YES')
"""
_PG_SEQUENCES: dict[str, list[tuple[str, str, str]]] = {}  # by database: table, column, sequence


def _pg_clear(conn, tables: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Delete the rows of `tables` (given parents first) and start their ids from 1 again.
    Tables already empty are left alone: TRUNCATE costs as much for them as for full ones,
    several times what these few rows cost to delete."""
    from sqlalchemy import text

    probe = " UNION ALL ".join(
        f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM public.\"{name}\")" for name in tables
    )
    holding = {row[0] for row in conn.execute(text(probe))}
    for name in reversed(tables):
        if name in holding:
            conn.execute(text(f'DELETE FROM public."{name}"'))
    database = conn.engine.url.database
    if database not in _PG_SEQUENCES:
        _PG_SEQUENCES[database] = [tuple(row) for row in conn.execute(text(_SEQUENCES))]
    sequences = [seq for table, _column, seq in _PG_SEQUENCES[database] if table in tables]
    conn.execute(
        text("SELECT setval(CAST(s AS regclass), 1, false) FROM unnest(CAST(:s AS text[])) s"),
        {"s": sequences},
    )


@pytest.fixture(scope="session")
def sqlite_template(snapshots: Snapshots) -> Path:
    """A SQLite file migrated to head once; each test gets a copy."""
    return snapshots.template()


def copy_template(template: Path, path: Path) -> Path:
    """A new database from the template file: a copy with an identity of its own, as a
    database made by its migration has (a plain copy of a file is the same database)."""
    import sqlite3

    shutil.copyfile(template, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE database_identity SET database_id = ?", (str(uuid.uuid4()),))
    conn.close()
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A database at head with no records: a SQLite file, or the PostgreSQL test database."""
    if request.param == "sqlite":
        return str(copy_template(sqlite_template, tmp_path / "ketnghia.db"))
    url = request.getfixturevalue("pg_migrated")
    _truncate(url)
    return url


@pytest.fixture
def sqlite_path(tmp_path: Path, sqlite_template: Path) -> Path:
    return copy_template(sqlite_template, tmp_path / "ketnghia.db")


Runner = Callable[..., "object"]


class Cli:
    """Runs `ketnghia --db URL --lang en ARGS` in-process and checks the exit code."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.runner = CliRunner()

    def __call__(
        self, *args: str, code: int | None = 0, lang: str = "en", input: str | None = None
    ):  # type: ignore[no-untyped-def]
        result = self.runner.invoke(
            app, ["--db", self.url, "--lang", lang, *map(str, args)], input=input
        )
        if code is not None:
            assert result.exit_code == code, (
                f"exit {result.exit_code} != {code} for {args}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}\n{result.exception!r}"
            )
        return result

    def json(self, *args: str):  # type: ignore[no-untyped-def]
        import json

        return json.loads(self(*args, "--format", "json").stdout)


@pytest.fixture
def cli(db_url: str) -> Cli:
    return Cli(db_url)


def seed_basic(cli: Cli) -> None:
    """Two agencies, three villages, one pairing from 2024-03-01 (on a new database: a copy
    of the first one built in this test process)."""
    seed(cli, _basic)


def demo_province(cli: Cli) -> None:
    """The sample province, as `ketnghia demo` builds it (use with seed())."""
    from ketnghia.db import Database
    from ketnghia.importing.sample import build_sample

    db = Database(cli.url)
    try:
        build_sample(db)
    finally:
        db.close()


def _basic(cli: Cli) -> None:
    cli(
        "agency",
        "add",
        "--code",
        "SO-NN",
        "--name",
        "Sở Nông nghiệp và Môi trường",
        "--kind",
        "department",
        "--level",
        "province",
    )
    cli(
        "agency",
        "add",
        "--code",
        "TD",
        "--name",
        "Tỉnh đoàn Gia Lai",
        "--kind",
        "Mặt trận, đoàn thể",
    )
    cli(
        "village",
        "add",
        "--code",
        "GL-0001",
        "--name",
        "Làng Ơ",
        "--commune",
        "Ia Me",
        "--district",
        "Chư Prông",
        "--households",
        "120",
        "--poor-households",
        "30",
        "--special-difficulty",
    )
    cli("village", "add", "--code", "GL-0002", "--name", "Làng Díp", "--district", "Chư Păh")
    cli("village", "add", "--code", "GL-0003", "--name", "Đê Ar", "--district", "Mang Yang")
    cli("pair", "add", "--agency", "SO-NN", "--village", "GL-0001", "--since", "2024-03-01")


# -- seeded databases, built once and copied ---------------------------------------------------

Build = Callable[[Cli], object]
# what a new database holds: no records, no audit entries (the migration writes none)
_RECORDS = "SELECT (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM agencies)"
_SKIPPED = ("database_identity",)  # each copy is a database of its own


class Snapshots:
    """Seeded databases, built once per test process (and backend), then put in place of a
    new database for each test that asks: the file copied (SQLite) or the rows copied back
    from a schema the snapshot keeps in the same PostgreSQL database (a CREATE DATABASE ...
    TEMPLATE per test would cost a checkpoint for each DROP)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._template: Path | None = None
        self.files: dict[tuple, Path] = {}
        self.schemas: dict[tuple, PgSnapshot] = {}
        self._n = itertools.count()  # names, unique even when one build seeds another

    def template(self) -> Path:
        """A SQLite file migrated to head."""
        if self._template is None:
            from ketnghia.db import Database

            path = self.folder / "template.db"
            Database(path).close()
            self._template = path
        return self._template

    @staticmethod
    def _key(build: Build, *more: str) -> tuple:
        # the audit entries a build writes name the actor
        return (build, os.environ.get("KETNGHIA_ACTOR"), *more)

    def file(self, build: Build) -> Path:
        """The SQLite file `build` makes from a new database: to copy, never to write."""
        key = self._key(build)
        if key not in self.files:
            path = copy_template(self.template(), self.folder / f"seeded-{next(self._n)}.db")
            build(Cli(str(path)))
            _checkpoint(path)
            self.files[key] = path
        return self.files[key]

    def seed(self, cli: Cli, build: Build) -> None:
        """What `build` writes into the new database of `cli`, from the snapshot."""
        if not _is_new(cli.url):  # something was written first: build on top of it
            build(cli)
            return
        if "://" not in cli.url or cli.url.startswith("sqlite:"):
            path = _sqlite_file(cli.url)
            for extra in ("-wal", "-shm"):
                path.with_name(path.name + extra).unlink(missing_ok=True)
            copy_template(self.file(build), path)
            return
        key = self._key(build, cli.url)
        if key not in self.schemas:
            self.schemas[key] = _pg_snapshot(cli, build, f"snapshot_{next(self._n)}")
        _pg_restore(cli.url, self.schemas[key])


_STORE: list[Snapshots] = []


@pytest.fixture(scope="session", autouse=True)
def snapshots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Snapshots]:
    """The store of this test process (seed(), a plain function, finds it in _STORE)."""
    _STORE.append(Snapshots(tmp_path_factory.mktemp("snapshots")))
    yield _STORE[-1]
    _STORE.clear()


def seed(cli: Cli, build: Build) -> Cli:
    """Run `build` on the new database of `cli` — the first time in this test process; after
    that, put a copy of what it made in place, ids and audit trail included."""
    _STORE[-1].seed(cli, build)
    return cli


def _sqlite_file(url: str) -> Path:
    from ketnghia.db import sqlite_path, target_to_url

    path = sqlite_path(target_to_url(url))
    assert path is not None, url
    return path


def _checkpoint(path: Path) -> None:
    """Everything in the main file, so that a copy of the file alone is complete."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _is_new(url: str) -> bool:
    if "://" not in url or url.startswith("sqlite:"):
        import sqlite3

        path = _sqlite_file(url)
        if not path.exists():  # made by the build's first command
            return False
        conn = sqlite3.connect(path)
        try:
            return conn.execute(_RECORDS).fetchone()[0] == 0
        finally:
            conn.close()
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return conn.execute(text(_RECORDS)).scalar() == 0
    finally:
        engine.dispose()


def _fingerprints(conn, tables: list[str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    return {
        name: conn.execute(
            text(
                f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                f'FROM "{name}" t'
            )
        ).scalar()
        for name in tables
    }


class PgSnapshot(NamedTuple):
    schema: str
    tables: list[str]  # parents first


def _pg_snapshot(cli: Cli, build: Build, schema: str) -> PgSnapshot:
    """Build on the new PostgreSQL database of `cli`, then keep a copy of every table the
    build changed in `schema` of the same database."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from ketnghia.models import metadata

    engine = create_engine(cli.url, poolclass=NullPool)
    reference = [name for name in REFERENCE_TABLES if name not in _SKIPPED]
    with engine.connect() as conn:
        before = _fingerprints(conn, reference)
    build(cli)
    with engine.begin() as conn:
        after = _fingerprints(conn, reference)
        tables = [
            t.name
            for t in metadata.sorted_tables
            if t.name not in _SKIPPED
            and (t.name not in reference or after[t.name] != before[t.name])
        ]
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        for name in tables:
            conn.execute(text(f'CREATE TABLE "{schema}"."{name}" AS TABLE public."{name}"'))
    engine.dispose()
    return PgSnapshot(schema, tables)


def _pg_restore(url: str, snapshot: PgSnapshot) -> None:
    """Put the rows kept in the snapshot's schema in place of this database's."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        _pg_clear(conn, snapshot.tables)
        for name in snapshot.tables:
            conn.execute(
                text(f'INSERT INTO public."{name}" SELECT * FROM "{snapshot.schema}"."{name}"')
            )
        database = conn.engine.url.database
        for table, column, sequence in _PG_SEQUENCES[database]:
            if table in snapshot.tables:
                conn.execute(
                    text(
                        f'SELECT setval(CAST(:s AS regclass), max("{column}")) '
                        f'FROM public."{table}" HAVING max("{column}") IS NOT NULL'
                    ),
                    {"s": sequence},
                )
    engine.dispose()


@contextmanager
def opened(url: str, write: bool = False) -> Iterator[Session]:
    """A session on the database at `url`, opened as the commands open it (the audit, lock
    and filed-figures hooks installed): for tests of services and reports that need no CLI.
    A write session commits when the block ends."""
    from ketnghia.rules import open_database

    db = open_database(url)
    try:
        with db.write() if write else db.session() as session:
            yield session
    finally:
        db.close()


def audit_count(url: str) -> int:
    """How many entries the audit trail holds (`history --format json` lists them all, slowly
    on a province's worth)."""
    from sqlalchemy import func, select

    from ketnghia.db import Database
    from ketnghia.models import AuditEntry

    db = Database(url, migrate=False)
    try:
        with db.session() as session:
            return session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    finally:
        db.close()


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every record table, sorted: to show that a refused command wrote nothing.
    (The audit trail is left out: tests/test_audit.py looks at it on its own; so is the
    database's identity, which no command changes and which differs between databases.)"""
    from sqlalchemy import select

    from ketnghia.db import Database
    from ketnghia.models import metadata

    db = Database(url)
    try:
        with db.session() as session:
            return {
                table.name: sorted(
                    (tuple(map(repr, row)) for row in session.execute(select(table))),
                )
                for table in metadata.sorted_tables
                if table.name not in ("audit_log", "database_identity")
            }
    finally:
        db.close()
