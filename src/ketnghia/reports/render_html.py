"""The annual report as one self-contained, printable HTML file: tables, inline SVG bar charts
and the map of the province (no network, no scripts)."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from ketnghia.i18n import t
from ketnghia.reports import province_map
from ketnghia.reports.annual import TOTALS
from ketnghia.reports.layout import (
    CHARTS,
    NUMERIC,
    SECTIONS,
    WARNINGS,
    cell,
    heading,
    made_text,
    scope_text,
    summary_text,
    total_how,
    total_row,
)

CSS = """
body{font-family:"Times New Roman",Times,serif;margin:2em auto;max-width:60em;color:#111}
h1{font-size:1.5em;text-align:center}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #999;padding:.25em .5em;text-align:left}
td.n,th.n{text-align:right;white-space:nowrap}tfoot td{font-weight:bold}
section.warning h2{color:#a00}section.warning table{border:2px solid #a00}
.chart .bar{fill:#2f6fab}.chart .label,.chart .value{font:12px sans-serif}
svg.province-map{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}section{page-break-inside:avoid}}
"""


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
        value = html.escape(cell(row["value_vnd"], "money", lang))
        parts.append(
            f'<text x="190" y="{y + 16}" text-anchor="end" class="label">{label}</text>'
            f'<rect x="200" y="{y + 3}" width="{length}" height="{row_height - 8}" '
            f'class="bar"><title>{label}: {value}</title></rect>'
            f'<text x="{205 + length}" y="{y + 16}" class="value">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def annual(report: dict[str, Any], lang: str, made: dt.date | None = None) -> str:
    esc = html.escape
    title = t("report_title", lang, year=report["year"])
    body = [
        f"<h1>{esc(title)}</h1>",
        f"<p><em>{esc(t('report_scope', lang))}: {esc(scope_text(report, lang))}. "
        f"{esc(made_text(made, lang))}.</em></p>",
        f"<p>{esc(summary_text(report, lang))}</p>",
        f"<section><h2>{esc(t('sec_totals', lang))}</h2><table><tbody>",
    ]
    for key in TOTALS:
        body.append(
            f"<tr><th>{esc(t(f'tot_{key}', lang))}</th>"
            f'<td class="n">{esc(cell(report["totals"][key], total_how(key), lang))}</td></tr>'
        )
    body.append("</tbody></table></section>")
    body.append(
        f'<section class="map"><h2>{esc(t("sec_map", lang))}</h2>'
        f"{province_map.svg(report, lang)}</section>"
    )
    for section, columns in SECTIONS.items():
        rows = report[section]
        css = ' class="warning"' if section in WARNINGS and rows else ""
        body.append(f"<section{css}><h2>{esc(t(f'sec_{section}', lang))}</h2>")
        if section in CHARTS:
            body.append(svg_bars(rows, columns[0][0], columns[0][1], lang))
        if not rows:
            body.append(f"<p><em>{esc(t('none', lang))}</em></p></section>")
            continue
        numeric = {k for k, how in columns if how in NUMERIC}
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
