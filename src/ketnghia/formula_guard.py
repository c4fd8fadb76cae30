"""Text a spreadsheet would run as a formula, kept as text both ways.

Text starting with = + - @, a tab or a carriage return is written to CSV behind an apostrophe
(OWASP's guard: `export` and listings), and the importer takes that apostrophe off again, so
what is exported imports back unchanged. Text that already starts with apostrophes followed by
such a character gets one more, so that it too comes back as it was. (xlsx needs no guard:
text goes into text cells, never formulas.)
"""

from __future__ import annotations

from typing import Any

GUARDED = ("=", "+", "-", "@", "\t", "\r")


def _formula_after_apostrophes(value: str) -> bool:
    """Whether `value` is apostrophes (maybe none) and then a character a spreadsheet runs."""
    rest = value.lstrip("'")
    return rest[:1] in GUARDED if rest else False


def guard(value: str) -> str:
    """Put an apostrophe before text a spreadsheet would evaluate, and before text that
    already starts with apostrophes the importer would otherwise take one of off."""
    return "'" + value if _formula_after_apostrophes(value) else value


def unguard(value: Any) -> Any:
    """Undo the apostrophe `guard` put before text a spreadsheet would evaluate."""
    if isinstance(value, str) and value[:1] == "'" and _formula_after_apostrophes(value):
        return value[1:]
    return value
