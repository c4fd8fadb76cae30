"""`ketnghia template`: an empty workbook that officers fill in and import back."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from ketnghia.outputs import write_with
from ketnghia.schema import CHOICES, DEPENDENCY_ORDER, KINDS

# The sheet that holds the drop-down lists; the importer passes over it quietly.
LISTS_SHEET = {"vi": "Danh mục", "en": "Lists"}
YES_NO = {"vi": ["x", "có", "không"], "en": ["yes", "no"]}
# One example row per sheet (a list for several), making a consistent little database.
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
        "rating": "Tốt",
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
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    workbook.remove(workbook.active)
    lists = workbook.create_sheet(LISTS_SHEET[lang])
    ranges: dict[str, str] = {}
    for column, (name, choices) in enumerate([*CHOICES.items(), ("bool", None)], start=1):
        letter = get_column_letter(column)
        if choices is None:
            items = YES_NO[lang]
        else:
            items = [vi if lang == "vi" else code for code, (vi, _en) in choices.items()]
        lists.cell(row=1, column=column, value=name)
        for i, item in enumerate(items, start=2):
            lists.cell(row=i, column=column, value=item)
        ranges[name] = f"'{lists.title}'!${letter}$2:${letter}${len(items) + 1}"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for kind_name in DEPENDENCY_ORDER:
        kind = KINDS[kind_name]
        sheet = workbook.create_sheet(kind.label_vi if lang == "vi" else kind.name)
        fields = kind.input_fields
        examples = EXAMPLES[kind_name]
        rows = examples if isinstance(examples, list) else [examples]
        for col, f in enumerate(fields, start=1):
            cell = sheet.cell(row=1, column=col, value=f.label(lang) if lang == "vi" else f.key)
            cell.font, cell.fill = bold, fill
            for number, example in enumerate(rows, start=2):
                value = example.get(f.key)
                if f.type == "choice" and value is not None and lang == "vi":
                    value = CHOICES[f.choices or ""][value][0]
                if f.type == "bool":
                    value = YES_NO[lang][0] if value else None
                if f.type == "date" and value is not None:
                    value = dt.date.fromisoformat(value)
                target = sheet.cell(row=number, column=col, value=value)
                if f.type == "date":
                    target.number_format = "dd/mm/yyyy"
                elif f.type == "money":
                    target.number_format = "#,##0"
            letter = get_column_letter(col)
            cells = f"{letter}2:{letter}5000"
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
            sheet.column_dimensions[letter].width = max(12, len(str(cell.value)) + 4)
        sheet.freeze_panes = "A2"
    workbook.move_sheet(lists, offset=len(workbook.sheetnames) - 1)
    write_with(output, workbook.save)
