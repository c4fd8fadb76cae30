"""Header matching: canonical key or Vietnamese alias; case, accents and spaces ignored."""

from __future__ import annotations

from typing import Any

from ketnghia.i18n import LANGS, t
from ketnghia.schema import DATABASE_ID, ID, KINDS, Kind
from ketnghia.text import compact_key

# The column of problems that `import --errors` adds to the rows it gives back: a file
# corrected from it imports with that column still there.
PROBLEMS_COLUMN = "errors_column"
# The columns that exports add for people: names beside codes.
INFORMATIONAL_KEYS = ("agency", "village", "commune_name", "contributor")
# Those columns by their keys, and the column of problems; imports read past them quietly.
INFORMATIONAL = {compact_key(k) for k in INFORMATIONAL_KEYS} | {
    compact_key(t(PROBLEMS_COLUMN, lang)) for lang in LANGS
}
# The same columns as an export with labels heads them ("Tên cơ quan", "Agency name" …):
# read past quietly too, where they name no field of the kind (on the agencies' sheet "Tên cơ
# quan" is the name).
INFORMATIONAL_LABELS = {
    compact_key(t(f"col_{k}", lang)) for k in INFORMATIONAL_KEYS for lang in LANGS
}
# The columns that name a stored record: its id, and the database the file was exported from,
# by their keys or their labels in either language.
IDENTITY = {compact_key(name): "id" for name in (ID.key, ID.label_vi, ID.label_en)} | {
    compact_key(name): DATABASE_ID
    for name in (DATABASE_ID, *(t("col_database_id", lang) for lang in LANGS))
}


def header_index(kind: Kind) -> dict[str, str]:
    index: dict[str, str] = {}
    for f in kind.input_fields:
        for name in (f.key, f.label_vi, f.label_en, *f.aliases):
            index.setdefault(compact_key(name), f.key)
    return index


def _columns_of_fields(kind: Kind, headers: list[str]) -> dict[str, list[int]]:
    """Each field (and `id`, `database_id`) → the positions of the columns that give it. A
    column named like the informational ones ("Agency": the export's name beside the code)
    gives way to another column of its field."""
    index = header_index(kind)
    found: dict[str, list[int]] = {}
    told: dict[str, list[int]] = {}  # informational names, kept for fields no other gives
    for position, header in enumerate(headers):
        if header is None or str(header).strip() == "":
            continue
        name = compact_key(str(header))
        key = index.get(name) or IDENTITY.get(name)
        if key is not None:
            (told if name in INFORMATIONAL else found).setdefault(key, []).append(position)
    for key, positions in told.items():
        found.setdefault(key, positions[:1])
    return found


def map_headers(kind: Kind, headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """Column position → canonical key, and the headers that matched nothing. A field given
    by several columns is mapped to the first (`repeated_columns` names the others)."""
    index = header_index(kind)
    firsts = {
        positions[0]: key
        for key, positions in _columns_of_fields(kind, headers).items()
        if key not in IDENTITY.values()
    }
    mapping = dict(sorted(firsts.items()))
    unknown: list[str] = []
    for header in headers:
        if header is None or str(header).strip() == "":
            continue
        name = compact_key(str(header))
        if name not in index and name not in INFORMATIONAL | INFORMATIONAL_LABELS | IDENTITY.keys():
            unknown.append(str(header))
    return mapping, unknown


def repeated_columns(kind: Kind, headers: list[str]) -> list[tuple[int, int, str]]:
    """Columns that give a field an earlier column gives already (the same header twice, or a
    key and its alias): (position, position of the first, field), in the file's order."""
    found = [
        (position, positions[0], key)
        for key, positions in _columns_of_fields(kind, headers).items()
        for position in positions[1:]
    ]
    return sorted(found)


def identity_columns(headers: list[str]) -> dict[str, int]:
    """Where the `id` and `database_id` columns are (the first of each), if anywhere."""
    found: dict[str, int] = {}
    for position, header in enumerate(headers):
        key = IDENTITY.get(compact_key(str(header))) if header is not None else None
        if key is not None:
            found.setdefault(key, position)
    return found


def guess_kind(headers: list[str]) -> Kind | None:
    """The kind whose required columns are all present and that matches most headers."""
    best: tuple[int, Kind] | None = None
    for kind in KINDS.values():
        mapping, _ = map_headers(kind, headers)
        present = set(mapping.values())
        required = {f.key for f in kind.input_fields if f.required}
        if not required <= present:
            continue
        score = len(present)
        if best is None or score > best[0]:
            best = (score, kind)
    return best[1] if best else None


# A header row is looked for among this many first rows that hold a value (below a title
# block: the agency's name, the report's title, a date, blank rows).
HEAD_ROWS = 20


def _all_headers() -> dict[str, set[str]]:
    """Every known column name (compacted) → the kinds that have it."""
    found: dict[str, set[str]] = {}
    for kind in KINDS.values():
        for name in header_index(kind):
            found.setdefault(name, set()).add(kind.name)
    return found


_ALL_HEADERS: dict[str, set[str]] = {}


def header_score(cells: list[Any]) -> int:
    """How many cells of a row name a column of one kind (the kind they fit best)."""
    if not _ALL_HEADERS:
        _ALL_HEADERS.update(_all_headers())
    counts: dict[str, int] = {}
    for cell in cells:
        if isinstance(cell, str) and cell.strip():
            for kind in _ALL_HEADERS.get(compact_key(cell), ()):
                counts[kind] = counts.get(kind, 0) + 1
    return max(counts.values(), default=0)


def find_header(rows: list[list[Any]]) -> int:
    """Which of the first rows that hold a value is the header: the one that names the most
    known columns (the first of equals). A row below the first is taken only when it names two
    or more, so a file whose header names nothing keeps its first row as the header."""
    best, best_score = 0, 0
    for position, cells in enumerate(rows[:HEAD_ROWS]):
        score = header_score(cells)
        if score > best_score:
            best, best_score = position, score
    return best if best_score >= 2 else 0
