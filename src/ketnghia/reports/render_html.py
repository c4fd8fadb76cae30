"""The reports as one self-contained HTML file that prints as the document to sign: A4
portrait with the margins of a Party document (Hướng dẫn 36-HD/VPTW: 20 mm top and bottom,
30 mm left, 15 mm right), the heading block (the superior and the issuing body, "*", the number
left blank; "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date), "BÁO CÁO" and what it is about,
every section of the report (reports/layout.py), and the recipients beside the signature at the
end. Inline SVG bar charts and the map of the province; no network, no scripts.

For print: tables repeat their heading row on every page and never split a row; a heading stays
with what follows it; a small section is kept on one page, and nothing forces a page break, so
that no page is left nearly empty. Pages are numbered at the top from the second (where the
browser supports page margin boxes).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from ketnghia.i18n import t
from ketnghia.reports import province_map
from ketnghia.reports.document import Frame, Letterhead, frame, letterhead
from ketnghia.reports.layout import (
    NUMERIC,
    REPORTS,
    Section,
    cell,
    heading,
    made_text,
    scope_text,
    summary_text,
)

# A section no taller than this many table rows is kept on one page (a chart's bar counts as
# half a row): moving it whole to the next page leaves little behind.
SMALL = 18
# Heights in millimetres, roughly, to decide what goes with the signature
ROW_MM, HEADING_MM, SIGNATURE_MM = 5.5, 12.0, 55.0
TAIL_MM = 150  # the signature and the small sections before it: at most this (about 3/5 page)

CSS = """
@page{size:A4 portrait;margin:20mm 15mm 20mm 30mm;
@top-center{content:counter(page);font:12pt "Times New Roman",Times,serif}}
@page:first{@top-center{content:none}}
html{font-family:"Times New Roman",Times,serif;font-size:13pt;line-height:1.3;color:#000}
body{margin:0}
@media screen{body{max-width:165mm;margin:2em auto;padding:0 1em}}
table.head{width:100%;border-collapse:collapse;margin-bottom:4mm}
table.head td{border:0;padding:0;vertical-align:top;text-align:center}
table.head td.issuer{width:45%}
.b{font-weight:bold}.i{font-style:italic}.u{text-decoration:underline}
.date{margin-top:3mm;font-style:italic}.number{white-space:pre}
h1{font-size:15pt;text-align:center;margin:6mm 0 0}
p.subject{text-align:center;font-weight:bold;margin:1mm 0 0}
p.rule{text-align:center;margin:0 0 4mm;letter-spacing:1px}
p{margin:0 0 2mm;text-align:justify}
p.intro{text-indent:10mm}
h2{font-size:13pt;margin:5mm 0 2mm;break-after:avoid;page-break-after:avoid}
table.data{border-collapse:collapse;width:100%;margin:0 0 3mm;font-size:11pt;line-height:1.2}
table.data th,table.data td{border:1px solid #000;padding:.6mm 1.2mm;text-align:left;
vertical-align:top}
table.data th{font-weight:bold;text-align:center}
table.data td.n{text-align:right;white-space:nowrap}
table.data td.c{white-space:nowrap}
table.data th.n,table.data th.c{width:1%}
table.data th.c{white-space:nowrap}
table.figures td:first-child{width:70%}
thead{display:table-header-group}
tfoot{display:table-row-group}
tr{break-inside:avoid;page-break-inside:avoid}
tr.total td{font-weight:bold}
section.keep,figure,svg{break-inside:avoid;page-break-inside:avoid}
section.warning h2{text-decoration:underline}
figure{margin:0 0 3mm}
svg.chart{width:100%;height:auto}
svg.province-map{display:block;width:100%;max-height:150mm;height:auto}
.chart .bar{fill:#4a4a4a}.chart text{font:11px "Times New Roman",Times,serif}
p.none{font-style:italic}
table.sign{width:100%;border-collapse:collapse;margin-top:6mm}
div.tail{break-inside:avoid;page-break-inside:avoid}
table.sign td{border:0;padding:0;vertical-align:top}
td.recipients{width:50%;font-size:11pt}
td.recipients p{margin:0;text-align:left}
td.recipients p.heading{font-size:12pt;font-weight:bold;font-style:italic}
td.signer{text-align:center}
td.signer p{text-align:center;margin:0;font-weight:bold}
td.signer p.space{height:25mm}
"""


def svg_bars(rows: list[dict[str, Any]], label_key: str, how: str, lang: str) -> str:
    """A horizontal bar chart of value_vnd, as inline SVG (no script, no external files)."""
    if not rows:
        return ""
    width, bar_area, row_height = 760, 400, 18
    largest = max(r["value_vnd"] for r in rows) or 1
    height = row_height * len(rows) + 6
    parts = [
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" class="chart">'
    ]
    for i, row in enumerate(rows):
        y = i * row_height + 3
        length = round(row["value_vnd"] / largest * bar_area)
        label = html.escape(cell(row.get(label_key), how, lang))
        value = html.escape(cell(row["value_vnd"], "money", lang))
        parts.append(
            f'<text x="210" y="{y + 13}" text-anchor="end" class="label">{label}</text>'
            f'<rect x="220" y="{y + 3}" width="{length}" height="{row_height - 6}" '
            f'class="bar"><title>{label}: {value}</title></rect>'
            f'<text x="{225 + length}" y="{y + 13}" class="value">{value}</text>'
        )
    parts.append("</svg></figure>")
    return "".join(parts)


def _table(section: Section, data: dict[str, Any], lang: str) -> str:
    esc = html.escape
    columns = section.columns_for(data)
    rows = section.rows(data)
    numeric = {k for k, how in columns if how in NUMERIC}
    centred = {k for k, how in columns if how in ("date", "year", "mark") or k.endswith("_code")}

    def td(key: str, text: str) -> str:
        css = ' class="n"' if key in numeric else ' class="c"' if key in centred else ""
        return f"<td{css}>{esc(text)}</td>"

    def th(key: str) -> str:
        css = ' class="n"' if key in numeric else ' class="c"' if key in centred else ""
        return f"<th{css}>{esc(heading(key, lang))}</th>"

    head = "".join(th(k) for k, _ in columns)
    out = [f'<table class="data"><thead><tr>{head}</tr></thead><tbody>']
    for row in rows:
        out.append("<tr>" + "".join(td(k, cell(row.get(k), how, lang)) for k, how in columns))
        out.append("</tr>")
    out.append("</tbody>")
    total = section.totals(data)
    if total:
        cells = [f"<td>{esc(t('total_row', lang))}</td>"] + [
            td(k, cell(total[k], how, lang)) if k in total else "<td></td>"
            for k, how in columns[1:]
        ]
        out.append(f'<tfoot><tr class="total">{"".join(cells)}</tr></tfoot>')
    out.append("</table>")
    return "".join(out)


def _figures(section: Section, data: dict[str, Any], lang: str) -> str:
    esc = html.escape
    out = ['<table class="data figures"><tbody>']
    for _, label, value, how in section.figure_values(data, lang):
        out.append(
            f'<tr><td>{esc(label)}</td><td class="n">{esc(cell(value, how, lang))}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def _small(section: Section, data: dict[str, Any]) -> bool:
    rows = section.rows(data)
    height = len(rows) * (1.5 if section.chart else 1) + len(section.figures)
    return section.key != "map" and height <= SMALL


def _height(section: Section, data: dict[str, Any]) -> float:
    """About how tall a small section prints, in millimetres."""
    rows = section.rows(data)
    lines = len(rows) * (1.9 if section.chart else 1) + len(section.figures)
    lines += 2.5 if rows and section.columns_for(data) else 1.5  # the heading row, totals
    return HEADING_MM + lines * ROW_MM


def _section(
    number: int, section: Section, report_kind: str, data: dict[str, Any], lang: str
) -> str:
    esc = html.escape
    rows = section.rows(data)
    classes = []
    if section.warning and rows:
        classes.append("warning")
    if _small(section, data):
        classes.append("keep")
    css = f' class="{" ".join(classes)}"' if classes else ""
    out = [
        f'<section id="{esc(section.key)}"{css}><h2>{number}. {esc(section.title_text(lang))}</h2>'
    ]
    if report_kind == "annual" and section.key == "map":
        out.append(province_map.svg(data, lang))  # its figures and notes are in the picture
        if rows:  # and its communes' figures in a table, as every format holds them
            out.append(_table(section, data, lang))
        out.append("</section>")
        return "".join(out)
    if section.figures and (rows or not section.columns_for(data)):
        out.append(_figures(section, data, lang))
    if section.chart and rows:
        columns = section.columns_for(data)
        out.append(svg_bars(rows, columns[0][0], columns[0][1], lang))
    if rows:
        out.append(_table(section, data, lang))
    elif section.columns_for(data):
        said = t(section.empty, lang)
        out.append(f'<p class="none">{esc(said[:1].upper() + said[1:])}.</p>')
    out.append("</section>")
    return "".join(out)


def _letterhead(f: Frame) -> str:
    esc = html.escape
    return (
        '<table class="head"><tr>'
        '<td class="issuer">'
        f"<div>{esc(f.issuer_parent)}</div>"
        f'<div class="b">{esc(f.issuer)}</div>'
        "<div>*</div>"
        f'<div class="number">{esc(f.number)}</div>'
        "</td>"
        '<td class="party">'
        f'<div class="b u">{esc(f.party)}</div>'
        f'<div class="date">{esc(f.place_date)}</div>'
        "</td></tr></table>"
        f"<h1>{esc(f.kind)}</h1>"
        f'<p class="subject">{esc(f.subject)}</p>'
        '<p class="rule">-----</p>'
    )


def _signature(f: Frame) -> str:
    esc = html.escape
    recipients = "".join(f"<p>{esc(line)}</p>" for line in f.recipients)
    titles = "".join(f"<p>{esc(line)}</p>" for line in f.signer_title)
    return (
        '<table class="sign"><tr>'
        f'<td class="recipients"><p class="heading">{esc(f.recipients_heading)}</p>'
        f"{recipients}</td>"
        f'<td class="signer">{titles}<p class="space"></p><p>{esc(f.signer)}</p></td>'
        "</tr></table>"
    )


def _intro(report_kind: str, data: dict[str, Any], lang: str, made: dt.date | None) -> str:
    esc = html.escape
    if report_kind != "annual":
        return ""
    return (
        f'<p class="intro"><em>{esc(t("report_scope", lang))}: {esc(scope_text(data, lang))}. '
        f"{esc(made_text(made, lang))}.</em></p>"
        f'<p class="intro">{esc(summary_text(data, lang))}</p>'
    )


def document(
    report_kind: str,
    data: dict[str, Any],
    lang: str,
    head: Letterhead | None = None,
    made: dt.date | None = None,
) -> str:
    """The report of `report_kind` (annual, review, agency) as a printable HTML document;
    `head`: the document's settings (reports/document.py; its defaults when not given)."""
    esc = html.escape
    f = frame(report_kind, data, lang, head or letterhead(lang, made_on=made))
    title = f"{f.kind} {f.subject}"
    body = [_letterhead(f), _intro(report_kind, data, lang, made)]
    sections = REPORTS[report_kind]
    shown = [_section(n, s, report_kind, data, lang) for n, s in enumerate(sections, start=1)]
    # the signature never stands alone on a page: it is kept with the small sections before it
    # (no more than about half a page of them, so that the page before is not left empty)
    tail, height = len(sections), SIGNATURE_MM
    while tail > 1 and _small(sections[tail - 1], data):
        height += _height(sections[tail - 1], data)
        if height > TAIL_MM:
            break
        tail -= 1
    body += shown[:tail]
    body.append(f'<div class="tail">{"".join(shown[tail:])}{_signature(f)}</div>')
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body></html>\n"
    )


def annual(report: dict[str, Any], lang: str, made: dt.date | None = None) -> str:
    return document("annual", report, lang, made=made)


def review(data: dict[str, Any], lang: str, made: dt.date | None = None) -> str:
    return document("review", data, lang, made=made)


def agency(data: dict[str, Any], lang: str, made: dt.date | None = None) -> str:
    return document("agency", data, lang, made=made)
