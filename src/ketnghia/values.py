"""Parsing and formatting of field values: dates, money, counts, booleans, choices, text.

Parsers take what a user typed or a spreadsheet cell held and return the stored value, or
raise ValueProblem(reason_key, **params) which callers turn into a message with a field name
(services) or FILE:ROW:COLUMN (imports).

What may be stored at all lives here too (LIMITS, parse_text, parse_code): the field parsers
of services/fields.py apply it to every field, for commands and imports alike, the command
line applies it to options that are not fields (check_year, check_date), and `db check`
looks for stored values outside it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ketnghia.i18n import short_date, t
from ketnghia.schema import CHOICE_ALIASES, CHOICES
from ketnghia.text import clean, closest, code_problem, compact_key, text_problem


class ValueProblem(ValueError):
    def __init__(self, reason: str, **params: Any) -> None:
        self.reason = reason
        self.params = params
        super().__init__(reason)


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
# Thousands grouped (15.000.000, 15,000,000, 15 000 000); a group never leads with 0, so that
# "0.125" is a fraction, not 125
_GROUPED_DOT = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+$")
_GROUPED_COMMA = re.compile(r"^[1-9]\d{0,2}(?:,\d{3})+$")
_GROUPED_SPACE = re.compile(r"^[1-9]\d{0,2}(?: \d{3})+$")
_DIGITS = re.compile(r"^[0-9]+$")
_CURRENCY = re.compile(r"(?i)\s*(?:vnđ|vnd|đồng|đ|₫)\s*$")

TRUE_WORDS = {"x", "co", "yes", "y", "true", "1", "c"}
FALSE_WORDS = {"", "khong", "no", "n", "false", "0", "k"}


def one_value(value: Any) -> Any:
    """`value` itself when it can be one field's value; a list or an object (what a JSON file
    may hold where a cell holds one value) is a ValueProblem."""
    if isinstance(value, (list, tuple)):
        raise ValueProblem("value_is_list", value=_shown(value))
    if isinstance(value, dict):
        raise ValueProblem("value_is_object", value=_shown(value))
    return value


def _as_text(value: Any) -> Any:
    """What may stand for text: text, and a number (a code or a phone typed as a number, a
    cell Excel turned into one). Not a list, an object, true/false, nor a number that is no
    number (NaN and Infinity of JSON)."""
    if type(value) is str:
        return value
    one_value(value)
    if isinstance(value, bool):
        raise ValueProblem("bool_not_text", value=str(value).lower())
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueProblem("bad_number", value=str(value))
    return value


def _shown(value: Any) -> str:
    """A list or an object as it may be quoted in a message: short."""
    import json

    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except ValueError:  # a structure that holds itself
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def parse_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean(one_value(value))
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
    text = clean(one_value(value))
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


def looks_grouped(text: str) -> bool:
    """Text a reader takes for a whole number in groups of thousands ("1.125" is 1125)."""
    return bool(_GROUPED_DOT.match(text) or _GROUPED_COMMA.match(text))


def parse_number(value: Any) -> float | int | None:
    """A quantity: whole or decimal; '2,5' and '2.5' are both two and a half."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise ValueProblem("bad_number", value=str(value))
        return None
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):  # NaN, Infinity in JSON
            raise ValueProblem("bad_number", value=str(value))
        return int(value) if isinstance(value, float) and value.is_integer() else value
    text = clean(one_value(value))
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
    word = compact_key(str(one_value(value)))
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
        family = next((name for name, known in CHOICES.items() if known is choices), "")
        for code, aliases in CHOICE_ALIASES.get(family, {}).items():
            for name in aliases:
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
    text = clean(value if type(value) is str else _as_text(value))
    if text is None:
        return None
    code = index.get(compact_key(text))
    if code is None:
        raise ValueProblem("bad_choice", value=text, **choice_hints(text, choices))
    return code


def choice_hints(text: str, choices: dict[str, tuple[str, str]]) -> dict[str, str]:
    """What a value that is none of the choices is told, in each language: the choices by
    their labels, and the one it comes closest to (by spelling, ignoring case and accents,
    against codes and labels alike), if any is close."""
    near = closest(text, _choice_index(choices), n=1, folded=compact_key, cutoff=0.6)
    hints = {}
    for position, lang in enumerate(("vi", "en")):
        labels = [pair[position] for pair in choices.values()]
        hints[f"choices_{lang}"] = ", ".join(labels)
        hints[f"near_{lang}"] = (
            t("did_you_mean", lang, candidates=choices[near[0]][position]) if near else ""
        )
    return hints


# -- what may be stored --------------------------------------------------------------------

FIRST_YEAR, LAST_YEAR = 1990, 2100
MONEY_MAX = 10**15  # đồng: more than any work costs; thousands still add up inside 64 bits
COUNT_MAX = 10**7  # households, population, people met …: more than the province holds
QUANTITY_MAX = 10**9  # an activity's quantity: seedlings, kilograms, metres …
# The longest text ketnghia stores: what one cell of Excel holds. Readers refuse a longer cell
# before reading it whole (importing/readers.py, importing/workbook.py).
TEXT_MAX = 32_767
# The least and the greatest value of each field type (of schema.Field.type).
LIMITS: dict[str, tuple[Any, Any]] = {
    "money": (0, MONEY_MAX),
    "int": (0, COUNT_MAX),
    "number": (0, QUANTITY_MAX),
    "year": (FIRST_YEAR, LAST_YEAR),
    "date": (dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)),
}


def _grouped(number: int) -> dict[str, str]:
    return {"limit_en": f"{number:,}", "limit_vi": f"{number:,}".replace(",", ".")}


def check_limits(field_type: str, value: Any) -> Any:
    """`value` itself when a field of this type may hold it; else a ValueProblem."""
    if value is None or field_type not in LIMITS:
        return value
    low, high = LIMITS[field_type]
    if low <= value <= high:
        return value
    if field_type == "date":
        raise ValueProblem(
            "date_out_of_range",
            value=value.isoformat(),
            first=low.isoformat(),
            last=high.isoformat(),
        )
    if field_type == "year":
        raise ValueProblem("year_out_of_range", value=value, first=low, last=high)
    if value < low:
        raise ValueProblem("negative", value=value)
    raise ValueProblem("too_large", value=value, **_grouped(high))  # also NaN


ID_MAX = 2**31 - 1  # ids are 32-bit integers on PostgreSQL


def record_id(key: Any) -> int | None:
    """The numeric id a user named (`show 12`), or None when the key cannot be one (not
    plain digits, or beyond any id), so a lookup says "not found" instead of overflowing."""
    text = str(key).strip() if key is not None else ""
    if text.isascii() and text.isdigit() and len(text) <= len(str(ID_MAX)):
        number = int(text)
        return number if number <= ID_MAX else None
    return None


def check_id(value: int | None) -> int | None:
    """An id read from a file: one that a record of a database can have, or a ValueProblem
    (never a number the database cannot hold)."""
    if value is not None and not 1 <= value <= ID_MAX:
        raise ValueProblem("bad_id", value=value)
    return value


def check_year(value: Any) -> int:
    """A year given to a command (--year, lock YEAR, --from …): a whole number in range."""
    return check_limits("year", value if isinstance(value, int) else parse_int(value))


def check_date(value: dt.date | None) -> dt.date | None:
    return check_limits("date", value)


def bounded(field_type: str, parser: Any) -> Any:
    """The parser of a field type, followed by the limits of that type."""
    if field_type not in LIMITS:
        return parser

    def parse(raw: Any) -> Any:
        return check_limits(field_type, parser(raw))

    return parse


def parse_text(value: Any, multiline: bool = False) -> str | None:
    """Text as stored: NFC, trimmed, no control or bidirectional characters (long text keeps
    its tabs and line breaks)."""
    text = clean(value if type(value) is str else _as_text(value))
    if text is not None:
        if len(text) > TEXT_MAX:
            raise ValueProblem("too_long", limit=TEXT_MAX)
        problem = text_problem(text, multiline)
        if problem is not None:
            raise ValueProblem(problem[0], **problem[1])
    return text


def parse_code(value: Any) -> str | None:
    """A code as stored: what text allows, less what would make two codes look the same
    (see text.code_problem)."""
    text = clean(value if type(value) is str else _as_text(value))
    if text is not None:
        problem = code_problem(text)
        if problem is not None:
            raise ValueProblem(problem[0], **problem[1])
    return text


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
        text = f"{value:,}"  # 1,234.5
        return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text
    return format_money(int(value), lang)


def format_percent(value: float | int | None, lang: str) -> str:
    """A figure already in percent, to one decimal: "23,9%" (vi), "23.9%" (en); "24%"."""
    if value is None:
        return ""
    text = f"{round(float(value), 1):.1f}".removesuffix(".0")
    return (text.replace(".", ",") if lang == "vi" else text) + "%"


_MONTHS_EN = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)


def document_date(day: dt.date, lang: str) -> str:
    """A date as a signed document writes it. Vietnamese (Hướng dẫn 36-HD/VPTW): "ngày 05
    tháng 02 năm 2026", a day below 10 and the months 1 and 2 with a leading zero, so that no
    digit can be written in front of them; English: "5 February 2026"."""
    if lang != "vi":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def as_date(value: Any) -> dt.date | None:
    """A date of a report's JSON ("2024-03-15") or of a record, as a date; None when it is
    not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def format_date(value: Any, lang: str) -> str:
    """A date as a table shows it: 15/03/2024 (vi), 2024-03-15 (en). Anything that is not a
    date is shown as it is."""
    day = as_date(value)
    if day is None:
        return "" if value is None else str(value)
    return short_date(day) if lang == "vi" else day.isoformat()


def format_value(value: Any, how: str, lang: str) -> str:
    """A stored value as people read it: `how` is a field type (schema.Field.type) or the name
    of a choice list (a key of schema.CHOICES, shown by its label). Every table and document
    shows values through it, so money, counts, yes/no, choices, dates, percentages and lists
    look the same in listings and reports, by the conventions of the language (Vietnamese:
    15.000.000, 15/03/2024, 23,9%)."""
    if value is None or value == "":
        return ""
    if how == "money":
        return format_money(value, lang)
    if how in ("int", "number"):
        return format_number(value, lang)
    if how == "percent":
        return format_percent(value, lang)
    if how == "date" or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return format_date(value, lang)
    if how == "bool":
        return t("yes" if value else "no", lang)
    if how in CHOICES:
        vi, en = CHOICES[how].get(value, (value, value))
        return vi if lang == "vi" else en
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)
