"""The annual report as an xlsx workbook: the totals with a native bar chart, a sheet per
section; text cells stay text (a name starting with "=" is never a formula)."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from ketnghia.i18n import t
from ketnghia.outputs import write_with
from ketnghia.reports.annual import TOTALS
from ketnghia.reports.layout import NUMERIC, SECTIONS, cell, heading, scope_text

MONEY_FORMAT = "#,##0"


def annual(report: dict[str, Any], lang: str, output: Path | IO[bytes]) -> None:
    """The workbook, written safely to a file (see ketnghia.outputs) or to a handle."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    workbook = Workbook()
    summary = workbook.worksheets[0]  # a new workbook's one sheet, the active one
    summary.title = t("sec_totals", lang)[:31]
    summary.append([t("report_title", lang, year=report["year"])])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([t("report_scope", lang), scope_text(report, lang)])
    summary.append([])
    for key in TOTALS:
        summary.append([t(f"tot_{key}", lang), report["totals"][key]])
        if key == "value_vnd":
            summary.cell(row=summary.max_row, column=2).number_format = MONEY_FORMAT
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
                    cell(row.get(k), how, lang) if how not in NUMERIC else row.get(k)
                    for k, how in columns
                ]
            )
            for i, (_, how) in enumerate(columns, start=1):
                target = sheet.cell(row=sheet.max_row, column=i)
                if how == "money":
                    target.number_format = MONEY_FORMAT
                elif how not in NUMERIC and isinstance(target.value, str):
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
