"""Every rule of the spine is refused: exit 1, a one-line message naming the record,
no traceback, and nothing written."""

from __future__ import annotations

import pytest

from tests.conftest import Cli, dump, seed_basic


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    seed_basic(cli)
    cli(
        "activity",
        "add",
        "--agency",
        "SO-NN",
        "--village",
        "GL-0001",
        "--date",
        "2024-05-01",
        "--kind",
        "gifts",
        "--title",
        "Quà Tết",
        "--value",
        "5.000.000",
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
        "Nước sạch",
    )
    return cli


REFUSED = [
    # (command, words the message must contain)
    pytest.param(
        ["pair", "add", "--agency", "SO-NN", "--village", "GL-0001", "--since", "2024-06-01"],
        ["SO-NN", "GL-0001", "2024-03-01"],
        id="overlapping-pairing",
    ),
    pytest.param(
        [
            "pair",
            "add",
            "--agency",
            "SO-NN",
            "--village",
            "GL-0001",
            "--since",
            "2023-01-01",
            "--ended-on",
            "2024-03-01",
        ],
        ["SO-NN", "GL-0001"],
        id="overlap-on-the-boundary-day",
    ),
    pytest.param(
        [
            "pair",
            "add",
            "--agency",
            "TD",
            "--village",
            "GL-0002",
            "--since",
            "2024-05-01",
            "--ended-on",
            "2024-04-30",
        ],
        ["ended_on", "2024-04-30", "2024-05-01"],
        id="ended-before-started",
    ),
    pytest.param(
        ["pair", "add", "--agency", "NOPE", "--village", "GL-0002", "--since", "2024-05-01"],
        ["NOPE"],
        id="unknown-agency",
    ),
    pytest.param(
        ["pair", "add", "--agency", "TD", "--village", "GL-0404", "--since", "2024-05-01"],
        ["GL-0404"],
        id="unknown-village",
    ),
    pytest.param(
        [
            "pair",
            "add",
            "--agency",
            "TD",
            "--village",
            "GL-0002",
            "--since",
            "2024-05-01",
            "--supporters",
            "TD",
        ],
        ["TD", "supporters"],
        id="agency-supports-itself",
    ),
    pytest.param(
        [
            "activity",
            "add",
            "--agency",
            "SO-NN",
            "--village",
            "GL-0001",
            "--date",
            "2024-02-29",
            "--kind",
            "gifts",
            "--title",
            "Too early",
        ],
        ["SO-NN", "GL-0001", "2024-02-29"],
        id="activity-before-pairing",
    ),
    pytest.param(
        [
            "activity",
            "add",
            "--agency",
            "TD",
            "--village",
            "GL-0002",
            "--date",
            "2024-05-01",
            "--kind",
            "gifts",
            "--title",
            "No pairing",
        ],
        ["TD", "GL-0002"],
        id="activity-without-pairing",
    ),
    pytest.param(
        [
            "activity",
            "add",
            "--agency",
            "SO-NN",
            "--village",
            "GL-0001",
            "--date",
            "2024-05-02",
            "--kind",
            "gifts",
            "--title",
            "Negative",
            "--value",
            "-5000",
        ],
        ["value_vnd", "-5000"],
        id="negative-money",
    ),
    pytest.param(
        [
            "activity",
            "add",
            "--agency",
            "SO-NN",
            "--village",
            "GL-0001",
            "--date",
            "2024-05-02",
            "--kind",
            "gifts",
            "--title",
            "Bad money",
            "--value",
            "15.00.0",
        ],
        ["value_vnd", "15.00.0"],
        id="unreadable-money",
    ),
    pytest.param(
        [
            "activity",
            "add",
            "--agency",
            "SO-NN",
            "--village",
            "GL-0001",
            "--date",
            "2024-05-02",
            "--kind",
            "gifts",
            "--title",
            "Neg",
            "--households-benefited",
            "-3",
        ],
        ["households_benefited"],
        id="negative-count",
    ),
    pytest.param(
        [
            "activity",
            "add",
            "--agency",
            "SO-NN",
            "--village",
            "GL-0001",
            "--date",
            "2024-05-02",
            "--kind",
            "party",
            "--title",
            "Unknown kind",
        ],
        ["kind", "party"],
        id="unknown-activity-kind",
    ),
    pytest.param(
        [
            "activity",
            "add",
            "--agency",
            "SO-NN",
            "--village",
            "GL-0001",
            "--date",
            "2024-05-01",
            "--kind",
            "quà tặng",
            "--title",
            "Quà Tết",
        ],
        ["SO-NN", "GL-0001", "2024-05-01"],
        id="activity-natural-key-exists",
    ),
    pytest.param(
        ["visit", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-06-01"],
        ["SO-NN", "GL-0001", "2024-06-01"],
        id="visit-natural-key-exists",
    ),
    pytest.param(
        ["visit", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2023-12-31"],
        ["SO-NN", "GL-0001", "2023-12-31"],
        id="visit-outside-pairing",
    ),
    pytest.param(
        [
            "visit",
            "add",
            "--agency",
            "SO-NN",
            "--village",
            "GL-0001",
            "--date",
            "2024-07-01",
            "--resolved-on",
            "2024-06-30",
        ],
        ["resolved_on", "2024-06-30"],
        id="resolved-before-visit",
    ),
    pytest.param(
        [
            "visit",
            "add",
            "--agency",
            "SO-NN",
            "--village",
            "GL-0001",
            "--date",
            "2024-07-01",
            "--people-met",
            "-1",
        ],
        ["people_met"],
        id="negative-people-met",
    ),
    pytest.param(
        ["village", "add", "--code", "GL-0009", "--name", "Làng Mới", "--households", "-10"],
        ["households", "-10"],
        id="negative-households",
    ),
    pytest.param(
        [
            "village",
            "add",
            "--code",
            "GL-0009",
            "--name",
            "Làng Mới",
            "--households",
            "10",
            "--poor-households",
            "11",
        ],
        ["poor_households", "11", "10"],
        id="more-poor-than-households",
    ),
    pytest.param(
        ["village", "add", "--code", "GL-0001", "--name", "Trùng mã"],
        ["GL-0001"],
        id="duplicate-village-code",
    ),
    pytest.param(
        ["agency", "add", "--code", "SO-NN", "--name", "Trùng"],
        ["SO-NN"],
        id="duplicate-agency-code",
    ),
    pytest.param(
        ["agency", "add", "--code", "X1"],
        ["name"],
        id="missing-required-name",
    ),
    pytest.param(
        ["agency", "add", "--code", "X1", "--name", "Đơn vị X", "--kind", "ministry"],
        ["kind", "ministry"],
        id="unknown-agency-kind",
    ),
    pytest.param(
        ["agency", "remove", "SO-NN"],
        ["SO-NN", "1 pairings"],
        id="remove-referenced-agency",
    ),
    pytest.param(
        ["village", "remove", "GL-0001"],
        ["GL-0001", "1 pairings"],
        id="remove-referenced-village",
    ),
    pytest.param(
        ["pair", "remove", "--agency", "SO-NN", "--village", "GL-0001"],
        ["1 activities", "1 visits"],
        id="remove-pairing-with-records",
    ),
    pytest.param(
        ["pair", "end", "--agency", "SO-NN", "--village", "GL-0001", "--on", "2024-05-15"],
        ["SO-NN", "GL-0001", "2024-05-15", "2024-06-01"],
        id="end-before-later-records",
    ),
    pytest.param(
        ["pair", "end", "--agency", "SO-NN", "--village", "GL-0001", "--on", "2024-02-01"],
        ["2024-02-01", "2024-03-01"],
        id="end-before-start",
    ),
    pytest.param(
        [
            "household",
            "add",
            "--village",
            "GL-0001",
            "--helper",
            "Nguyễn Văn An",
            "--helped",
            "Rơ Châm",
            "--since",
            "2024-03-01",
            "--ended-on",
            "2024-01-01",
        ],
        ["ended_on"],
        id="household-ended-before-started",
    ),
    pytest.param(
        ["inspection", "add", "--date", "2024-10-01", "--agency", "NOPE"],
        ["NOPE"],
        id="inspection-unknown-agency",
    ),
    pytest.param(
        ["activity", "edit", "1", "--date", "2023-01-01"],
        ["SO-NN", "GL-0001", "2023-01-01"],
        id="edit-activity-out-of-pairing",
    ),
    pytest.param(
        ["agency", "add", "--code", "X1", "--name", "Đơn vị X", "--phone", "1", "--level", "ward"],
        ["level", "ward"],
        id="unknown-level",
    ),
]


@pytest.mark.parametrize(("args", "words"), REFUSED)
def test_rule_refused(seeded: Cli, args: list[str], words: list[str]) -> None:
    before = dump(seeded.url)
    result = seeded(*args, code=1)
    message = result.stderr.strip()
    assert message.startswith("error: "), message
    assert len(message.splitlines()) == 1, message
    assert "Traceback" not in result.output
    named = message.removeprefix("error: ").split(": ", 1)[0]
    for word in words:
        # a field's key (ended_on): the error names the option the command was given for it
        field = "_" in word and named.startswith("--") and named in args
        assert word in message or field, f"{word!r} not in {message!r}"
    assert dump(seeded.url) == before


def test_second_pairing_after_the_first_ended(seeded: Cli) -> None:
    """The overlap rule allows a new pairing once the old one has ended (re-made pairing)."""
    seeded("pair", "end", "--agency", "SO-NN", "--village", "GL-0001", "--on", "2024-08-31")
    seeded("pair", "add", "--agency", "SO-NN", "--village", "GL-0001", "--since", "2024-09-01")
    rows = seeded.json("pair", "list", "--agency", "SO-NN")
    assert [(r["started_on"], r["ended_on"]) for r in rows] == [
        ("2024-03-01", "2024-08-31"),
        ("2024-09-01", None),
    ]
    # an activity now goes to the pairing active on its date
    seeded(
        "activity",
        "add",
        "--agency",
        "SO-NN",
        "--village",
        "GL-0001",
        "--date",
        "2024-09-10",
        "--kind",
        "health",
        "--title",
        "Khám bệnh",
    )
    # two pairings: show needs to know which one; today it is the open one
    shown = seeded.json("pair", "show", "--agency", "SO-NN", "--village", "GL-0001")
    assert shown["started_on"] == "2024-09-01"
    # ending the first again is refused: it has already ended
    result = seeded("pair", "end", "1", "--on", "2024-08-01", code=1)
    assert "2024-08-31" in result.stderr


def test_ambiguous_name_lists_candidates(seeded: Cli) -> None:
    seeded("village", "add", "--code", "GL-0010", "--name", "Làng Ơ Mới")
    before = dump(seeded.url)
    result = seeded(
        "pair", "add", "--agency", "TD", "--village", "lang o", "--since", "2024-05-01", code=None
    )
    # "lang o" is exactly the name of GL-0001, so it is not ambiguous
    assert result.exit_code == 0, result.stderr
    result = seeded("visit", "list", "--village", "lang", code=1)
    assert "GL-0001" in result.stderr and "GL-0010" in result.stderr
    assert "Làng Ơ Mới" in result.stderr
    assert dump(seeded.url) != before  # only the pairing above was written


def test_unexpected_errors_are_one_line_and_debug_shows_traceback(seeded: Cli) -> None:
    result = seeded("agency", "show", "NOPE", code=1)
    assert result.stderr.strip() == "error: no agency 'NOPE'"
    result = seeded.runner.invoke(
        __import__("ketnghia.cli.app", fromlist=["app"]).app,
        ["--db", seeded.url, "--debug", "agency", "show", "NOPE"],
    )
    assert result.exit_code == 1
    assert result.exception is not None and type(result.exception).__name__ == "NotFound"


def test_bad_usage_is_exit_2(seeded: Cli) -> None:
    result = seeded("pair", "list", "--format", "yaml", code=2)
    assert "yaml" in result.output
    seeded("no-such-command", code=2)


def test_every_reference_to_an_agency_or_a_village_is_named() -> None:
    from ketnghia.models import metadata
    from ketnghia.services.registers import REFERRING, REMOVED_WITH

    pointing = {
        (table.name, fk.parent.name)
        for table in metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column.table.name in ("agencies", "villages")
    }
    assert pointing == set(REFERRING) | REMOVED_WITH


def test_removal_refused_names_cosigned_localities_and_village_figures(cli: Cli) -> None:
    seed_basic(cli)
    cli("agency", "add", "--code", "P-AN", "--name", "UBND phường An Nhơn", "--kind", "locality")
    cli("locality", "add", "--agency", "P-AN", "--commune", "23866", "--since", "2025-08-22",
        "--cosigners", "TD")  # fmt: skip
    cli("village", "stats", "--village", "GL-0003", "--year", "2024", "--households", "50")
    before = dump(cli.url)
    agency = cli("agency", "remove", "TD", code=1)
    assert "1 locality pairings it co-signed" in agency.stderr
    village = cli("village", "remove", "GL-0003", code=1)
    assert "1 village figures (years)" in village.stderr
    assert "FOREIGN KEY" not in agency.stderr + village.stderr
    assert dump(cli.url) == before
