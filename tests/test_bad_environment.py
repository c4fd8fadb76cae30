"""What a user's machine can do to a command: a bad option value, a database target that is not
one, a server that refuses, a full disk, a role without rights, Ctrl-C. Each is one line that
names it (exit 1; 130 for Ctrl-C), never the catch-all kept for real bugs, and nothing changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ketnghia.cli.app import app
from tests.bad_input import Before, refused
from tests.conftest import PG_SKIP, PG_URL, ROOT, Cli, copy_template, seed, seed_basic
from tests.invoking import ENV

AGENCIES_CSV = "code,name,kind\nSO-YT,Sở Y tế,department\n"


@pytest.fixture
def basic(sqlite_path: Path) -> Cli:
    return seed(Cli(str(sqlite_path)), seed_basic)


def one_named_line(result: Any, *names: str, code: int = 1) -> str:
    """A refusal where there is no database to compare: the exit code, one line, the names."""
    err = result.stderr
    assert result.exit_code == code, f"exit {result.exit_code}\n{err}\n{result.stdout}"
    assert "Traceback" not in err and "unexpected" not in err.lower(), err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    for name in names:
        assert name.lower() in err.lower(), f"{name!r} not in {err}"
    return lines[0]


def run_on(target: str, *args: str) -> Any:
    return CliRunner().invoke(app, ["--db", target, "--lang", "en", *args])


# -- options ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [
        ("--encoding", "x-no-such-encoding", "unknown encoding"),
        ("--encoding", "rot13", "not an encoding of text"),
        ("--encoding", "base64", "not an encoding of text"),
        ("--delimiter", "ab", "not a delimiter"),
        ("--delimiter", "", "not a delimiter"),
        ("--delimiter", "x", "not a delimiter"),
        ("--delimiter", '"', "not a delimiter"),
    ],
)
def test_a_bad_encoding_or_delimiter_is_one_line(
    basic: Cli, tmp_path: Path, option: str, value: str, named: str
) -> None:
    data = tmp_path / "agencies.csv"
    data.write_text(AGENCIES_CSV, encoding="utf-8")
    before = Before(basic.url)
    result = basic("import", str(data), option, value, code=None)
    refused(result, before, names=[option, named])


@pytest.mark.parametrize(
    "args",
    [
        ["report", "annual", "--year", "24"],
        ["report", "annual", "--year", "20240"],
        ["report", "annual", "--year", "1989"],
        ["report", "review", "--from", "24", "--to", "2024"],
        ["activity", "list", "--year", "2101"],
        ["export", "activities", "--year", "99"],
        ["lock", "24"],
    ],
)
def test_a_year_outside_1990_2100_is_refused_not_reported(basic: Cli, args: list[str]) -> None:
    before = Before(basic.url)
    result = basic(*args, code=None)
    year_option = next((a for a in args if a.startswith("--")), "YEAR")
    refused(result, before, names=[year_option, "1990", "2100"])
    assert result.stdout == ""  # no report for "năm 24"


# -- database targets --------------------------------------------------------------------------


def test_a_text_file_is_not_a_database_and_stays_as_it_was(tmp_path: Path) -> None:
    notes = tmp_path / "ghi-chu.txt"
    notes.write_text("Danh sách cơ quan\n", encoding="utf-8")
    for args in (["agency", "list"], ["agency", "add", "--code", "A", "--name", "Sở A"]):
        line = one_named_line(run_on(str(notes), *args), str(notes), "not a database")
        assert "SQLite" in line
    assert notes.read_text(encoding="utf-8") == "Danh sách cơ quan\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ghi-chu.txt"]  # no -wal, -shm


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "du-lieu"
    folder.mkdir()
    one_named_line(run_on(str(folder), "agency", "list"), str(folder), "is a folder")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("target", "named"),
    [
        ("mysql://user:secret@localhost/ketnghia", "not in mysql"),
        ("mssql+pyodbc://user@dsn", "not in mssql+pyodbc"),
        ("foo://x", "not in foo"),
        ("postgresql+psycopg://u:secret@127.0.0.1:99999/k", "port 99999 is not a port"),
        ("postgresql+psycopg://u:secret@127.0.0.1:abc/k", "port abc is not a port"),
        ("postgresql+psycopg://u:secret@127.0.0.1:0/k", "port 0 is not a port"),
    ],
)
def test_a_url_of_another_kind_or_with_a_bad_port(target: str, named: str) -> None:
    line = one_named_line(run_on(target, "agency", "list"), named)
    assert "secret" not in line


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends


def _pg_url(**parts: Any) -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_URL).set(**parts).render_as_string(hide_password=False)


@pytest.mark.skipif(bool(PG_SKIP), reason=str(PG_SKIP))
def test_postgresql_wrong_password_and_unreachable_server() -> None:
    wrong = _pg_url(password=f"wrong-{uuid.uuid4().hex[:8]}")
    line = one_named_line(run_on(wrong, "agency", "list"), "wrong user name or password")
    assert "wrong-" not in line  # the password is never shown
    closed = _pg_url(host="127.0.0.1", port=_closed_port())
    one_named_line(run_on(closed, "agency", "list"), "cannot reach the database server")
    missing = _pg_url(database=f"no_such_db_{uuid.uuid4().hex[:8]}")
    one_named_line(run_on(missing, "agency", "list"), "no database of that name")


# -- a full disk -------------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A file system of 1 MB of its own (tmpfs, mounted by root), or a skip."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("needs Linux and mount")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.decode(errors='replace')}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)


def _fill(folder: Path, leave: int) -> None:
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    (folder / "filler").write_bytes(b"\0" * max(free - leave, 0))


def test_a_full_disk_during_an_import_says_so_and_writes_nothing(
    tiny_disk: Path, tmp_path: Path, sqlite_template: Path
) -> None:
    database = copy_template(sqlite_template, tiny_disk / "ketnghia.db")
    rows = "".join(f"BV-{i:05d},Làng số {i},Chư Sê\n" for i in range(8000))
    data = tmp_path / "villages.csv"
    data.write_text("code,name,district\n" + rows, encoding="utf-8")
    cli = Cli(str(database))
    cli("agency", "list")  # opened once: its -wal and -shm files made while there is room
    before = Before(cli.url)
    _fill(tiny_disk, leave=64 * 1024)
    result = cli("import", str(data), code=None)
    (tiny_disk / "filler").unlink()
    refused(result, before, names=["disk is full", "not written"])
    assert "kn_stage" not in result.stderr


def test_output_to_a_full_device(basic: Cli) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    before = Before(basic.url)
    refused(basic("agency", "list", "--output", "/dev/full", code=None), before, ["/dev/full"])
    with open("/dev/full", "w") as full:  # standard output on a full device
        result = subprocess.run(
            [sys.executable, "-m", "ketnghia", "--db", basic.url, "agency", "list"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=ENV,
            cwd=ROOT,
            timeout=120,
        )
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines() == [
        "error: cannot write the output: No space left on device"
    ]


# -- a role without rights (PostgreSQL) --------------------------------------------------------


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
@pytest.mark.parametrize(
    "args",
    [
        ["agency", "list"],
        ["agency", "add", "--code", "SO-YT", "--name", "Sở Y tế"],
        ["report", "annual", "--year", "2024"],
    ],
)
def test_permission_denied_on_postgresql(db_url: str, args: list[str]) -> None:
    """The login loses its rights on the agencies table (REVOKE from itself: the test role may
    create databases, not roles), and gets them back before the database is compared."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    cli = seed(Cli(db_url), seed_basic)
    before = Before(db_url)
    engine = create_engine(db_url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(text("REVOKE ALL ON TABLE agencies FROM CURRENT_USER"))
        result = cli(*args, code=None)
    finally:
        with engine.begin() as conn:
            conn.execute(text("GRANT ALL ON TABLE agencies TO CURRENT_USER"))
        engine.dispose()
    refused(result, before, names=["no right", "permission denied", "agencies"])


# -- Ctrl-C ------------------------------------------------------------------------------------


def _between_statements(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Ctrl-C as the import completes its summary in the history, the last step before
    commit (the rows are written and point at that entry)."""
    import ketnghia.importing.loader as loader

    def interrupted(*_args: Any, **_kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(loader.audit, "end_import", interrupted)
    return lambda: None


def _inside_a_statement(_monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Ctrl-C while the database runs the import's last statement (completing the history's
    summary entry): the driver's connection is left mid-transaction, as a real Ctrl-C leaves
    it."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def hook(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE AUDIT_LOG"):
            raise KeyboardInterrupt

    event.listen(Engine, "before_cursor_execute", hook)
    return lambda: event.remove(Engine, "before_cursor_execute", hook)


@pytest.mark.parametrize("where", [_between_statements, _inside_a_statement])
def test_ctrl_c_late_in_an_import_writes_nothing_and_says_so(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: Any
) -> None:
    seed(cli, seed_basic)
    data = tmp_path / "villages.csv"
    data.write_text(
        "code,name,district\n" + "".join(f"GL-1{i:03d},Làng {i},Chư Sê\n" for i in range(50)),
        encoding="utf-8",
    )
    before = Before(cli.url)
    undo = where(monkeypatch)
    try:
        result = cli("import", str(data), code=None)
    finally:
        undo()
    err = refused(result, before, names=["interrupted", "nothing was written"], code=130)
    assert "PendingRollbackError" not in err
    cli("agency", "list")  # the database is fine afterwards
