"""Text a spreadsheet would run as a formula, kept as text both ways.

Text starting with = + - @, a tab or a carriage return is written to CSV behind an apostrophe
(OWASP's guard: `export` and listings), and the importer takes that apostrophe off again, so
what is exported imports back unchanged. Text that already starts with an apostrophe followed
by such a character gets one more, so that it too comes back as it was. (xlsx needs no guard:
text goes into text cells, never formulas.)
"""

from __future__ import annotations

from typing import Any

GUARDED = ("=", "+", "-", "@", "\t", "\r")


def guard(value: str) -> str:
    """Put an apostrophe before text a spreadsheet would evaluate, and before text that
    already starts with one that the importer would otherwise take off."""
    if value and (value[0] in GUARDED or (value[0] == "'" and value[1:2] in GUARDED)):
        return "'" + value
    return value


def unguard(value: Any) -> Any:
    """Undo the apostrophe `guard` put before text a spreadsheet would evaluate."""
    if (
        isinstance(value, str)
        and len(value) > 1
        and value[0] == "'"
        and (value[1] in GUARDED or (value[1] == "'" and value[2:3] in GUARDED))
    ):
        return value[1:]
    return value
