"""The message catalogue: every key the code uses is there in Vietnamese and English, every key
there is used, and a key missing from it fails loudly (the suite runs with
KETNGHIA_STRICT_MESSAGES, set in conftest)."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from ketnghia.i18n import MESSAGES, STRICT_ENV, t
from tests.conftest import Cli

SRC = Path(__file__).resolve().parents[1] / "src" / "ketnghia"

# Callables whose argument at this position is a message key.
KEY_ARGUMENT = {
    "t": 0,
    "done": 0,
    "ValueProblem": 0,
    "KetnghiaError": 0,
    "NotFound": 0,
    "Ambiguous": 0,
    "RuleViolation": 0,
    "Referenced": 0,
    "DatabaseProblem": 0,
    "YearLocked": 0,
    "InvalidValue": 1,  # (field, reason)
    "ReadProblem": 1,  # (file, reason)
}
# Errors built from something else than a key (their message key is fixed inside).
NOT_KEYED = {"ImportFailed"}
# Families of keys built as PREFIX + name; a literal that starts with one is a key too.
FAMILIES = ("rec_", "col_", "sec_", "tot_", "out_", "hist_", "info_")
# "out_" is left out of that: report keys such as "out_of_poverty" start with it.
LITERAL_FAMILIES = tuple(f for f in FAMILIES if f != "out_")


def _trees() -> Iterator[tuple[Path, ast.AST]]:
    for path in sorted(SRC.rglob("*.py")):
        if path.name != "i18n.py":
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _constants(node: ast.expr) -> Iterator[str]:
    """The strings an argument may be: a literal, or either branch of `a if c else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _constants(node.body)
        yield from _constants(node.orelse)


def _used() -> tuple[dict[str, str], set[str], set[str]]:
    """Keys given as literals (key → where), the prefixes of keys built by f-strings, and
    every string literal of the code."""
    keys: dict[str, str] = {}
    prefixes: set[str] = set()
    literals: set[str] = set()
    for path, tree in _trees():
        where = str(path.relative_to(SRC))
        in_fstring = {
            id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
                if node.value.startswith(LITERAL_FAMILIES) and id(node) not in in_fstring:
                    keys.setdefault(node.value, f"{where}:{node.lineno}")
            if not isinstance(node, ast.Call) or _name(node.func) not in KEY_ARGUMENT:
                continue
            position = KEY_ARGUMENT[_name(node.func)]  # type: ignore[index]
            if len(node.args) <= position:
                continue
            argument = node.args[position]
            for key in _constants(argument):
                keys.setdefault(key, f"{where}:{node.lineno}")
            if isinstance(argument, ast.JoinedStr) and argument.values:
                first = argument.values[0]
                if isinstance(first, ast.Constant):
                    prefixes.add(first.value)
    return keys, prefixes, literals


def _declared() -> set[str]:
    """The keys of the families whose names the code declares in one place."""
    from ketnghia.reports.annual import TOTALS
    from ketnghia.reports.layout import REPORTS
    from ketnghia.services import dated_records, dbadmin, registers

    keys = {f"tot_{k}" for k in TOTALS}
    for sections in REPORTS.values():  # each section's title, sheet, columns and figures
        for s in sections:
            keys |= {s.title or f"sec_{s.key}", s.sheet or f"sheet_{s.key}"}
            keys |= {f"col_{k}" for k, _ in s.columns} | {label for _, label, _ in s.figures}
    keys |= {f"info_{k}" for k in dbadmin.COUNTED}
    services = (
        registers.agencies,
        registers.villages,
        dated_records.activities,
        dated_records.visits,
    )
    keys |= {f"rec_{s.record}" for s in services}
    return keys


def test_every_key_used_is_in_the_catalogue() -> None:
    keys, prefixes, _ = _used()
    missing = {k: where for k, where in keys.items() if k not in MESSAGES}
    assert not missing, f"keys used but not in i18n.MESSAGES: {missing}"
    assert prefixes <= set(FAMILIES), f"keys built with an unknown prefix: {prefixes}"
    assert not _declared() - set(MESSAGES), "report, info or record keys missing"


def test_every_key_in_the_catalogue_is_used() -> None:
    keys, _, literals = _used()
    declared = _declared()
    unused = []
    for key in MESSAGES:
        if key in keys or key in literals or key in declared:
            continue
        family = next((f for f in FAMILIES if key.startswith(f)), None)
        if family is not None and key[len(family) :] in literals:
            continue  # built as family + a name the code holds (a column, a record …)
        unused.append(key)
    assert not unused, f"keys no code uses (delete them): {unused}"


def _fields(text: str) -> set[str]:
    # a parameter given in each language's own form (limit_vi, limit_en) counts as one
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return {re.sub(r"_(vi|en)$", "", name) for name in names}


def test_both_languages_say_it_with_the_same_parameters() -> None:
    wrong = []
    for key, (vi, en) in MESSAGES.items():
        if not (vi.strip() and en.strip()) or _fields(vi) != _fields(en):
            wrong.append(key)
        assert t(key, "vi") == vi and t(key, "en") == en  # (vi, en): the order of schema's
    assert not wrong, f"a language is empty or lacks a parameter: {wrong}"


def test_every_error_class_says_where_its_key_is() -> None:
    """A new KetnghiaError subclass is placed in KEY_ARGUMENT or NOT_KEYED, so that the keys
    it is raised with are checked."""
    classes: dict[str, list[str]] = {}
    for _, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                classes[node.name] = [b for b in map(_name, node.bases) if b]
    keyed = set(KEY_ARGUMENT) | NOT_KEYED
    errors, grown = {"KetnghiaError"}, True
    while grown:
        found = {name for name, bases in classes.items() if set(bases) & errors}
        grown = not found <= errors
        errors |= found
    assert errors <= keyed, errors - keyed


def test_an_unknown_key_fails_in_tests_and_shows_itself_to_users(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(KeyError, match="no_such_message"):
        t("no_such_message")
    monkeypatch.delenv(STRICT_ENV)
    assert t("no_such_message") == "no_such_message"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_locality_listing_names_its_columns(cli: Cli, lang: str) -> None:
    """Extra columns of a listing (here the commune's name) have their heading."""
    cli("agency", "add", "--code", "P-AN", "--name", "UBND phường An Nhơn", "--kind", "locality")
    cli("locality", "add", "--agency", "P-AN", "--commune", "Ia Krêl", "--since", "2025-09-01")
    table = cli("locality", "list", lang=lang).stdout
    assert "col_" not in table
    assert ("Tên xã, phường" if lang == "vi" else "Commune name") in table
