"""`history` as people read it: the table shows local time (dd/mm/yyyy HH:MM), the fields'
labels and values formatted as every table formats them, in the user's language; JSON and CSV
keep the stored keys and values."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time

import pytest

from ketnghia.schema import ACTIVITIES
from tests.conftest import Cli, seed_basic


@pytest.fixture
def hanoi_clock(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    monkeypatch.setenv("COLUMNS", "250")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _with_activity(cli: Cli) -> None:
    seed_basic(cli)
    cli(
        "activity", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-03-15",
        "--kind", "construction", "--title", "Khoan giếng", "--value", "45.000.000",
        "--ref", "HD-1",
    )  # fmt: skip
    cli("activity", "edit", "HD-1", "--value", "50.000.000")


def test_history_table_is_in_local_time_with_labels_and_formatted_values(
    cli: Cli, hanoi_clock: None
) -> None:
    _with_activity(cli)
    entries = json.loads(cli("history", "--kind", "activities", "--format", "json").stdout)
    at = dt.datetime.fromisoformat(entries[-1]["at"])
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.timezone.utc)
    local = at.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%d/%m/%Y %H:%M")

    en = cli("history", "--kind", "activities").stdout
    label_en = ACTIVITIES.field("value_vnd").label("en")
    assert f"{label_en}: 45,000,000 → 50,000,000" in en
    assert local in en
    assert "Construction" in en and "value_vnd" not in en and "45000000" not in en

    vi = cli("history", "--kind", "activities", lang="vi").stdout
    label_vi = ACTIVITIES.field("value_vnd").label("vi")
    assert f"{label_vi}: 45.000.000 → 50.000.000" in vi
    assert local in vi and "Công trình" in vi and "Hoạt động" in vi


def test_history_json_and_csv_keep_the_stored_keys(cli: Cli, hanoi_clock: None) -> None:
    _with_activity(cli)
    entry = json.loads(cli("history", "--kind", "activities", "--format", "json").stdout)[-1]
    assert entry["kind"] == "activities" and entry["action"] == "update"
    assert entry["before"]["value_vnd"] == 45000000 and entry["after"]["value_vnd"] == 50000000
    text = cli("history", "--kind", "activities", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[-1]["action"] == "update" and rows[-1]["kind"] == "activities"
    assert "value_vnd" in rows[-1]["after"]
