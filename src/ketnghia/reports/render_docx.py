"""The reports as a Word document ready to sign, laid out as Hướng dẫn 36-HD/VPTW (3-4-2018)
lays out a Party document: A4 portrait, margins 20 mm top and bottom, 30 mm left, 15 mm right;
Times New Roman, body 14 pt; "ĐẢNG CỘNG SẢN VIỆT NAM" top right with a rule under it, the
superior and the issuing body top left over "*" and the number left blank for the office, the
place and date in italics; "BÁO CÁO" and what it is about; the body in numbered parts (sentences
that carry the figures, then tables whose heading row repeats on every page, numbers on the
right as 15.000.000); at the end the recipients ("Nơi nhận:") beside the signature block. Pages
are numbered in the footer from page 2.

What each section shows comes from reports/layout.py, like every other format; the parts of the
document and the sections each holds are layout.DOCUMENT_PARTS. The letterhead and the
signature block are laid out from plain strings (`Frame`, reports/document.py, whose words the
HTML document shows too), so that tools/make_docx_template.py lays out the default template,
whose strings are Jinja tags, with the same code.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from typing import Any

from docx import Document as new_document
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ketnghia.i18n import t
from ketnghia.reports.annual import TOTALS
from ketnghia.reports.document import Frame, Letterhead, frame
from ketnghia.reports.layout import (
    DOCUMENT_PARTS,
    NUMERIC,
    OUTCOME_COLUMNS,
    OUTCOME_TOTALS,
    cell,
    heading,
    outcome_rows,
    scope_text,
    section,
    section_title,
    summary_text,
    total_how,
    totals_words,
)
from ketnghia.values import format_money, format_number, format_percent, short_date

FONT = "Times New Roman"
PAGE = (Mm(210), Mm(297))  # A4 portrait
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_WIDTH = Mm(210 - 30 - 15)
BODY = Pt(14)
TITLE = Pt(15)  # "ĐẢNG CỘNG SẢN VIỆT NAM"
KIND = Pt(16)  # "BÁO CÁO"
TABLE = Pt(12)
TABLE_STYLE, TABLE_STYLE_ID = "Report Table", "ReportTable"  # the style of the tables' cells
RECIPIENTS_HEADING = Pt(12)
RECIPIENTS = Pt(11)
INDENT = Mm(10)  # a body paragraph's first line
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
NAMED_IN_A_SENTENCE = 20  # past this, a sentence names the first ones and counts the others

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_J = WD_ALIGN_PARAGRAPH


def summary(report_kind: str, data: dict[str, Any], lang: str) -> str:
    """The sentence that opens the document with its figures (the annual one is the summary
    of every format: layout.summary_text)."""
    if report_kind == "annual":
        return summary_text(data, lang)
    if report_kind == "agency":
        totals = data["totals"]
        return t(
            "doc_agency_summary",
            lang,
            year=data["year"],
            name=data["agency"]["name"],
            **totals_words(totals, lang),
        )
    years = data["years"]
    return t(
        "doc_review_summary",
        lang,
        first=data["from"],
        last=data["to"],
        activities=format_number(sum(y["activities"] for y in years), lang),
        value=format_money(sum(y["value_vnd"] for y in years), lang),
        households=format_number(sum(y["households_benefited"] for y in years), lang),
        visits=format_number(sum(y["visits"] for y in years), lang),
        started=format_number(sum(p["started"] for p in data["pairings"]), lang),
        ended=format_number(sum(p["ended"] for p in data["pairings"]), lang),
        pairings=format_number(years[-1]["pairings"], lang),
    )


def _named(items: list[str], lang: str) -> str:
    """Names in a sentence: all of them, or the first ones and how many more."""
    if len(items) <= NAMED_IN_A_SENTENCE:
        return "; ".join(items)
    more = len(items) - NAMED_IN_A_SENTENCE
    return "; ".join(items[:NAMED_IN_A_SENTENCE]) + t("doc_and_more", lang, count=more)


def _place(row: dict[str, Any], lang: str) -> str:
    district = row.get("district")
    return f"{row['village']} ({district})" if district else str(row["village"])


def formalism(report_kind: str, data: dict[str, Any], lang: str) -> list[str]:
    """The sentences of the part on formalism, naming the agencies and villages (the rows
    carry names: document.with_names)."""
    if report_kind in ("annual", "agency"):
        year = data["year"]
        idle = data["idle_pairings"]
        items = [
            t(
                "doc_pair",
                lang,
                agency=r["agency"],
                village=r["village"],
                since=_date(r["started_on"], lang),
            )
            for r in idle
        ]
        said = [
            t("doc_idle", lang, count=len(idle), year=year, names=_named(items, lang))
            if idle
            else t("doc_idle_none", lang, year=year)
        ]
        if report_kind == "agency":
            return said
        unpaired = data["unpaired_villages"]
        return [
            *said,
            t(
                "doc_unpaired",
                lang,
                count=len(unpaired),
                names=_named([_place(r, lang) for r in unpaired], lang),
            )
            if unpaired
            else t("doc_unpaired_none", lang),
        ]
    if report_kind == "review":
        idle = [a for a in data["agencies"] if a["idle_years"]]
        dormant = data["dormant_villages"]
        items = [t("doc_idle_years", lang, agency=a["agency"], years=a["idle_years"]) for a in idle]
        return [
            t("doc_idle_agencies", lang, count=len(idle), names=_named(items, lang))
            if idle
            else t("doc_idle_agencies_none", lang),
            t(
                "doc_dormant",
                lang,
                count=len(dormant),
                names=_named([_place(r, lang) for r in dormant], lang),
            )
            if dormant
            else t("doc_dormant_none", lang),
        ]
    return []


def _outcomes_sentence(data: dict[str, Any], lang: str) -> list[str]:
    outcomes = data.get("outcomes") or {}
    if not outcomes.get("by_village"):
        return []
    return [
        t(
            "doc_outcomes",
            lang,
            year=data["year"],
            villages=format_number(outcomes["villages_with_figures"], lang),
            poor_start=format_number(outcomes["poor_start"], lang),
            poor_end=format_number(outcomes["poor_end"], lang),
            out=format_number(outcomes["out_of_poverty"], lang),
            meeting=format_number(outcomes["villages_meeting_aim"], lang),
        )
    ]


def _open_sentence(data: dict[str, Any], lang: str) -> list[str]:
    return [t("doc_open", lang, count=len(data["aspirations_open"]), year=data["year"])]


def _date(value: dt.date | str | None, lang: str) -> str:
    """A date in a document: dd/mm/yyyy in Vietnamese, ISO in English."""
    if not value:
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return short_date(day) if lang == "vi" else day.isoformat()


def shown(value: Any, how: str, lang: str) -> str:
    """A value in a document's table: as every format shows it (layout.cell), but a date as
    dd/mm/yyyy and a rate with a decimal comma in Vietnamese."""
    if how == "rate" and value is not None:
        return format_percent(value, lang)
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return _date(value, lang)
    return cell(value, how, lang)


# -- the page and its paragraphs ------------------------------------------------------------


def blank() -> Document:
    """An A4 portrait document with the margins, the font and the page numbers of a Party
    document: the first page has no number, the others have theirs centred in the footer."""
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = section.footer_distance = Mm(10)
    normal: Any = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    normal.paragraph_format.space_after = Pt(0)
    cells: Any = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = normal
    cells.font.size = TABLE
    assert cells.style_id == TABLE_STYLE_ID
    section.different_first_page_header_footer = True
    first = section.first_page_footer
    first.is_linked_to_previous = False  # its own, empty: no number on the first page
    footer = section.footer.paragraphs[0]
    footer.alignment = _J.CENTER
    _page_number(footer)
    return doc


def _page_number(paragraph: Paragraph) -> None:
    """A PAGE field (Word and LibreOffice put the page's number in its place)."""

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    char("separate")
    paragraph.add_run("2")  # shown until the field is updated
    char("end")


def para(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: Length | None = None,
    align: Any = _J.JUSTIFY,
    indent: bool = False,
    before: int = 0,
    after: int = 6,
    keep: bool = False,
    reuse: bool = False,
) -> Paragraph:
    """A paragraph of `container` (the document, a cell, a footer); `reuse`: fill the
    container's first, empty paragraph (a new cell has one)."""
    paragraph = container.paragraphs[0] if reuse else container.add_paragraph()
    fmt = paragraph.paragraph_format
    paragraph.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.first_line_indent = INDENT if indent else None
    fmt.keep_with_next = keep or None
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size is not None:
            run.font.size = size
    return paragraph


def _rule(container: Any, width: int, cell_width: Length) -> None:
    """A thin centred line `width` long, as its own paragraph (under the Party's title)."""
    paragraph = para(container, "", align=_J.CENTER, after=0)
    paragraph.paragraph_format.line_spacing = Pt(2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    ppr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
        "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
        "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    )  # fmt: skip
    inset = Length(max(Mm(2), (int(cell_width) - Mm(4) - width) // 2))
    paragraph.paragraph_format.left_indent = inset
    paragraph.paragraph_format.right_indent = inset


def _title_width(text: str, size: Length) -> int:
    """About how wide a line of bold capitals in Times New Roman is (the rule under it is as
    long, Hướng dẫn 36 says)."""
    ems = sum(0.25 if ch == " " else 0.74 for ch in text)
    return int(ems * size)


def _layout_table(container: Any, widths: Sequence[Length]) -> Table:
    """A table of one row with columns of these widths and no borders."""
    table: Table = container.add_table(rows=1, cols=len(widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for c, width in zip(table.rows[0].cells, widths, strict=True):
        c.width = width
    return table


def letterhead(doc: Document, f: Frame) -> None:
    """The top of the first page: the bodies and the number on the left, the Party's title
    and the place and date on the right; then "BÁO CÁO" and its subject."""
    left_width, right_width = Mm(86), Mm(79)
    table = _layout_table(doc, (left_width, right_width))
    left, right = table.rows[0].cells
    para(left, f.issuer_parent, size=BODY, align=_J.CENTER, after=0, reuse=True)
    para(left, f.issuer, bold=True, size=BODY, align=_J.CENTER, after=0)
    para(left, "*", size=BODY, align=_J.CENTER, after=0)
    para(left, f.number, size=BODY, align=_J.CENTER, after=0)
    para(right, f.party, bold=True, size=TITLE, align=_J.CENTER, after=0, reuse=True)
    _rule(right, _title_width(f.party, TITLE), right_width)
    para(right, "", size=BODY, after=0)
    para(right, f.place_date, italic=True, size=BODY, align=_J.CENTER, after=0)
    para(doc, "", after=0)
    para(doc, f.kind, bold=True, size=KIND, align=_J.CENTER, before=12, after=0, keep=True)
    para(doc, f.subject, bold=True, size=BODY, align=_J.CENTER, after=0, keep=True)
    para(doc, "-----", size=BODY, align=_J.CENTER, after=12)


def signature(doc: Document, f: Frame) -> None:
    """The end: "Nơi nhận:" and the recipients on the left, the signer's position, room for
    the signature and seal, and the name on the right."""
    para(doc, "", after=0)
    table = _layout_table(doc, (Mm(80), Mm(85)))
    left, right = table.rows[0].cells
    para(
        left, f.recipients_heading, bold=True, italic=True, size=RECIPIENTS_HEADING,
        align=_J.LEFT, after=0, reuse=True,
    )  # fmt: skip
    for line in f.recipients:
        para(left, line, size=RECIPIENTS, align=_J.LEFT, after=0)
    first = True
    for line in f.signer_title:
        para(right, line, bold=True, size=BODY, align=_J.CENTER, after=0, reuse=first)
        first = False
    for _ in range(4):  # the signature and the seal
        para(right, "", size=BODY, after=0, reuse=first)
        first = False
    para(right, f.signer, bold=True, size=BODY, align=_J.CENTER, after=0)


def part_heading(doc: Document, number: int, title: str) -> None:
    para(doc, f"{ROMAN[number - 1]}. {title.upper()}", bold=True, indent=True, before=6, keep=True)


def section_heading(doc: Document, number: int, title: str) -> None:
    para(doc, f"{number}. {title}", bold=True, indent=True, keep=True)


def sentence(doc: Document, text: str) -> None:
    para(doc, text, indent=True)


def _set_row(row: Any, header: bool) -> None:
    """A row never split over two pages; the heading row repeats on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)


def _cells(grid: Table, row: Any) -> list[_Cell]:
    """A new row's cells (python-docx's row.cells reads the whole table: slow for long ones);
    each is as wide as its column already."""
    return [_Cell(tc, grid) for tc in row._tr.tc_lst]


def _fill(c: _Cell, text: str, right: bool, bold: bool = False) -> None:
    paragraph = c.paragraphs[0]
    paragraph._p.get_or_add_pPr().style = TABLE_STYLE_ID  # (by name: a search per cell)
    if right:
        paragraph.alignment = _J.RIGHT
    run = paragraph.add_run(text)
    if bold:
        run.bold = True


_DATES = ("date", "started_on", "ended_on", "resolved_on", "on", "last_activity")


def _fixed_width(key: str, how: str) -> int:
    """A column's width when it has one (numbers, codes, dates); 0: a text column."""
    if how == "money":
        return Mm(34)
    if how in ("int", "rate"):
        return Mm(19)
    if how == "mark":
        return Mm(16)
    if key in _DATES:
        return Mm(24)
    if key.endswith("_code"):
        return Mm(26)
    return 0


def _widths(keys: Sequence[str], hows: Sequence[str]) -> list[Length]:
    """Column widths: the ordinal narrow, numbers, codes and dates as wide as they need, the
    text columns share the rest (never less than 24 mm: the others shrink)."""
    fixed = [_fixed_width(k, how) for k, how in zip(keys, hows, strict=True)]
    texts = sum(1 for w in fixed if not w)
    room = int(TEXT_WIDTH) - Mm(10)
    share = max(Mm(24), (room - sum(fixed)) // texts) if texts else 0
    spare = room - share * texts
    if sum(fixed) > spare:
        fixed = [int(w * spare / sum(fixed)) for w in fixed]
    elif not texts:  # numbers only: the first column takes what is left
        fixed[0] += spare - sum(fixed)
    return [Mm(10)] + [Length(w or share) for w in fixed]


def table(
    doc: Document,
    headings: Sequence[str],
    hows: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: Sequence[str] | None = None,
    lang: str = "vi",
    keys: Sequence[str] | None = None,
    ordinal: Callable[[int], str] = str,
) -> Table:
    """A bordered table with the rows' ordinal first (`ordinal(i)` says it); its heading row
    repeats on each page, and numbers stand on the right."""
    right = [how in NUMERIC or how == "rate" for how in hows]
    widths = _widths(keys or [""] * len(hows), hows)
    grid: Table = doc.add_table(rows=0, cols=len(headings) + 1)
    grid.style = "Table Grid"
    grid.autofit = False
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    row = grid.add_row()
    _set_row(row, header=True)
    for c, text in zip(_cells(grid, row), [t("col_ordinal", lang), *headings], strict=True):
        _fill(c, text, right=False, bold=True)
        c.paragraphs[0].alignment = _J.CENTER
        c.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    for i, values in enumerate(rows, 1):
        row = grid.add_row()
        _set_row(row, header=False)
        cells = _cells(grid, row)
        _fill(cells[0], ordinal(i), right=False)
        cells[0].paragraphs[0].alignment = _J.CENTER
        for c, text, r in zip(cells[1:], values, right, strict=True):
            _fill(c, text, r)
    if total is not None:
        row = grid.add_row()
        _set_row(row, header=False)
        cells = _cells(grid, row)
        _fill(cells[0], "", right=False)
        for c, text, r in zip(cells[1:], total, right, strict=True):
            _fill(c, text, r, bold=True)
    para(doc, "", after=6)
    return grid


def _none(doc: Document, lang: str) -> None:
    para(doc, t("none", lang), italic=True, indent=True)


# -- the sections ---------------------------------------------------------------------------


def _rows_section(
    doc: Document,
    columns: list[tuple[str, str]],
    rows: list[dict[str, Any]],
    lang: str,
    total: dict[str, Any] | None = None,
) -> None:
    if not rows:
        _none(doc, lang)
        return
    values = [[shown(r.get(k), how, lang) for k, how in columns] for r in rows]
    footer = None
    if total:
        footer = [t("total_row", lang)] + [
            shown(total[k], how, lang) if k in total else "" for k, how in columns[1:]
        ]
    table(
        doc,
        [heading(k, lang) for k, _ in columns],
        [how for _, how in columns],
        values,
        footer,
        lang,
        keys=[k for k, _ in columns],
    )


def _totals(doc: Document, totals: dict[str, Any], lang: str) -> None:
    table(
        doc,
        [t("col_metric", lang), t("col_value", lang)],
        ["text", "money"],
        [[t(f"tot_{k}", lang), shown(totals[k], total_how(k), lang)] for k in TOTALS],
        lang=lang,
    )


def _outcomes(doc: Document, data: dict[str, Any], lang: str) -> None:
    outcomes = data.get("outcomes") or {}
    if not outcomes.get("by_village"):
        para(doc, t("no_outcomes", lang), italic=True, indent=True)
        return
    table(
        doc,
        [t("col_metric", lang), t("col_value", lang)],
        ["text", "int"],
        [[t(f"out_{k}", lang), shown(outcomes[k], "int", lang)] for k in OUTCOME_TOTALS],
        lang=lang,
    )
    _rows_section(doc, OUTCOME_COLUMNS, outcome_rows(data), lang)


def _review_years(doc: Document, data: dict[str, Any], lang: str) -> None:
    years = data["years"]
    headings, hows = [t("col_metric", lang)], ["text"]
    for row in years:  # as wide as the money they hold
        headings.append(str(row["year"]))
        hows.append("money")
        if row["change"] is not None:
            headings.append("±")
            hows.append("money")
    rows = []
    for key in TOTALS:
        how = total_how(key)
        values = [t(f"tot_{key}", lang)]
        for row in years:
            values.append(shown(row[key], how, lang))
            if row["change"] is not None:
                delta = row["change"][key]
                values.append(("+" if delta > 0 else "") + shown(delta, how, lang))
        rows.append(values)
    table(doc, headings, hows, rows, lang=lang)


def _review_agencies(doc: Document, data: dict[str, Any], lang: str) -> None:
    if not data["agencies"]:
        _none(doc, lang)
        return
    years = [str(y) for y in range(data["from"], data["to"] + 1)]
    # the name only: a column per year leaves no room for the code too
    headings = [t("col_agency", lang), *years, t("col_value_vnd", lang), t("col_idle_years", lang)]
    hows = ["text", *["money"] * len(years), "money", "int"]
    rows = [
        [
            a["agency"],
            *(shown(a["years"].get(y, {}).get("value_vnd", 0), "money", lang) for y in years),
            shown(a["value_vnd"], "money", lang),
            shown(a["idle_years"], "int", lang),
        ]
        for a in data["agencies"]
    ]
    table(doc, headings, hows, rows, lang=lang)


def _section(doc: Document, report_kind: str, key: str, data: dict[str, Any], lang: str) -> None:
    """One section of the report's JSON, under its heading."""
    if key == "totals":
        _totals(doc, data["totals"], lang)
    elif key == "map":
        _map(doc, data, lang)
        found = section(report_kind, key)  # the communes' figures under the picture
        if found.rows(data):
            _rows_section(doc, found.columns_for(data), found.rows(data), lang, found.totals(data))
    elif key == "outcomes":
        _outcomes(doc, data, lang)
    elif report_kind == "review" and key == "years":
        _review_years(doc, data, lang)
    elif report_kind == "review" and key == "agencies":
        _review_agencies(doc, data, lang)
    else:  # rows under headings, as every format shows them (layout.REPORTS)
        found = section(report_kind, key)
        if found.figures and not found.columns_for(data):  # a block of figures alone
            _figures(doc, found.figure_values(data, lang), lang)
            return
        _rows_section(doc, found.columns_for(data), found.rows(data), lang, found.totals(data))


def _figures(doc: Document, figures: list[tuple[str, str, Any, str]], lang: str) -> None:
    table(
        doc,
        [t("col_metric", lang), t("col_value", lang)],
        ["text", "money"],
        [[label, shown(value, how, lang)] for _, label, value, how in figures],
        lang=lang,
    )


# the sentences that open a part, by report and part
_SENTENCES: dict[tuple[str, str], Callable[[dict[str, Any], str], list[str]]] = {
    ("annual", "part_summary"): lambda d, lang: [summary("annual", d, lang)],
    ("annual", "part_formalism"): lambda d, lang: formalism("annual", d, lang),
    ("annual", "part_outcomes"): _outcomes_sentence,
    ("review", "part_summary"): lambda d, lang: [summary("review", d, lang)],
    ("review", "part_formalism"): lambda d, lang: formalism("review", d, lang),
    ("agency", "part_summary"): lambda d, lang: [summary("agency", d, lang)],
    ("agency", "part_formalism"): lambda d, lang: formalism("agency", d, lang),
    ("agency", "part_open"): _open_sentence,
}


def _map(doc: Document, data: dict[str, Any], lang: str) -> None:
    """The province's map (reports/province_map.py: its title, legend and notes are in the
    picture), as wide as the text column, or as tall as two thirds of the page."""
    from ketnghia.reports import province_map

    doc.add_picture(io.BytesIO(province_map.png(data, lang)), width=TEXT_WIDTH)
    shape = doc.inline_shapes[-1]
    tallest = Mm(170)
    if shape.height > tallest:
        shape.width = Length(int(shape.width * tallest / shape.height))
        shape.height = Length(tallest)
    doc.paragraphs[-1].alignment = _J.CENTER
    para(doc, "", after=6)


def body(doc: Document, report_kind: str, data: dict[str, Any], lang: str) -> None:
    """The numbered parts, each with its sentences and its sections."""
    scope = scope_text(data, lang) if report_kind == "annual" else None
    if report_kind == "agency":
        scope = data["agency"]["name"]
    sentence(doc, t("doc_intro", lang, scope=scope or t("report_scope_all", lang)))
    for number, (part, keys) in enumerate(DOCUMENT_PARTS[report_kind], 1):
        part_heading(doc, number, t(part, lang))
        for text in _SENTENCES.get((report_kind, part), lambda d, lang: [])(data, lang):
            sentence(doc, text)
        for index, key in enumerate(keys, 1):
            section_heading(doc, index, section_title(report_kind, key, lang))
            _section(doc, report_kind, key, data, lang)


def document(report_kind: str, data: dict[str, Any], lang: str, head: Letterhead) -> Document:
    """The report as a Word document ready to sign. `data` is the report's JSON with the names
    of document.with_names."""
    f = frame(report_kind, data, lang, head)
    doc = blank()
    doc.core_properties.title = f"{f.kind} {f.subject}"
    doc.core_properties.author = head.issuer
    doc.core_properties.language = "vi-VN" if lang == "vi" else "en"
    letterhead(doc, f)
    body(doc, report_kind, data, lang)
    signature(doc, f)
    return doc
