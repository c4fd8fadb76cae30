"""The bad-input corpus's one assertion: a refusal a user can act on.

Every case of the corpus (tests/test_bad_*.py) runs a command on a database, then calls
`refused`: the exit code asked for (1 for bad input, 2 for command-line misuse), one line on
stderr naming what it must name (the file, row, column, option …), no traceback and no catch-all
"unexpected error", and the database dump and audit trail exactly as before the command."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tests.conftest import audit_count, dump


class Before:
    """What the database held before the command: its dump and the audit trail's length."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.dump = dump(url)
        self.audit = audit_count(url)


def refused(
    result: Any, before: Before, names: Iterable[str] = (), *, code: int = 1, lines: int | None = 1
) -> str:
    """Assert that `result` (a CliRunner result) is a refusal that changed nothing and return
    its stderr. `names`: texts stderr must contain (case-insensitive); `lines`: how many
    non-empty stderr lines at most (None: any number, for reports of several rows)."""
    err = result.stderr
    assert result.exit_code == code, f"exit {result.exit_code} != {code}\n{err}\n{result.stdout}"
    assert "Traceback" not in err and "Traceback" not in result.stdout, err
    assert "unexpected" not in err.lower() and "không mong đợi" not in err.lower(), err
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    shown = [line for line in err.splitlines() if line.strip()]
    assert shown, "nothing said on stderr"
    if lines is not None:
        assert len(shown) <= lines, err
    for name in names:
        assert name.lower() in err.lower(), f"{name!r} not named in: {err}"
    assert dump(before.url) == before.dump, "the database changed"
    assert audit_count(before.url) == before.audit, "the audit trail grew"
    return err
