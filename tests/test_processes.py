"""Real processes: start-up cost, entry points, and concurrent writers on one SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ketnghia import __version__
from tests.conftest import Cli, seed_basic
from tests.invoking import ENV, finish, start


def run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(
        args, capture_output=True, text=True, encoding="utf-8", env=ENV, timeout=120, **kwargs
    )


def test_help_does_not_import_the_database_layer() -> None:
    code = textwrap.dedent(
        """
        import sys
        sys.argv = ["ketnghia", "--help"]
        from ketnghia.cli import main
        try:
            main()
        except SystemExit:
            pass
        heavy = sorted(m for m in ("sqlalchemy", "sqlmodel", "alembic", "openpyxl")
                       if m in sys.modules)
        print("HEAVY:" + ",".join(heavy))
        """
    )
    result = run(sys.executable, "-c", code)
    assert "pair" in result.stdout and "activity" in result.stdout
    assert result.stdout.strip().endswith("HEAVY:"), result.stdout[-300:]


def test_python_m_and_version() -> None:
    result = run(sys.executable, "-m", "ketnghia", "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"ketnghia {__version__}"


def test_console_script_end_to_end(sqlite_path: Path) -> None:
    exe = Path(sys.executable).with_name("ketnghia.exe" if os.name == "nt" else "ketnghia")
    if not exe.exists():
        pytest.skip("the ketnghia console script is not installed next to this Python")
    db = str(sqlite_path)  # made by the migrations once for the whole run
    assert (
        run(str(exe), "--db", db, "agency", "add", "--code", "A", "--name", "Sở Y tế").returncode
        == 0
    )
    result = run(str(exe), "--db", db, "agency", "list", "--format", "json")
    assert json.loads(result.stdout)[0]["name"] == "Sở Y tế"
    result = run(str(exe), "--db", db, "agency", "show", "NOPE")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: no agency 'NOPE'"
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_two_processes_add_200_activities_each(sqlite_path: Path) -> None:
    cli = Cli(str(sqlite_path))
    seed_basic(cli)
    procs = [
        start(
            str(sqlite_path),
            [
                [
                    "activity", "add", "--agency", "SO-NN", "--village", "GL-0001",
                    "--date", "2024-06-01", "--kind", "gifts", "--title", f"Quà {name}-{i}",
                    "--value", "100000",
                ]
                for i in range(200)
            ],
        )
        for name in ("a", "b")
    ]  # fmt: skip
    for proc in procs:
        result, err = finish(proc)
        assert result == {"ok": 200, "failed": 0}, err[-2000:]
        assert "locked" not in err
    rows = cli.json("activity", "list")
    assert len(rows) == 400
    assert len({r["title"] for r in rows}) == 400
