"""Parsing and formatting of field values: dates, money, counts, booleans, choices.

Parsers take what a user typed or a spreadsheet cell held and return the stored value, or
raise ValueProblem(reason_key, **params) which callers turn into a message with a field name
(services) or FILE:ROW:COLUMN (imports).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ketnghia.text import clean, compact_key


class ValueProblem(ValueError):
    def __init__(self, reason: str, **params: Any) -> None:
        self.reason = reason
        self.params = params
        super().__init__(reason)


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_GROUPED_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_GROUPED_COMMA = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_GROUPED_SPACE = re.compile(r"^\d{1,3}(?: \d{3})+$")
_DIGITS = re.compile(r"^[0-9]+$")
_CURRENCY = re.compile(r"(?i)\s*(?:vnđ|vnd|đồng|đ|₫)\s*$")

TRUE_WORDS = {"x", "co", "yes", "y", "true", "1", "c"}
FALSE_WORDS = {"", "khong", "no", "n", "false", "0", "k"}


def parse_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean(value)
    if text is None:
        return None
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueProblem("bad_date", value=text) from None
    try:
        m = _ISO.match(text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _DMY.match(text)
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        pass
    raise ValueProblem("bad_date", value=text)


def _parse_whole(value: Any, reason: str) -> int | None:
    if type(value) is str and value.isascii() and value.isdigit():
        return int(value)  # the common case of a file: plain digits
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise ValueProblem(reason, value=str(value))
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueProblem(reason, value=str(value))
    text = clean(value)
    if text is None:
        return None
    body = _CURRENCY.sub("", text) if reason == "bad_money" else text
    sign = 1
    if body.startswith("-"):
        sign, body = -1, body[1:].strip()
    elif body.startswith("+"):
        body = body[1:].strip()
    if _DIGITS.match(body):
        return sign * int(body)
    for pattern, sep in ((_GROUPED_DOT, "."), (_GROUPED_COMMA, ","), (_GROUPED_SPACE, " ")):
        if pattern.match(body):
            return sign * int(body.replace(sep, ""))
    # "15000000.0" from a spreadsheet that stored a whole number as a float
    if re.fullmatch(r"\d+\.0+", body):
        return sign * int(body.split(".")[0])
    raise ValueProblem(reason, value=text)


def parse_money(value: Any) -> int | None:
    """Integer đồng from 15000000, 15.000.000, 15,000,000, '15 000 000 đ'."""
    return _parse_whole(value, "bad_money")


def parse_int(value: Any) -> int | None:
    return _parse_whole(value, "bad_int")


def parse_number(value: Any) -> float | int | None:
    """A quantity: whole or decimal; '2,5' and '2.5' are both two and a half."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise ValueProblem("bad_number", value=str(value))
        return None
    if isinstance(value, (int, float)):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    text = clean(value)
    if text is None:
        return None
    try:
        return parse_int(text)
    except ValueProblem:
        pass
    body = text
    if "," in body and "." in body:
        # the separator that comes last is the decimal one
        if body.rfind(",") > body.rfind("."):
            body = body.replace(".", "").replace(",", ".")
        else:
            body = body.replace(",", "")
    else:
        body = body.replace(",", ".")
    try:
        number = float(body)
    except ValueError:
        raise ValueProblem("bad_number", value=text) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueProblem("bad_number", value=text)
    return int(number) if number.is_integer() else number


def parse_bool(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    word = compact_key(str(value))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueProblem("bad_bool", value=str(value))


_CHOICE_INDEX: dict[int, dict[str, str]] = {}


def _choice_index(choices: dict[str, tuple[str, str]]) -> dict[str, str]:
    index = _CHOICE_INDEX.get(id(choices))
    if index is None:
        index = {}
        for code, (vi, en) in choices.items():
            for name in (code, vi, en):
                index.setdefault(compact_key(name), code)
        _CHOICE_INDEX[id(choices)] = index
    return index


def parse_choice(value: Any, choices: dict[str, tuple[str, str]]) -> str | None:
    """A code from its code, Vietnamese or English label; any case, diacritics optional."""
    if value is None:
        return None
    index = _choice_index(choices)
    if isinstance(value, str) and value in index:  # the code itself, the common case
        return index[value]
    text = clean(value)
    if text is None:
        return None
    code = index.get(compact_key(text))
    if code is None:
        raise ValueProblem("bad_choice", value=text, choices=", ".join(choices))
    return code


def format_money(amount: int | None, lang: str) -> str:
    if amount is None:
        return ""
    text = f"{abs(amount):,}"
    if lang == "vi":
        text = text.replace(",", ".")
    return ("-" if amount < 0 else "") + text


def format_number(value: float | int | None, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        text = repr(value)
        return text.replace(".", ",") if lang == "vi" else text
    return format_money(int(value), lang)
