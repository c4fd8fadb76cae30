"""Every write leaves an audit entry with who, what and the values before and after."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli, seed_basic


def history(cli: Cli, *args: str) -> list[dict]:
    return json.loads(cli("history", *args, "--format", "json").stdout)


def last(cli: Cli, kind: str) -> dict:
    return history(cli, "--kind", kind)[-1]


WRITES = [
    # (command, kind, action, key, before (subset), after (subset))
    (
        ["agency", "add", "--code", "X", "--name", "Sở X"],
        "agencies",
        "insert",
        "X",
        None,
        {"name": "Sở X"},
    ),
    (
        ["agency", "edit", "TD", "--head", "Anh A"],
        "agencies",
        "update",
        "TD",
        {"head": None},
        {"head": "Anh A"},
    ),
    (["agency", "remove", "X0"], "agencies", "delete", "X0", {"name": "Tạm"}, None),
    (
        ["village", "add", "--code", "V9", "--name", "Làng 9"],
        "villages",
        "insert",
        "V9",
        None,
        {"name": "Làng 9"},
    ),
    (
        ["village", "edit", "GL-0002", "--households", "80"],
        "villages",
        "update",
        "GL-0002",
        {"households": None},
        {"households": 80},
    ),
    (["village", "remove", "GL-0003"], "villages", "delete", "GL-0003", {"name": "Đê Ar"}, None),
    (
        ["pair", "add", "--agency", "TD", "--village", "GL-0002", "--since", "2024-04-19"],
        "pairings",
        "insert",
        "TD GL-0002 2024-04-19",
        None,
        {"started_on": "2024-04-19"},
    ),
    (
        ["pair", "end", "--agency", "SO-NN", "--village", "GL-0001", "--on", "2025-06-30"],
        "pairings",
        "update",
        "SO-NN GL-0001 2024-03-01",
        {"ended_on": None},
        {"ended_on": "2025-06-30"},
    ),
    (
        ["pair", "edit", "1", "--lead", "Chị B"],
        "pairings",
        "update",
        "SO-NN GL-0001 2024-03-01",
        {"lead": None},
        {"lead": "Chị B"},
    ),
    (
        [
            "activity",
            "add",
            "--ref",
            "HD-9",
            "--agency",
            "SO-NN",
            "--village",
            "GL-0001",
            "--date",
            "2024-06-01",
            "--kind",
            "gifts",
            "--title",
            "Quà",
            "--value",
            "100",
        ],
        "activities",
        "insert",
        "HD-9",
        None,
        {"value_vnd": 100},
    ),
    (
        ["activity", "edit", "HD-1", "--value", "2.000.000"],
        "activities",
        "update",
        "HD-1",
        {"value_vnd": 1_000_000},
        {"value_vnd": 2_000_000},
    ),
    (["activity", "remove", "HD-1"], "activities", "delete", "HD-1", {"title": "Giếng"}, None),
    (
        ["visit", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-07-01"],
        "visits",
        "insert",
        "#2",
        None,
        {"date": "2024-07-01"},
    ),
    (
        ["visit", "edit", "1", "--resolved-on", "2024-09-01"],
        "visits",
        "update",
        "#1",
        {"resolved_on": None},
        {"resolved_on": "2024-09-01"},
    ),
    (["visit", "remove", "1"], "visits", "delete", "#1", {"aspirations": "Nước"}, None),
    (
        [
            "household",
            "add",
            "--village",
            "GL-0001",
            "--helper",
            "B",
            "--helped",
            "C",
            "--since",
            "2024-03-01",
        ],
        "households",
        "insert",
        "#2",
        None,
        {"helper": "B"},
    ),
    (
        ["household", "end", "1", "--on", "2025-01-01"],
        "households",
        "update",
        "#1",
        {"ended_on": None},
        {"ended_on": "2025-01-01"},
    ),
    (["household", "remove", "1"], "households", "delete", "#1", {"helper": "A"}, None),
    (
        ["inspection", "add", "--date", "2024-10-02", "--agency", "TD"],
        "inspections",
        "insert",
        "#2",
        None,
        {"date": "2024-10-02"},
    ),
    (
        ["inspection", "edit", "1", "--rating", "Khá"],
        "inspections",
        "update",
        "#1",
        {"rating": "good"},
        {"rating": "fair"},
    ),
    (["inspection", "remove", "1"], "inspections", "delete", "#1", {"rating": "good"}, None),
]


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    seed_basic(cli)
    cli("agency", "add", "--code", "X0", "--name", "Tạm")
    cli(
        "activity",
        "add",
        "--ref",
        "HD-1",
        "--agency",
        "SO-NN",
        "--village",
        "GL-0001",
        "--date",
        "2024-05-01",
        "--kind",
        "construction",
        "--title",
        "Giếng",
        "--value",
        "1000000",
    )
    cli(
        "visit",
        "add",
        "--agency",
        "SO-NN",
        "--village",
        "GL-0001",
        "--date",
        "2024-06-01",
        "--aspirations",
        "Nước",
    )
    cli(
        "household",
        "add",
        "--village",
        "GL-0001",
        "--helper",
        "A",
        "--helped",
        "B",
        "--since",
        "2024-03-01",
    )
    cli("inspection", "add", "--date", "2024-10-01", "--agency", "SO-NN", "--rating", "Tốt")
    return cli


@pytest.mark.parametrize(
    ("args", "kind", "action", "key", "before", "after"),
    WRITES,
    ids=[" ".join(w[0][:2]) for w in WRITES],
)
def test_every_write_is_in_the_history(
    seeded: Cli,
    args: list[str],
    kind: str,
    action: str,
    key: str,
    before: dict | None,
    after: dict | None,
) -> None:
    result = seeded.runner.invoke(
        __import__("ketnghia.cli.app", fromlist=["app"]).app,
        ["--db", seeded.url, "--actor", "Trần Thị Mai", *args],
    )
    assert result.exit_code == 0, result.stderr
    entry = last(seeded, kind)
    assert entry["actor"] == "Trần Thị Mai"
    assert entry["command"] == "ketnghia " + " ".join(args[:2])
    assert (entry["action"], entry["key"]) == (action, key)
    if before is None:
        assert entry["before"] is None
    else:
        assert {k: entry["before"][k] for k in before} == before
    if after is None:
        assert entry["after"] is None
    else:
        assert {k: entry["after"][k] for k in after} == after
    assert entry["at"][:4] >= "2025"


def test_actor_from_the_environment(seeded: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETNGHIA_ACTOR", "can-bo-ban-dan-van")
    seeded("agency", "edit", "TD", "--phone", "1")
    assert last(seeded, "agencies")["actor"] == "can-bo-ban-dan-van"


def _stored_entries(cli: Cli) -> list[tuple[str, str | None, str]]:
    """The audit trail's own rows (kind, key, action), without what history adds to them."""
    from sqlalchemy import select

    from ketnghia.db import Database
    from ketnghia.models import AuditEntry, table_of

    db = Database(cli.url)
    try:
        with db.session() as session:
            c = table_of(AuditEntry).c
            rows = session.execute(select(c.kind, c.record_key, c.action).order_by(c.id)).all()
            return [tuple(r) for r in rows]
    finally:
        db.close()


def test_import_writes_a_summary_and_audits_inserts_by_reference(
    seeded: Cli, tmp_path: Path
) -> None:
    import hashlib

    path = tmp_path / "agencies.csv"
    path.write_text(
        "code,name\nTD,Tỉnh đoàn Gia Lai (mới)\nNEW,Cơ quan mới\nSO-NN,"
        "Sở Nông nghiệp và Môi trường\n",
        encoding="utf-8",
    )
    stored = len(_stored_entries(seeded))
    seeded("import", str(path))
    summary = history(seeded, "--kind", "import")[-1]
    assert summary["key"] == "agencies.csv"
    assert summary["after"]["kinds"]["agencies"] == {
        "inserted": 1,
        "updated": 1,
        "unchanged": 1,
        "skipped": 0,
    }
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    assert summary["after"]["files"] == [{"file": "agencies.csv", "sha256": sha256}]
    # the trail holds the summary and the update; the inserted record names the summary
    added = _stored_entries(seeded)[stored:]
    assert added == [("import", "agencies.csv", "import"), ("agencies", "TD", "update")]
    by_key = {
        e["key"]: e
        for e in history(seeded, "--kind", "agencies")
        if e["command"] == "ketnghia import"
    }
    assert set(by_key) == {"TD", "NEW"}  # the unchanged one leaves no entry
    assert by_key["TD"]["before"]["name"] == "Tỉnh đoàn Gia Lai"
    assert by_key["TD"]["after"]["name"] == "Tỉnh đoàn Gia Lai (mới)"
    new = by_key["NEW"]
    assert new["action"] == "insert" and new["before"] is None
    assert new["after"]["name"] == "Cơ quan mới" and new["after"]["code"] == "NEW"
    assert new["import"] == {"id": summary["id"], "file": "agencies.csv"}
    assert (new["id"], new["at"], new["actor"]) == (
        summary["id"],
        summary["at"],
        summary["actor"],
    )
    assert history(seeded, "--key", "NEW")[0]["kind"] == "agencies"


def test_an_imported_record_shows_its_values_at_import_until_it_changes(
    seeded: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "agencies.csv"
    path.write_text("code,name,phone\nNEW,Cơ quan mới,111\n", encoding="utf-8")
    seeded("import", str(path))
    summary = history(seeded, "--kind", "import")[-1]
    seeded("agency", "edit", "NEW", "--phone", "222")
    seeded("agency", "edit", "NEW", "--name", "Cơ quan đổi tên")
    entries = history(seeded, "--key", "NEW")
    assert [e["action"] for e in entries] == ["insert", "update", "update"]
    created = entries[0]
    assert created["import"]["id"] == summary["id"]
    # its values then, not now: the later changes keep their before and after
    assert (created["after"]["phone"], created["after"]["name"]) == ("111", "Cơ quan mới")
    assert (entries[1]["before"]["phone"], entries[1]["after"]["phone"]) == ("111", "222")
    assert entries[2]["after"]["name"] == "Cơ quan đổi tên"
    table = seeded("history", "--key", "NEW").stdout
    assert f"created by import #{summary['id']} (agencies.csv" in table
    vi = seeded("history", "--key", "NEW", lang="vi").stdout
    assert f"thêm bởi lần nhập #{summary['id']} (agencies.csv" in vi


def test_a_removed_imported_record_keeps_its_import_in_the_history(
    seeded: Cli, tmp_path: Path
) -> None:
    """The record carried the id of the import that created it; removed, its delete entry
    keeps that id, and the history still shows the import with the values it brought."""
    path = tmp_path / "agencies.csv"
    path.write_text("code,name,phone\nNEW,Cơ quan mới,111\n", encoding="utf-8")
    seeded("import", str(path))
    summary = history(seeded, "--kind", "import")[-1]
    seeded("agency", "edit", "NEW", "--phone", "222")
    before = history(seeded, "--key", "NEW")
    seeded("agency", "remove", "NEW")
    entries = history(seeded, "--key", "NEW")
    assert [e["action"] for e in entries] == ["insert", "update", "delete"]
    assert entries[:2] == before  # the trail only grows
    created = entries[0]
    assert created["import"] == {"id": summary["id"], "file": "agencies.csv"}
    assert created["after"]["phone"] == "111"
    assert history(seeded, "--actor", summary["actor"], "--key", "NEW")[0] == created
    shown = seeded("history", "--key", "NEW", lang="vi").stdout
    assert "thêm bởi lần nhập #" in " ".join(shown.split()) and "_imported_by" not in shown


def test_a_bare_id_shows_an_imported_record_as_it_was_imported(seeded: Cli, tmp_path: Path) -> None:
    """`history --key 5` finds the record keyed #5, and its values at import, not today's."""
    path = tmp_path / "visits.csv"
    path.write_text(
        "agency_code,village_code,date,situation\nSO-NN,GL-0001,2024-07-01,Ổn định\n",
        encoding="utf-8",
    )
    seeded("import", str(path))
    rows = json.loads(seeded("visit", "list", "--format", "json").stdout)
    (visit,) = [r for r in rows if r["date"] == "2024-07-01"]
    seeded("visit", "edit", str(visit["id"]), "--situation", "Khó khăn")
    by_id = history(seeded, "--key", str(visit["id"]), "--kind", "visits")
    assert by_id == history(seeded, "--key", f"#{visit['id']}", "--kind", "visits")
    assert by_id[0]["action"] == "insert" and by_id[0]["after"]["situation"] == "Ổn định"


def test_failed_and_dry_run_imports_leave_no_audit_rows(seeded: Cli, tmp_path: Path) -> None:
    count = len(history(seeded))
    path = tmp_path / "agencies.csv"
    path.write_text("code,name\nOK,Cơ quan\nBAD,\n", encoding="utf-8")
    seeded("import", str(path), code=1)
    path.write_text("code,name\nOK,Cơ quan\n", encoding="utf-8")
    seeded("import", str(path), "--dry-run")
    seeded("agency", "add", "--code", "SO-NN", "--name", "trùng", code=1)  # a refused add
    assert len(history(seeded)) == count


def test_history_filters_and_table(seeded: Cli) -> None:
    seeded("agency", "edit", "TD", "--phone", "1")
    assert [e["action"] for e in history(seeded, "--key", "TD")] == ["insert", "update"]
    assert history(seeded, "--actor", "nobody-here") == []
    assert history(seeded, "--since", "2100-12-31") == []
    table = seeded("history", "--key", "TD", lang="vi").stdout
    assert "Nhật ký thay đổi" in table and "Điện thoại: ∅ → 1" in table


def test_supporters_and_cosigners_are_in_their_pairings_entries(cli: Cli) -> None:
    seed_basic(cli)
    pair = ["--agency", "SO-NN", "--village", "GL-0001"]
    count = len(history(cli))
    cli("pair", "edit", *pair, "--supporters", "TD")
    entry = last(cli, "pairings")
    assert len(history(cli)) == count + 1
    assert (entry["action"], entry["key"]) == ("update", "SO-NN GL-0001 2024-03-01")
    assert entry["before"]["supporters"] == [] and entry["after"]["supporters"] == ["TD"]
    cli("pair", "edit", *pair, "--note", "Ghi chú", "--supporters", "")
    entry = last(cli, "pairings")
    assert len(history(cli)) == count + 2  # one command, one entry with both changes
    assert entry["before"]["supporters"] == ["TD"] and entry["after"]["supporters"] == []
    assert entry["after"]["note"] == "Ghi chú"
    cli("pair", "edit", *pair, "--supporters", "")  # no change, no entry
    assert len(history(cli)) == count + 2

    cli("agency", "add", "--code", "P-AN", "--name", "UBND phường An Nhơn", "--kind", "locality")
    cli("locality", "add", "--agency", "P-AN", "--commune", "23866", "--since", "2025-08-22",
        "--cosigners", "TD")  # fmt: skip
    entry = last(cli, "localities")
    assert entry["action"] == "insert" and entry["after"]["cosigners"] == ["TD"]
    cli("locality", "edit", "--agency", "P-AN", "--commune", "23866", "--cosigners", "SO-NN;TD")
    entry = last(cli, "localities")
    assert entry["before"]["cosigners"] == ["TD"]
    assert entry["after"]["cosigners"] == ["SO-NN", "TD"]
    cli("locality", "remove", "--agency", "P-AN", "--commune", "23866")
    entry = last(cli, "localities")
    assert entry["action"] == "delete" and entry["before"]["cosigners"] == ["SO-NN", "TD"]
