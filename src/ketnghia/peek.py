"""A quick, read-only look into a database without the database layer (no SQLAlchemy, no
models, no migrations): the agency and village codes and names that shell completion offers,
and the one way an SQLite file is opened read-only (db.py opens read-only files with it too).

Completion runs at every press of Tab, so it must feel instant and can never do harm: it reads
the database the command line names (settings.database_url), through the standard library's
sqlite3 or psycopg directly; it never creates, migrates or writes a database, and a database
that is missing or cannot be read gives no suggestions rather than an error.
"""

from __future__ import annotations

from pathlib import Path

from ketnghia.outputs import is_sqlite_file
from ketnghia.settings import database_url
from ketnghia.text import fold, like_escape

# What completion reads of each kind of record named by a code: models.Agency and
# models.Village (tests/test_completion.py holds these names to the models).
TABLES = {"agency": "agencies", "village": "villages"}
LIMIT = 50  # suggestions at most: a shell shows no more usefully
PG_CONNECT_TIMEOUT = 3  # seconds: a server that does not answer gives no suggestions


def read_only_uri(path: Path) -> str:
    """The URI that opens an SQLite file read-only and creates nothing beside it.

    With a -wal file beside it someone has the database open: it is read with the usual locks
    (mode=ro). Without one no one is writing it, and it is read as an immutable file, which
    needs no -shm file: so it can be read in a folder this user cannot write, and no -shm or
    -wal file of ours is left for the owner to trip over."""
    uri = path.resolve().as_uri()
    if path.with_name(path.name + "-wal").exists():
        return uri + "?mode=ro"
    return uri + "?immutable=1"


def _query(table: str, mark: str) -> str:
    """Codes starting with the typed text (any case), or names with a word starting with it
    (any case, any accents: the stored name_key is text.fold of the name); codes first."""
    code_match = f"lower(code) LIKE {mark} ESCAPE '\\'"
    return (
        f"SELECT code, name FROM {table} "
        f"WHERE {code_match} OR name_key LIKE {mark} ESCAPE '\\' "
        f"OR name_key LIKE {mark} ESCAPE '\\' "
        f"ORDER BY CASE WHEN {code_match} THEN 0 ELSE 1 END, code LIMIT {LIMIT}"
    )


def _patterns(typed: str) -> tuple[str, str, str, str]:
    code = like_escape(typed.strip().lower()) + "%"
    word = like_escape(fold(typed))
    return code, f"{word}%", f"% {word}%", code


def _from_sqlite(url: str, table: str, typed: str) -> list[tuple[str, str]]:
    import sqlite3
    from urllib.parse import unquote

    location = url.split("://", 1)[1]
    if not location.startswith("/"):
        return []  # sqlite:// or sqlite:///:memory: hold nothing to suggest
    location = unquote(location[1:].split("?", 1)[0])
    if not location or location == ":memory:":
        return []
    path = Path(location)
    if not is_sqlite_file(path):  # missing, a folder, a pipe, not a database: nothing
        return []
    conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=1)
    try:
        rows = conn.execute(_query(table, "?"), _patterns(typed)).fetchall()
    finally:
        conn.close()
    return [(str(code), str(name)) for code, name in rows]


def _from_postgres(url: str, table: str, typed: str) -> list[tuple[str, str]]:
    import psycopg

    conninfo = "postgresql://" + url.split("://", 1)[1]  # libpq's URI: no +driver
    with psycopg.connect(conninfo, connect_timeout=PG_CONNECT_TIMEOUT) as conn:
        conn.read_only = True  # the transaction the query opens is READ ONLY
        rows = conn.execute(_query(table, "%s"), _patterns(typed)).fetchall()
    return [(str(code), str(name)) for code, name in rows]


def suggestions(target: str | None, record: str, typed: str) -> list[tuple[str, str]]:
    """(code, name) of the agencies or villages (`record`) whose code starts with `typed` (any
    case) or a word of whose name does (any case, any accents), codes first, at most LIMIT,
    from the database `target` names (--db, else KETNGHIA_DB, the config file, the default).
    Empty when there is nothing to read: never an error, never a file made."""
    table = TABLES[record]
    try:
        url = database_url(target, strict=False)
        scheme = url.split("://", 1)[0].split("+", 1)[0].lower()
        if scheme == "sqlite":
            return _from_sqlite(url, table, typed)
        if scheme in ("postgresql", "postgres"):
            return _from_postgres(url, table, typed)
    except Exception:  # a database that cannot be read, a driver not installed: no suggestions
        return []
    return []
