"""What the reports show, whatever the format: the one list of each report's sections (REPORTS),
each section's figures and columns and how each value is shown, titles, sheet names, totals
rows, the scope and summary lines, and the one cell formatter every renderer uses
(values.format_value, plus the reports' own words for a missing district, commune or source).

Every renderer (render_table, render_md, render_html, render_xlsx, render_csv, and the Word
document) walks REPORTS[kind] over the same dict that `--format json` prints, so all formats
agree and a section added here reaches every one of them. A section is a key of the report's
JSON that holds rows (a list) or a block of figures (a dict with numbers); a test derives them
from the JSON and holds REPORTS and every format to them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ketnghia.i18n import t
from ketnghia.reports.annual import TOTALS
from ketnghia.values import format_date, format_money, format_number, format_value

Column = tuple[str, str]  # (key of a row, how its value is shown)

# How a value is shown (the second item of a column): a field type of values.format_value
# ("text", "int", "money", "date", "percent", "list"), a choice list ("activity_kind",
# "source"), or one of the reports' own: "district"/"commune" (text, with a word when missing),
# "mark" (yes or nothing), "year" (a year, never grouped as 2.024), "metric" (a figure of the
# totals, by its name), "change" (a signed difference).
NUMERIC = ("int", "money", "percent", "change")
ADDS_UP = ("int", "money")


@dataclass(frozen=True)
class Section:
    """One section of a report: a key of its JSON and how every format shows it."""

    key: str
    columns: tuple[Column, ...] = ()
    # a block's own figures: (key in the block, message of its label, how)
    figures: tuple[tuple[str, str, str], ...] = ()
    title: str = ""  # message key of its title (default sec_KEY)
    sheet: str = ""  # message key of its sheet's name in a workbook (≤ 31 characters)
    warning: bool = False  # the formalism warnings, shown apart
    chart: bool = False  # a bar chart of value_vnd by the first column
    apart: tuple[str, ...] = ()  # numeric columns that do not add up (no total)
    adds_up: bool = True  # False: its rows are not of one kind (no totals row at all)
    names: tuple[str, str] = ("", "")  # the columns that name a row (long CSV: key, name)
    empty: str = "none"  # message said when it has no rows
    # its rows and columns from the whole report, where they are not report[key] and `columns`
    rows_of: Callable[[dict[str, Any]], list[dict[str, Any]]] | None = field(
        default=None, compare=False
    )
    columns_of: Callable[[dict[str, Any]], list[Column]] | None = field(default=None, compare=False)

    def title_text(self, lang: str) -> str:
        return t(self.title or f"sec_{self.key}", lang)

    def sheet_name(self, lang: str) -> str:
        return t(self.sheet or f"sheet_{self.key}", lang)

    def rows(self, report: dict[str, Any]) -> list[dict[str, Any]]:
        if self.rows_of is not None:
            return self.rows_of(report)
        value = report.get(self.key)
        return value if isinstance(value, list) else []

    def columns_for(self, report: dict[str, Any]) -> list[Column]:
        return self.columns_of(report) if self.columns_of is not None else list(self.columns)

    def figure_values(self, report: dict[str, Any], lang: str) -> list[tuple[str, str, Any, str]]:
        """The block's figures: (key, label, value, how)."""
        block = report.get(self.key) or {}
        return [(k, t(label, lang), block.get(k), how) for k, label, how in self.figures]

    def totals(self, report: dict[str, Any]) -> dict[str, Any] | None:
        """The totals row: the sum of each column that adds up; None when none does."""
        rows = self.rows(report)
        if not self.adds_up:
            return None
        keys = [k for k, how in self.columns_for(report) if how in ADDS_UP and k not in self.apart]
        if not rows or not keys:
            return None
        return {k: sum(r.get(k) or 0 for r in rows) for k in keys}


def total_how(key: str) -> str:
    """How a figure of the totals is shown."""
    return "money" if key == "value_vnd" else "int"


TOTAL_FIGURES = tuple((k, f"tot_{k}", total_how(k)) for k in TOTALS)

OUTCOME_TOTALS = (
    "villages_with_figures",
    "poor_start",
    "poor_end",
    "out_of_poverty",
    "villages_meeting_aim",
)
OUTCOME_COLUMNS: list[Column] = [
    ("village_code", "text"),
    ("village", "text"),
    ("poor_start", "int"),
    ("poor_end", "int"),
    ("out_of_poverty", "int"),
    ("met_aim", "mark"),
    ("poverty_rate", "percent"),
]


def outcome_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The villages' outcomes, each with its poverty rate when it is 20% or more."""
    outcomes = report.get("outcomes") or {}
    rates = {
        r["village_code"]: r["poverty_rate"]
        for r in outcomes.get("special_difficulty_by_figures", [])
    }
    return [
        r | {"poverty_rate": rates.get(r["village_code"])} for r in outcomes.get("by_village", [])
    ]


def _localities(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Locality pairings, each co-signer named beside its code."""
    return [
        r
        | {
            "cosigners": [
                f"{code} {name}".strip()
                for code, name in zip(
                    r.get("cosigners") or [],
                    (r.get("cosigner_names") or []) + [""] * len(r.get("cosigners") or []),
                    strict=False,
                )
            ]
        }
        for r in report.get("localities") or []
    ]


def _map_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    return list((report.get("map") or {}).get("communes") or [])


def _review_years(review: dict[str, Any]) -> list[str]:
    return [str(y) for y in range(review["from"], review["to"] + 1)]


def _years_columns(review: dict[str, Any]) -> list[Column]:
    columns: list[Column] = [("metric", "metric")]
    for i, year in enumerate(_review_years(review)):
        columns.append((year, "int"))
        if i:
            columns.append((f"change_{year}", "change"))
    return columns


def _years_rows(review: dict[str, Any]) -> list[dict[str, Any]]:
    """The totals of each year side by side, with the change from the year before: a row per
    figure, a column per year."""
    rows = []
    for key in TOTALS:
        row: dict[str, Any] = {"metric": key}
        for entry in review.get("years") or []:
            row[str(entry["year"])] = entry[key]
            if entry.get("change") is not None:
                row[f"change_{entry['year']}"] = entry["change"][key]
        rows.append(row)
    return rows


def _agencies_columns(review: dict[str, Any]) -> list[Column]:
    return [
        ("agency_code", "text"),
        ("agency", "text"),
        *((year, "money") for year in _review_years(review)),
        ("value_vnd", "money"),
        ("idle_years", "int"),
    ]


def _agencies_rows(review: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        a | {y: a["years"].get(y, {}).get("value_vnd", 0) for y in _review_years(review)}
        for a in review.get("agencies") or []
    ]


# The collection round of the year (services.collection.collection_figures): its rate is
# "round_rate", which says that no form was made rather than 0 %.
COLLECTION_FIGURES = (
    ("expected", "fig_collection_expected", "int"),
    ("returned", "fig_collection_returned", "int"),
    ("rate", "fig_collection_rate", "round_rate"),
)


# The sections of each report, in the order every format shows them.
REPORTS: dict[str, tuple[Section, ...]] = {
    "annual": (
        Section("totals", figures=TOTAL_FIGURES),
        Section(
            "map",
            figures=(
                ("on", "fig_map_on", "date"),
                ("mapped_villages", "fig_mapped_villages", "int"),
                ("unplaced_villages", "fig_unplaced_villages", "int"),
            ),
            columns=(
                ("commune_code", "text"),
                ("commune", "commune"),
                ("villages", "int"),
                ("activities", "int"),
                ("value_vnd", "money"),
                ("unpaired_villages", "int"),
            ),
            names=("commune_code", "commune"),
            rows_of=_map_rows,
        ),
        Section("collection", figures=COLLECTION_FIGURES),
        Section(
            "by_district",
            (
                ("district", "district"),
                ("villages", "int"),
                ("pairings", "int"),
                ("activities", "int"),
                ("value_vnd", "money"),
            ),
            chart=True,
            names=("district", ""),
        ),
        Section(
            "by_commune",
            (
                ("commune", "commune"),
                ("district", "district"),
                ("villages", "int"),
                ("pairings", "int"),
                ("activities", "int"),
                ("value_vnd", "money"),
            ),
            names=("commune", "district"),
        ),
        Section(
            "by_agency",
            (
                ("agency_code", "text"),
                ("agency", "text"),
                ("villages", "int"),
                ("activities", "int"),
                ("value_vnd", "money"),
            ),
            apart=("villages",),  # a village paired with two agencies is one village
            names=("agency_code", "agency"),
        ),
        Section(
            "by_kind",
            (("kind", "activity_kind"), ("activities", "int"), ("value_vnd", "money")),
            chart=True,
            names=("kind", ""),
        ),
        Section(
            "by_source",
            (("source", "source"), ("value_vnd", "money")),
            chart=True,
            names=("source", ""),
        ),
        Section(
            "idle_pairings",
            (
                ("agency_code", "text"),
                ("agency", "text"),
                ("village_code", "text"),
                ("village", "text"),
                ("started_on", "date"),
            ),
            warning=True,
            names=("agency_code", "village_code"),
        ),
        Section(
            "unpaired_villages",
            (("village_code", "text"), ("village", "text"), ("district", "district")),
            warning=True,
            names=("village_code", "village"),
        ),
        Section(
            "outcomes",
            tuple(OUTCOME_COLUMNS),
            figures=tuple((k, f"out_{k}", "int") for k in OUTCOME_TOTALS),
            apart=("poverty_rate",),
            names=("village_code", "village"),
            empty="no_outcomes",
            rows_of=outcome_rows,
        ),
        Section(
            "localities",
            (
                ("agency_code", "text"),
                ("agency", "text"),
                ("commune", "commune"),
                ("started_on", "date"),
                ("cosigners", "list"),
                ("contributions", "int"),
                ("value_vnd", "money"),
            ),
            names=("agency_code", "commune"),
            rows_of=_localities,
        ),
        Section(
            "locality_contributors",
            (
                ("agency_code", "text"),
                ("agency", "text"),
                ("commune", "commune"),
                ("contributor_code", "text"),
                ("contributor", "text"),
                ("contributions", "int"),
                ("value_vnd", "money"),
            ),
            names=("contributor_code", "commune"),
        ),
    ),
    "review": (
        Section(
            "years",
            adds_up=False,  # a row per figure of the totals: they do not add up
            names=("metric", ""),
            rows_of=_years_rows,
            columns_of=_years_columns,
        ),
        Section(
            "agencies",
            title="sec_by_agency",
            apart=("idle_years",),
            names=("agency_code", "agency"),
            rows_of=_agencies_rows,
            columns_of=_agencies_columns,
        ),
        Section(
            "pairings",
            (("year", "year"), ("started", "int"), ("ended", "int")),
            title="sec_pairings_by_year",
            sheet="sheet_pairings_by_year",
            names=("year", ""),
        ),
        Section(
            "dormant_villages",
            (
                ("village_code", "text"),
                ("village", "text"),
                ("district", "district"),
                ("last_activity", "date"),
            ),
            warning=True,
            names=("village_code", "village"),
        ),
        Section(
            "successions",
            (
                ("agency_code", "text"),
                ("agency", "text"),
                ("into_code", "text"),
                ("into", "text"),
                ("on", "date"),
            ),
            names=("agency_code", "agency"),
        ),
    ),
    "agency": (
        Section("totals", figures=TOTAL_FIGURES),
        Section(
            "pairings",
            (
                ("village_code", "text"),
                ("village", "text"),
                ("started_on", "date"),
                ("ended_on", "date"),
            ),
            names=("village_code", "village"),
        ),
        Section(
            "activities",
            (
                ("date", "date"),
                ("village_code", "text"),
                ("village", "text"),
                ("kind", "activity_kind"),
                ("title", "text"),
                ("value_vnd", "money"),
                ("households_benefited", "int"),
            ),
            names=("date", "village"),
        ),
        Section(
            "visits",
            (
                ("date", "date"),
                ("village_code", "text"),
                ("village", "text"),
                ("people_met", "int"),
                ("aspirations", "text"),
                ("resolved_on", "date"),
            ),
            names=("date", "village"),
        ),
        Section(
            "aspirations_open",
            (
                ("date", "date"),
                ("village_code", "text"),
                ("village", "text"),
                ("aspirations", "text"),
            ),
            warning=True,
            names=("date", "village"),
        ),
        Section(
            "idle_pairings",
            (("village_code", "text"), ("village", "text"), ("started_on", "date")),
            warning=True,
            names=("village_code", "village"),
        ),
    ),
}


# The collection round's status (`collect status`, reports/collection.py): an agency counts in
# every district and commune where it has a village paired, so the places' rows do not add up.
ROUND_FIGURES = (
    ("expected", "fig_collection_expected", "int"),
    ("forms_made", "fig_round_forms_made", "int"),
    ("returned", "fig_collection_returned", "int"),
    ("missing", "fig_round_missing", "int"),
    ("rate", "fig_collection_rate", "round_rate"),
    ("due", "fig_round_due", "date"),
    ("on_time", "fig_round_on_time", "int"),
    ("on_time_rate", "fig_round_on_time_rate", "percent"),
)
_ROUND = Section("round", figures=ROUND_FIGURES, title="sec_collection", sheet="sheet_collection")
_PLACE_FIGURES: tuple[Column, ...] = (
    ("expected", "int"),
    ("forms_made", "int"),
    ("returned", "int"),
    ("missing", "int"),
    ("rate", "percent"),
)
REPORTS["collection"] = (
    _ROUND,
    Section(
        "agencies",
        (
            ("agency_code", "text"),
            ("agency", "text"),
            ("form_made_on", "date"),
            ("returned_on", "date"),
            ("returns", "int"),
            ("rows_added", "int"),
            ("rows_changed", "int"),
            ("late", "mark"),
            ("missing", "mark"),
        ),
        title="sec_round_agencies",
        sheet="sheet_round_agencies",
        names=("agency_code", "agency"),
    ),
    Section(
        "by_district",
        (("district", "district"), *_PLACE_FIGURES),
        title="sec_round_by_district",
        adds_up=False,
        names=("district", ""),
    ),
    Section(
        "by_commune",
        (("commune", "commune"), ("district", "district"), *_PLACE_FIGURES),
        title="sec_round_by_commune",
        adds_up=False,
        names=("commune", "district"),
    ),
)
REPORTS["collection_missing"] = (
    _ROUND,
    Section(
        "missing",
        (
            ("agency_code", "text"),
            ("agency", "text"),
            ("head", "text"),
            ("phone", "text"),
            ("form_made_on", "date"),
        ),
        title="sec_round_missing",
        sheet="sheet_round_missing",
        warning=True,
        names=("agency_code", "agency"),
    ),
)


def section(report_kind: str, key: str) -> Section:
    return next(s for s in REPORTS[report_kind] if s.key == key)


# The annual report's row sections, by key (what the Word document and older callers read).
SECTIONS: dict[str, list[Column]] = {
    s.key: list(s.columns) for s in REPORTS["annual"] if s.columns and s.rows_of is None
}
AGENCY_SECTIONS: dict[str, list[Column]] = {
    s.key: list(s.columns) for s in REPORTS["agency"] if s.columns
}
WARNINGS = tuple(s.key for s in REPORTS["annual"] if s.warning)
CHARTS = tuple(s.key for s in REPORTS["annual"] if s.chart)

# what a report says where a row has no district, commune or source
_MISSING = {
    "district": "no_district",
    "commune": "no_commune",
    "source": "no_source",
    "round_rate": "no_collection_round",
}


def cell(value: Any, how: str, lang: str) -> str:
    """One value of a report, as people read it."""
    if value is None and how in _MISSING:
        return t(_MISSING[how], lang)
    if how == "mark":
        return t("yes", lang) if value else ""
    if how in ("rate", "round_rate"):
        how = "percent"
    if how == "year":
        return "" if value is None else str(value)
    if how == "metric":
        return t(f"tot_{value}", lang)
    if how == "change":
        if value is None:
            return ""
        return ("+" if value > 0 else "") + format_number(value, lang)
    return format_value(value, how, lang)


def heading(key: str, lang: str) -> str:
    """A column's heading: its message, or the year of a review's column."""
    if key.isdigit():
        return key
    if key.startswith("change_") and key[7:].isdigit():
        return t("col_change", lang, year=key[7:])
    return t(f"col_{key}", lang)


def total_row(section_key: str, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The totals row of one of the annual report's sections (see Section.totals)."""
    found = section("annual", section_key)
    return found.totals({section_key: rows} if found.rows_of is None else {})


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


# The totals a sentence names, by the word its message gives each.
_TOTAL_WORDS = {
    "agencies": "agencies",
    "pairings": "pairings",
    "villages": "villages",
    "new_pairings": "new_pairings",
    "activities": "activities",
    "value_vnd": "value",
    "households_benefited": "households",
    "visits": "visits",
    "aspirations_open": "aspirations",
}


def totals_words(totals: dict[str, Any], lang: str) -> dict[str, str]:
    """The totals a report has, formatted for a sentence (money as money), by their words."""
    return {
        word: (format_money if key == "value_vnd" else format_number)(totals[key], lang)
        for key, word in _TOTAL_WORDS.items()
        if key in totals
    }


def summary_text(report: dict[str, Any], lang: str) -> str:
    text = t("report_summary", lang, year=report["year"], **totals_words(report["totals"], lang))
    # what the directive warns of, said as a plain "none" when there is none
    idle, unpaired = len(report["idle_pairings"]), len(report["unpaired_villages"])
    sentences = [
        text,
        t("report_summary_idle", lang, idle=format_number(idle, lang))
        if idle
        else t("report_summary_idle_none", lang),
        t("report_summary_unpaired", lang, unpaired=format_number(unpaired, lang))
        if unpaired
        else t("report_summary_unpaired_none", lang),
    ]
    if "collection" in report:
        sentences.append(collection_text(report, lang))
    return " ".join(sentences)


def collection_text(report: dict[str, Any], lang: str) -> str:
    """The round's line: "Tỷ lệ cơ quan nộp biểu mẫu năm 2025: 42/50 (84%)", or that no form
    was made for the year."""
    found = report["collection"]
    if not found.get("organised", True):
        return t("collection_none", lang, year=report["year"])
    if not found["expected"]:
        return t("collection_nobody", lang, year=report["year"])
    return t(
        "collection_line",
        lang,
        year=report["year"],
        returned=format_number(found["returned"], lang),
        expected=format_number(found["expected"], lang),
        rate=cell(found["rate"], "round_rate", lang),
    )


def title_text(report_kind: str, data: dict[str, Any], lang: str) -> str:
    """A report's title, as the table, Markdown and workbook show it."""
    if report_kind == "review":
        return t("review_title", lang, first=data["from"], last=data["to"])
    if report_kind == "agency":
        agency = data["agency"]
        return t("agency_title", lang, name=agency["name"], code=agency["code"], year=data["year"])
    if report_kind.startswith("collection"):
        return t("collection_title", lang, year=data["year"])
    return t("report_title", lang, year=data["year"])


def made_text(made: dt.date | None, lang: str) -> str:
    return t("report_made", lang, date=format_date(made or dt.date.today(), lang))


# The parts of a signed document (docx), in order: each part's title and the sections of
# REPORTS it holds, each section in exactly one part (a test holds them to REPORTS).
DOCUMENT_HEAD: dict[str, tuple[str, ...]] = {
    "annual": ("year", "scope"),
    "review": ("from", "to"),
    "agency": ("year", "agency", "period"),
}
DOCUMENT_PARTS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "annual": (
        ("part_summary", ("totals", "map", "collection")),
        ("part_places", ("by_district", "by_commune", "by_agency")),
        ("part_activities", ("by_kind", "by_source")),
        ("part_formalism", ("idle_pairings", "unpaired_villages")),
        ("part_outcomes", ("outcomes",)),
        ("part_localities", ("localities", "locality_contributors")),
    ),
    "review": (
        ("part_summary", ("years", "pairings")),
        ("part_agencies", ("agencies", "successions")),
        ("part_formalism", ("dormant_villages",)),
    ),
    "agency": (
        ("part_summary", ("totals", "pairings")),
        ("part_work", ("activities", "visits")),
        ("part_formalism", ("idle_pairings",)),
        ("part_open", ("aspirations_open",)),
    ),
}
# The review's sections that are rows under headings (its years and agencies have a column per
# year)
REVIEW_SECTIONS: dict[str, list[Column]] = {
    s.key: list(s.columns) for s in REPORTS["review"] if s.columns
}


def document_sections(report_kind: str) -> list[str]:
    """The sections of a report's JSON, in the order a document shows them."""
    return [key for _, keys in DOCUMENT_PARTS[report_kind] for key in keys]


def section_title(report_kind: str, key: str, lang: str) -> str:
    return section(report_kind, key).title_text(lang)
