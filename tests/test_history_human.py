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


def test_a_bare_id_finds_a_record_keyed_by_its_id(cli: Cli) -> None:
    """`visit list` shows a visit's id bare; its history key is #id: both find it."""
    seed_basic(cli)
    cli("visit", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-05-01")
    by_hash = cli.json("history", "--key", "#1", "--kind", "visits")
    assert by_hash and cli.json("history", "--key", "1", "--kind", "visits") == by_hash


def test_history_at_80_columns_gives_the_values_the_width(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    seed_basic(cli)
    path = tmp_path / "agencies.csv"
    path.write_text("code,name,phone\nNEW,Cơ quan mới,111\n", encoding="utf-8")
    cli("import", str(path))
    monkeypatch.setenv("COLUMNS", "80")
    table = cli("history", "--key", "NEW", lang="vi").stdout
    assert max(len(line) for line in table.splitlines()) <= 80
    flat = " ".join(table.split())
    assert "thêm bởi lần nhập #" in flat and "(agencies.csv, " in flat, table
    assert "Tên cơ quan: Cơ quan mới" in flat  # a value's line whole, not cut at the edge


def test_an_import_is_told_as_its_command_told_it(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Not a dict of counts: each kind's counts in words, and the file with its checksum."""
    seed_basic(cli)
    path = tmp_path / "agencies.csv"
    path.write_text("code,name\nNEW,Cơ quan mới\n", encoding="utf-8")
    cli("import", str(path))
    monkeypatch.setenv("COLUMNS", "160")
    flat = " ".join(cli("history", "--kind", "import", lang="vi").stdout.split())
    assert "Cơ quan: thêm 1, cập nhật 0, không đổi 0, bỏ qua 0" in flat, flat
    assert "agencies.csv (SHA-256 " in flat and "{" not in flat
