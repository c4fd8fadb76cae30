"""Listings read at 80 and 100 columns: the record's own text gets the width and wraps between
words, codes, dates and money keep theirs; --columns picks and orders the columns."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Cli, seed_basic

ASPIRATION = "Đề nghị hỗ trợ sửa đường vào khu sản xuất và nước sạch mùa khô"  # 62 chars


def _words_in_order(table: str, text: str) -> bool:
    """`text` shown whole, maybe across wrapped lines (its words in order)."""
    flat = " ".join(table.split())
    return all(word in flat for word in text.split()) and " ".join(text.split()) in " ".join(
        w for w in flat.split() if w in text.split()
    )


@pytest.mark.parametrize("width", [80, 100])
def test_open_visits_show_the_aspiration_whole(
    cli: Cli, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_basic(cli)
    cli(
        "visit", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-05-01",
        "--aspirations", ASPIRATION,
    )  # fmt: skip
    monkeypatch.setenv("COLUMNS", str(width))
    table = cli("visit", "list", "--open").stdout
    lines = table.splitlines()
    assert max(len(line) for line in lines) <= width
    assert _words_in_order(table, ASPIRATION), table
    assert "2024-05-01" in table and "SO-NN" in table and "GL-0001" in table


def test_activity_list_at_100_columns_shows_kind_title_and_source(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_basic(cli)
    cli(
        "activity", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-05-01",
        "--kind", "construction", "--title", "Khoan giếng nước sạch cho làng",
        "--value", "45.000.000", "--source", "state",
    )  # fmt: skip
    monkeypatch.setenv("COLUMNS", "100")
    table = cli("activity", "list").stdout
    assert max(len(line) for line in table.splitlines()) <= 100
    for shown in ("Construction", "45,000,000", "2024-05-01", "SO-NN"):
        assert shown in table, table
    assert _words_in_order(table, "Khoan giếng nước sạch cho làng"), table
    assert _words_in_order(table, "State budget"), table


@pytest.mark.parametrize("group", ["pair", "village"])
def test_pair_and_village_lists_fit_80_columns(
    cli: Cli, group: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_basic(cli)
    monkeypatch.setenv("COLUMNS", "80")
    table = cli(group, "list").stdout
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "GL-0001" in table


def test_a_narrow_listing_of_coded_records_gives_the_id_width_to_the_names(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_basic(cli)
    headings = {}
    for width in (80, 120):
        monkeypatch.setenv("COLUMNS", str(width))
        table = cli("village", "list").stdout
        headings[width] = next(line for line in table.splitlines() if "Code" in line).split()
    assert "ID" not in headings[80] and "Code" in headings[80]
    assert "ID" in headings[120]


def test_columns_pick_and_order_the_columns(cli: Cli) -> None:
    seed_basic(cli)
    rows = json.loads(cli("village", "list", "--columns", "name,code", "--format", "json").stdout)
    assert rows and all(list(row) == ["name", "code"] for row in rows)
    table = cli("pair", "list", "--columns", "village,agency_code").stdout
    heading = next(line for line in table.splitlines() if "Agency" in line)
    assert heading.index("Village") < heading.index("Agency")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_unknown_column_is_one_line_listing_the_valid_ones(cli: Cli, lang: str) -> None:
    seed_basic(cli)
    result = cli("activity", "list", "--columns", "title,nope", code=1, lang=lang)
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1
    assert "--columns" in err and "'nope'" in err and "value_vnd" in err
    assert result.stdout == ""


def test_a_narrow_listing_says_a_shared_code_once_and_leaves_out_empty_columns(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80 columns `activity list --agency X` gives the title its width: the agency every
    row shares is said in the heading, a column empty in every row (ref) is left out, and the
    title is broken only between words."""
    seed_basic(cli)
    title = "Tặng cây giống cà phê cho hộ nghèo của làng"
    for day in ("2024-05-01", "2024-06-01"):
        cli(
            "activity", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", day,
            "--kind", "production", "--title", title, "--value", "19.000.000",
            "--source", "community", "--households-benefited", "26",
        )  # fmt: skip
    monkeypatch.setenv("COLUMNS", "80")
    table = cli("activity", "list", "--agency", "SO-NN", lang="vi").stdout
    assert table.splitlines()[0].startswith("Hoạt động — Mã cơ quan: SO-NN"), table
    assert max(len(line) for line in table.splitlines()) <= 80
    words = set(" ".join(table.split()).split())
    assert set(title.split()) <= words, table  # no word of the title cut in two
    assert "Mã hoạt động" not in " ".join(table.split())  # the empty ref column
    monkeypatch.setenv("COLUMNS", "160")
    wide = cli("activity", "list", "--agency", "SO-NN", lang="vi").stdout
    assert "—" not in wide.splitlines()[0]  # a wide terminal shows every column as it is


def test_the_annual_report_reads_at_80_columns(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 80 columns the report's tables drop their borders and bars, keep codes, dates and
    numbers whole (headings broken between words instead) and give the rest to the names."""
    import re

    from tests.conftest import demo_province, seed

    seed(cli, demo_province)
    report = cli.json("report", "annual", "--year", "2024")
    monkeypatch.setenv("COLUMNS", "80")
    table = cli("report", "annual", "--year", "2024", lang="vi").stdout
    lines = table.splitlines()
    assert max(len(line) for line in lines) <= 80
    shown = " ".join(table.split())
    for row in report["outcomes"]["by_village"][:10]:  # the poverty table: code and name
        assert row["village_code"] in shown and row["village"].split()[-1] in shown
    for row in report["by_agency"]:
        assert re.search(rf"(^|\s){re.escape(row['agency_code'])}\s", table), row["agency_code"]
    assert "█" not in table  # bars need the width the names have not got
    monkeypatch.setenv("COLUMNS", "160")
    assert "█" in cli("report", "annual", "--year", "2024", lang="vi").stdout
