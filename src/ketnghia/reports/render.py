"""The annual report for people: rich tables, Markdown, self-contained HTML, xlsx, long CSV.

Every renderer reads the same dict that `--format json` prints, so all formats agree.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from pathlib import Path
from typing import IO, Any

from ketnghia.i18n import t
from ketnghia.outputs import write_with
from ketnghia.reports.annual import TOTALS
from ketnghia.schema import ACTIVITY_KINDS, SOURCES
from ketnghia.values import format_money, format_number

# section → its columns (key, how to show it)
SECTIONS: dict[str, list[tuple[str, str]]] = {
    "by_district": [
        ("district", "district"),
        ("villages", "int"),
        ("pairings", "int"),
        ("activities", "int"),
        ("value_vnd", "money"),
    ],
    "by_commune": [
        ("commune", "commune"),
        ("district", "district"),
        ("villages", "int"),
        ("pairings", "int"),
        ("activities", "int"),
        ("value_vnd", "money"),
    ],
    "by_agency": [
        ("agency_code", "text"),
        ("agency", "text"),
        ("villages", "int"),
        ("activities", "int"),
        ("value_vnd", "money"),
    ],
    "by_kind": [("kind", "kind"), ("activities", "int"), ("value_vnd", "money")],
    "by_source": [("source", "source"), ("value_vnd", "money")],
    "idle_pairings": [("agency_code", "text"), ("village_code", "text"), ("started_on", "text")],
    "unpaired_villages": [("village_code", "text"), ("village", "text"), ("district", "district")],
    "localities": [
        ("agency_code", "text"),
        ("agency", "text"),
        ("commune", "commune"),
        ("started_on", "text"),
        ("cosigners", "list"),
        ("contributions", "int"),
        ("value_vnd", "money"),
    ],
    "locality_contributors": [
        ("agency_code", "text"),
        ("commune", "commune"),
        ("contributor_code", "text"),
        ("contributor", "text"),
        ("contributions", "int"),
        ("value_vnd", "money"),
    ],
}
WARNINGS = ("idle_pairings", "unpaired_villages")
CHARTS = ("by_district", "by_kind", "by_source")


def cell(value: Any, how: str, lang: str) -> str:
    if how == "money":
        return format_money(value, lang)
    if how == "int":
        return format_number(value, lang)
    if how == "kind":
        vi, en = ACTIVITY_KINDS.get(value, (value, value))
        return vi if lang == "vi" else en
    if how == "source":
        if value is None:
            return t("no_source", lang)
        vi, en = SOURCES.get(value, (value, value))
        return vi if lang == "vi" else en
    if how == "district" and value is None:
        return t("no_district", lang)
    if how == "commune" and value is None:
        return t("no_commune", lang)
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return "" if value is None else str(value)


def heading(key: str, lang: str) -> str:
    return t(f"col_{key}", lang)


def total_row(section: str, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A totals row for sections that add up (villages and pairings do not across agencies)."""
    if not rows or section in WARNINGS:
        return None
    total: dict[str, Any] = {}
    for key, how in SECTIONS[section]:
        if how in ("int", "money") and key not in ("villages",):
            total[key] = sum(r[key] for r in rows)
    return total


def scope_text(report: dict[str, Any], lang: str) -> str:
    scope = report["scope"]
    parts = []
    if scope.get("district"):
        parts.append(t("report_district", lang, name=scope["district"]))
    if scope.get("commune"):
        parts.append(t("report_commune", lang, name=scope["commune"]))
    if scope.get("agency"):
        parts.append(t("report_agency", lang, name=scope["agency"]))
    return ", ".join(parts) or t("report_scope_all", lang)


def summary_text(report: dict[str, Any], lang: str) -> str:
    totals = report["totals"]
    return t(
        "report_summary",
        lang,
        year=report["year"],
        agencies=format_number(totals["agencies"], lang),
        pairings=format_number(totals["pairings"], lang),
        villages=format_number(totals["villages"], lang),
        new_pairings=format_number(totals["new_pairings"], lang),
        activities=format_number(totals["activities"], lang),
        value=format_money(totals["value_vnd"], lang),
        households=format_number(totals["households_benefited"], lang),
        visits=format_number(totals["visits"], lang),
        aspirations=format_number(totals["aspirations_open"], lang),
        idle=len(report["idle_pairings"]),
        unpaired=len(report["unpaired_villages"]),
    )


def _bar(value: int, largest: int, width: int = 20) -> str:
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(value / largest * width * 8)
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


# -- rich ------------------------------------------------------------------------------------


def rich_report(report: dict[str, Any], lang: str, made: dt.date | None = None) -> list[Any]:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    made = made or dt.date.today()
    out: list[Any] = [
        Panel(
            f"[bold]{t('report_title', lang, year=report['year'])}[/bold]\n"
            f"{t('report_scope', lang)}: {scope_text(report, lang)} · "
            f"{t('report_made', lang, date=made.isoformat())}",
            expand=False,
        )
    ]
    out.append(Text(t("sec_totals", lang), style="bold"))
    totals = Table(show_header=False)
    totals.add_column(style="bold")
    totals.add_column(justify="right")
    for key in TOTALS:
        how = "money" if key == "value_vnd" else "int"
        style = "bold red" if key == "aspirations_open" and report["totals"][key] else None
        totals.add_row(t(f"tot_{key}", lang), cell(report["totals"][key], how, lang), style=style)
    out.append(totals)
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
                justify="right" if how in ("int", "money") else "left",
                footer=footer if total else "",
                no_wrap=how in ("int", "money"),
            )
        has_bar = any(how == "money" for _, how in columns)
        if has_bar:
            table.add_column("")
        largest = max((r.get("value_vnd", 0) for r in rows), default=0)
        for row in rows:
            values = [cell(row.get(key), how, lang) for key, how in columns]
            if has_bar:
                values.append(f"[cyan]{_bar(row['value_vnd'], largest)}[/cyan]")
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
            table.add_row(*(outcome_cell(row, key, how, lang) for key, how in OUTCOME_COLUMNS))
        out.append(table)
    else:
        out.append(Text(t("no_outcomes", lang), style="italic"))
    return out


OUTCOME_TOTALS = (
    "villages_with_figures",
    "poor_start",
    "poor_end",
    "out_of_poverty",
    "villages_meeting_aim",
)
OUTCOME_COLUMNS = [
    ("village_code", "text"),
    ("village", "text"),
    ("poor_start", "int"),
    ("poor_end", "int"),
    ("out_of_poverty", "int"),
    ("met_aim", "bool"),
    ("poverty_rate", "rate"),
]


def outcome_cell(row: dict[str, Any], key: str, how: str, lang: str) -> str:
    if how == "bool":
        return t("yes", lang) if row.get(key) else ""
    if how == "rate":
        rate = row.get(key)
        return "" if rate is None else f"{rate:g}%"
    return cell(row.get(key), how, lang)


def outcome_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    outcomes = report.get("outcomes") or {}
    rates = {
        r["village_code"]: r["poverty_rate"]
        for r in outcomes.get("special_difficulty_by_figures", [])
    }
    return [
        r | {"poverty_rate": rates.get(r["village_code"])} for r in outcomes.get("by_village", [])
    ]


# -- Markdown ----------------------------------------------------------------------------------


def markdown(report: dict[str, Any], lang: str, made: dt.date | None = None) -> str:
    made = made or dt.date.today()
    lines = [
        f"# {t('report_title', lang, year=report['year'])}",
        "",
        f"*{t('report_scope', lang)}: {scope_text(report, lang)}. "
        f"{t('report_made', lang, date=made.isoformat())}.*",
        "",
        summary_text(report, lang),
        "",
        f"## {t('sec_totals', lang)}",
        "",
        f"| {t('col_metric', lang)} | {t('col_value', lang)} |",
        "|---|---:|",
    ]
    for key in TOTALS:
        how = "money" if key == "value_vnd" else "int"
        lines.append(f"| {t(f'tot_{key}', lang)} | {cell(report['totals'][key], how, lang)} |")
    for section, columns in SECTIONS.items():
        rows = report[section]
        lines += ["", f"## {t(f'sec_{section}', lang)}", ""]
        if not rows:
            lines.append(f"*{t('none', lang)}*")
            continue
        lines.append("| " + " | ".join(heading(k, lang) for k, _ in columns) + " |")
        lines.append(
            "|" + "|".join("---:" if how in ("int", "money") else "---" for _, how in columns) + "|"
        )
        for row in rows:
            values = [_md(cell(row.get(k), how, lang)) for k, how in columns]
            lines.append("| " + " | ".join(values) + " |")
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
            values = [outcome_cell(row, k, how, lang) for k, how in OUTCOME_COLUMNS]
            lines.append("| " + " | ".join(_md(v) for v in values) + " |")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


# -- HTML with inline SVG ----------------------------------------------------------------------


def svg_bars(rows: list[dict[str, Any]], label_key: str, how: str, lang: str) -> str:
    """A horizontal bar chart of value_vnd, as inline SVG (no script, no external files)."""
    if not rows:
        return ""
    width, bar_area, row_height = 760, 420, 24
    largest = max(r["value_vnd"] for r in rows) or 1
    height = row_height * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" class="chart">'
    ]
    for i, row in enumerate(rows):
        y = i * row_height + 5
        length = round(row["value_vnd"] / largest * bar_area)
        label = html.escape(cell(row.get(label_key), how, lang))
        value = html.escape(format_money(row["value_vnd"], lang))
        parts.append(
            f'<text x="190" y="{y + 16}" text-anchor="end" class="label">{label}</text>'
            f'<rect x="200" y="{y + 3}" width="{length}" height="{row_height - 8}" '
            f'class="bar"><title>{label}: {value}</title></rect>'
            f'<text x="{205 + length}" y="{y + 16}" class="value">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


CSS = """
body{font-family:"Times New Roman",Times,serif;margin:2em auto;max-width:60em;color:#111}
h1{font-size:1.5em;text-align:center}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #999;padding:.25em .5em;text-align:left}
td.n,th.n{text-align:right;white-space:nowrap}tfoot td{font-weight:bold}
section.warning h2{color:#a00}section.warning table{border:2px solid #a00}
.chart .bar{fill:#2f6fab}.chart .label,.chart .value{font:12px sans-serif}
@media print{body{margin:0;max-width:none}section{page-break-inside:avoid}}
"""


def html_report(report: dict[str, Any], lang: str, made: dt.date | None = None) -> str:
    made = made or dt.date.today()
    esc = html.escape
    title = t("report_title", lang, year=report["year"])
    body = [
        f"<h1>{esc(title)}</h1>",
        f"<p><em>{esc(t('report_scope', lang))}: {esc(scope_text(report, lang))}. "
        f"{esc(t('report_made', lang, date=made.isoformat()))}.</em></p>",
        f"<p>{esc(summary_text(report, lang))}</p>",
        f"<section><h2>{esc(t('sec_totals', lang))}</h2><table><tbody>",
    ]
    for key in TOTALS:
        how = "money" if key == "value_vnd" else "int"
        body.append(
            f"<tr><th>{esc(t(f'tot_{key}', lang))}</th>"
            f'<td class="n">{esc(cell(report["totals"][key], how, lang))}</td></tr>'
        )
    body.append("</tbody></table></section>")
    for section, columns in SECTIONS.items():
        rows = report[section]
        css = ' class="warning"' if section in WARNINGS and rows else ""
        body.append(f"<section{css}><h2>{esc(t(f'sec_{section}', lang))}</h2>")
        if section in CHARTS:
            body.append(svg_bars(rows, columns[0][0], columns[0][1], lang))
        if not rows:
            body.append(f"<p><em>{esc(t('none', lang))}</em></p></section>")
            continue
        numeric = {k for k, how in columns if how in ("int", "money")}
        head = "".join(
            f"<th{' class=n' if k in numeric else ''}>{esc(heading(k, lang))}</th>"
            for k, _ in columns
        )
        body.append(f"<table><thead><tr>{head}</tr></thead><tbody>")
        for row in rows:
            cells = "".join(
                f"<td{' class=n' if k in numeric else ''}>{esc(cell(row.get(k), how, lang))}</td>"
                for k, how in columns
            )
            body.append(f"<tr>{cells}</tr>")
        body.append("</tbody>")
        total = total_row(section, rows)
        if total:
            cells = f"<td>{esc(t('total_row', lang))}</td>" + "".join(
                f'<td class="n">{esc(cell(total[k], how, lang))}</td>'
                if k in total
                else "<td></td>"
                for k, how in columns[1:]
            )
            body.append(f"<tfoot><tr>{cells}</tr></tfoot>")
        body.append("</table></section>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )


# -- xlsx ---------------------------------------------------------------------------------------


def xlsx_report(report: dict[str, Any], lang: str, output: Path | IO[bytes]) -> None:
    """The workbook, written safely to a file (see ketnghia.outputs) or to a handle."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    workbook = Workbook()
    summary = workbook.active
    summary.title = t("sec_totals", lang)[:31]
    summary.append([t("report_title", lang, year=report["year"])])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([t("report_scope", lang), scope_text(report, lang)])
    summary.append([])
    for key in TOTALS:
        summary.append([t(f"tot_{key}", lang), report["totals"][key]])
        if key == "value_vnd":
            summary.cell(row=summary.max_row, column=2).number_format = "#,##0"
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 20
    sheets = {}
    for section, columns in SECTIONS.items():
        sheet = workbook.create_sheet(section)
        sheets[section] = sheet
        sheet.append([heading(k, lang) for k, _ in columns])
        for cell_ in sheet[1]:
            cell_.font = Font(bold=True)
        for row in report[section]:
            sheet.append(
                [
                    cell(row.get(k), how, lang) if how not in ("int", "money") else row.get(k)
                    for k, how in columns
                ]
            )
            for i, (_, how) in enumerate(columns, start=1):
                target = sheet.cell(row=sheet.max_row, column=i)
                if how == "money":
                    target.number_format = "#,##0"
                elif how not in ("int", "money") and isinstance(target.value, str):
                    target.data_type = "s"  # a name that starts with "=" is text, not a formula
        sheet.freeze_panes = "A2"
        for i in range(1, len(columns) + 1):
            sheet.column_dimensions[chr(64 + i)].width = 18
    # a native Excel chart of the value by district, on the summary sheet
    districts = sheets["by_district"]
    count = len(report["by_district"])
    if count:
        chart = BarChart()
        chart.type = "bar"
        chart.title = t("sec_by_district", lang)
        chart.y_axis.title = t("col_value_vnd", lang)
        data = Reference(districts, min_col=5, min_row=1, max_row=count + 1)
        labels = Reference(districts, min_col=1, min_row=2, max_row=count + 1)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(labels)
        chart.height = max(7.5, count * 0.6)
        summary.add_chart(chart, "D2")
    write_with(output, workbook.save)


# -- CSV (long form) -----------------------------------------------------------------------------


def csv_report(report: dict[str, Any]) -> str:
    """One row per figure: section, key, name, metric, value — for pivot tables and scripts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "key", "name", "metric", "value"])
    for key in TOTALS:
        writer.writerow(["totals", "", "", key, report["totals"][key]])
    names = {
        "by_district": ("district", ""),
        "by_commune": ("commune", "district"),
        "by_agency": ("agency_code", "agency"),
        "by_kind": ("kind", ""),
        "by_source": ("source", ""),
        "idle_pairings": ("agency_code", "village_code"),
        "unpaired_villages": ("village_code", "village"),
        "localities": ("agency_code", "commune"),
        "locality_contributors": ("contributor_code", "commune"),
    }
    for section, columns in SECTIONS.items():
        key_col, name_col = names[section]
        for row in report[section]:
            for column, _ in columns:
                if column in (key_col, name_col):
                    continue
                writer.writerow(
                    [
                        section,
                        row.get(key_col) or "",
                        row.get(name_col, "") or "",
                        column,
                        "; ".join(row[column])
                        if isinstance(row.get(column), list)
                        else row.get(column),
                    ]
                )
            if all(c in (key_col, name_col) for c, _ in columns):
                writer.writerow([section, row.get(key_col), row.get(name_col), "", ""])
    return out.getvalue()


# -- the multi-year review and an agency's page ---------------------------------------------------


def review_tables(review: dict[str, Any], lang: str) -> list[Any]:
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
        how = "money" if key == "value_vnd" else "int"
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


def review_markdown(review: dict[str, Any], lang: str) -> str:
    years = [r["year"] for r in review["years"]]
    lines = [f"# {t('review_title', lang, first=review['from'], last=review['to'])}", ""]
    lines.append(f"| {t('col_metric', lang)} | " + " | ".join(map(str, years)) + " |")
    lines.append("|---|" + "---:|" * len(years))
    for key in TOTALS:
        how = "money" if key == "value_vnd" else "int"
        lines.append(
            f"| {t(f'tot_{key}', lang)} | "
            + " | ".join(cell(r[key], how, lang) for r in review["years"])
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
            f"| {a['agency_code']} | {_md(a['agency'])} | "
            + " | ".join(per_year)
            + f" | {cell(a['value_vnd'], 'money', lang)} | {a['idle_years']} |"
        )
    lines += ["", f"## {t('sec_dormant_villages', lang)}", ""]
    if not review["dormant_villages"]:
        lines.append(f"*{t('none', lang)}*")
    for row in review["dormant_villages"]:
        lines.append(
            f"- {row['village_code']} {row['village']} "
            f"({cell(row['district'], 'district', lang)}): "
            f"{row['last_activity'] or '—'}"
        )
    if review.get("successions"):
        lines += ["", f"## {t('sec_successions', lang)}", ""]
        for row in review["successions"]:
            lines.append(
                f"- {row['agency_code']} {_md(row['agency'])} → {row['into_code']} "
                f"{_md(row['into'])} ({row['on']})"
            )
    return "\n".join(lines) + "\n"


def agency_tables(page: dict[str, Any], lang: str) -> list[Any]:
    from rich.table import Table
    from rich.text import Text

    agency = page["agency"]
    out: list[Any] = [
        Text(
            t("agency_title", lang, name=agency["name"], code=agency["code"], year=page["year"]),
            style="bold",
        )
    ]
    totals = Table(show_header=False)
    totals.add_column(style="bold")
    totals.add_column(justify="right")
    for key in TOTALS:
        how = "money" if key == "value_vnd" else "int"
        totals.add_row(t(f"tot_{key}", lang), cell(page["totals"][key], how, lang))
    out.append(totals)
    for section, columns in AGENCY_SECTIONS.items():
        out.append(
            Text(
                t(f"sec_{section}", lang),
                style="bold red" if section == "aspirations_open" and page[section] else "bold",
            )
        )
        table = Table()
        for key, how in columns:
            table.add_column(
                t(f"col_{key}", lang), justify="right" if how in ("int", "money") else "left"
            )
        for row in page[section]:
            table.add_row(*(cell(_text(row.get(k)), how, lang) for k, how in columns))
        out.append(table if page[section] else Text(t("none", lang), style="italic"))
    return out


AGENCY_SECTIONS: dict[str, list[tuple[str, str]]] = {
    "pairings": [
        ("village_code", "text"),
        ("village", "text"),
        ("started_on", "text"),
        ("ended_on", "text"),
    ],
    "activities": [
        ("date", "text"),
        ("village", "text"),
        ("kind", "kind"),
        ("title", "text"),
        ("value_vnd", "money"),
        ("households_benefited", "int"),
    ],
    "visits": [
        ("date", "text"),
        ("village", "text"),
        ("people_met", "int"),
        ("aspirations", "text"),
        ("resolved_on", "text"),
    ],
    "aspirations_open": [("date", "text"), ("village", "text"), ("aspirations", "text")],
}


def _text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def agency_markdown(page: dict[str, Any], lang: str) -> str:
    agency = page["agency"]
    lines = [
        f"# {t('agency_title', lang, name=agency['name'], code=agency['code'], year=page['year'])}",
        "",
    ]
    for key in TOTALS:
        how = "money" if key == "value_vnd" else "int"
        lines.append(f"- {t(f'tot_{key}', lang)}: {cell(page['totals'][key], how, lang)}")
    for section, columns in AGENCY_SECTIONS.items():
        lines += ["", f"## {t(f'sec_{section}', lang)}", ""]
        if not page[section]:
            lines.append(f"*{t('none', lang)}*")
            continue
        lines.append("| " + " | ".join(t(f"col_{k}", lang) for k, _ in columns) + " |")
        lines.append(
            "|" + "|".join("---:" if h in ("int", "money") else "---" for _, h in columns) + "|"
        )
        for row in page[section]:
            lines.append(
                "| " + " | ".join(_md(cell(_text(row.get(k)), h, lang)) for k, h in columns) + " |"
            )
    return "\n".join(lines) + "\n"
