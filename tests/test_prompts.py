"""At a terminal, a command that adds a record asks for the required options it was not given
(in the user's language, choices by their labels, a bad value asked again with the option's
own error); end of input or Ctrl-C stops it, nothing written. Without a terminal, with
--no-input or KETNGHIA_NO_INPUT=1, nothing is asked: the error names the option, exit 1.

The terminal is a real pseudo-terminal (the child is its session leader, so Ctrl-C is a
SIGINT); POSIX only."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bad_input import Before, refused
from tests.conftest import Cli, seed_basic
from tests.invoking import ENV

pty = pytest.importorskip("pty")  # not on Windows

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

CHILD_ENV = {**ENV, "PYTHONUTF8": "1", "COLUMNS": "100"}
CHILD_ENV.pop("KETNGHIA_NO_INPUT", None)


class Terminal:
    """`python -m ketnghia ARGS` with a pseudo-terminal as its standard input, output and
    error: what it shows (line ends as \\n), what is typed to it, and its exit code."""

    def __init__(self, db: str, command: str, env: dict[str, str] | None = None) -> None:
        args = ["--db", db, *command.split()]
        self.shown = ""
        self.cursor = 0
        pid, self.fd = pty.fork()
        if pid == 0:  # the child: run ketnghia, never come back to pytest
            try:
                argv = [sys.executable, "-m", "ketnghia", *args]
                os.execve(sys.executable, argv, env or CHILD_ENV)
            finally:
                os._exit(127)
        self.pid = pid

    def _more(self, deadline: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:  # EIO: the child has ended and the terminal is closed
            return False
        if not data:
            return False
        self.shown += data.decode("utf-8", "replace").replace("\r\n", "\n")
        return True

    def expect(self, text: str, timeout: float = 30) -> None:
        """Wait until `text` is shown, after what was waited for before."""
        deadline = time.monotonic() + timeout
        while (found := self.shown.find(text, self.cursor)) < 0:
            if not self._more(deadline):
                raise AssertionError(f"{text!r} never shown; the terminal shows:\n{self.shown}")
        self.cursor = found + len(text)

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode("utf-8"))

    def finish(self, timeout: float = 30) -> int:
        """Read what is left, and the exit code."""
        deadline = time.monotonic() + timeout
        while self._more(deadline):
            pass
        os.close(self.fd)
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            if time.monotonic() > deadline:  # still waiting for an answer: never leave it
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                raise AssertionError(f"the command did not end; the terminal shows:\n{self.shown}")
            time.sleep(0.05)


@pytest.fixture
def seeded(sqlite_path: Path) -> Cli:
    cli = Cli(str(sqlite_path))
    seed_basic(cli)
    return cli


def test_a_missing_date_is_asked_for_in_vietnamese_and_a_bad_one_again(seeded: Cli) -> None:
    term = Terminal(seeded.url, "--lang vi pair add --agency SO-NN --village GL-0002 -f json")
    term.expect("Ngày kết nghĩa (dd/mm/yyyy): ")
    term.type("32/13/2024\n")
    term.expect("--since")  # the error the option gives, then the same question
    term.expect("Ngày kết nghĩa (dd/mm/yyyy): ")
    term.type("05/03/2024\n")
    assert term.finish() == 0, term.shown
    pairing = seeded.json("pair", "show", "--agency", "SO-NN", "--village", "GL-0002")
    assert pairing["started_on"] == "2024-03-05"


def test_a_choice_lists_its_vietnamese_labels_and_takes_a_number(seeded: Cli) -> None:
    term = Terminal(
        seeded.url, "--lang vi activity add --agency SO-NN --village GL-0001 --date 2024-06-01"
    )
    term.expect("Loại hoạt động:")
    term.expect("1. Công trình")
    term.expect("5. Y tế")
    term.expect("Loại hoạt động (số 1–9 hoặc tên): ")
    term.type("5\n")
    term.expect("Nội dung: ")  # the next required field left out
    term.type("Khám bệnh cho bà con\n")
    assert term.finish() == 0, term.shown
    [stored] = seeded.json("activity", "list")
    assert (stored["kind"], stored["title"]) == ("health", "Khám bệnh cho bà con")


@pytest.mark.parametrize("key", ["\x04", "\x03"], ids=["end-of-input", "ctrl-c"])
def test_end_of_input_or_ctrl_c_stops_and_writes_nothing(seeded: Cli, key: str) -> None:
    before = Before(seeded.url)
    term = Terminal(seeded.url, "agency add --code NEW")
    term.expect("Name: ")
    term.type(key)
    assert term.finish() == 1, term.shown
    assert "error: stopped while asking: nothing was written" in term.shown
    assert "Traceback" not in term.shown
    refused_nothing = Before(seeded.url)
    assert (refused_nothing.dump, refused_nothing.audit) == (before.dump, before.audit)


@pytest.mark.parametrize("how", ["option", "environment"])
def test_no_input_at_a_terminal_asks_nothing(seeded: Cli, how: str) -> None:
    before = Before(seeded.url)
    if how == "option":  # a root option, accepted after the command too
        term = Terminal(seeded.url, "agency add --code NEW --no-input")
    else:
        term = Terminal(
            seeded.url, "agency add --code NEW", {**CHILD_ENV, "KETNGHIA_NO_INPUT": "1"}
        )
    assert term.finish() == 1, term.shown
    assert term.shown.strip() == "error: --name: is required"
    after = Before(seeded.url)
    assert (after.dump, after.audit) == (before.dump, before.audit)


def test_without_a_terminal_a_process_is_never_asked(seeded: Cli) -> None:
    before = Before(seeded.url)
    command = "--lang vi pair add --agency SO-NN --village GL-0002"
    result = subprocess.run(
        [sys.executable, "-m", "ketnghia", "--db", seeded.url, *command.split()],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=CHILD_ENV,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "lỗi: --since: không được để trống"
    after = Before(seeded.url)
    assert (after.dump, after.audit) == (before.dump, before.audit)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        ("agency add --code NEW", "--name"),
        ("pair add --agency SO-NN --village GL-0002", "--since"),
        ("activity add --agency SO-NN --village GL-0001", "--date"),
        ("activity add --agency SO-NN --village GL-0001 --date 2024-06-01 --title Quà", "--kind"),
        ("inspection add --agency SO-NN", "--date"),
    ],
)
def test_without_a_terminal_the_error_names_the_option(cli: Cli, args: str, option: str) -> None:
    seed_basic(cli)
    before = Before(cli.url)
    result = cli(*args.split(), code=None, input="answer\n")  # input there, but not a terminal
    err = refused(result, before, names=[option])
    assert err.startswith(f"error: {option}: ") or err.startswith(f"error: {option}, "), err
    # (no question before it; the other missing options follow it in the one line)
