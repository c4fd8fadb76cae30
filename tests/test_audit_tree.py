"""Every command that can write leaves an audit entry, and the trail only grows.

The test walks ketnghia's command tree: every command is either listed as a reader or run here
as a writer on the sample province, so a new command that is neither fails the suite. After
each writer the trail holds every entry it held before, unchanged, plus at least one new entry
naming the actor and the command.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import typer

from ketnghia.cli.app import app
from tests.conftest import Cli, Snapshots, demo_province

ACTOR = "Cán bộ Kiểm Thử"

READERS = {
    "export", "template", "history",
    "agency show", "agency list",
    "village show", "village list", "village places",
    "pair list", "pair show",
    "activity show", "activity list",
    "household list", "household show",
    "visit show", "visit list",
    "inspection list", "inspection show",
    "db info", "db check", "db backup",
    "report review", "report agency", "report docx-template",
    "locality list", "locality show", "locality contributions",
    "admin list",
    "collect status",
    "config set", "config show", "config path", "config unset",  # a settings file, no records
}  # fmt: skip


def _csv(tmp: Path, name: str, text: str) -> str:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def writers(tmp: Path) -> list[tuple[str, list[str]]]:
    """(command, arguments) in an order that works on the sample province."""
    units = _csv(
        tmp,
        "units.csv",
        "old_province_code,old_province,old_district_code,old_district,old_commune_code,"
        "old_commune,new_commune_codes,new_communes,confidence\n"
        "62,Tỉnh Kon Tum,608,Thành phố Kon Tum,23284,Phường Quyết Thắng,23284,"
        "Phường Kon Tum,high\n",
    )
    return [
        ("agency add", ["--code", "W1", "--name", "Sở Viết Một", "--kind", "department"]),
        ("agency edit", ["W1", "--phone", "0269"]),
        ("village add", ["--code", "W-V1", "--name", "Làng Viết", "--district", "Ia Pa"]),
        ("village edit", ["W-V1", "--households", "40"]),
        ("village stats", ["--village", "W-V1", "--year", "2026", "--households", "40"]),
        ("village move", ["W-V1", "--to", "23812", "--on", "2026-01-01"]),
        ("pair add", ["--agency", "W1", "--village", "W-V1", "--since", "2026-01-05"]),
        ("pair edit", ["--agency", "W1", "--village", "W-V1", "--supporters", "BIDV-GL"]),
        ("collect forms", ["--year", "2026", "--output", str(tmp / "forms"), "--agency", "W1"]),
        (
            "activity add",
            ["--agency", "W1", "--village", "W-V1", "--date", "2026-02-01", "--kind", "gifts",
             "--title", "Quà Tết", "--value", "2.000.000", "--ref", "W-HD-1"],
        ),
        ("activity edit", ["W-HD-1", "--value", "3.000.000"]),
        ("activity remove", ["W-HD-1"]),
        ("visit add", ["--agency", "W1", "--village", "W-V1", "--date", "2026-02-02"]),
        ("visit edit", ["VISIT", "--aspirations", "Đề nghị làm đường"]),
        ("visit resolve", ["VISIT", "--on", "2026-03-01", "--note", "Đã làm đường"]),
        ("visit remove", ["VISIT"]),
        ("household add", ["--village", "W-V1", "--helper", "Hộ A", "--helped", "Hộ B",
                           "--since", "2026-01-10"]),
        ("household end", ["HOUSEHOLD", "--on", "2026-06-30"]),
        ("household remove", ["HOUSEHOLD"]),
        ("inspection add", ["--date", "2026-03-01", "--agency", "W1", "--village", "W-V1"]),
        ("inspection edit", ["INSPECTION", "--rating", "Tốt"]),
        ("inspection remove", ["INSPECTION"]),
        ("pair end", ["--agency", "W1", "--village", "W-V1", "--on", "2026-06-30"]),
        ("pair remove", ["--agency", "W1", "--village", "W-V1"]),
        ("agency add", ["--code", "W-LOC", "--name", "UBND phường Viết", "--kind", "locality"]),
        ("locality add", ["--agency", "W-LOC", "--commune", "23812", "--since", "2026-01-02"]),
        ("locality edit", ["--agency", "W-LOC", "--commune", "23812", "--cosigners", "BIDV-GL"]),
        (
            "locality contribute",
            ["--agency", "W-LOC", "--commune", "23812", "--contributor", "BIDV-GL", "--date",
             "2026-02-03", "--kind", "gifts", "--title", "Quà", "--value-vnd", "1.000.000"],
        ),
        ("locality uncontribute", ["CONTRIBUTION"]),
        ("locality end", ["--agency", "W-LOC", "--commune", "23812", "--on", "2026-12-31"]),
        ("locality remove", ["--agency", "W-LOC", "--commune", "23812"]),
        ("agency add", ["--code", "W2", "--name", "Sở Viết Hai", "--kind", "department"]),
        ("agency merge", ["W2", "--into", "W1", "--on", "2026-04-01"]),
        ("village add", ["--code", "W-V2", "--name", "Làng Tạm"]),
        ("village remove", ["W-V2"]),
        ("import", [_csv(tmp, "agencies.csv", "code,name\nW3,Sở Nhập Khẩu\n")]),
        ("agency remove", ["W3"]),
        ("admin import", [units, "--new-province-code", "51", "--new-province",
                          "Tỉnh Quảng Ngãi"]),
        ("village add", ["--code", "W-V3", "--name", "Làng Cũ", "--commune", "Ia Me",
                         "--district", "Chư Prông"]),
        ("admin apply-2025", []),
        ("report annual", ["--year", "2024", "--file"]),
        ("unlock", ["2024", "--reason", "bổ sung"]),
        ("lock", ["2024"]),
        ("db upgrade", []),
        ("db restore", ["BACKUP", "--yes"]),
        ("db copy", ["COPY_TARGET"]),
        ("demo", []),
    ]  # fmt: skip


def _commands() -> set[str]:
    def walk(command: object, path: list[str]) -> list[str]:
        subs = getattr(command, "commands", None)
        if subs is None:
            return [" ".join(path)]
        return [p for name, sub in subs.items() for p in walk(sub, [*path, name])]

    return set(walk(typer.main.get_command(app), []))


def test_every_command_is_a_reader_or_a_tested_writer(tmp_path: Path) -> None:
    written = {name for name, _ in writers(tmp_path)}
    assert READERS.isdisjoint(written)
    assert _commands() == READERS | written, (
        "a command is neither a known reader nor a writer tested for its audit entry: "
        f"{sorted(_commands() ^ (READERS | written))}"
    )


def _trail(path: str) -> list[tuple]:
    """The audit trail of a SQLite file as it is (an upgrade is a write to look at), in the
    model's column order, read without SQLAlchemy's row processing (thousands of entries)."""
    import sqlite3

    from ketnghia.models import AuditEntry

    columns = ", ".join(f'"{c.name}"' for c in AuditEntry.__table__.columns)  # type: ignore[attr-defined]
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT {columns} FROM audit_log ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def sample_file(snapshots: Snapshots) -> Path:
    return snapshots.file(demo_province)


def _fill(cli: Cli, args: list[str], tmp: Path, pg_url: str | None) -> list[str]:
    """Put in the ids and paths that only exist once earlier writers ran."""
    ids = {
        "VISIT": lambda: cli.json("visit", "list", "--agency", "W1")[0]["id"],
        "HOUSEHOLD": lambda: cli.json("household", "list", "--village", "W-V1")[0]["id"],
        "INSPECTION": lambda: cli.json("inspection", "list", "--agency", "W1")[0]["id"],
        "CONTRIBUTION": lambda: cli.json("locality", "contributions", "--agency", "W-LOC")[0]["id"],
    }
    out = []
    for arg in args:
        if arg in ids:
            arg = str(ids[arg]())
        elif arg == "BACKUP":
            backup = tmp / "backup.db"
            if not backup.exists():
                cli("db", "backup", str(backup))
            arg = str(backup)
        elif arg == "COPY_TARGET":
            arg = pg_url or str(tmp / "copy.db")
        out.append(arg)
    return out


def test_every_writer_leaves_an_entry_and_the_trail_only_grows(
    sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KETNGHIA_ACTOR", ACTOR)
    path = tmp_path / "province.db"
    shutil.copyfile(sample_file, path)
    cli = Cli(str(path))
    for name, args in writers(tmp_path):
        target = cli
        if name == "demo":  # the demo builds a database of its own: an empty one, given
            target = Cli(str(tmp_path / "demo.db"))
        if name == "db copy":  # the copy's trail is the target's: read it there
            copy = tmp_path / "copy.db"
            before = _trail(str(path))
            cli(name.split()[0], name.split()[1], str(copy))
            after = _trail(str(copy))
            assert after[: len(before)] == before, name
            assert len(after) > len(before), f"{name} left no audit entry in the copy"
            assert after[-1][2] == ACTOR
            continue
        if name == "db upgrade":  # an upgrade that changes something is written down
            _downgrade(path, "0006")
        filled = _fill(cli, args, tmp_path, None)
        before = _trail(target.url) if Path(target.url).exists() else []
        result = target(*name.split(), *filled, code=None)
        assert result.exit_code == 0, f"{name} {filled}: {result.stderr}"
        after = _trail(target.url)
        assert after[: len(before)] == before, f"{name} changed or removed audit entries"
        assert len(after) > len(before), f"{name} left no audit entry"
        for entry in after[len(before) :]:
            assert ACTOR in entry, (name, entry)


def _downgrade(path: Path, revision: str) -> None:
    from alembic import command

    from ketnghia.db import Database, alembic_config

    db = Database(str(path), migrate=False)
    with db.engine.connect() as conn:
        # outside any transaction, where SQLite heeds it (a downgrade may rebuild a table that
        # others point at)
        conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        with conn.begin():
            command.downgrade(alembic_config(conn), revision)
    db.close()
