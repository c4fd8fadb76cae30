"""Header matching: canonical key or Vietnamese alias; case, accents and spaces ignored."""

from __future__ import annotations

from ketnghia.schema import DATABASE_ID, KINDS, Kind
from ketnghia.text import compact_key

# Columns that exports add for people (names beside codes); imports read past them quietly.
INFORMATIONAL = {"agency", "village", "communename", "contributor"}
# The columns that name a stored record: its id, and the database the file was exported from.
IDENTITY = {"id": "id", compact_key(DATABASE_ID): DATABASE_ID}


def header_index(kind: Kind) -> dict[str, str]:
    index: dict[str, str] = {}
    for f in kind.input_fields:
        for name in (f.key, f.label_vi, f.label_en, *f.aliases):
            index.setdefault(compact_key(name), f.key)
    return index


def map_headers(kind: Kind, headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """Column position → canonical key, and the headers that matched nothing."""
    index = header_index(kind)
    mapping: dict[int, str] = {}
    unknown: list[str] = []
    for position, header in enumerate(headers):
        if header is None or str(header).strip() == "":
            continue
        key = index.get(compact_key(str(header)))
        if key is not None and key not in mapping.values():
            mapping[position] = key
        elif compact_key(str(header)) not in INFORMATIONAL | IDENTITY.keys():
            unknown.append(str(header))
    return mapping, unknown


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
