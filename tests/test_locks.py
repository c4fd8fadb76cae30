"""Filed reports and locked years; restore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli, dump, seed, seed_basic
from tests.test_report_annual import EXPECTED_2024, build


@pytest.fixture
def filed(cli: Cli) -> Cli:
    return seed(cli, _filed)


def _filed(cli: Cli) -> None:
    build(cli)
    result = cli("report", "annual", "--year", "2024", "--file", "--format", "json")
    assert json.loads(result.stdout) == EXPECTED_2024
    assert "year 2024 is locked" in result.stderr


REFUSED_IN_2024 = [
    [
        "activity",
        "add",
        "--agency",
        "A1",
        "--village",
        "V1",
        "--date",
        "2024-06-01",
        "--kind",
        "gifts",
        "--title",
        "Muộn",
    ],
    ["activity", "edit", "2", "--value", "1"],  # the gift of 2024-12-31
    ["activity", "edit", "4", "--date", "2024-12-01"],  # moving a 2025 activity into 2024
    ["activity", "remove", "1"],
    ["visit", "add", "--agency", "A1", "--village", "V1", "--date", "2024-02-02"],
    ["pair", "end", "--agency", "A3", "--village", "V3", "--on", "2024-12-31"],
    ["pair", "add", "--agency", "A3", "--village", "V2", "--since", "2024-05-01"],
    ["household", "end", "1", "--on", "2024-12-30"],
    ["inspection", "add", "--date", "2024-11-11", "--agency", "A1"],
    ["village", "stats", "--village", "V1", "--year", "2024", "--poor-households", "3"],
    ["village", "move", "V1", "--to", "23812", "--on", "2024-06-01"],
]


@pytest.mark.parametrize("args", REFUSED_IN_2024, ids=[" ".join(a[:2]) for a in REFUSED_IN_2024])
def test_locked_year_refuses_changes(filed: Cli, args: list[str]) -> None:
    before = dump(filed.url)
    result = filed(*args, code=1)
    assert "year 2024 is locked" in result.stderr
    assert "ketnghia unlock 2024 --reason" in result.stderr
    assert dump(filed.url) == before


def test_other_years_and_undated_records_stay_open(filed: Cli) -> None:
    filed(
        "activity",
        "add",
        "--agency",
        "A1",
        "--village",
        "V1",
        "--date",
        "2025-02-01",
        "--kind",
        "gifts",
        "--title",
        "Năm sau",
    )
    filed("agency", "edit", "A1", "--phone", "0269")
    filed("village", "edit", "V4", "--households", "90")
    filed("village", "stats", "--village", "V1", "--year", "2025", "--poor-households", "3")


def test_locked_year_refuses_village_figures_in_an_import(filed: Cli, tmp_path: Path) -> None:
    path = tmp_path / "chi-so-thon.csv"
    path.write_text("Mã thôn,Năm,Số hộ nghèo\nV1,2025,4\nV1,2024,5\n", encoding="utf-8")
    before = dump(filed.url)
    result = filed("import", str(path), code=1)
    assert "chi-so-thon.csv:3:Năm: year 2024 is locked" in result.stderr
    assert dump(filed.url) == before


def test_locked_year_refuses_an_import(filed: Cli, tmp_path: Path) -> None:
    path = tmp_path / "activities.csv"
    path.write_text(
        "agency_code,village_code,date,kind,title\nA1,V1,2025-03-01,gifts,Được\n"
        "A1,V1,2024-03-01,gifts,Bị chặn\n",
        encoding="utf-8",
    )
    before = dump(filed.url)
    result = filed("import", str(path), code=1)
    assert "activities.csv:3:date: year 2024 is locked" in result.stderr
    assert dump(filed.url) == before


def test_unlock_with_reason_then_drift_is_shown(filed: Cli) -> None:
    result = filed("unlock", "2024", code=1)
    assert "--reason" in result.stderr
    filed("--actor", "Trần Thị Mai", "unlock", "2024", "--reason", "Sở Xây dựng báo cáo bổ sung")
    entry = json.loads(filed("history", "--kind", "lock", "--format", "json").stdout)[-1]
    assert entry["action"] == "unlock" and entry["actor"] == "Trần Thị Mai"
    assert entry["after"]["reason"] == "Sở Xây dựng báo cáo bổ sung"
    result = filed("report", "annual", "--year", "2024", "--format", "json")
    assert "figures are unchanged" in result.stderr
    filed("activity", "edit", "2", "--value", "6.000.000")  # allowed now
    result = filed("report", "annual", "--year", "2024")
    assert "have changed since: by_agency, by_commune, by_district, by_kind, by_source, totals" in (
        result.stderr
    )
    problems = json.loads(filed("db", "check", "--format", "json", code=1).stdout)
    assert [p["check"] for p in problems] == ["filed_report_drift"]
    filed("lock", "2024")
    filed("activity", "edit", "2", "--value", "5.000.000", code=1)
    filed("unlock", "2024", "--reason", "trả lại số đã nộp")
    filed("activity", "edit", "2", "--value", "5.000.000")
    filed("db", "check")  # back to the filed figures
    filed("report", "annual", "--year", "2024", "--file")  # re-filed and locked again
    filed("activity", "edit", "2", "--value", "1", code=1)


def test_restore_needs_yes_over_records(sqlite_path: Path, tmp_path: Path) -> None:
    cli = Cli(str(sqlite_path))
    seed_basic(cli)
    backup = tmp_path / "bk.db"
    cli("db", "backup", str(backup))
    cli("agency", "add", "--code", "LATE", "--name", "Thêm sau sao lưu")
    result = cli("db", "restore", str(backup), code=1)
    assert "--yes" in result.stderr
    assert "LATE" in cli("agency", "list").stdout
    cli("db", "restore", str(backup), "--yes")
    assert [a["code"] for a in cli.json("agency", "list")] == ["SO-NN", "TD"]
    not_a_db = tmp_path / "x.db"
    not_a_db.write_text("hello")
    assert (
        "not a sound ketnghia database"
        in cli("db", "restore", str(not_a_db), "--yes", code=1).stderr
    )
