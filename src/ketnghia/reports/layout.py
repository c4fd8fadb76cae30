"""What the reports show, whatever the format: each section's columns and how each column is
shown, headings, totals rows, the scope and summary lines, and the one cell formatter every
renderer uses (values.format_value, plus the reports' own words for a missing district,
commune or source).

The renderers (render_table, render_md, render_html, render_xlsx, render_csv) read the same
dict that `--format json` prints, so all formats agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ketnghia.i18n import t
from ketnghia.values import format_money, format_number, format_value

# The annual report: section → its columns (key, how to show it: a field type, a choice list,
# "district"/"commune" (text, with a word when missing), "mark" (yes or nothing), "rate")
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
    "by_kind": [("kind", "activity_kind"), ("activities", "int"), ("value_vnd", "money")],
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
NUMERIC = ("int", "money")

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
    ("met_aim", "mark"),
    ("poverty_rate", "rate"),
]

# An agency's page: section → its columns
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
        ("kind", "activity_kind"),
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

# what a report says where a row has no district, commune or source
_MISSING = {"district": "no_district", "commune": "no_commune", "source": "no_source"}


def cell(value: Any, how: str, lang: str) -> str:
    """One value of a report, as people read it."""
    if value is None and how in _MISSING:
        return t(_MISSING[how], lang)
    if how == "mark":
        return t("yes", lang) if value else ""
    if how == "rate":
        return "" if value is None else f"{value:g}%"
    return format_value(value, how, lang)


def total_how(key: str) -> str:
    """How a figure of the totals is shown."""
    return "money" if key == "value_vnd" else "int"


def heading(key: str, lang: str) -> str:
    return t(f"col_{key}", lang)


def total_row(section: str, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A totals row for sections that add up (villages and pairings do not across agencies)."""
    if not rows or section in WARNINGS:
        return None
    total: dict[str, Any] = {}
    for key, how in SECTIONS[section]:
        if how in NUMERIC and key not in ("villages",):
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


def outcome_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    outcomes = report.get("outcomes") or {}
    rates = {
        r["village_code"]: r["poverty_rate"]
        for r in outcomes.get("special_difficulty_by_figures", [])
    }
    return [
        r | {"poverty_rate": rates.get(r["village_code"])} for r in outcomes.get("by_village", [])
    ]


def made_text(made: dt.date | None, lang: str) -> str:
    return t("report_made", lang, date=(made or dt.date.today()).isoformat())


# The parts of a signed document (docx), in order: each part's title and the sections of the
# report's JSON it holds. Every key of a report's JSON is one of DOCUMENT_HEAD (the title's
# figures) or a section of exactly one part, so that a document leaves nothing out (a test
# holds each report's JSON to this list).
DOCUMENT_HEAD: dict[str, tuple[str, ...]] = {
    "annual": ("year", "scope"),
    "review": ("from", "to"),
    "agency": ("year", "agency", "period"),
}
DOCUMENT_PARTS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "annual": (
        ("part_summary", ("totals", "map")),
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
# a section's title where it is not sec_KEY
_SECTION_TITLES = {
    ("review", "years"): "sec_years",
    ("review", "agencies"): "sec_by_agency",
    ("review", "pairings"): "sec_pairings_by_year",
}

# The review's sections that are rows under headings (its years and agencies have a column per
# year); `year`-like figures are text, never grouped as 2.024
REVIEW_SECTIONS: dict[str, list[tuple[str, str]]] = {
    "pairings": [("year", "text"), ("started", "int"), ("ended", "int")],
    "dormant_villages": [
        ("village_code", "text"),
        ("village", "text"),
        ("district", "district"),
        ("last_activity", "text"),
    ],
    "successions": [
        ("agency_code", "text"),
        ("agency", "text"),
        ("into_code", "text"),
        ("into", "text"),
        ("on", "text"),
    ],
}


def document_sections(report_kind: str) -> list[str]:
    """The sections of a report's JSON, in the order a document shows them."""
    return [key for _, keys in DOCUMENT_PARTS[report_kind] for key in keys]


def section_title(report_kind: str, key: str, lang: str) -> str:
    return t(_SECTION_TITLES.get((report_kind, key), f"sec_{key}"), lang)
