"""Files and databases: a file written never destroys another, `db restore` checks everything
before it replaces anything, and a database target is what it claims."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ketnghia.cli.app import app
from ketnghia.db import HEAD_REVISION
from tests.conftest import ROOT, Cli, dump, seed_basic

DISK_FULL = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
SAVE = __import__("openpyxl").Workbook.save


def sha(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "unexpected" not in stderr, stderr
    return lines[0]


def sqlite_file(path: Path, *statements: str) -> Path:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def is_sqlite_url(url: str) -> bool:
    return "://" not in url


# -- 1. a file written never destroys another ---------------------------------------------

OUTPUT_COMMANDS = [
    ["export", "agencies"],
    ["export", "villages", "--format", "json"],
    ["export", "all", "--format", "xlsx"],
    ["agency", "list"],
    ["agency", "list", "--format", "json"],
    ["village", "list", "--format", "csv"],
    ["agency", "show", "SO-NN"],
    ["pair", "list"],
    ["village", "places", "GL-0001"],
    ["history"],
    ["history", "--format", "csv"],
    ["report", "annual", "--year", "2024"],
    *(["report", "annual", "--year", "2024", "--format", f] for f in ("json", "csv", "md")),
    *(["report", "annual", "--year", "2024", "--format", f] for f in ("html", "xlsx")),
    ["report", "review", "--from", "2024", "--to", "2024"],
    ["report", "review", "--from", "2024", "--to", "2024", "--format", "md"],
    ["report", "agency", "SO-NN", "--year", "2024", "--format", "json"],
    ["template"],
    ["db", "info"],
    ["db", "info", "--format", "json"],
    ["db", "check"],
    ["db", "check", "--format", "csv"],
]


def test_output_never_lands_on_a_database(cli: Cli, db_url: str, tmp_path: Path) -> None:
    """--output on the open database, its -wal/-shm/-journal, or any other SQLite file is
    refused with one line, and the file is left as it was (on both backends)."""
    seed_basic(cli)
    other = sqlite_file(tmp_path / "other.db", "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)")
    targets = [other, other.with_name("other.db-journal")]
    if is_sqlite_url(db_url):
        live = Path(db_url)
        targets += [live, *(live.with_name(live.name + s) for s in ("-wal", "-shm"))]
    before = dump(db_url)
    for target in targets:
        was = sha(target)
        for args in OUTPUT_COMMANDS:
            result = cli(*args, "--output", str(target), code=1)
            assert "is a database" in one_line(result.stderr), (args, target)
            assert sha(target) == was, (args, target)
    result = cli("report", "annual", "--year", "2024", "--file", "--output", str(other), code=1)
    assert "is a database" in one_line(result.stderr)  # refused before filing anything
    assert dump(db_url) == before
    assert sqlite3.connect(other).execute("SELECT x FROM t").fetchall() == [(1,)]


def _half_way(exc: BaseException):  # type: ignore[no-untyped-def]
    """A writer that writes part of its output, then fails."""

    def write_csv(handle: Any, *_args: Any, **_kw: Any) -> int:
        handle.write("id,code\r\n1,SO-NN")
        raise exc

    def dump_json(_data: Any, handle: Any, **_kw: Any) -> None:
        handle.write('[{"id": 1')
        raise exc

    def save(workbook: Any, target: Any) -> None:
        SAVE(workbook, io.BytesIO())  # the workbook is made, then writing it fails
        if isinstance(target, (str, os.PathLike)):
            with open(target, "wb") as handle:
                handle.write(b"PK\x03\x04 half a workbook")
        else:
            target.write(b"PK\x03\x04 half a workbook")
        raise exc

    def rich_print(self: Any, *_args: Any, **_kw: Any) -> None:
        self.file.write("Agencies\n┏━━")
        raise exc

    return {
        "ketnghia.exporting.write_csv": write_csv,
        "json.dump": dump_json,
        "openpyxl.workbook.workbook.Workbook.save": save,
        "rich.console.Console.print": rich_print,
    }


HALF_WAY = [
    (["agency", "list", "--format", "csv"], "ketnghia.exporting.write_csv"),
    (["export", "agencies"], "ketnghia.exporting.write_csv"),
    (["history", "--format", "json"], "json.dump"),
    (["agency", "list"], "rich.console.Console.print"),
    (["report", "annual", "--year", "2024"], "rich.console.Console.print"),
    (
        ["report", "annual", "--year", "2024", "--format", "xlsx"],
        "openpyxl.workbook.workbook.Workbook.save",
    ),
    (["export", "all", "--format", "xlsx"], "openpyxl.workbook.workbook.Workbook.save"),
    (["template"], "openpyxl.workbook.workbook.Workbook.save"),
]


@pytest.mark.parametrize("failure", ["disk_full", "ctrl_c"])
@pytest.mark.parametrize(("args", "writer"), HALF_WAY, ids=lambda v: str(v)[:40])
def test_a_failure_half_way_leaves_the_old_file_and_nothing_else(
    sqlite_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    writer: str,
    failure: str,
) -> None:
    cli = Cli(str(sqlite_path))
    seed_basic(cli)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.file"
    target.write_bytes(b"the old report, which must survive\n")
    exc: BaseException = DISK_FULL if failure == "disk_full" else KeyboardInterrupt()
    monkeypatch.setattr(writer, _half_way(exc)[writer])
    for existing in (True, False):
        if not existing:
            target.unlink()
        result = cli(*args, "--output", str(target), code=None)
        assert result.exit_code != 0
        if failure == "disk_full":
            assert result.exit_code == 1
            line = one_line(result.stderr)
            assert line == f"error: {target}: {os.strerror(errno.ENOSPC)}"
        if existing:
            assert target.read_bytes() == b"the old report, which must survive\n"
            assert os.listdir(out) == ["report.file"]
        else:
            assert os.listdir(out) == []  # no partial, temporary or empty file


def test_outputs_replace_a_file_only_when_complete(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While an output is being written the old file is still whole; the finished output
    replaces it (keeping its permissions) and leaves nothing else in the folder; a symbolic
    link keeps pointing at the file it named."""
    from ketnghia import exporting

    seed_basic(cli)
    target = tmp_path / "out" / "agencies.csv"
    target.parent.mkdir()
    target.write_text("old")
    target.chmod(0o640)
    link = target.with_name("link.csv")
    link.symlink_to(target.name)
    seen = []
    real_write = exporting.write_csv

    def write_csv(handle: Any, *args: Any, **kw: Any) -> int:
        seen.append(target.read_text())  # what a reader sees while it is written
        return real_write(handle, *args, **kw)

    monkeypatch.setattr(exporting, "write_csv", write_csv)
    cli("agency", "list", "--format", "csv", "--output", str(link))
    assert seen == ["old"]
    assert target.read_text(encoding="utf-8-sig").startswith("id,code,name")
    assert link.is_symlink()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(os.listdir(target.parent)) == ["agencies.csv", "link.csv"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_devices_and_pipes_are_written_directly(cli: Cli, tmp_path: Path) -> None:
    """A target that is not a regular file is written in place, never renamed over; a full
    device is one line that names it, exit 1."""
    seed_basic(cli)
    for args in (
        ["agency", "list", "--format", "json"],
        ["agency", "list", "--format", "csv"],
        ["agency", "list"],
        ["report", "annual", "--year", "2024", "--format", "md"],
        ["report", "annual", "--year", "2024", "--format", "xlsx"],
        ["export", "agencies"],
        ["template"],
        ["db", "info", "--format", "json"],
    ):
        result = cli(*args, "--output", "/dev/full", code=1)
        assert one_line(result.stderr) == f"error: /dev/full: {os.strerror(errno.ENOSPC)}"
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    cli("agency", "list", "--format", "csv", "--output", str(fifo))
    reader.join(10)
    assert received and b"SO-NN" in received[0]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert set(os.listdir(tmp_path)) <= {"pipe", "ketnghia.db"}


def test_backup_is_all_or_nothing_and_never_over_the_database(
    sqlite_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketnghia.services import dbadmin

    cli = Cli(str(sqlite_path))
    seed_basic(cli)
    live_sha = sha(sqlite_path)
    for path in (sqlite_path, sqlite_path.with_name(sqlite_path.name + "-wal")):
        result = cli("db", "backup", str(path), code=1)
        assert "the database itself" in one_line(result.stderr)
    assert sha(sqlite_path) == live_sha
    folder = tmp_path / "backups"
    folder.mkdir()
    target = folder / "ban-sao.db"

    def half_a_copy(_db: Any, temp: Path) -> None:
        temp.write_bytes(b"SQLite format 3\x00 and then the disk was full")
        raise DISK_FULL

    monkeypatch.setattr(dbadmin, "copy_pages", half_a_copy)
    result = cli("db", "backup", str(target), code=1)
    assert one_line(result.stderr) == f"error: {target}: {os.strerror(errno.ENOSPC)}"
    assert os.listdir(folder) == []  # no 0-byte file to block the next backup
    monkeypatch.undo()
    cli("db", "backup", str(target))
    assert os.listdir(folder) == ["ban-sao.db"]
    assert Cli(str(target)).json("agency", "list")[0]["code"] == "SO-NN"
    if hasattr(os, "geteuid"):
        assert stat.S_IMODE(target.stat().st_mode) == 0o600  # a copy of the database
    assert sha(sqlite_path) == live_sha


# -- 2. db restore checks everything before it replaces anything -----------------------------


def _history(cli: Cli) -> list[dict[str, Any]]:
    return [{k: v for k, v in e.items() if k != "id"} for e in cli.json("history")]


def _bad_backups(good: Path, folder: Path) -> dict[str, Path]:
    bad: dict[str, Path] = {}

    def copy(name: str, *statements: str, fk_off: bool = False) -> Path:
        path = folder / name
        shutil.copyfile(good, path)
        conn = sqlite3.connect(path)
        if fk_off:
            conn.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.close()
        return path

    bad["newer"] = copy("newer.db", "UPDATE alembic_version SET version_num = '9999'")
    bad["no_version"] = copy("no-version.db", "DROP TABLE alembic_version")
    bad["broken_keys"] = copy(
        "broken-keys.db",
        "INSERT INTO pairings (agency_id, village_id, started_on) VALUES (999, 999, '2024-01-01')",
        fk_off=True,
    )
    bad["other_alembic"] = sqlite_file(
        folder / "other-alembic.db",
        "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
        "INSERT INTO alembic_version VALUES ('3f2a9c1b7d4e')",
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)",
    )
    bad["other_known_revision"] = sqlite_file(
        folder / "other-0005.db",
        "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
        "INSERT INTO alembic_version VALUES ('0005')",
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)",
    )
    bad["other_program"] = sqlite_file(folder / "other.db", "CREATE TABLE t (x)")
    damaged = copy("damaged.db")
    data = bytearray(damaged.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = b"\xff" * 200  # a page of a table b-tree
    damaged.write_bytes(bytes(data))
    bad["damaged"] = damaged
    text = folder / "text.db"
    text.write_text("hello")
    bad["text"] = text
    return bad


def test_restore_refuses_a_backup_it_cannot_use_and_touches_nothing(
    cli: Cli, db_url: str, tmp_path: Path
) -> None:
    seed_basic(cli)
    if not is_sqlite_url(db_url):
        before = dump(db_url)
        result = cli("db", "restore", str(tmp_path / "x.dump"), "--yes", code=1)
        assert "pg_restore" in one_line(result.stderr)
        assert dump(db_url) == before
        return
    live = Path(db_url)
    folder = tmp_path / "backups"
    folder.mkdir()
    good = folder / "good.db"
    cli("db", "backup", str(good))
    cli("agency", "add", "--code", "LATE", "--name", "Thêm sau sao lưu")
    bad = _bad_backups(good, folder)
    good.unlink()
    before, history, live_sha = dump(db_url), _history(cli), sha(live)
    files = sorted(os.listdir(live.parent))
    backups = {name: sha(path) for name, path in bad.items()}
    for name, path in bad.items():
        result = cli("db", "restore", str(path), "--yes", code=1)
        line = one_line(result.stderr)
        assert str(path) in line, name
        if name == "newer":
            assert "9999" in line
        assert sha(live) == live_sha, name
        assert sorted(os.listdir(live.parent)) == files, name  # no safety copy, no temp file
    assert dump(db_url) == before
    assert _history(cli) == history
    assert {name: sha(path) for name, path in bad.items()} == backups
    result = cli("db", "restore", str(live), "--yes", code=1)
    assert "the database itself" in one_line(result.stderr)
    assert sha(live) == live_sha


def test_restore_keeps_a_safety_copy_and_the_audit_trail_only_grows(
    sqlite_path: Path, tmp_path: Path
) -> None:
    cli = Cli(str(sqlite_path))
    seed_basic(cli)
    backup = tmp_path / "ban-sao.db"
    cli("db", "backup", str(backup))
    backup_sha = sha(backup)
    cli("agency", "add", "--code", "LATE", "--name", "Thêm sau sao lưu")
    cli("--actor", "Trần Thị Mai", "agency", "edit", "SO-NN", "--head", "Nguyễn Văn A")
    before, history = dump(str(sqlite_path)), _history(cli)
    result = cli("db", "restore", str(backup), "--yes")
    kept = [p for p in tmp_path.iterdir() if ".truoc-khoi-phuc-" in p.name]
    assert len(kept) == 1 and str(kept[0]) in result.stdout
    assert dump(str(kept[0])) == before  # the replaced database, as it was
    assert [a["code"] for a in cli.json("agency", "list")] == ["SO-NN", "TD"]
    after = _history(cli)
    assert after[: len(history)] == history  # everything it showed before …
    assert len(after) == len(history) + 1  # … plus the restore
    entry = after[-1]
    assert (entry["kind"], entry["action"], entry["key"]) == (
        "restore",
        "restore",
        str(backup.resolve()),
    )
    assert entry["after"]["kept_as"] == str(kept[0])
    assert entry["after"]["carried_over"] == 2
    assert sha(backup) == backup_sha
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["ban-sao.db", kept[0].name, "ketnghia.db"]
    )
    cli("db", "check")


def test_restore_upgrades_an_older_backup(sqlite_path: Path, tmp_path: Path) -> None:
    cli = Cli(str(sqlite_path))
    seed_basic(cli)
    old = tmp_path / "old" / "schema-0001.db"
    old.parent.mkdir()
    shutil.copyfile(ROOT / "tests" / "data" / "schema-0001.db", old)
    old_sha = sha(old)
    cli("db", "restore", str(old), "--yes")
    assert cli.json("db", "info")["revision"] == HEAD_REVISION
    assert cli.json("db", "info")["counts"]["agencies"] == 40
    assert cli.json("history")[-1]["after"]["revision"] == "0001"
    # the upgraded data is sound; its one free-text rating that names no rating is kept as it
    # was and listed for correction
    problems = json.loads(cli("db", "check", "--format", "json", code=1).stdout)
    assert [(p["check"], p["table"]) for p in problems] == [("rating_to_correct", "inspections")]
    assert sha(old) == old_sha
    assert os.listdir(old.parent) == ["schema-0001.db"]  # read without leaving files beside it


# -- 3. a database target is what it claims -----------------------------------------------


@pytest.fixture(params=["sqlite", "postgres"])
def foreign_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database of another program: tables, none of ours, its own Alembic version."""
    statements = [
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)",
        "INSERT INTO invoices VALUES (1, 100)",
        "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
        "INSERT INTO alembic_version VALUES ('3f2a9c1b7d4e')",
    ]
    if request.param == "sqlite":
        return str(sqlite_file(tmp_path / "hoa-don.db", *statements))
    from sqlalchemy import create_engine, text

    url = request.getfixturevalue("pg_server").create()
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()
    return url


def _tables(url: str) -> dict[str, list[tuple]]:
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    with engine.connect() as conn:
        names = sorted(inspect(conn).get_table_names())
        found = {n: sorted(map(tuple, conn.execute(text(f"SELECT * FROM {n}")))) for n in names}
    engine.dispose()
    return found


def test_another_programs_database_is_refused_and_untouched(
    foreign_url: str, tmp_path: Path
) -> None:
    before = _tables(foreign_url)
    was = sha(Path(foreign_url)) if is_sqlite_url(foreign_url) else None
    for args in (["agency", "list"], ["db", "upgrade"], ["db", "info"]):
        result = Cli(foreign_url)(*args, code=1)
        assert "not a ketnghia database" in one_line(result.stderr)
    assert _tables(foreign_url) == before
    if was is not None:
        assert sha(Path(foreign_url)) == was
    # without its own Alembic version table, too
    plain = sqlite_file(tmp_path / "khac.db", "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)")
    was = sha(plain)
    result = Cli(str(plain))("agency", "add", "--code", "X", "--name", "X", code=1)
    assert "not a ketnghia database" in one_line(result.stderr)
    assert sha(plain) == was
    assert sorted(os.listdir(plain.parent)) == sorted(
        ["khac.db", *([Path(foreign_url).name] if is_sqlite_url(foreign_url) else [])]
    )


def test_a_db_path_in_a_missing_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "khong-co" / "ketnghia.db"
    result = Cli(str(missing))("agency", "list", code=1)
    assert "does not exist" in one_line(result.stderr)
    monkeypatch.setenv("KETNGHIA_DB", str(missing))
    result = CliRunner().invoke(app, ["--lang", "en", "agency", "list"])
    assert result.exit_code == 1 and "does not exist" in one_line(result.stderr)
    assert not missing.parent.exists()
    # the default location in the user data folder is made on first use
    monkeypatch.delenv("KETNGHIA_DB")
    default = tmp_path / "data" / "ketnghia" / "ketnghia.db"
    monkeypatch.setattr("ketnghia.db.default_sqlite_path", lambda: default)
    result = CliRunner().invoke(app, ["--lang", "en", "agency", "list", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert default.is_file()
    if hasattr(os, "geteuid"):
        assert stat.S_IMODE(default.parent.stat().st_mode) == 0o700


# Runs CLI invocations in one process (each its own command), for a process that must run
# with other permissions than the tests'.
RUNNER = """
import json, sys
from typer.testing import CliRunner
from ketnghia.cli.app import app
db, calls = sys.argv[1], json.loads(sys.argv[2])
results = []
for args in calls:
    result = CliRunner().invoke(app, ["--db", db, "--lang", "en", *args])
    results.append({"code": result.exit_code, "stdout": result.stdout, "stderr": result.stderr})
print(json.dumps(results))
"""


def _as_a_user_without_root_powers() -> list[str] | None:
    """The command prefix that runs a process under the file permissions an ordinary user
    meets: nothing as a non-root user; as root, setpriv drops the capabilities that let root
    write any file (tests run as root in CI). None when that cannot be done here."""
    if not hasattr(os, "geteuid"):
        return None
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [
        setpriv,
        "--bounding-set=-dac_override,-dac_read_search,-fowner",
        "--inh-caps=-all",
    ]
    with tempfile.TemporaryDirectory() as folder:
        sealed = Path(folder) / "sealed"
        sealed.write_text("")
        sealed.chmod(0o444)
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", f"import os; print(os.access({str(sealed)!r}, 2))"],
            capture_output=True,
            text=True,
        )
    if probe.returncode != 0 or probe.stdout.strip() != "False":
        return None
    return prefix


@pytest.mark.parametrize("folder_writable", [True, False])
def test_a_read_only_database_can_be_read_not_written(
    sqlite_path: Path, folder_writable: bool
) -> None:
    prefix = _as_a_user_without_root_powers()
    if prefix is None:
        pytest.skip("cannot run a process without root's file powers here (needs setpriv)")
    cli = Cli(str(sqlite_path))
    seed_basic(cli)
    expected = cli.json("report", "annual", "--year", "2024")
    folder = sqlite_path.parent
    files = sorted(os.listdir(folder))
    was = sha(sqlite_path)
    sqlite_path.chmod(0o444)
    if not folder_writable:
        folder.chmod(0o555)
    calls = [
        ["agency", "list", "--format", "json"],
        ["report", "annual", "--year", "2024", "--format", "json"],
        ["db", "info", "--format", "json"],
        ["agency", "add", "--code", "X", "--name", "Cơ quan X"],
        ["lock", "2023"],
    ]
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-c", RUNNER, str(sqlite_path), json.dumps(calls)],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_COLOR": "1", "KETNGHIA_LANG": "en"},
            timeout=300,
        )
    finally:
        folder.chmod(0o755)
        sqlite_path.chmod(0o600)
    assert done.returncode == 0, done.stderr
    listed, report, info, *refused = json.loads(done.stdout)
    assert listed["code"] == 0, listed["stderr"]
    assert [a["code"] for a in json.loads(listed["stdout"])] == ["SO-NN", "TD"]
    assert report["code"] == 0, report["stderr"]
    assert json.loads(report["stdout"]) == expected
    assert info["code"] == 0, info["stderr"]
    assert json.loads(info["stdout"])["counts"]["agencies"] == 2
    for result in refused:
        assert result["code"] == 1
        assert "read-only" in one_line(result["stderr"])
    assert sha(sqlite_path) == was
    assert sorted(os.listdir(folder)) == files
