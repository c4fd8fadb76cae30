"""Engine, connection pragmas, sessions and migrations.

SQLite: foreign keys on every connection, a busy timeout, WAL set once when the file is made,
and writers that open with BEGIN IMMEDIATE (a deferred transaction that later wants to write
can fail with "database is locked" instead of waiting). PostgreSQL through psycopg 3.
The schema is created and upgraded only by the Alembic migrations in ketnghia/migrations.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.pool import PoolProxiedConnection
from sqlmodel import Session

from ketnghia.errors import DatabaseProblem
from ketnghia.models import metadata
from ketnghia.outputs import is_sqlite_file
from ketnghia.peek import read_only_uri
from ketnghia.settings import database_url, default_database_path

# The newest migration; tests check it against the migration scripts, so that opening an
# up-to-date database never has to load Alembic.
HEAD_REVISION = "0012"
BUSY_TIMEOUT_MS = 15_000
_BEGIN_MODES = {"DEFERRED", "IMMEDIATE"}
_PG_MIGRATION_LOCK = 0x6B65746E  # an arbitrary advisory-lock key ("ketn")


def default_sqlite_path() -> Path:
    return default_database_path()


def is_default_target(target: str | os.PathLike[str] | None) -> bool:
    """No --db, no KETNGHIA_DB, no db in the config file: the file in the user data folder."""
    from ketnghia.settings import resolve_text

    return resolve_text("db", None if target is None else str(target)) is None


def target_to_url(target: str | os.PathLike[str] | None) -> str:
    """--db value (a path or an SQLAlchemy URL), else KETNGHIA_DB, else the config file, else
    the default file (settings.database_url: the one rule)."""
    return database_url(target, default_sqlite_path())


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _prepare_sqlite_file(path: Path, create_folder: bool = False) -> None:
    """Create a new database file readable by its owner only. Its folder is created only
    for the default location: a path given by the user whose folder is missing is a typo."""
    if path.exists():
        return
    if not path.parent.is_dir():
        if not create_folder:
            raise DatabaseProblem("db_folder_missing", path=str(path), folder=str(path.parent))
        path.parent.mkdir(parents=True, mode=0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass


def is_read_only_file(path: Path | None) -> bool:
    """An existing database file this user may read but not write (chmod 0444, a read-only
    share): opened read-only, so that it can still be read."""
    return path is not None and path.is_file() and not os.access(path, os.W_OK)


def _read_only_connector(path: Path):
    """Connections that open the file read-only, through SQLite's URI form, each as
    peek.read_only_uri says at the time it opens (the one rule: creating nothing beside it)."""
    import sqlite3

    options: dict[str, Any] = {
        "uri": True,
        "timeout": BUSY_TIMEOUT_MS / 1000,
        "check_same_thread": False,
    }

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(read_only_uri(path), **options)

    return connect


_writes = [0]  # writes this process committed (see writes_committed())


def writes_committed() -> int:
    """How many writes this process has committed (write transactions, upgrades of an
    existing database): a command interrupted with the same count as when it began has
    written nothing. (Making a new database's schema is not counted: it holds nothing.)"""
    return _writes[0]


def make_engine(
    url: str, *, create_folder: bool = False, read_only: bool = False, pooled: bool = True
) -> Engine:
    """A new engine. `pooled=False` (SQLite): every session opens the file afresh."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        from sqlalchemy.pool import NullPool

        path = sqlite_path(url)
        if path is not None and not read_only:
            _prepare_sqlite_file(path, create_folder)
        options: dict[str, Any] = {} if pooled else {"poolclass": NullPool}
        if path is not None and read_only:
            engine = create_engine(url, creator=_read_only_connector(path), **options)
        else:
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **options)
        _install_sqlite_hooks(engine)
        return engine
    if backend == "postgresql":
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise DatabaseProblem("postgres_missing") from None
        return create_engine(url, pool_pre_ping=False)
    return create_engine(url)


# One engine per database in a process, so that SQLAlchemy compiles each statement once and
# PostgreSQL connections are reused by the next command run in the same process (tests, scripts
# that call ketnghia as a library). SQLite engines keep no connection open between sessions: a
# file replaced or removed between two commands is opened afresh. Few are kept: a process that
# opens many databases (tests) closes the least recently used.
_SHARED_ENGINES: dict[tuple[str, bool], Engine] = {}
_SHARED_ENGINES_KEPT = 4


def shared_engine(url: str, *, create_folder: bool = False, read_only: bool = False) -> Engine:
    path = sqlite_path(url)
    if path is not None and not read_only:
        _prepare_sqlite_file(path, create_folder)
    key = (url, read_only)
    engine = _SHARED_ENGINES.pop(key, None)
    if engine is None:
        engine = make_engine(url, read_only=read_only, pooled=path is None)
        while len(_SHARED_ENGINES) >= _SHARED_ENGINES_KEPT:
            _SHARED_ENGINES.pop(next(iter(_SHARED_ENGINES))).dispose()
    _SHARED_ENGINES[key] = engine  # the most recently used last
    return engine


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event below emit BEGIN, so writers can say IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = conn.get_execution_options().get("ketnghia_begin", "DEFERRED")
        if mode not in _BEGIN_MODES:
            mode = "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


def driver_connection(pooled: PoolProxiedConnection) -> Any:
    """The driver's own connection (sqlite3's, psycopg's) under a pooled one, for the calls
    only that driver has (a backup, a COPY)."""
    driver = pooled.driver_connection
    if driver is None:  # only a closed pooled connection has none
        raise RuntimeError("the database connection is closed")
    return driver


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def writer(engine: Engine) -> Engine:
    """The same engine, but transactions start with BEGIN IMMEDIATE on SQLite."""
    return engine.execution_options(ketnghia_begin="IMMEDIATE") if is_sqlite(engine) else engine


def current_revision(conn) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "ketnghia:migrations")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in script.walk_revisions()]


def refuse_foreign(conn) -> None:
    """A database that holds tables but no ketnghia schema (another program's SQLite file or
    schema, with or without its own Alembic) is refused before anything is written to it."""
    tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
    revision = current_revision(conn)
    ours = tables & set(metadata.tables)
    if (revision is None and tables) or (revision is not None and not ours):
        raise DatabaseProblem("db_foreign", target=_describe(conn.engine))


# Called in an upgrade's transaction when an existing database reached the newest revision,
# with the revisions before and after: the audit trail writes it down (ketnghia.rules installs
# it, so that this floor imports nothing above it).
upgrade_listeners: list[Callable[[Any, str, str], None]] = []


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Migrate to `revision` under a write lock; returns the revision reached."""
    from alembic import command

    with engine.connect() as conn:
        refuse_foreign(conn)
        conn.rollback()
    if is_sqlite(engine):
        with engine.connect() as conn:
            fresh = current_revision(conn) is None
            conn.rollback()
        if fresh:
            # WAL is a property of the file: set once, when the database is made.
            raw = engine.raw_connection()
            try:
                driver_connection(raw).execute("PRAGMA journal_mode = WAL")
            finally:
                raw.close()
    with writer(engine).connect() as conn:
        sqlite = is_sqlite(engine)
        if sqlite:
            # A migration that rebuilds a table others point at (SQLite's way to alter a
            # column) needs foreign keys off; the whole result is checked before commit.
            _sqlite_pragma(conn, "PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK}
                    )
                before = current_revision(conn)
                if before is not None and before not in known_revisions():
                    raise DatabaseProblem("db_newer", target=_describe(engine), revision=before)
                if before != revision:
                    command.upgrade(alembic_config(conn), revision)
                    if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                        raise DatabaseProblem(
                            "db_open_failed",
                            target=_describe(engine),
                            detail="foreign keys broken by the upgrade",
                        )
                reached = current_revision(conn)
                if before is not None and before != reached and reached == HEAD_REVISION:
                    # an existing database changed: a write like any other (a new one is not)
                    for listener in upgrade_listeners:
                        listener(conn, before, reached)
                    _writes[0] += 1
                return reached
        finally:
            if sqlite:
                _sqlite_pragma(conn, "PRAGMA foreign_keys = ON")


def _sqlite_pragma(conn, statement: str) -> None:
    """Run a pragma outside any transaction (foreign_keys is ignored inside one)."""
    conn.connection.driver_connection.execute(statement)


def ensure_schema(engine: Engine) -> None:
    """Create a new database or upgrade an old one; cheap when it is already at head."""
    with engine.connect() as conn:
        revision = current_revision(conn)
        conn.rollback()
    if revision != HEAD_REVISION:
        upgrade(engine)


def _describe(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


BACKENDS = ("sqlite", "postgresql")


def check_target(url: str) -> None:
    """A target that cannot be a ketnghia database, refused before anything is opened: a URL
    that does not parse, of a kind other than SQLite or PostgreSQL, with a port that is not
    one; a path that is a folder, or a file that is not an SQLite database."""
    try:
        parsed = make_url(url)
        port = parsed.port
    except (ArgumentError, ValueError) as exc:
        shown = re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)  # never a password
        port_text = re.search(r"://(?:[^@/]*@)?[^:/]*:([^/?]*)", url)
        if isinstance(exc, ValueError) and port_text:
            raise DatabaseProblem("db_bad_port", target=shown, port=port_text[1]) from None
        raise DatabaseProblem("db_bad_target", target=shown) from None
    shown = parsed.render_as_string(hide_password=True)
    backend = parsed.get_backend_name()
    if backend not in BACKENDS:
        raise DatabaseProblem("db_unsupported", target=shown, scheme=parsed.drivername)
    if port is not None and not 0 < port < 65536:
        raise DatabaseProblem("db_bad_port", target=shown, port=port)
    path = sqlite_path(url)
    if path is None:
        return
    if path.is_dir():
        raise DatabaseProblem("db_is_folder", path=str(path), example=str(path / "ketnghia.db"))
    if path.is_file() and path.stat().st_size and not is_sqlite_file(path):
        raise DatabaseProblem("db_not_database", path=str(path))


# What the drivers say (in lower case) and what it means to a user: PostgreSQL reports a failed
# connection without an SQLSTATE, so its text is all there is.
_CONNECTION_PROBLEMS = (
    (r"password authentication failed|no password supplied|authentication failed",
     "db_login_failed"),
    (r'database ".*" does not exist', "db_missing"),
    (r"connection refused|could not connect|timeout expired|timed out|failed to resolve host|"
     r"could not translate host name|no route to host|network is unreachable|"
     r"name or service not known", "db_unreachable"),
    (r"invalid port", "db_unreachable"),
)  # fmt: skip
_SQLSTATES = {"42501": "db_permission", "53100": "db_disk_full"}


def explain(exc: BaseException, target: str | None = None) -> DatabaseProblem | None:
    """What an exception of the database layer (SQLAlchemy's, or a driver's own) means to a
    user, as one error; None when it is none of the known ones (a bug). `target`: the
    database being opened, if it is."""
    if isinstance(exc, DatabaseProblem):
        return exc
    orig = getattr(exc, "orig", None) or exc
    kinds = {cls.__name__ for cls in (*type(exc).__mro__, *type(orig).__mro__)}
    detail = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    low = str(orig).lower()
    state = getattr(orig, "sqlstate", None)
    if getattr(orig, "sqlite_errorname", None) == "SQLITE_FULL" or "disk is full" in low:
        return DatabaseProblem("db_disk_full")
    if state in _SQLSTATES:
        return DatabaseProblem(_SQLSTATES[state], detail=detail)
    if "OperationalError" in kinds and ("locked" in low or "busy" in low):
        return DatabaseProblem("db_busy")
    if target is not None:
        for pattern, key in _CONNECTION_PROBLEMS:
            if re.search(pattern, low):
                return DatabaseProblem(key, target=target, detail=detail)
        if "DatabaseError" in kinds:
            return DatabaseProblem("db_open_failed", target=target, detail=detail)
        return None
    if "IntegrityError" in kinds:
        return DatabaseProblem("db_conflict", detail=detail)
    if "OperationalError" in kinds:
        return DatabaseProblem("db_error", detail=detail)
    return None


class Database:
    """An open database: the engine plus sessions for reading and writing.

    A file this user cannot write is opened read-only: it can be read, and every write is
    refused with one clear message."""

    def __init__(self, target: str | os.PathLike[str] | None = None, migrate: bool = True):
        self.url = target_to_url(target)
        check_target(self.url)
        self.read_only = is_read_only_file(sqlite_path(self.url))
        self.engine = shared_engine(
            self.url, create_folder=is_default_target(target), read_only=self.read_only
        )
        self.description = _describe(self.engine)
        if migrate:
            try:
                if self.read_only:
                    self._check_read_only_schema()
                else:
                    ensure_schema(self.engine)
            except DatabaseError as exc:
                self.engine.dispose()
                raise explain(exc, self.description) or DatabaseProblem(
                    "db_open_failed", target=self.description, detail=str(exc.orig)
                ) from exc
            except BaseException:
                self.engine.dispose()
                raise

    def _check_read_only_schema(self) -> None:
        with self.engine.connect() as conn:
            refuse_foreign(conn)
            revision = current_revision(conn)
            conn.rollback()
        if revision != HEAD_REVISION:
            raise DatabaseProblem(
                "db_read_only_old", target=self.description, revision=HEAD_REVISION
            )

    def require_writable(self) -> None:
        if self.read_only:
            raise DatabaseProblem("db_read_only", target=self.description)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (a deferred transaction, rolled back at the end)."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self, retries: int = 5) -> Iterator[Session]:
        """A write transaction: BEGIN IMMEDIATE on SQLite, committed when the block ends."""
        self.require_writable()
        session = Session(writer(self.engine), expire_on_commit=False)
        try:
            for attempt in range(retries + 1):
                try:
                    session.connection()  # BEGIN IMMEDIATE now, so we wait for the lock here
                    break
                except OperationalError as exc:
                    session.rollback()
                    if not _is_busy(exc) or attempt == retries:
                        raise DatabaseProblem("db_busy") from exc
                    time.sleep(0.05 * 2**attempt)
            yield session
            session.commit()
            _writes[0] += 1
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        """Give back the connections (PostgreSQL keeps them open for the next command)."""
        if self.engine.dialect.name != "postgresql":
            self.engine.dispose()


def _is_busy(exc: OperationalError) -> bool:
    message = str(exc.orig).lower()
    return "locked" in message or "busy" in message
