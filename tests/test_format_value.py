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
    assert human_value(ACTIVITIES, "date", dt.date(2024, 3, 15), lang) == "2024-03-15"
    assert format_value(["A", "B"], "agencies", lang) == "A; B"
    assert format_value(None, "money", lang) == format_value("", "text", lang) == ""
    # an unknown code is shown as it is, never dropped
    assert format_value("bridge", "activity_kind", lang) == "bridge"
