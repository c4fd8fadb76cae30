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


def like_escape(value: str) -> str:
    """`value` as the literal part of an SQL LIKE pattern, with ESCAPE '\\'."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def compact_key(value: str) -> str:
    """fold() without spaces, dashes or underscores: for header and label matching."""
    return re.sub(r"[\s_\-./()]+", "", fold(value))


def closest(
    wanted: str, options: dict[str, str], n: int = 5, folded: Any = fold, cutoff: float = 0.7
) -> list[str]:
    """The names of `options` (folded key → name) closest to `wanted` by folded spelling, for
    a "did you mean" (a typo, an accent or a letter missing). `folded`: how the keys of
    `options` were folded."""
    import difflib

    keys = difflib.get_close_matches(folded(wanted), list(options), n=n, cutoff=cutoff)
    return list(dict.fromkeys(options[k] for k in keys))


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


# -- characters a stored value may not hold ------------------------------------------------

# Bidirectional controls reorder what is shown without being seen themselves.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# What long text (notes, situation, aspirations …) may hold besides printable characters.
LINE_BREAKS = frozenset("\t\n\r")
# What a problem is: a reason (a message key) and the characters it is about, described.
Problem = tuple[str, dict[str, str]]


_CONTROL_NAMES = {
    "\0": "NULL",
    "\t": "TAB",
    "\n": "LINE FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}


def describe_char(ch: str) -> str:
    """U+200B ZERO WIDTH SPACE: a character named so that a person can find it."""
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ch, "")
    if not name and unicodedata.category(ch) == "Cc":
        name = "CONTROL"
    return f"U+{ord(ch):04X} {name}".rstrip()


def _letter_script(ch: str) -> str:
    """The script of a letter, from its Unicode name: LATIN (Vietnamese letters too),
    CYRILLIC, GREEK, CJK …; FULLWIDTH and MATHEMATICAL forms count as scripts of their own."""
    if ch.isascii():
        return "LATIN"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "?"


def text_problem(value: str, multiline: bool = False) -> Problem | None:
    """The first character a text field refuses, or None: control characters (tab and line
    breaks are allowed in long text), line and paragraph separators, lone surrogates, and
    bidirectional controls."""
    if value.isprintable():  # no character of the categories C* and Z* but the space
        return None
    for ch in value:
        if ch in BIDI_CONTROLS:
            return "char_bidi", {"char": describe_char(ch)}
        if ch in LINE_BREAKS:
            if not multiline:
                return "char_line_break", {"char": describe_char(ch)}
        elif unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            return "char_control", {"char": describe_char(ch)}
    return None


def code_problem(value: str) -> Problem | None:
    """The first reason a code (of an agency, a village, an activity) is refused, or None.

    Codes that look the same must be the same: besides what text refuses, a code holds no
    invisible character (format characters such as U+200B, U+FEFF, U+00AD; combining marks
    left after NFC; spaces other than the plain one; unassigned and private-use characters),
    only the keyboard's digits, punctuation and symbols (not a look-alike dash, dot or digit),
    and letters of one script (no Cyrillic Т among Latin letters; Vietnamese letters are Latin).
    """
    if value.isascii() and value.isprintable():
        return None
    problem = text_problem(value)
    if problem is not None:
        return problem
    first: dict[str, str] = {}  # script → its first letter in the code
    for ch in value:
        if ch.isascii():
            if ch.isalpha():
                first.setdefault("LATIN", ch)
            continue
        category = unicodedata.category(ch)
        if category[0] in "CMZ":
            return "char_invisible", {"char": describe_char(ch)}
        if category[0] != "L":
            return "char_lookalike", {"char": describe_char(ch)}
        first.setdefault(_letter_script(ch), ch)
    if len(first) > 1:  # Latin letters count too, wherever they stand ("ͰA" as "AͰ")
        one, two = list(first.values())[:2]
        return "mixed_script", {"first": describe_char(one), "second": describe_char(two)}
    return None


def compact_heading(heading: str, values: list[str]) -> str:
    """A column's heading in lines no wider than its values (or than its longest word), for a
    column of numbers or codes that keeps to their width."""
    import textwrap

    lines = [line for v in values for line in v.splitlines()]
    width = max([len(v) for v in lines] + [len(w) for w in heading.split()] + [1])
    return "\n".join(textwrap.wrap(heading, width)) or heading
