"""The reports as Markdown: documents to paste into a report (title, summary, every section of
reports/layout.REPORTS as a list of figures or a table with its totals row)."""

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
    summary_text,
    title_text,
)

# HTML is written as entities (a Markdown viewer would run "<script>" or show "<img>"), and the
# characters Markdown acts on anywhere in a line are escaped with a backslash: emphasis, code,
# links and images, table cells, headings' closing "#", strikethrough, the escape itself.
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = set("\\`*_[]|#~!")


def _md(text: str) -> str:
    """Text from the records (names, places, codes), shown as it is in Markdown."""
    text = " ".join(printable(text).split("\n"))  # a line break would end a table row
    return "".join(_HTML[ch] if ch in _HTML else "\\" + ch if ch in _SPECIAL else ch for ch in text)


def _table(section: Section, data: dict[str, Any], lang: str) -> list[str]:
    columns = section.columns_for(data)
    lines = ["| " + " | ".join(_md(heading(k, lang)) for k, _ in columns) + " |"]
    lines.append("|" + "|".join("---:" if how in NUMERIC else "---" for _, how in columns) + "|")
    for row in section.rows(data):
        lines.append(
            "| " + " | ".join(_md(cell(row.get(k), how, lang)) for k, how in columns) + " |"
        )
    total = section.totals(data)
    if total:
        values = [f"**{t('total_row', lang)}**"] + [
            f"**{cell(total[k], how, lang)}**" if k in total else "" for k, how in columns[1:]
        ]
        lines.append("| " + " | ".join(values) + " |")
    return lines


def _section(section: Section, data: dict[str, Any], lang: str) -> list[str]:
    lines = ["", f"## {section.title_text(lang)}", ""]
    rows = section.rows(data)
    columns = section.columns_for(data)
    if section.figures and not columns:  # a block of figures alone: a two-column table
        lines += [f"| {t('col_metric', lang)} | {t('col_value', lang)} |", "|---|---:|"]
        for _, label, value, how in section.figure_values(data, lang):
            lines.append(f"| {_md(label)} | {_md(cell(value, how, lang))} |")
        return lines
    if not rows:
        lines.append(f"*{t(section.empty, lang)}*")
        return lines
    if section.figures:
        for _, label, value, how in section.figure_values(data, lang):
            lines.append(f"- {_md(label)}: {_md(cell(value, how, lang))}")
        lines.append("")
    return lines + _table(section, data, lang)


def document(report_kind: str, data: dict[str, Any], lang: str, made: dt.date | None = None) -> str:
    if report_kind == "agency":  # the agency's name and code are the records' own
        agency = data["agency"]
        name, code = _md(agency["name"]), _md(agency["code"])
        title = t("agency_title", lang, name=name, code=code, year=data["year"])
    else:
        title = title_text(report_kind, data, lang)
    lines = [f"# {title}", ""]
    if report_kind == "annual":
        lines += [
            f"*{t('report_scope', lang)}: {_md(scope_text(data, lang))}. {made_text(made, lang)}.*",
            "",
            summary_text(data, lang),
        ]
    for section in REPORTS[report_kind]:
        lines += _section(section, data, lang)
    return "\n".join(lines) + "\n"


def annual(report: dict[str, Any], lang: str, made: dt.date | None = None) -> str:
    return document("annual", report, lang, made)


def review(data: dict[str, Any], lang: str) -> str:
    return document("review", data, lang)


def agency(data: dict[str, Any], lang: str) -> str:
    return document("agency", data, lang)
