"""The reports as rich tables for the terminal (with small bar charts): every section of
reports/layout.REPORTS.

Styles are given as rich styles, never as markup in strings: the console that prints these
(ketnghia.cli.output.console) reads no markup, so a name holding "[bold]" prints as it is."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ketnghia.i18n import t
from ketnghia.outputs import printable
from ketnghia.reports.layout import (
    NUMERIC,
    REPORTS,
    Section,
    cell,
    heading,
    made_text,
    scope_text,
    title_text,
)
from ketnghia.text import compact_heading


def _bar(value: int, largest: int, width: int = 20) -> str:
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(value / largest * width * 8)
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


def _figures(section: Section, data: dict[str, Any], lang: str, warn: bool) -> Any:
    from rich.table import Table

    table = Table(show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for key, label, value, how in section.figure_values(data, lang):
        style = "bold red" if warn and key == "aspirations_open" and value else None
        table.add_row(label, cell(value, how, lang), style=style)
    return table


# The width from which a section's table has its borders and bars; a narrower terminal gets
# the plain table of the listings, whose width goes to the names.
WIDE = 120


class _SectionTable:
    """A section's table, drawn for the width it is printed at (rich asks at print time)."""

    def __init__(self, section: Section, data: dict[str, Any], lang: str) -> None:
        self.section, self.data, self.lang = section, data, lang

    def __rich_console__(self, console: Any, options: Any) -> Any:
        yield _table(self.section, self.data, self.lang, narrow=options.max_width < WIDE)


def _table(section: Section, data: dict[str, Any], lang: str, narrow: bool = False) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    rows = section.rows(data)
    columns = section.columns_for(data)
    warning = section.warning and rows
    total = section.totals(data) or {}
    table = Table(border_style="red" if warning else None, show_footer=bool(total))
    if narrow:
        table.box, table.collapse_padding, table.pad_edge = box.SIMPLE_HEAD, True, False
    shown: list[list[Any]] = [
        [cell(row.get(key), how, lang) for key, how in columns] for row in rows
    ]
    for i, (key, how) in enumerate(columns):
        footer = (
            t("total_row", lang) if i == 0 else cell(total[key], how, lang) if key in total else ""
        )
        title = heading(key, lang)
        if narrow and how in (*NUMERIC, "date", "mark"):  # the heading to the values' width
            title = compact_heading(title, [str(r[i]) for r in shown] + [str(footer)])
        table.add_column(
            title,
            justify="right" if how in NUMERIC else "left",
            footer=footer if total else "",
            no_wrap=how in (*NUMERIC, "date") or key.endswith("code"),  # never cut
        )
    has_bar = not narrow and any(key == "value_vnd" for key, _ in columns)
    if has_bar:
        table.add_column("")
    largest = max((r.get("value_vnd") or 0 for r in rows), default=0)
    for row, values in zip(rows, shown, strict=True):
        if has_bar:
            values.append(Text(_bar(row.get("value_vnd") or 0, largest), style="cyan"))
        table.add_row(*values)
    return table


def document(
    report_kind: str, data: dict[str, Any], lang: str, made: dt.date | None = None
) -> list[Any]:
    from rich.panel import Panel
    from rich.text import Text

    title = Text(printable(title_text(report_kind, data, lang)), style="bold")
    if report_kind == "annual":
        title.append(
            "\n"
            + printable(
                f"{t('report_scope', lang)}: {scope_text(data, lang)} · {made_text(made, lang)}"
            ),
            style="not bold",
        )
    out: list[Any] = [Panel(title, expand=False)]
    for section in REPORTS[report_kind]:
        rows = section.rows(data)
        columns = section.columns_for(data)
        # the title on a line of its own: a table narrower than its title would wrap it
        out.append(
            Text(section.title_text(lang), style="bold red" if section.warning and rows else "bold")
        )
        if section.figures and (rows or not columns):
            out.append(_figures(section, data, lang, warn=report_kind == "annual"))
        if rows:
            out.append(_SectionTable(section, data, lang))
        elif columns:
            out.append(Text(t(section.empty, lang), style="italic"))
    return out


def annual(report: dict[str, Any], lang: str, made: dt.date | None = None) -> list[Any]:
    return document("annual", report, lang, made)


def review(data: dict[str, Any], lang: str) -> list[Any]:
    return document("review", data, lang)


def agency(data: dict[str, Any], lang: str) -> list[Any]:
    return document("agency", data, lang)
