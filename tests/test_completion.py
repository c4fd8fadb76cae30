"""Shell completion offers agency and village codes (with their names) from the database the
command line names, read-only and without the database layer; a database that cannot be read
gives no suggestions and nothing is made."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer._completion_classes import BashComplete
from typer.main import get_command

from ketnghia.cli.app import app
from tests.conftest import Cli, seed


def _agencies_and_villages(cli: Cli) -> None:
    cli("agency", "add", "--code", "SO-NN", "--name", "Sở Nông nghiệp và Môi trường")
    cli("agency", "add", "--code", "TINH-DOAN", "--name", "Tỉnh Đoàn Gia Lai")
    cli("agency", "add", "--code", "TT-TINH", "--name", "Thanh tra tỉnh")
    cli("village", "add", "--code", "GL-0001", "--name", "Làng Quen")
    cli("village", "add", "--code", "GL-0002", "--name", "Làng Ơ")


@pytest.fixture
def seeded(db_url: str) -> str:
    seed(Cli(db_url), _agencies_and_villages)
    return db_url


def complete(args: list[str], incomplete: str) -> list[tuple[str, str | None]]:
    """What Click's completion protocol offers for `ketnghia ARGS INCOMPLETE<TAB>`."""
    shell = BashComplete(get_command(app), {}, "ketnghia", "_KETNGHIA_COMPLETE")
    return [(item.value, item.help) for item in shell.get_completions(args, incomplete)]


def codes(args: list[str], incomplete: str) -> list[str]:
    return [value for value, _ in complete(args, incomplete)]


def test_an_agency_option_completes_codes_by_prefix_then_names(seeded: str) -> None:
    # a code that starts with it first (any case), then a name with a word that does
    assert codes(["--db", seeded, "pair", "add", "--agency"], "TIN") == ["TINH-DOAN", "TT-TINH"]
    assert codes(["--db", seeded, "visit", "list", "--agency"], "so") == ["SO-NN"]
    # --db after the command, as the root's options may be
    assert complete(["activity", "add", "--db", seeded, "--agency"], "SO") == [
        ("SO-NN", "Sở Nông nghiệp và Môi trường")
    ]
    # the field's other option, and a village
    assert codes(["--db", seeded, "pair", "add", "--agency-code"], "so-") == ["SO-NN"]
    assert codes(["--db", seeded, "pair", "list", "--village"], "gl-") == ["GL-0001", "GL-0002"]


def test_a_name_fragment_without_accents_gives_the_code(seeded: str) -> None:
    assert complete(["--db", seeded, "pair", "add", "--agency"], "doan") == [
        ("TINH-DOAN", "Tỉnh Đoàn Gia Lai")
    ]
    assert complete(["--db", seeded, "visit", "add", "--village"], "lang o") == [
        ("GL-0002", "Làng Ơ")
    ]
    assert codes(["--db", seeded, "report", "annual", "--agency"], "nong nghiep") == ["SO-NN"]


def test_the_key_of_show_and_edit_completes_codes(
    seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    every_agency = ["SO-NN", "TINH-DOAN", "TT-TINH"]
    assert codes(["--db", seeded, "agency", "show"], "") == every_agency
    assert codes(["--db", seeded, "agency", "edit"], "ti") == ["TINH-DOAN", "TT-TINH"]
    assert codes(["--db", seeded, "village", "show"], "") == ["GL-0001", "GL-0002"]
    assert codes(["--db", seeded, "report", "agency"], "thanh tra") == ["TT-TINH"]
    # no --db: the database KETNGHIA_DB names, as for every command
    monkeypatch.setenv("KETNGHIA_DB", seeded)
    assert codes(["village", "edit"], "GL-0001") == ["GL-0001"]


def test_a_list_of_codes_completes_its_last_one(seeded: str) -> None:
    assert codes(["--db", seeded, "pair", "add", "--supporters"], "SO-NN;tinh") == [
        "SO-NN;TINH-DOAN",
        "SO-NN;TT-TINH",
    ]


def test_other_options_offer_no_codes(seeded: str) -> None:
    assert complete(["--db", seeded, "pair", "add", "--lead"], "") == []


def test_the_names_read_are_the_models_own() -> None:
    from ketnghia.models import Agency, Village
    from ketnghia.peek import TABLES

    assert {"agency": Agency.__tablename__, "village": Village.__tablename__} == TABLES
    for model in (Agency, Village):
        assert {"code", "name", "name_key"} <= set(model.model_fields)


def _folder(path: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in path.iterdir()}


def test_completion_writes_nothing(tmp_path: Path, sqlite_path: Path) -> None:
    seed(Cli(str(sqlite_path)), _agencies_and_villages)
    before = _folder(sqlite_path.parent)
    assert codes(["--db", str(sqlite_path), "agency", "show"], "S") == ["SO-NN"]
    assert _folder(sqlite_path.parent) == before  # the file as it was, no -wal or -shm made


def test_a_database_that_cannot_be_read_gives_no_suggestions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "khong-co.db"
    not_a_database = tmp_path / "ghi-chu.db"
    not_a_database.write_bytes(b"not a database\n")
    empty = tmp_path / "trong.db"
    import sqlite3

    sqlite3.connect(empty).close()  # an SQLite file without ketnghia's tables
    before = _folder(tmp_path)
    for target in (
        str(missing),
        str(tmp_path / "thu-muc-khong-co" / "k.db"),
        str(not_a_database),
        str(empty),
        str(tmp_path),
        "sqlite://",
        "postgresql+psycopg://nobody@127.0.0.1:1/none",
    ):
        assert complete(["--db", target, "agency", "show"], "") == [], target
        assert complete(["--db", target, "pair", "add", "--village"], "gl") == [], target
    # no --db: KETNGHIA_DB names a file that is not there, and it is not made
    monkeypatch.setenv("KETNGHIA_DB", str(missing))
    assert complete(["village", "show"], "") == []
    assert _folder(tmp_path) == before


def _script() -> str:
    found = shutil.which("ketnghia", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the ketnghia command is not installed beside this Python")
    return found


def _shell(words: str, cword: int, cwd: Path) -> subprocess.CompletedProcess[str]:
    """What the bash script `ketnghia --install-completion` installs runs at a Tab."""
    env = dict(os.environ, _KETNGHIA_COMPLETE="complete_bash", COMP_WORDS=words)
    env["COMP_CWORD"] = str(cword)
    env.pop("KETNGHIA_DB", None)
    return subprocess.run(
        [_script()], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_the_shell_gets_codes_from_a_real_process(tmp_path: Path, sqlite_path: Path) -> None:
    seed(Cli(str(sqlite_path)), _agencies_and_villages)
    done = _shell(f"ketnghia agency show --db {sqlite_path} doan", 5, tmp_path)
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, ["TINH-DOAN"], "")
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    missing = elsewhere / "khong-co.db"
    done = _shell(f"ketnghia --db {missing} pair add --agency ", 6, elsewhere)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "", "")
    assert list(elsewhere.iterdir()) == []


# Runs a completion in a fresh interpreter and says which modules it loaded.
_PROBE = """
import json, sys
from typer._completion_classes import BashComplete
from typer.main import get_command
from ketnghia.cli.app import app
shell = BashComplete(get_command(app), {}, "ketnghia", "_KETNGHIA_COMPLETE")
found = [i.value for i in shell.get_completions(["--db", sys.argv[1], "agency", "show"], "Ti")]
heavy = ("sqlmodel", "sqlalchemy", "alembic", "openpyxl", "ketnghia.models", "ketnghia.db")
print(json.dumps({"found": found, "loaded": [m for m in heavy if m in sys.modules]}))
"""


def test_completion_does_not_load_the_database_layer(sqlite_path: Path) -> None:
    seed(Cli(str(sqlite_path)), _agencies_and_villages)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(sqlite_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(done.stdout) == {"found": ["TINH-DOAN", "TT-TINH"], "loaded": []}
