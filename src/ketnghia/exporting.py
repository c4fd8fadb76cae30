"""Writing records to CSV, JSON and xlsx with the canonical keys, so that they import back;
or, for people, with the labels of a language (headers, choices, yes/no and decimal commas in
CSV), which import back as well.

Text that a spreadsheet would evaluate is written so that it never is: in CSV behind an
apostrophe (ketnghia.formula_guard; the importer takes it off again), in xlsx as a text cell,
never a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ketnghia.formula_guard import guard
from ketnghia.i18n import t
from ketnghia.schema import Kind
from ketnghia.values import format_value, looks_grouped

DATE_FORMAT = "yyyy-mm-dd"
# how a date cell shows to people of a language (the cell holds a date either way)
DATE_FORMATS = {"vi": "dd/mm/yyyy", "en": DATE_FORMAT}
MONEY_FORMAT = "#,##0"


def structured(value: Any) -> str:
    """A mapping or a list (the audit trail's values before and after) as JSON text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=json_value)


def csv_cell(value: Any, lang: str | None = None) -> str:
    """A value as CSV text: for scripts (`lang` None: true/false, 2.5) or for people of a
    language (có/không, and 2,5 in Vietnamese, as Excel reads a number there)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        if lang is not None:
            return t("yes" if value else "no", lang)
        return "true" if value else "false"
    if isinstance(value, float) and not value.is_integer():
        text = str(value)
        if looks_grouped(text):  # 1.125 would read back as 1125: one more decimal says it is not
            text += "0"
        return text.replace(".", ",") if lang == "vi" else text
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list, tuple)):
        value = structured(value)
    if isinstance(value, str):
        return guard(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv(
    handle: IO[str],
    keys: list[str],
    rows: Iterable[dict[str, Any]],
    newline: str = "\r\n",
    *,
    headers: list[str] | None = None,
    delimiter: str = ",",
    lang: str | None = None,
) -> int:
    """The rows under `headers` (default: the keys); `lang`: values written for people of
    that language (see csv_cell)."""
    writer = csv.writer(handle, delimiter=delimiter, lineterminator=newline)
    writer.writerow(headers or keys)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(row.get(k), lang) for k in keys])
        count += 1
    return count


def labelled(kind: Kind, rows: Iterable[dict[str, Any]], lang: str) -> Iterator[dict[str, Any]]:
    """Rows with each choice as its label in `lang` ("Công trình", not `construction`), as
    tables show it; the importer takes labels of either language back to their codes."""
    choices = {f.key: f.choices for f in kind.fields if f.type == "choice" and f.choices}
    for row in rows:
        yield {
            k: format_value(v, choices[k], lang) if k in choices and v is not None else v
            for k, v in row.items()
        }


def json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def write_json(handle: IO[str], keys: list[str], rows: Iterable[dict[str, Any]]) -> int:
    """A JSON array, written one object at a time (constant memory)."""
    handle.write("[")
    count = 0
    for row in rows:
        handle.write(",\n  " if count else "\n  ")
        obj = {k: json_value(row.get(k)) for k in keys}
        handle.write(json.dumps(obj, ensure_ascii=False))
        count += 1
    handle.write("\n]\n" if count else "]\n")
    return count


def xlsx_sheet(
    workbook: Any,
    title: str,
    kind: Kind | None,
    keys: list[str],
    rows: Iterable[dict],
    headers: list[str] | None = None,
    lang: str | None = None,
) -> int:
    """One sheet of a write-only workbook under `headers` (default: the keys): text as text
    cells, dates as dates (shown as people of `lang` write them, else ISO), numbers as numbers
    (money formatted as money when the rows are records of `kind`)."""
    from openpyxl.cell import WriteOnlyCell

    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    sheet.append(headers or keys)
    types = {f.key: f.type for f in kind.fields} if kind is not None else {}
    count = 0
    for row in rows:
        cells = []
        for key in keys:
            value = row.get(key)
            if isinstance(value, (dict, list, tuple)):
                value = structured(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMATS.get(lang or "", DATE_FORMAT)
            elif types.get(key) == "money":
                cell.number_format = MONEY_FORMAT
            cells.append(cell)
        sheet.append(cells)
        count += 1
    return count


def row_keys(kind: Kind, first: dict[str, Any] | None) -> list[str]:
    keys = list(kind.keys)
    if first:
        keys += [k for k in first if k not in keys]
    return keys


def peek(rows: Iterator[dict[str, Any]]) -> tuple[dict[str, Any] | None, Iterator[dict]]:
    first = next(rows, None)
    if first is None:
        return None, iter(())

    def chained() -> Iterator[dict[str, Any]]:
        yield first
        yield from rows

    return first, chained()
