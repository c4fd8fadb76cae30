"""One way to show a value to people: listings (cli.output.human_value) and reports
(reports.layout.cell) both go through values.format_value."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnghia.cli.output import human_value
from ketnghia.reports.layout import cell
from ketnghia.schema import ACTIVITIES, AGENCIES, CHOICES, VILLAGES
from ketnghia.values import format_value


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_choices_money_flags_and_dates_look_the_same_everywhere(lang: str) -> None:
    for name, choices in CHOICES.items():
        for code, (vi, en) in choices.items():
            assert format_value(code, name, lang) == (vi if lang == "vi" else en)
    for code in CHOICES["activity_kind"]:
        assert human_value(ACTIVITIES, "kind", code, lang) == cell(code, "activity_kind", lang)
    for code in CHOICES["source"]:
        assert human_value(ACTIVITIES, "source", code, lang) == cell(code, "source", lang)
    for code in CHOICES["agency_kind"]:
        assert human_value(AGENCIES, "kind", code, lang) == format_value(code, "agency_kind", lang)
    money = human_value(ACTIVITIES, "value_vnd", 45_000_000, lang)
    assert money == cell(45_000_000, "money", lang)
    assert money == ("45.000.000" if lang == "vi" else "45,000,000")
    assert human_value(VILLAGES, "special_difficulty", True, lang) == (
        "có" if lang == "vi" else "yes"
    )
    day = human_value(ACTIVITIES, "date", dt.date(2024, 3, 15), lang)
    assert day == cell("2024-03-15", "date", lang)  # a report's ISO date reads the same
    assert day == ("15/03/2024" if lang == "vi" else "2024-03-15")
    assert format_value(["A", "B"], "agencies", lang) == "A; B"
    assert format_value(None, "money", lang) == format_value("", "text", lang) == ""
    # an unknown code is shown as it is, never dropped
    assert format_value("bridge", "activity_kind", lang) == "bridge"


def test_vietnamese_percentages_dates_and_numbers() -> None:
    """Vietnamese: a decimal comma and dots between thousands, dates day first; English keeps
    its own conventions."""
    from ketnghia.values import document_date, format_percent

    assert format_value(23.9, "percent", "vi") == cell(23.9, "percent", "vi") == "23,9%"
    assert format_value(23.9, "percent", "en") == "23.9%"
    assert format_percent(24.0, "vi") == "24%" and format_percent(33.35, "vi") == "33,4%"
    assert format_value(1234.5, "number", "vi") == "1.234,5"
    assert format_value(1234.5, "number", "en") == "1,234.5"
    assert format_value(1_234_567, "int", "vi") == "1.234.567"
    assert format_value(dt.date(2024, 3, 5), "date", "vi") == "05/03/2024"
    assert format_value("2024-03-05", "date", "vi") == "05/03/2024"
    assert format_value("2024-03-05", "date", "en") == "2024-03-05"
    assert cell(-96, "change", "vi") == "-96" and cell(17_335_000_000, "change", "vi") == (
        "+17.335.000.000"
    )
    # in a heading: "ngày … tháng … năm …", a day below 10 and January, February with a 0
    assert document_date(dt.date(2026, 11, 26), "vi") == "ngày 26 tháng 11 năm 2026"
    assert document_date(dt.date(2026, 2, 5), "vi") == "ngày 05 tháng 02 năm 2026"
    assert document_date(dt.date(2026, 4, 5), "vi") == "ngày 05 tháng 4 năm 2026"
    assert document_date(dt.date(2026, 11, 26), "en") == "26 November 2026"
