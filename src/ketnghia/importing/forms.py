"""The collection round's forms (`collect forms`): one workbook per agency for its return of a
year, prefilled with what is stored and limited to that agency.

A form holds a guide sheet; the agency's pairings active in the year (to read, protected);
a sheet per kind the agency reports — activities, visits, and the household pairings of its
villages — with its rows of the year (each with its `id` and the database's id, as an export
writes them, so that a returned row is matched to its record) and empty rows below, their
drop-downs limited to the agency's own code and villages and to the labels of kinds and
sources; a sheet of those lists; and the veryHidden, protected sheet `_ketnghia` with the
form's identity (agency, year, database id, form key, version, when made) and the rows it sent:
each as (kind, id, fingerprint of its values as sent, `fingerprint`). A returned form is
recognised by that sheet (importing/returns.py); a row whose fingerprint is still the one sent
is a row the agency left as it was, and changes nothing.

Workbooks are written in openpyxl's write-only mode, one at a time."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session

from ketnghia.errors import KetnghiaError
from ketnghia.i18n import t
from ketnghia.models import Agency, id_of
from ketnghia.schema import CHOICES, DATABASE_ID, KINDS, Field, Kind
from ketnghia.templates import FORMATS, GUIDE_SHEET, LISTS_SHEET

IDENTITY_SHEET = "_ketnghia"
# The sheet of the agency's pairings: to read only, passed over when the form comes back.
PAIRINGS_SHEET = {"vi": "Cặp kết nghĩa", "en": "Our pairings"}
# The kinds a form asks for, in the order of its sheets.
FORM_KINDS = ("activities", "visits", "households")
# Empty rows below the stored ones, formatted and with their drop-downs.
EMPTY_ROWS = 60
# The identity sheet: a header, then (field, value) rows, then (kind, id, fingerprint) for each
# row sent (version 1 forms: (kind, id)).
IDENTITY_FIELDS = ("agency_code", "year", "database_id", "form_key", "form_version", "made_at")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_NAME_LENGTH = 40
_HEADER_FILL = "DDEBF7"
_READ_ONLY_FILL = "EDEDED"


@dataclass
class FormData:
    """What one agency's form holds."""

    agency: Agency
    pairings: list[dict[str, Any]]
    villages: list[dict[str, Any]]  # its villages (code, name, commune, district)
    rows: dict[str, list[dict[str, Any]]]  # kind → its stored rows of the year


def form_file_name(year: int, agency: Agency) -> str:
    """`2025 - TINH-DOAN - Tinh doan Gia Lai.xlsx`: the year, the code and the name without
    diacritics, cut at a word, with nothing a Windows file name may not hold."""
    decomposed = unicodedata.normalize("NFD", agency.name.replace("đ", "d").replace("Đ", "D"))
    name = " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
    if len(name) > _NAME_LENGTH:
        name = name[:_NAME_LENGTH].rsplit(" ", 1)[0]
    stem = f"{year} - {agency.code} - {name}"
    stem = _UNSAFE.sub("_", stem).strip().rstrip(". ")
    return f"{stem}.xlsx"


def gather(session: Session, year: int, agencies: list[Agency]) -> Iterable[FormData]:
    """Each agency's pairings active in `year` and its records of the year (read once for
    all agencies, by the kinds' own listers)."""
    from ketnghia.kinds import of

    wanted = {a.code for a in agencies}
    pairings: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in of("pairings").rows(session, year):
        if row["agency_code"] in wanted:
            pairings[row["agency_code"]].append(row)
    codes = {p["village_code"] for rows in pairings.values() for p in rows}
    villages = {v["code"]: v for v in of("villages").rows(session, None) if v["code"] in codes}
    by_agency: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for kind in ("activities", "visits"):
        for row in of(kind).rows(session, year):
            if row["agency_code"] in wanted:
                by_agency[row["agency_code"]][kind].append(row)
    households: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in of("households").rows(session, year):
        if row["village_code"] in codes:
            households[row["village_code"]].append(row)
    for agency in agencies:
        own = pairings.get(agency.code, [])
        village_codes = list(dict.fromkeys(p["village_code"] for p in own))
        rows = {kind: list(by_agency[agency.code][kind]) for kind in ("activities", "visits")}
        rows["households"] = [h for code in village_codes for h in households.get(code, [])]
        yield FormData(agency, own, [villages[c] for c in village_codes if c in villages], rows)


def make_forms(
    session: Session,
    year: int,
    folder: Path,
    agencies: list[Agency],
    lang: str,
) -> list[Path]:
    """Write one form per agency into `folder`, each recorded (its key) in the session's
    transaction; the files written."""
    from ketnghia.audit import now
    from ketnghia.services.collection import record_form
    from ketnghia.services.exports import database_id

    ours = database_id(session)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KetnghiaError("forms_folder", path=str(folder), reason=exc.strerror or exc) from None
    if not folder.is_dir():
        raise KetnghiaError("forms_folder", path=str(folder), reason=t("forms_not_a_folder"))
    written: list[Path] = []
    used: set[str] = set()
    for data in gather(session, year, agencies):
        name = form_file_name(year, data.agency)
        if name.casefold() in used:  # two codes that differ in case only
            name = f"{Path(name).stem} ({id_of(data.agency)}).xlsx"
        used.add(name.casefold())
        form = record_form(session, id_of(data.agency), year, name)
        identity = {
            "agency_code": data.agency.code,
            "year": year,
            "database_id": ours,
            "form_key": form.form_key,
            "form_version": form.version,
            "made_at": (form.made_at or now()).isoformat(timespec="seconds"),
        }
        path = folder / name
        write_form(path, data, year, identity, lang)
        written.append(path)
    return written


def fingerprint(kind: Kind, values: dict[str, Any]) -> str:
    """A row's values as a short hash: the kind's input fields in order, each canonical (codes
    of choices, ISO dates, a whole number as an int, empty as null), so that a row read back
    from a form (parsed) gives the fingerprint of the stored row the form was made from."""

    def canonical(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if value == "" or value == []:
            return None
        return value

    parts = [canonical(values.get(f.key)) for f in kind.input_fields]
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- one workbook --------------------------------------------------------------------------


def form_columns(kind: Kind) -> list[str]:
    """A form sheet's columns: the record's id, its fields, the database's id last."""
    return ["id", *(f.key for f in kind.input_fields), DATABASE_ID]


def _header(key: str, kind: Kind, lang: str) -> str:
    """A column's header: its key in English (as an export without labels), its label in
    Vietnamese, as `export` writes them (the id "Số", the database's id "Mã cơ sở dữ liệu")."""
    if lang != "vi":
        return key
    if key == DATABASE_ID:
        return t("col_database_id", lang)
    return kind.field(key).label_vi


def _shown(value: Any, f: Field | None, lang: str) -> Any:
    """A stored value as the form shows it: a choice by its label in Vietnamese."""
    if f is not None and f.type == "choice" and value is not None and lang == "vi":
        return CHOICES[f.choices or ""].get(value, (value,))[0]
    return value


def write_form(path: Path, data: FormData, year: int, identity: dict[str, Any], lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from ketnghia.outputs import write_with

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    grey = PatternFill("solid", fgColor=_READ_ONLY_FILL)

    def cell(sheet: Any, value: Any, number_format: str | None = None, **style: Any) -> Any:
        c = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # never a formula
        if number_format:
            c.number_format = number_format
        for name, v in style.items():
            setattr(c, name, v)
        return c

    agency = data.agency
    # the guide
    guide = workbook.create_sheet(GUIDE_SHEET[lang])
    guide.column_dimensions["A"].width = 110
    guide.append([cell(guide, t("form_title", lang, year=year), font=Font(bold=True, size=14))])
    guide.append([cell(guide, f"{agency.name} ({agency.code})", font=bold)])
    guide.append([])
    sheets = {k: KINDS[k].label(lang) if lang == "vi" else k for k in FORM_KINDS}
    for key in ("form_guide_sheets", "form_guide_rows", "form_guide_new", "form_guide_lists",
                "form_guide_send"):  # fmt: skip
        guide.append(
            [
                cell(
                    guide,
                    t(
                        key,
                        lang,
                        year=year,
                        pairings=PAIRINGS_SHEET[lang],
                        sheets=", ".join(sheets.values()),
                        lists=LISTS_SHEET[lang],
                    ),
                )
            ]
        )

    # the pairings, to read
    info = workbook.create_sheet(PAIRINGS_SHEET[lang])
    info.protection.sheet = True
    village_by_code = {v["code"]: v for v in data.villages}
    pair_fields = [
        ("village_code", KINDS["pairings"].field("village_code")),
        ("village", KINDS["villages"].field("name")),
        ("commune", KINDS["villages"].field("commune")),
        ("district", KINDS["villages"].field("district")),
        ("started_on", KINDS["pairings"].field("started_on")),
        ("ended_on", KINDS["pairings"].field("ended_on")),
        ("decision_ref", KINDS["pairings"].field("decision_ref")),
        ("lead", KINDS["pairings"].field("lead")),
    ]
    for i, (_key, f) in enumerate(pair_fields, start=1):
        info.column_dimensions[get_column_letter(i)].width = 14 if f.type == "date" else 22
    info.freeze_panes = "A2"
    info.append(
        [cell(info, f.label(lang) if lang == "vi" else key, font=bold, fill=grey)
         for key, f in pair_fields]
    )  # fmt: skip
    for p in data.pairings:
        place = village_by_code.get(p["village_code"], {})
        values = {**p, "commune": place.get("commune"), "district": place.get("district")}
        info.append([cell(info, values.get(key), FORMATS.get(f.type)) for key, f in pair_fields])

    # the lists of the drop-downs
    lists_title = LISTS_SHEET[lang]
    lists_columns: list[tuple[str, list[Any]]] = [
        ("village_code", [v["code"] for v in data.villages]),
        ("village", [v["name"] for v in data.villages]),
        ("agency_code", [agency.code]),
        (
            "activity_kind",
            [vi if lang == "vi" else code for code, (vi, _en) in CHOICES["activity_kind"].items()],
        ),
        ("source", [vi if lang == "vi" else code for code, (vi, _en) in CHOICES["source"].items()]),
    ]
    ranges: dict[str, str] = {}
    for i, (name, items) in enumerate(lists_columns, start=1):
        letter = get_column_letter(i)
        ranges[name] = f"'{lists_title}'!${letter}$2:${letter}${max(len(items), 1) + 1}"
    by_field_type = {
        "village": ranges["village_code"],
        "agency": ranges["agency_code"],
    }

    # a sheet per kind
    for kind_name in FORM_KINDS:
        kind = KINDS[kind_name]
        sheet = workbook.create_sheet(sheets[kind_name])
        columns = form_columns(kind)
        fields = {f.key: f for f in kind.input_fields}
        stored = data.rows[kind_name]
        last = len(stored) + EMPTY_ROWS + 1
        for i, key in enumerate(columns, start=1):
            letter = get_column_letter(i)
            spec = fields.get(key)
            dimension = sheet.column_dimensions[letter]
            dimension.width = 8 if key == "id" else 14 if spec and spec.type == "date" else 20
            if key == DATABASE_ID:
                dimension.hidden = True
            if spec is None:
                continue
            f = spec
            formula = by_field_type.get(f.type)
            if f.type == "choice":
                formula = ranges.get(f.choices or "")
            if formula is not None:
                validation = DataValidation(type="list", formula1=formula, allow_blank=True)
                validation.showErrorMessage = True
                validation.error = t("form_pick_from_list", lang)
                validation.add(f"{letter}2:{letter}{last}")
                sheet.data_validations.append(validation)
            elif f.type == "date":
                if f.key == "date":  # a record of the year
                    validation = DataValidation(
                        type="date",
                        operator="between",
                        formula1=f"DATE({year},1,1)",
                        formula2=f"DATE({year},12,31)",
                        allow_blank=True,
                    )
                    validation.showErrorMessage = True
                    validation.error = t("form_date_in_year", lang, year=year)
                else:
                    validation = DataValidation(type="date", allow_blank=True)
                    validation.error = "dd/mm/yyyy"
                validation.add(f"{letter}2:{letter}{last}")
                sheet.data_validations.append(validation)
        sheet.freeze_panes = "B2"
        sheet.append(
            [cell(sheet, _header(k, kind, lang), font=bold, fill=header_fill) for k in columns]
        )
        formats = [FORMATS.get(fields[k].type) if k in fields else None for k in columns]
        for row in stored:
            values = {**row, DATABASE_ID: identity["database_id"]}
            sheet.append(
                [
                    cell(sheet, _shown(values.get(k), fields.get(k), lang), formats[i])
                    for i, k in enumerate(columns)
                ]
            )
        for _ in range(EMPTY_ROWS):
            sheet.append([cell(sheet, None, number_format) for number_format in formats])

    lists = workbook.create_sheet(lists_title)
    activity = KINDS["activities"]
    lists_headers = {
        "village_code": activity.field("village_code").label(lang),
        "village": t("col_village", lang),
        "agency_code": activity.field("agency_code").label(lang),
        "activity_kind": activity.field("kind").label(lang),
        "source": activity.field("source").label(lang),
    }
    lists.append([cell(lists, lists_headers[name], font=bold) for name, _ in lists_columns])
    for i in range(max(len(items) for _, items in lists_columns)):
        lists.append(
            [cell(lists, items[i] if i < len(items) else None) for _, items in lists_columns]
        )

    # the identity
    hidden = workbook.create_sheet(IDENTITY_SHEET)
    hidden.sheet_state = "veryHidden"
    hidden.protection.sheet = True
    hidden.append(["field", "value", "fingerprint"])
    for key in IDENTITY_FIELDS:
        hidden.append([key, cell(hidden, identity[key]) if identity[key] is not None else None])
    for kind_name in FORM_KINDS:
        for row in data.rows[kind_name]:
            hidden.append([kind_name, row["id"], fingerprint(KINDS[kind_name], row)])
    write_with(path, workbook.save)


def agencies_for(session: Session, year: int, named: list[str]) -> list[Agency]:
    """The agencies a form goes to: those expected to return one for the year, or those of
    them named (by code or name); naming one with no pairing active in the year is an error."""
    from ketnghia.services.collection import expected_agencies
    from ketnghia.services.lookups import resolve_agency

    expected = expected_agencies(session, year)
    if not named:
        if not expected:
            raise KetnghiaError("forms_none_expected", year=year)
        return expected
    ids = {id_of(a) for a in expected}
    chosen: dict[int, Agency] = {}
    for ref in named:
        agency = resolve_agency(session, ref)
        if id_of(agency) not in ids:
            raise KetnghiaError("form_not_expected", agency=agency.code, year=year)
        chosen.setdefault(id_of(agency), agency)
    return sorted(chosen.values(), key=lambda a: a.code)
