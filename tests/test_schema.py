"""Migrations, the schema they make, and the indexes the queries use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from ketnghia import db as dbmod
from ketnghia.db import HEAD_REVISION, Database, known_revisions
from ketnghia.models import metadata
from tests.conftest import Cli, PostgresServer


def test_head_constant_matches_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(dbmod.alembic_config())
    assert script.get_current_head() == HEAD_REVISION
    assert HEAD_REVISION in known_revisions()


def _empty_url(request: pytest.FixtureRequest, tmp_path: Path, backend: str) -> str:
    if backend == "sqlite":
        return str(tmp_path / "new.db")
    server: PostgresServer = request.getfixturevalue("pg_server")
    return server.create()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_new_database_at_head_then_noop_upgrade_then_check_clean(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str
) -> None:
    url = _empty_url(request, tmp_path, backend)
    cli = Cli(url)
    info = cli.json("db", "info")  # first use creates the schema by migration
    assert info["revision"] == HEAD_REVISION
    assert info["counts"]["agencies"] == 0
    result = cli("db", "upgrade")
    assert HEAD_REVISION in result.stdout
    result = cli("db", "check")
    assert "no problems found" in result.stderr


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_migrate_step_by_step_from_base_to_head(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str
) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory

    url = dbmod.target_to_url(_empty_url(request, tmp_path, backend))
    engine = dbmod.make_engine(url)
    script = ScriptDirectory.from_config(dbmod.alembic_config())
    steps = [rev.revision for rev in script.walk_revisions()][::-1]
    with engine.begin() as conn:
        assert dbmod.current_revision(conn) is None
    for step in steps:
        with engine.begin() as conn:
            command.upgrade(dbmod.alembic_config(conn), step)
            assert dbmod.current_revision(conn) == step
    with engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
    assert set(metadata.tables) <= tables
    # and back down to nothing, so every step is reversible
    with engine.begin() as conn:
        command.downgrade(dbmod.alembic_config(conn), "base")
    with engine.begin() as conn:
        assert not set(metadata.tables) & set(inspect(conn).get_table_names())
    engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_models_and_migrations_agree(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str
) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db = Database(_empty_url(request, tmp_path, backend))
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    db.close()


def test_sqlite_file_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the default location: the only one whose folder is made on first use
    path = tmp_path / "sub" / "k.db"
    monkeypatch.delenv("KETNGHIA_DB", raising=False)
    monkeypatch.setattr(dbmod, "default_sqlite_path", lambda: path)
    db = Database()
    with db.session() as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    db.close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()
    if hasattr(__import__("os"), "geteuid"):  # POSIX permissions
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.parent.stat().st_mode & 0o777 == 0o700


def test_writers_hold_the_write_lock_from_the_start(tmp_path: Path) -> None:
    """A write session begins IMMEDIATE: another writer cannot start until it ends."""
    path = tmp_path / "k.db"
    db = Database(path)
    with db.write() as session:
        session.execute(text("SELECT 1"))
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()
    db.close()


def test_database_from_a_newer_ketnghia_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    Database(path).close()
    raw = sqlite3.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.close()
    result = Cli(str(path))("agency", "list", code=1)
    assert "9999" in result.stderr and "newer" in result.stderr


def test_target_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETNGHIA_DB", str(tmp_path / "env.db"))
    assert dbmod.target_to_url(None) == "sqlite:///" + (tmp_path / "env.db").as_posix()
    assert dbmod.target_to_url("sqlite:///x.db") == "sqlite:///x.db"
    assert dbmod.target_to_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.delenv("KETNGHIA_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    default = dbmod.target_to_url(None)
    assert default.startswith("sqlite:///") and default.endswith("/ketnghia/ketnghia.db")


def _plan(conn: sqlite3.Connection, sql: str, *params: object) -> str:
    return " | ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_query_plans_use_the_indexes(sqlite_path: Path) -> None:
    """The indexes exist because these queries use them (and not one per foreign key)."""
    conn = sqlite3.connect(sqlite_path)
    year = ("2024-01-01", "2024-12-31")
    # the annual report's two reads of a year of activities never touch the table
    for sql in (
        "SELECT pairing_id, count(*), sum(value_vnd), sum(households_benefited) FROM activities"
        " WHERE date BETWEEN ? AND ? GROUP BY pairing_id",
        "SELECT kind, source, count(*), sum(value_vnd) FROM activities"
        " WHERE date BETWEEN ? AND ? GROUP BY kind, source",
    ):
        assert "COVERING INDEX ix_activities_date_cover" in _plan(conn, sql, *year)
    plan = _plan(conn, "SELECT * FROM activities WHERE date BETWEEN ? AND ?", *year)
    assert "INDEX ix_activities_date_cover (date>? AND date<?)" in plan
    plan = _plan(conn, "SELECT id FROM agencies WHERE name_key = ?", "so xay dung")
    assert "ix_agencies_name_key" in plan
    plan = _plan(conn, "SELECT id FROM villages WHERE name_key = ?", "lang o")
    assert "ix_villages_name_key" in plan
    plan = _plan(conn, "SELECT id FROM pairings WHERE village_id = ?", 1)
    assert "ix_pairings_village_id" in plan
    plan = _plan(conn, "SELECT id FROM pairings WHERE agency_id = ? AND village_id = ?", 1, 1)
    # a UNIQUE constraint's index is named sqlite_autoindex_* by SQLite
    assert "INDEX sqlite_autoindex_pairings" in plan and "agency_id=? AND village_id=?" in plan
    plan = _plan(conn, "SELECT id FROM visits WHERE pairing_id = ? AND date = ?", 1, "2024-01-01")
    assert "INDEX sqlite_autoindex_visits" in plan and "pairing_id=? AND date=?" in plan
    plan = _plan(conn, "SELECT id FROM activities WHERE ref = ?", "HD-1")
    assert "INDEX sqlite_autoindex_activities" in plan and "ref=?" in plan
    conn.close()
    # no index made by reflex on every foreign key
    engine = create_engine(f"sqlite:///{sqlite_path}")
    indexed = {tuple(ix["column_names"]) for ix in inspect(engine).get_indexes("activities")}
    assert ("pairing_id",) not in indexed
    engine.dispose()
