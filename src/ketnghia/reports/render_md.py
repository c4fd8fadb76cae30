"""The reports as Markdown: documents to paste into a report (title, summary, tables)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ketnghia.i18n import t
from ketnghia.outputs import printable
from ketnghia.reports.annual import TOTALS
from ketnghia.reports.layout import (
    AGENCY_SECTIONS,
    NUMERIC,
    OUTCOME_COLUMNS,
    OUTCOME_TOTALS,
    SECTIONS,
    cell,
    heading,
    made_text,
    outcome_rows,
    scope_text,
    summary_text,
    total_how,
    total_row,
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


def _table(columns: list[tuple[str, str]], rows: list[dict[str, Any]], lang: str) -> list[str]:
    lines = ["| " + " | ".join(heading(k, lang) for k, _ in columns) + " |"]
    lines.append("|" + "|".join("---:" if how in NUMERIC else "---" for _, how in columns) + "|")
    for row in rows:
        lines.append("| " + " | ".join(_md(cell(row.get(k), h, lang)) for k, h in columns) + " |")
    return lines


def annual(report: dict[str, Any], lang: str, made: dt.date | None = None) -> str:
    lines = [
        f"# {t('report_title', lang, year=report['year'])}",
        "",
        f"*{t('report_scope', lang)}: {_md(scope_text(report, lang))}. {made_text(made, lang)}.*",
        "",
        summary_text(report, lang),
        "",
        f"## {t('sec_totals', lang)}",
        "",
        f"| {t('col_metric', lang)} | {t('col_value', lang)} |",
        "|---|---:|",
    ]
    for key in TOTALS:
        lines.append(
            f"| {t(f'tot_{key}', lang)} | {cell(report['totals'][key], total_how(key), lang)} |"
        )
    for section, columns in SECTIONS.items():
        rows = report[section]
        lines += ["", f"## {t(f'sec_{section}', lang)}", ""]
        if not rows:
            lines.append(f"*{t('none', lang)}*")
            continue
        lines += _table(columns, rows, lang)
        total = total_row(section, rows)
        if total:
            values = [f"**{t('total_row', lang)}**"] + [
                f"**{cell(total[k], how, lang)}**" if k in total else "" for k, how in columns[1:]
            ]
            lines.append("| " + " | ".join(values) + " |")
    lines += ["", f"## {t('sec_outcomes', lang)}", ""]
    outcomes = report.get("outcomes") or {}
    if not outcomes.get("by_village"):
        lines.append(f"*{t('no_outcomes', lang)}*")
    else:
        for key in OUTCOME_TOTALS:
            lines.append(f"- {t(f'out_{key}', lang)}: {cell(outcomes[key], 'int', lang)}")
        lines += [
            "",
            "| " + " | ".join(heading(k, lang) for k, _ in OUTCOME_COLUMNS) + " |",
            "|---|---|---:|---:|---:|---|---:|",
        ]
        for row in outcome_rows(report):
            values = [cell(row.get(k), how, lang) for k, how in OUTCOME_COLUMNS]
            lines.append("| " + " | ".join(_md(v) for v in values) + " |")
    return "\n".join(lines) + "\n"


def review(review: dict[str, Any], lang: str) -> str:
    years = [r["year"] for r in review["years"]]
    lines = [f"# {t('review_title', lang, first=review['from'], last=review['to'])}", ""]
    lines.append(f"| {t('col_metric', lang)} | " + " | ".join(map(str, years)) + " |")
    lines.append("|---|" + "---:|" * len(years))
    for key in TOTALS:
        lines.append(
            f"| {t(f'tot_{key}', lang)} | "
            + " | ".join(cell(r[key], total_how(key), lang) for r in review["years"])
            + " |"
        )
    lines += [
        "",
        f"## {t('sec_by_agency', lang)}",
        "",
        f"| {t('col_agency_code', lang)} | {t('col_agency', lang)} | "
        + " | ".join(map(str, years))
        + f" | {t('col_value_vnd', lang)} | {t('col_idle_years', lang)} |",
        "|---|---|" + "---:|" * (len(years) + 2),
    ]
    for a in review["agencies"]:
        per_year = [
            cell(a["years"].get(str(y), {}).get("value_vnd", 0), "money", lang) for y in years
        ]
        lines.append(
            f"| {_md(a['agency_code'])} | {_md(a['agency'])} | "
            + " | ".join(per_year)
            + f" | {cell(a['value_vnd'], 'money', lang)} | {a['idle_years']} |"
        )
    lines += ["", f"## {t('sec_dormant_villages', lang)}", ""]
    if not review["dormant_villages"]:
        lines.append(f"*{t('none', lang)}*")
    for row in review["dormant_villages"]:
        lines.append(
            f"- {_md(row['village_code'])} {_md(row['village'])} "
            f"({_md(cell(row['district'], 'district', lang))}): "
            f"{row['last_activity'] or '—'}"
        )
    if review.get("successions"):
        lines += ["", f"## {t('sec_successions', lang)}", ""]
        for row in review["successions"]:
            lines.append(
                f"- {_md(row['agency_code'])} {_md(row['agency'])} → {_md(row['into_code'])} "
                f"{_md(row['into'])} ({row['on']})"
            )
    return "\n".join(lines) + "\n"


def agency(page: dict[str, Any], lang: str) -> str:
    agency = page["agency"]
    lines = [
        "# "
        + t(
            "agency_title",
            lang,
            name=_md(agency["name"]),
            code=_md(agency["code"]),
            year=page["year"],
        ),
        "",
    ]
    for key in TOTALS:
        value = cell(page["totals"][key], total_how(key), lang)
        lines.append(f"- {t(f'tot_{key}', lang)}: {value}")
    for section, columns in AGENCY_SECTIONS.items():
        lines += ["", f"## {t(f'sec_{section}', lang)}", ""]
        if not page[section]:
            lines.append(f"*{t('none', lang)}*")
            continue
        lines += _table(columns, page[section], lang)
    return "\n".join(lines) + "\n"
