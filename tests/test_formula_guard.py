"""The spreadsheet formula guard of CSV output and the importer's unguard: one pair, kept
together, that gives back every text it was given."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from ketnghia.formula_guard import GUARDED, guard, unguard

# text that starts like a formula, or like an already guarded one, or like anything else
_TEXT = st.one_of(
    st.text(),
    st.builds(lambda a, b: a + b, st.sampled_from([*GUARDED, "'", "''", "'=", "'''+"]), st.text()),
)


@given(_TEXT)
def test_unguard_gives_back_what_guard_was_given(text: str) -> None:
    guarded = guard(text)
    assert unguard(guarded) == text
    assert not guarded or guarded[0] not in GUARDED  # a spreadsheet never runs it


def test_the_guard_imports_nothing_of_the_database_layer() -> None:
    """Writing CSV (exporting) and reading it back share the guard without the writer
    importing the importer (and through it the database layer)."""
    code = (
        "import sys, ketnghia.exporting;"
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"
