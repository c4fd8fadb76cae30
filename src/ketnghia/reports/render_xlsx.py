"""The reports as xlsx workbooks that print as documents: a sheet per section of
reports/layout.REPORTS, named and headed in the chosen language; numbers as numbers (counts and
money shown 1.234.567 by Excel's own separators), dates as date cells shown dd/mm/yyyy,
percentages as percentages; a totals row under every table that has numbers to add; A4, fitting
the width of a page, the heading row repeated on every page, the report's title in the page
header and "Trang 1 / 3" in the footer. The annual report's first sheet has a native bar chart
of the value by district. Text cells stay text (a name starting with "=" is never a formula).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO, Any

from ketnghia.i18n import t
from ketnghia.outputs import write_with
from ketnghia.reports.layout import (
    REPORTS,
    Section,
    cell,
    heading,
    made_text,
    scope_text,
    title_text,
)
from ketnghia.values import as_date

COUNT_FORMAT = "#,##0"
MONEY_FORMAT = "#,##0"
CHANGE_FORMAT = "+#,##0;-#,##0;0"
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "dd/mm/yyyy"
YEAR_FORMAT = "0"
FORMATS = {
    "int": COUNT_FORMAT,
    "money": MONEY_FORMAT,
    "change": CHANGE_FORMAT,
    "percent": PERCENT_FORMAT,
    "round_rate": PERCENT_FORMAT,
    "date": DATE_FORMAT,
    "year": YEAR_FORMAT,
}
FORBIDDEN = str.maketrans({c: " " for c in "\\/?*[]:"})
SHEET_NAME_MAX = 31
# Page margins (inches) as a Party document's: 20 mm top and bottom, 30 mm left, 15 mm right
MARGINS = {"left": 30 / 25.4, "right": 15 / 25.4, "top": 20 / 25.4, "bottom": 20 / 25.4}
WRAPPED = 45  # a text column wider than this many characters wraps


def sheet_title(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: none of \\ / ? * [ ] :, at most 31 characters, unique (case
    aside) in its workbook."""
    base = " ".join(name.translate(FORBIDDEN).split()).strip("'")[:SHEET_NAME_MAX] or "Sheet"
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def value_cell(value: Any, how: str, lang: str) -> Any:
    """What a cell holds: numbers and dates as themselves, everything else as it reads."""
    if how in ("int", "money", "change", "year"):
        return value
    if how == "percent" or (how == "round_rate" and value is not None):
        return None if value is None else value / 100
    if how == "date":
        return as_date(value) or (None if value is None else str(value))
    return cell(value, how, lang) or None


def workbook(report_kind: str, data: dict[str, Any], lang: str, output: Path | IO[bytes]) -> None:
    """The workbook of a report, written safely to a file (see ketnghia.outputs) or to a
    handle."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    title = title_text(report_kind, data, lang)
    taken: set[str] = set()
    sheets = {}
    for number, section in enumerate(REPORTS[report_kind]):
        sheet = book.create_sheet(sheet_title(section.sheet_name(lang), taken))
        sheets[section.key] = sheet
        intro = []
        if number == 0 and report_kind == "annual":
            intro = [
                f"{t('report_scope', lang)}: {scope_text(data, lang)}",
                made_text(None, lang),
            ]
        _section_sheet(sheet, section, data, lang, title, intro)
    if report_kind == "annual":
        _chart(book.worksheets[0], sheets["by_district"], data, lang)
    write_with(output, book.save)


def annual(report: dict[str, Any], lang: str, output: Path | IO[bytes]) -> None:
    workbook("annual", report, lang, output)


def _section_sheet(
    sheet: Any, section: Section, data: dict[str, Any], lang: str, title: str, intro: list[str]
) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([section.title_text(lang)])
    sheet["A2"].font = Font(bold=True, size=12)
    for line in intro:
        sheet.append([line])
        sheet.cell(row=sheet.max_row, column=1).font = Font(italic=True)
    sheet.append([])
    widths: dict[int, int] = {}

    def width(column: int, text: Any) -> None:
        size = len(str(text)) if text is not None else 0
        widths[column] = max(widths.get(column, 8), min(size + 2, WRAPPED + 2))

    columns = section.columns_for(data)
    rows = section.rows(data)
    figures = section.figure_values(data, lang)
    if figures and (rows or not columns):
        for _, label, value, how in figures:
            sheet.append([label, value_cell(value, how, lang)])
            target = sheet.cell(row=sheet.max_row, column=2)
            target.number_format = FORMATS.get(how, "General")
            for c in (sheet.cell(row=sheet.max_row, column=1), target):
                c.border = box
            width(1, label)
            width(2, cell(value, how, lang))
        sheet.append([])
    if not columns:
        _widths(sheet, widths)
        _print_setup(sheet, title, lang, None)
        return
    if not rows:
        sheet.append([t(section.empty, lang)])
        sheet.cell(row=sheet.max_row, column=1).font = Font(italic=True)
        _widths(sheet, widths)
        _print_setup(sheet, title, lang, None)
        return
    sheet.append([heading(k, lang) for k, _ in columns])
    head_row = sheet.max_row
    for i, (key, _) in enumerate(columns, start=1):
        target = sheet.cell(row=head_row, column=i)
        target.font = bold
        target.border = box
        target.fill = PatternFill("solid", fgColor="E7E6E6")
        target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        width(i, heading(key, lang))
    for row in rows:
        sheet.append([value_cell(row.get(k), how, lang) for k, how in columns])
        _style_row(sheet, columns, box, width)
    total = section.totals(data)
    if total:
        sheet.append(
            [t("total_row", lang)] + [total.get(k) for k, _ in columns[1:]],
        )
        _style_row(sheet, columns, box, width)
        for i in range(1, len(columns) + 1):
            sheet.cell(row=sheet.max_row, column=i).font = bold
    sheet.freeze_panes = sheet.cell(row=head_row + 1, column=1).coordinate
    _widths(sheet, widths)
    _print_setup(sheet, title, lang, head_row)


def _style_row(sheet: Any, columns: list[tuple[str, str]], box: Any, width: Any) -> None:
    from openpyxl.styles import Alignment

    at = sheet.max_row
    for i, (_, how) in enumerate(columns, start=1):
        target = sheet.cell(row=at, column=i)
        target.border = box
        if how in FORMATS:
            target.number_format = FORMATS[how]
        elif isinstance(target.value, str):
            target.data_type = "s"  # a name that starts with "=" is text, not a formula
        if isinstance(target.value, str) and len(target.value) > WRAPPED:
            target.alignment = Alignment(wrap_text=True, vertical="top")
        shown = target.value
        if isinstance(shown, (int, float)) and not isinstance(shown, bool):
            shown = f"{shown:,.1f}" if how == "percent" else f"{shown:,}"
        elif isinstance(shown, dt.date):
            shown = "00/00/0000"
        width(i, shown)


def _widths(sheet: Any, widths: dict[int, int]) -> None:
    from openpyxl.utils import get_column_letter

    for column, size in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = size


def _print_setup(sheet: Any, title: str, lang: str, head_row: int | None) -> None:
    """A4 portrait, the width of a page, the heading row on every page, the title above and the
    page number below."""
    from openpyxl.worksheet.page import PageMargins

    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(**MARGINS, header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = True
    if head_row is not None:
        sheet.print_title_rows = f"{head_row}:{head_row}"
    sheet.oddHeader.center.text = title
    sheet.oddHeader.center.size = 10
    sheet.oddFooter.center.text = t("sheet_page", lang)
    sheet.oddFooter.center.size = 10


def _chart(summary: Any, districts: Any, data: dict[str, Any], lang: str) -> None:
    """A native bar chart of the value by district on the first sheet: every district, in the
    table's order from the top, no legend (one series, named by the title)."""
    from openpyxl.chart import BarChart, Reference

    count = len(data["by_district"])
    if not count:
        return
    head = next(
        row
        for row in range(1, districts.max_row + 1)
        if districts.cell(row=row, column=1).value == heading("district", lang)
    )
    chart = BarChart()
    chart.type = "bar"
    chart.title = f"{t('sec_by_district', lang)}: {t('col_value_vnd', lang)}"
    chart.legend = None
    values = Reference(districts, min_col=5, min_row=head + 1, max_row=head + count)
    labels = Reference(districts, min_col=1, min_row=head + 1, max_row=head + count)
    chart.add_data(values, titles_from_data=False)
    chart.set_categories(labels)
    chart.x_axis.scaling.orientation = "maxMin"  # the first district at the top, as in the table
    chart.x_axis.tickLblSkip = 1  # every district named
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.numFmt = MONEY_FORMAT
    chart.y_axis.majorGridlines = None
    chart.height = max(7.5, count * 0.6)
    chart.width = 16
    summary.add_chart(chart, "D4")
