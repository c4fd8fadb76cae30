"""`ketnghia template`: an empty workbook that officers fill in and import back.

The data sheets hold headers only, with the date and money formats and the drop-down lists
set on their whole columns; the examples and the guidance live on a sheet of their own
("Hướng dẫn"), which the importer passes over, so an untouched template imports nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from ketnghia.outputs import write_with
from ketnghia.schema import CHOICES, DEPENDENCY_ORDER, KINDS

# The sheet that holds the drop-down lists and the one with the guidance and the examples;
# the importer passes over both quietly.
LISTS_SHEET = {"vi": "Danh mục", "en": "Lists"}
GUIDE_SHEET = {"vi": "Hướng dẫn", "en": "Guide"}
IGNORED_SHEETS = {*LISTS_SHEET.values(), *GUIDE_SHEET.values()}
# The rows of a data sheet that carry its drop-down lists: every row below the header.
LAST_ROW = 1_048_576  # the last row of a worksheet
GUIDE_LINES = ("guide_rows", "guide_formats", "guide_lists", "guide_examples", "guide_import")
YES_NO = {"vi": ["x", "có", "không"], "en": ["yes", "no"]}
# One example row per sheet (a list for several), making a consistent little database; shown
# on the guide sheet only.
EXAMPLES: dict[str, dict[str, Any] | list[dict[str, Any]]] = {
    "agencies": [
        {
            "code": "SO-NNMT",
            "name": "Sở Nông nghiệp và Môi trường",
            "kind": "department",
            "level": "province",
            "head": "Nguyễn Văn A",
            "phone": "0269 3824 000",
        },
        {"code": "P-ANNHON", "name": "UBND phường An Nhơn", "kind": "locality"},
        {"code": "BIDV", "name": "BIDV Chi nhánh Gia Lai", "kind": "enterprise"},
    ],
    "villages": {
        "code": "GL-0001",
        "name": "Làng Quen",
        "commune": "Ia Me",
        "district": "Chư Prông",
        "province": "Gia Lai",
        "ethnic_groups": "Gia Rai",
        "households": 180,
        "poor_households": 41,
        "population": 812,
        "special_difficulty": True,
    },
    "village_stats": {
        "village_code": "GL-0001",
        "year": 2024,
        "households": 180,
        "poor_households": 41,
        "near_poor_households": 22,
        "income_per_head": 21_000_000,
    },
    "pairings": {
        "agency_code": "SO-NNMT",
        "village_code": "GL-0001",
        "started_on": "2024-03-05",
        "decision_ref": "102/QĐ-BDVTU",
        "lead": "Trần Thị B",
    },
    "households": {
        "village_code": "GL-0001",
        "helper": "Nguyễn Văn An",
        "helped": "Rơ Châm",
        "started_on": "2024-03-08",
    },
    "activities": {
        "ref": "HD-2024-001",
        "agency_code": "SO-NNMT",
        "village_code": "GL-0001",
        "date": "2024-03-15",
        "kind": "construction",
        "title": "Khoan giếng nước sạch",
        "value_vnd": 45_000_000,
        "source": "community",
        "quantity": 1,
        "unit": "giếng",
        "households_benefited": 24,
    },
    "visits": {
        "agency_code": "SO-NNMT",
        "village_code": "GL-0001",
        "date": "2024-06-01",
        "cadres": "Nguyễn Văn A, Trần Thị B",
        "people_met": 40,
        "situation": "Đời sống ổn định, thiếu nước mùa khô",
        "aspirations": "Đề nghị hỗ trợ giống cà phê",
        "follow_up": "Kết nối doanh nghiệp cung ứng giống",
    },
    "inspections": {
        "date": "2024-10-15",
        "agency_code": "SO-NNMT",
        "village_code": "GL-0001",
        "inspector": "Ban Dân vận Tỉnh ủy",
        "findings": "Triển khai đúng kế hoạch",
        "rating": "good",
    },
    "localities": {
        "agency_code": "P-ANNHON",
        "commune": "Ia Krêl",
        "started_on": "2025-09-01",
        "decision_ref": "KH 43/KH-UBND",
        "cosigners": "BIDV",
    },
    "contributions": {
        "agency_code": "P-ANNHON",
        "commune": "Ia Krêl",
        "contributor_code": "BIDV",
        "date": "2025-10-01",
        "kind": "construction",
        "title": "Xây nhà Đại đoàn kết",
        "value_vnd": 100_000_000,
    },
}


def write_template(output: Path | IO[bytes], lang: str) -> None:
    """The workbook, written safely to a file (see ketnghia.outputs) or to a handle."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from ketnghia.i18n import t

    workbook = Workbook()
    guide = workbook.worksheets[0]  # a new workbook's one sheet, the active one
    guide.title = GUIDE_SHEET[lang]
    lists = workbook.create_sheet(LISTS_SHEET[lang])
    ranges: dict[str, str] = {}
    for column, (name, choices) in enumerate([*CHOICES.items(), ("bool", None)], start=1):
        letter = get_column_letter(column)
        if choices is None:
            items = YES_NO[lang]
        else:
            items = [vi if lang == "vi" else code for code, (vi, _en) in choices.items()]
        lists.cell(row=1, column=column, value=_list_heading(name, lang))
        for i, item in enumerate(items, start=2):
            lists.cell(row=i, column=column, value=item)
        ranges[name] = f"'{lists.title}'!${letter}$2:${letter}${len(items) + 1}"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    guide.append([t("guide_title", lang)])
    guide["A1"].font = Font(bold=True, size=14)
    for key in GUIDE_LINES:
        guide.append([t(key, lang, lists=LISTS_SHEET[lang], guide=GUIDE_SHEET[lang])])
    guide.column_dimensions["A"].width = 24
    for kind_name in DEPENDENCY_ORDER:
        kind = KINDS[kind_name]
        title = kind.label_vi if lang == "vi" else kind.name
        sheet = workbook.create_sheet(title)
        fields = kind.input_fields
        headers = [f.label(lang) if lang == "vi" else f.key for f in fields]
        for col, (f, header) in enumerate(zip(fields, headers, strict=True), start=1):
            cell = sheet.cell(row=1, column=col, value=header)
            cell.font, cell.fill = bold, fill
            letter = get_column_letter(col)
            column = sheet.column_dimensions[letter]
            column.width = max(12, len(header) + 4)
            if f.type in FORMATS:
                column.number_format = FORMATS[f.type]  # every cell typed below the header
            cells = f"{letter}2:{letter}{LAST_ROW}"
            if f.type == "date":
                validation = DataValidation(type="date", allow_blank=True)
                validation.error = "dd/mm/yyyy"
                validation.add(cells)
                sheet.add_data_validation(validation)
            elif f.type in ("choice", "bool"):
                validation = DataValidation(
                    type="list", formula1=ranges[f.choices or "bool"], allow_blank=True
                )
                validation.add(cells)
                sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
        _guide_examples(guide, kind_name, title, headers, lang, (bold, fill))
    workbook.move_sheet(lists, offset=len(workbook.sheetnames) - 1)
    write_with(output, workbook.save)


# Number formats of the columns of a data sheet, by field type.
FORMATS = {"date": "dd/mm/yyyy", "money": "#,##0"}


def _list_heading(family: str, lang: str) -> str:
    """A list's heading in the lists sheet: the label of the fields that choose from it."""
    from ketnghia.i18n import t

    if family == "bool":
        return f"{t('yes', lang)}/{t('no', lang)}"
    for kind in KINDS.values():
        for f in kind.fields:
            if f.choices == family:
                return f.label(lang)
    return family  # pragma: no cover - every list is some field's


def _guide_examples(
    guide: Any, kind_name: str, title: str, headers: list[str], lang: str, style: tuple
) -> None:
    """The examples of one data sheet on the guide sheet: its name, its headers, its rows."""
    import datetime as dt

    from ketnghia.i18n import t

    bold, fill = style
    fields = KINDS[kind_name].input_fields
    guide.append([])
    guide.append([t("guide_example", lang, sheet=title)])
    guide.cell(row=guide.max_row, column=1).font = bold
    guide.append(headers)
    for cell in guide[guide.max_row]:
        cell.font, cell.fill = bold, fill
    examples = EXAMPLES[kind_name]
    for example in examples if isinstance(examples, list) else [examples]:
        values = []
        for f in fields:
            value = example.get(f.key)
            if f.type == "choice" and value is not None and lang == "vi":
                value = CHOICES[f.choices or ""][value][0]
            if f.type == "bool":
                value = YES_NO[lang][0] if value else None
            if f.type == "date" and value is not None:
                value = dt.date.fromisoformat(value)
            values.append(value)
        guide.append(values)
        for f, cell in zip(fields, guide[guide.max_row], strict=False):
            if f.type in FORMATS:
                cell.number_format = FORMATS[f.type]
