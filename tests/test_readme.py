"""The README runs as written.

The rule: a fenced code block of README.md right after the line
`<!-- readme-test: … -->` is run. Its lines are joined where one ends with `\\`; a line that
starts with `ketnghia` (or `uv run ketnghia`) is a command, its `# …` comment left out and
its words split as a POSIX shell splits them; other lines (`uv run pytest`, `pip install …`)
are not ketnghia's and are passed over. The commands run in order, in-process, in a new
folder (tmp_path, the current folder while they run, so that a file a command writes —
`--output hoat-dong.csv`, `db backup ban-sao.db` — lands there), each must exit 0:

- the quick start's `ketnghia demo` as written, without `--db`: it builds
  ./ketnghia-demo.db in the current folder (the test checks that it did);
- every other command with `--db` added, all on one new SQLite database, the tour's
  promise: from a new database, first line to last.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ketnghia.cli.app import app

README = Path(__file__).resolve().parents[1] / "README.md"
MARK = re.compile(r"^<!-- readme-test\b.*-->\s*$")


def marked_blocks(text: str) -> list[list[str]]:
    """The lines of each fenced block right after the mark."""
    blocks: list[list[str]] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if MARK.match(line):
            assert lines[i + 1].startswith("```"), f"README line {i + 2}: a code block must follow"
            end = next(j for j in range(i + 2, len(lines)) if lines[j].startswith("```"))
            blocks.append(lines[i + 2 : end])
    return blocks


def commands(block: list[str]) -> list[list[str]]:
    """The ketnghia commands of a block, as argument lists after `ketnghia`."""
    joined, found = "", []
    for line in block:
        joined += line
        if joined.endswith("\\"):
            joined = joined[:-1] + " "
            continue
        words, joined = shlex.split(joined, comments=True), ""
        if words[:2] == ["uv", "run"]:
            words = words[2:]
        if words and words[0] == "ketnghia":
            found.append(words[1:])
    return found


def readme_commands() -> list[list[str]]:
    return [
        c for block in marked_blocks(README.read_text(encoding="utf-8")) for c in commands(block)
    ]


def test_the_readme_marks_its_quick_start_and_its_tour() -> None:
    found = readme_commands()
    assert ["demo"] in found
    assert found.count(["demo"]) == 2  # with uv and without
    assert any(c[:2] == ["pair", "add"] for c in found)
    assert any(c[:2] == ["db", "backup"] for c in found)


def test_commands_are_split_as_a_shell_splits_them() -> None:
    block = [
        'ketnghia a --x "b c" \\',
        "    --y 2   # a comment",
        "uv run pytest",
        "uv run ketnghia demo",
    ]
    assert commands(block) == [["a", "--x", "b c", "--y", "2"], ["demo"]]


def test_every_readme_command_runs(
    tmp_path: Path, sqlite_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KETNGHIA_DB", raising=False)
    runner = CliRunner()
    ran = 0
    for args in readme_commands():
        if args == ["demo"]:
            result = runner.invoke(app, ["--lang", "en", *args])
            assert (tmp_path / "ketnghia-demo.db").is_file()
        else:
            result = runner.invoke(app, ["--db", str(sqlite_path), "--lang", "en", *args])
        assert result.exit_code == 0, (
            f"ketnghia {shlex.join(args)}: exit {result.exit_code}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}"
        )
        ran += 1
        if args[:3] == ["village", "list", "--search"]:
            assert "Làng Ơ" in result.stdout  # what the tour's comment promises
    assert ran >= 15
    assert (tmp_path / "hoat-dong.csv").is_file() and (tmp_path / "ban-sao.db").is_file()
