"""`ketnghia visit resolve ID [--on DATE] [--note TEXT]`: a visit's aspirations resolved, as an
edit of its resolved-on date and note (the same rules, audited, refused in a locked year)."""

from __future__ import annotations

import datetime as dt
import json

from tests.conftest import Cli, audit_count, dump, seed, seed_basic


def _with_visit(cli: Cli) -> None:
    seed_basic(cli)
    cli(
        "visit", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-06-01",
        "--aspirations", "Đề nghị hỗ trợ giống cà phê", "--note", "Trưởng thôn tiếp",
    )  # fmt: skip
    cli("visit", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-07-01")


def _visit(cli: Cli, key: str = "1") -> dict:
    return json.loads(cli("visit", "show", key, "--format", "json").stdout)


def test_resolve_sets_the_date_and_adds_the_note(cli: Cli) -> None:
    seed(cli, _with_visit)
    open_before = json.loads(cli("visit", "list", "--open", "--format", "json").stdout)
    assert [v["id"] for v in open_before] == [1]
    entries = audit_count(cli.url)
    result = cli("visit", "resolve", "1", "--on", "20/09/2024", "--note", "Đã cấp 500 cây giống")
    assert result.stdout.strip() == "resolved the aspirations of visit #1 on 2024-09-20"
    visit = _visit(cli)
    assert visit["resolved_on"] == "2024-09-20"
    assert visit["note"] == "Trưởng thôn tiếp\nĐã cấp 500 cây giống"
    assert json.loads(cli("visit", "list", "--open", "--format", "json").stdout) == []
    assert audit_count(cli.url) == entries + 1
    entry = json.loads(cli("history", "--format", "json").stdout)[-1]
    assert entry["after"]["resolved_on"] == "2024-09-20"


def test_resolve_defaults_to_today_and_speaks_vietnamese(cli: Cli) -> None:
    seed(cli, _with_visit)
    result = cli("visit", "resolve", "1", lang="vi")
    today = dt.date.today().isoformat()
    shown = dt.date.today().strftime("%d/%m/%Y")  # a message's date as Vietnamese writes it
    assert "đã giải quyết nguyện vọng" in result.stdout and shown in result.stdout
    assert _visit(cli)["resolved_on"] == today
    assert _visit(cli)["note"] == "Trưởng thôn tiếp"  # no --note: the note is left as it was


def test_resolve_refusals_write_nothing(cli: Cli) -> None:
    seed(cli, _with_visit)
    before = dump(cli.url)
    result = cli("visit", "resolve", "1", "--on", "2024-05-01", code=1)
    assert "before the visit on 2024-06-01" in result.stderr  # the edit's own rule
    result = cli("visit", "resolve", "2", code=1)
    assert "visit #2 records no aspirations to resolve" in result.stderr
    result = cli("visit", "resolve", "2", code=1, lang="vi")
    assert "không ghi nguyện vọng" in result.stderr
    result = cli("visit", "resolve", "99", code=1)
    assert "99" in result.stderr
    result = cli("visit", "resolve", "1", "--on", "31/02/2024", code=1)
    assert "--on" in result.stderr
    assert dump(cli.url) == before


def test_resolve_is_refused_in_a_locked_year(cli: Cli) -> None:
    seed(cli, _with_visit)
    cli("report", "annual", "--year", "2024", "--file")
    before = dump(cli.url)
    result = cli("visit", "resolve", "1", "--on", "2024-09-20", code=1)
    assert "2024 is locked" in result.stderr
    assert dump(cli.url) == before
