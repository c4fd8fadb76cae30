"""The progress bar of an import: drawn on a terminal, and moving while a workbook's rows are
read; never drawn without a terminal. POSIX only (a pseudo-terminal)."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.invoking import ENV

pty = pytest.importorskip("pty")  # not on Windows

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

CHILD_ENV = {**ENV, "PYTHONUTF8": "1", "COLUMNS": "120"}
ROWS = 24_000
DRAWN = re.compile(r"(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?) MB")  # rich's DownloadColumn


@pytest.fixture(scope="module")
def big_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Agencies in a workbook over the bar's 2,000,000 bytes (stored, not compressed)."""
    from openpyxl import Workbook

    folder = tmp_path_factory.mktemp("progress")
    packed, path = folder / "packed.xlsx", folder / "co-quan.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("agencies")
    sheet.append(["code", "name", "kind", "level"])
    for i in range(ROWS):
        sheet.append([f"CQ-{i:05d}", f"Cơ quan số {i}", "department", "province"])
    book.save(packed)
    with zipfile.ZipFile(packed) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    assert path.stat().st_size > 2_000_000
    return path


def _on_a_terminal(args: list[str]) -> tuple[int, str]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: run ketnghia, never come back to pytest
        try:
            argv = [sys.executable, "-m", "ketnghia", *args]
            os.execve(sys.executable, argv, CHILD_ENV)
        finally:
            os._exit(127)
    shown = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child has ended
            break
        if not data:
            break
        shown += data
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")


def test_the_bar_moves_while_a_workbook_is_read(tmp_path: Path, big_workbook: Path) -> None:
    db = str(tmp_path / "k.db")
    code, shown = _on_a_terminal(["--db", db, "import", "--dry-run", str(big_workbook)])
    assert code == 0, shown
    drawn = {(float(done), float(total)) for done, total in DRAWN.findall(shown)}
    assert len(drawn) >= 2, shown  # drawn, and advancing
    assert any(0 < done < total for done, total in drawn), shown  # while the rows are read


def test_without_a_terminal_no_bar_is_drawn(tmp_path: Path, big_workbook: Path) -> None:
    db = str(tmp_path / "k.db")
    args = [sys.executable, "-m", "ketnghia", "--db", db, "import", "--dry-run"]
    done = subprocess.run(
        [*args, str(big_workbook)], capture_output=True, env=CHILD_ENV, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert not DRAWN.search(done.stderr.decode()), done.stderr
    assert b"\r" not in done.stderr and b"\x1b[" not in done.stderr
