"""Calling the CLI in-process, as the tests do, without building Typer's command tree again for
every call; and a worker process that runs a list of calls, for the tests of concurrent writers:

    python -m tests.invoking DB CALLS_JSON

runs each call (a list of arguments after `--db DB`) as its own command (its own engine and
transaction), prints each failure's message on stderr and, last on stdout, {"ok": n,
"failed": n}. Light on purpose: no pytest, no fixtures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# never the settings file of the computer running the tests: a file that does not exist
NO_CONFIG = str(Path(tempfile.gettempdir()) / "ketnghia-tests-no-config" / "config.toml")
ENV = {**os.environ, "NO_COLOR": "1", "KETNGHIA_LANG": "en", "KETNGHIA_CONFIG": NO_CONFIG}


def build_command_tree_once() -> None:
    """Typer's CliRunner turns the app into a Click command on every call, reading every
    command's signature: about 0.25 s, most of an in-process call. The tree does not change
    while the tests run, so it is built once per process."""
    import functools

    import typer.testing

    build = getattr(typer.testing, "_get_command", None)
    if build is not None and not hasattr(build, "cache_info"):
        typer.testing._get_command = functools.cache(build)


def main(argv: list[str]) -> None:
    from typer.testing import CliRunner

    from ketnghia.cli.app import app

    build_command_tree_once()
    db, calls = argv[0], json.loads(argv[1])
    runner = CliRunner()
    ok = failed = 0
    for args in calls:
        result = runner.invoke(app, ["--db", db, *args])
        if result.exit_code == 0:
            ok += 1
        else:
            failed += 1
            print(result.stderr.strip(), file=sys.stderr)
    print(json.dumps({"ok": ok, "failed": failed}))


def start(db: str, calls: list[list[str]]) -> subprocess.Popen[str]:
    """A worker process running `calls` on `db`."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.invoking", db, json.dumps(calls)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=ENV,
        cwd=ROOT,
    )


def finish(proc: subprocess.Popen[str]) -> tuple[dict, str]:
    """The worker's counts and its stderr, once it has ended well."""
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1]), err


if __name__ == "__main__":
    main(sys.argv[1:])
