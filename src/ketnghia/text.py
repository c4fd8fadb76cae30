"""Vietnamese text: NFC on the way in, search keys, and alphabetical order.

The alphabet is a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z):
letters with breve, circumflex or horn and đ are letters of their own (primary difference);
the five tones are a secondary difference, ordered as in Vietnamese dictionaries
(ngang, huyền, hỏi, ngã, sắc, nặng); case is tertiary. Digit runs sort by value, so
"thôn 2" comes before "thôn 10".
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining marks that make a new letter (a+breve = ă ...), by NFD code point.
_MODIFIERS = {"\u0306", "\u0302", "\u031b"}
# The tones in dictionary order: huyền, hỏi, ngã, sắc, nặng (ngang = 0).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SPACES = re.compile(r"\s+")


def clean(value: Any) -> str | None:
    """NFC-normalise and trim a text value; empty becomes None."""
    if value is None:
        return None
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = text.strip()
    return text or None


def fold(value: str) -> str:
    """Lower case, no diacritics, đ→d, single spaces: the search key of a name."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def search_key(value: str | None) -> str:
    return fold(value) if value else ""


def compact_key(value: str) -> str:
    """fold() without spaces, dashes or underscores: for header and label matching."""
    return re.sub(r"[\s_\-./()]+", "", fold(value))


def sort_key(value: str | None) -> tuple:
    """A key for sorted() that follows Vietnamese alphabetical order."""
    if not value:
        return ((), (), ())
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    text = unicodedata.normalize("NFD", value)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isdecimal():
            j = i
            while j < n and text[j].isdecimal():
                j += 1
            primary.append((1, int(text[i:j])))
            i = j
            continue
        i += 1
        if unicodedata.combining(ch):
            continue  # a stray mark with no base letter
        marks = []
        while i < n and unicodedata.combining(text[i]):
            marks.append(text[i])
            i += 1
        lower = ch.lower()
        tone = 0
        letter = lower
        for mark in marks:
            if mark in _MODIFIERS:
                letter = unicodedata.normalize("NFC", letter + mark)
            elif mark in _TONES:
                tone = _TONES[mark]
        if letter in _LETTER_RANK:
            primary.append((2, _LETTER_RANK[letter]))
        elif lower in _LETTER_RANK:
            primary.append((2, _LETTER_RANK[lower]))
        elif ch.isspace():
            primary.append((0, 0))
        else:
            primary.append((0, ord(ch)))
        tones.append(tone)
        cases.append(0 if ch == lower else 1)
    return (tuple(primary), tuple(tones), tuple(cases))


def is_nfc(value: str) -> bool:
    return unicodedata.is_normalized("NFC", value)
