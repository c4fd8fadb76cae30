"""Fixtures: real SQLite files and, when KETNGHIA_TEST_POSTGRES_URL is set, a real
PostgreSQL server. One parametrised `db_url` runs each test on both backends."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import ketnghia.rules  # noqa: F401  (the audit and lock hooks, for tests that use services directly)
from ketnghia.cli.app import app

PG_URL = os.environ.get("KETNGHIA_TEST_POSTGRES_URL")
# A message key missing from the catalogue fails the test instead of printing itself.
os.environ["KETNGHIA_STRICT_MESSAGES"] = "1"
ROOT = Path(__file__).resolve().parents[1]


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
    from sqlalchemy import create_engine, text

    from ketnghia.models import metadata

    engine = create_engine(url)
    names = ", ".join(
        f'"{t.name}"' for t in metadata.sorted_tables if t.name not in REFERENCE_TABLES
    )
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
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


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once; each test gets a copy."""
    from ketnghia.db import Database

    path = tmp_path_factory.mktemp("template") / "template.db"
    Database(path).close()
    return path


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
    """Two agencies, three villages, one pairing from 2024-03-01."""
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
