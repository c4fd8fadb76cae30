"""The reports as long CSV: one row per figure (section, key, name, metric, value), for pivot
tables and scripts; every section of reports/layout.REPORTS, its values as the JSON gives them
(codes, ISO dates, whole đồng)."""

from __future__ import annotations

import csv
import io
from typing import Any

from ketnghia.formula_guard import guard
from ketnghia.reports.layout import REPORTS


def document(report_kind: str, data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_guarded(["section", "key", "name", "metric", "value"]))
    for section in REPORTS[report_kind]:
        for key, _, value, _ in section.figure_values(data, "en"):
            writer.writerow(_guarded([section.key, "", "", key, value]))
        key_col, name_col = section.names
        columns = section.columns_for(data)
        for row in section.rows(data):
            named = [section.key, row.get(key_col, ""), row.get(name_col, "") if name_col else ""]
            metrics = [c for c, _ in columns if c not in (key_col, name_col)]
            for column in metrics:
                writer.writerow(_guarded([*named, column, _plain(row.get(column))]))
            if not metrics:
                writer.writerow(_guarded([*named, "", ""]))
    return out.getvalue()


def annual(report: dict[str, Any]) -> str:
    return document("annual", report)


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return value


def _guarded(cells: list[Any]) -> list[Any]:
    """Names and other text a spreadsheet must not run as a formula (see formula_guard)."""
    return [guard(c) if isinstance(c, str) else ("" if c is None else c) for c in cells]
