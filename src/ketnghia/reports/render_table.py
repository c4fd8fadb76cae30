"""The reports as rich tables for the terminal (with small bar charts).

Styles are given as rich styles, never as markup in strings: the console that prints these
(ketnghia.cli.output.console) reads no markup, so a name holding "[bold]" prints as it is."""

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
    WARNINGS,
    cell,
    heading,
    made_text,
    outcome_rows,
    scope_text,
    total_how,
    total_row,
)


def _bar(value: int, largest: int, width: int = 20) -> str:
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(value / largest * width * 8)
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


def _totals(totals: dict[str, Any], lang: str, warn: bool = False) -> Any:
    from rich.table import Table

    table = Table(show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for key in TOTALS:
        style = "bold red" if warn and key == "aspirations_open" and totals[key] else None
        table.add_row(t(f"tot_{key}", lang), cell(totals[key], total_how(key), lang), style=style)
    return table


def annual(report: dict[str, Any], lang: str, made: dt.date | None = None) -> list[Any]:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    out: list[Any] = [
        Panel(
            Text.assemble(
                (t("report_title", lang, year=report["year"]), "bold"),
                "\n",
                printable(
                    f"{t('report_scope', lang)}: {scope_text(report, lang)} · "
                    f"{made_text(made, lang)}"
                ),
            ),
            expand=False,
        )
    ]
    out.append(Text(t("sec_totals", lang), style="bold"))
    out.append(_totals(report["totals"], lang, warn=True))
    for section, columns in SECTIONS.items():
        rows = report[section]
        warning = section in WARNINGS
        # the title on a line of its own: a table narrower than its title would wrap it
        out.append(
            Text(t(f"sec_{section}", lang), style="bold red" if warning and rows else "bold")
        )
        table = Table(
            border_style="red" if warning and rows else None,
            show_footer=bool(total_row(section, rows)),
        )
        total = total_row(section, rows) or {}
        for i, (key, how) in enumerate(columns):
            footer = (
                t("total_row", lang)
                if i == 0
                else cell(total[key], how, lang)
                if key in total
                else ""
            )
            table.add_column(
                heading(key, lang),
                justify="right" if how in NUMERIC else "left",
                footer=footer if total else "",
                no_wrap=how in NUMERIC,
            )
        has_bar = any(how == "money" for _, how in columns)
        if has_bar:
            table.add_column("")
        largest = max((r.get("value_vnd", 0) for r in rows), default=0)
        for row in rows:
            values: list[Any] = [cell(row.get(key), how, lang) for key, how in columns]
            if has_bar:
                values.append(Text(_bar(row["value_vnd"], largest), style="cyan"))
            table.add_row(*values)
        out.append(table if rows else Text(t("none", lang), style="italic"))
    out.append(Text(t("sec_outcomes", lang), style="bold"))
    outcomes = report.get("outcomes") or {}
    if outcomes.get("by_village"):
        summary = Table(show_header=False)
        summary.add_column(style="bold")
        summary.add_column(justify="right")
        for key in OUTCOME_TOTALS:
            summary.add_row(t(f"out_{key}", lang), cell(outcomes[key], "int", lang))
        out.append(summary)
        table = Table()
        for key, how in OUTCOME_COLUMNS:
            table.add_column(heading(key, lang), justify="right" if how == "int" else "left")
        for row in outcome_rows(report):
            table.add_row(*(cell(row.get(key), how, lang) for key, how in OUTCOME_COLUMNS))
        out.append(table)
    else:
        out.append(Text(t("no_outcomes", lang), style="italic"))
    return out


def review(review: dict[str, Any], lang: str) -> list[Any]:
    from rich.table import Table
    from rich.text import Text

    out: list[Any] = [
        Text(t("review_title", lang, first=review["from"], last=review["to"]), style="bold")
    ]
    years = Table()
    years.add_column(t("col_metric", lang))
    for row in review["years"]:
        years.add_column(str(row["year"]), justify="right")
        if row["change"] is not None:
            years.add_column("±", justify="right", style="dim")
    for key in TOTALS:
        how = total_how(key)
        cells = [t(f"tot_{key}", lang)]
        for row in review["years"]:
            cells.append(cell(row[key], how, lang))
            if row["change"] is not None:
                delta = row["change"][key]
                cells.append(("+" if delta > 0 else "") + cell(delta, how, lang))
        years.add_row(*cells)
    out.append(years)
    out.append(Text(t("sec_by_agency", lang), style="bold"))
    agencies = Table()
    for heading_ in (t("col_agency_code", lang), t("col_agency", lang)):
        agencies.add_column(heading_)
    for year in range(review["from"], review["to"] + 1):
        agencies.add_column(f"{year}", justify="right")
    agencies.add_column(t("col_value_vnd", lang), justify="right")
    agencies.add_column(t("col_idle_years", lang), justify="right")
    for a in review["agencies"]:
        per_year = [
            cell(a["years"].get(str(y), {}).get("value_vnd", 0), "money", lang)
            for y in range(review["from"], review["to"] + 1)
        ]
        agencies.add_row(
            a["agency_code"],
            a["agency"],
            *per_year,
            cell(a["value_vnd"], "money", lang),
            str(a["idle_years"]),
            style="red" if a["idle_years"] else None,
        )
    out.append(agencies)
    pairings = Table(title=t("sec_pairings_by_year", lang), title_justify="left")
    for heading_ in ("year", "started", "ended"):
        pairings.add_column(t(f"col_{heading_}", lang), justify="right")
    for row in review["pairings"]:
        pairings.add_row(str(row["year"]), str(row["started"]), str(row["ended"]))
    out.append(pairings)
    out.append(Text(t("sec_dormant_villages", lang), style="bold red"))
    dormant = Table(border_style="red")
    for key in ("village_code", "village", "district", "last_activity"):
        dormant.add_column(t(f"col_{key}", lang))
    for row in review["dormant_villages"]:
        dormant.add_row(
            row["village_code"],
            row["village"],
            cell(row["district"], "district", lang),
            row["last_activity"] or "—",
        )
    out.append(dormant if review["dormant_villages"] else Text(t("none", lang), style="italic"))
    if review.get("successions"):
        merged = Table(title=t("sec_successions", lang), title_justify="left")
        for key in ("agency_code", "agency", "into", "on"):
            merged.add_column(t(f"col_{key}", lang))
        for row in review["successions"]:
            merged.add_row(
                row["agency_code"], row["agency"], f"{row['into_code']} {row['into']}", row["on"]
            )
        out.append(merged)
    return out


def agency(page: dict[str, Any], lang: str) -> list[Any]:
    from rich.table import Table
    from rich.text import Text

    agency = page["agency"]
    out: list[Any] = [
        Text(
            printable(
                t("agency_title", lang, name=agency["name"], code=agency["code"], year=page["year"])
            ),
            style="bold",
        )
    ]
    out.append(_totals(page["totals"], lang))
    for section, columns in AGENCY_SECTIONS.items():
        out.append(
            Text(
                t(f"sec_{section}", lang),
                style="bold red" if section == "aspirations_open" and page[section] else "bold",
            )
        )
        table = Table()
        for key, how in columns:
            table.add_column(heading(key, lang), justify="right" if how in NUMERIC else "left")
        for row in page[section]:
            table.add_row(*(cell(row.get(k), how, lang) for k, how in columns))
        out.append(table if page[section] else Text(t("none", lang), style="italic"))
    return out
