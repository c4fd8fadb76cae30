"""The text of unit names: the unit word in front ("Xã", "Thành phố" …) and the key that
names are matched by (case, accents and the unit word ignored)."""

from __future__ import annotations

from ketnghia.text import clean, fold

# The unit word in front of a name, longest first ("Thành phố" before "Thị").
UNIT_WORDS = ("Thành phố", "Thị trấn", "Đặc khu", "Thị xã", "Phường", "Huyện", "Tỉnh", "Xã", "TP.")


def short_name(name: str) -> str:
    """ "Xã Ia Me" → "Ia Me"; "Thành phố Pleiku" → "Pleiku"; a bare name stays as it is."""
    name = clean(name) or ""
    for word in UNIT_WORDS:
        if fold(name[: len(word)]) == fold(word) and name[len(word) : len(word) + 1] == " ":
            return name[len(word) + 1 :].strip()
    return name


def unit_key(name: str | None) -> str:
    return fold(short_name(name or ""))
