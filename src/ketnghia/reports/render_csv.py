"""The annual report as long CSV: one row per figure (section, key, name, metric, value), for
pivot tables and scripts."""

from __future__ import annotations

import csv
import io
from typing import Any

from ketnghia.formula_guard import guard
from ketnghia.reports.annual import TOTALS
from ketnghia.reports.layout import SECTIONS

# section → the columns that name a row (its key, its name)
NAMES = {
    "by_district": ("district", ""),
    "by_commune": ("commune", "district"),
    "by_agency": ("agency_code", "agency"),
    "by_kind": ("kind", ""),
    "by_source": ("source", ""),
    "idle_pairings": ("agency_code", "village_code"),
    "unpaired_villages": ("village_code", "village"),
    "localities": ("agency_code", "commune"),
    "locality_contributors": ("contributor_code", "commune"),
}


def annual(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_guarded(["section", "key", "name", "metric", "value"]))
    for key in TOTALS:
        writer.writerow(_guarded(["totals", "", "", key, report["totals"][key]]))
    for section, columns in SECTIONS.items():
        key_col, name_col = NAMES[section]
        for row in report[section]:
            for column, _ in columns:
                if column in (key_col, name_col):
                    continue
                writer.writerow(
                    _guarded(
                        [
                            section,
                            row.get(key_col) or "",
                            row.get(name_col, "") or "",
                            column,
                            "; ".join(row[column])
                            if isinstance(row.get(column), list)
                            else row.get(column),
                        ]
                    )
                )
            if all(c in (key_col, name_col) for c, _ in columns):
                writer.writerow(_guarded([section, row.get(key_col), row.get(name_col), "", ""]))
    return out.getvalue()


def _guarded(cells: list[Any]) -> list[Any]:
    """Names and other text a spreadsheet must not run as a formula (see formula_guard)."""
    return [guard(c) if isinstance(c, str) else c for c in cells]
