"""Nothing garbage gets stored: values a report cannot add or another backend cannot store,
and codes that would look like other codes, are refused alike by commands and imports (exit
1, one line naming the field, or FILE:ROW:COLUMN, nothing written); options that are not
fields are checked by one checker; `db check` finds what older versions stored."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from ketnghia.db import target_to_url
from ketnghia.errors import InvalidValue
from ketnghia.schema import AGENCIES, VISITS
from ketnghia.services.fields import parse_field
from tests.conftest import Cli, dump, seed_basic

ACT = [
    "activity",
    "add",
    "--agency",
    "SO-NN",
    "--village",
    "GL-0001",
    "--kind",
    "gifts",
    "--title",
    "Quà",
]
ON_DATE = ["--date", "2024-05-01"]
NEW_AGENCY = ["agency", "add", "--name", "Cơ quan mới", "--code"]
NEW_VILLAGE = ["village", "add", "--code", "GL-0009", "--name", "Làng mới"]
STATS = ["village", "stats", "--village", "GL-0001", "--year", "2024"]
VISIT = ["visit", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-06-01"]

# The characters a code refuses, one per class: (character, what the message names).
CODE_CHARACTERS = [
    pytest.param("\u200b", "U+200B", id="zero-width-space"),
    pytest.param("\u200c", "U+200C", id="zwnj"),
    pytest.param("\u200d", "U+200D", id="zwj"),
    pytest.param("\u2060", "U+2060", id="word-joiner"),
    pytest.param("\ufeff", "U+FEFF", id="bom"),
    pytest.param("\u00ad", "U+00AD", id="soft-hyphen"),
    pytest.param("\u034f", "U+034F", id="combining-grapheme-joiner"),
    pytest.param("\u00a0", "U+00A0", id="no-break-space"),
    pytest.param("\u200e", "U+200E", id="bidi-lrm"),
    pytest.param("\u202e", "U+202E", id="bidi-rlo"),
    pytest.param("\u2066", "U+2066", id="bidi-isolate"),
    pytest.param("\u061c", "U+061C", id="bidi-alm"),
    pytest.param("\x01", "U+0001", id="control"),
    pytest.param("\x00", "U+0000", id="nul"),
    pytest.param("\u2010", "U+2010", id="look-alike-hyphen"),
    pytest.param("\uff11", "U+FF11", id="fullwidth-digit"),
    pytest.param("\u0422", "U+0422 CYRILLIC", id="cyrillic-letter"),
    pytest.param("\u03a4", "U+03A4 GREEK", id="greek-letter"),
]
# What text refuses: (field option, value, field, what the message names).
TEXT_CHARACTERS = [
    pytest.param("--title", "Quà\x00Tết", "title", "U+0000", id="nul"),
    pytest.param("--title", "Quà\x1bTết", "title", "U+001B", id="escape"),
    pytest.param("--title", "Quà\u202eTết", "title", "U+202E", id="bidi-override"),
    pytest.param("--title", "Quà\u2067Tết", "title", "U+2067", id="bidi-isolate"),
    pytest.param("--title", "Quà\nTết", "title", "U+000A", id="line-break-in-one-line-text"),
    pytest.param("--title", "Quà\tTết", "title", "U+0009", id="tab-in-one-line-text"),
    pytest.param("--unit", "k\u2028g", "unit", "U+2028", id="line-separator"),
    pytest.param("--note", "Ghi\x00chú", "note", "U+0000", id="nul-in-long-text"),
    pytest.param("--note", "Ghi\u200fchú", "note", "U+200F", id="bidi-in-long-text"),
]

BOUNDS = [
    # (command, the field the message names)
    pytest.param([*ACT, *ON_DATE, "--value", "1.000.000.000.000.001"], "value_vnd", id="money"),
    pytest.param([*ACT, *ON_DATE, "--value", "9223372036854775807"], "value_vnd", id="money-i64"),
    pytest.param([*ACT, *ON_DATE, "--value", "1" + "0" * 25], "value_vnd", id="money-128-bit"),
    pytest.param([*STATS, "--income-per-head", "1" + "0" * 16], "income_per_head", id="income"),
    pytest.param([*NEW_VILLAGE, "--households", "10000001"], "households", id="households"),
    pytest.param([*NEW_VILLAGE, "--poor-households", "10000001"], "poor_households", id="poor"),
    pytest.param([*NEW_VILLAGE, "--population", "99999999999999999999"], "population", id="pop"),
    pytest.param([*STATS, "--near-poor-households", "10000001"], "near_poor_households", id="np"),
    pytest.param([*VISIT, "--people-met", "10000001"], "people_met", id="people-met"),
    pytest.param(
        [*ACT, *ON_DATE, "--households-benefited", "10000001"],
        "households_benefited",
        id="households-benefited",
    ),
    pytest.param([*ACT, *ON_DATE, "--quantity", "1000000001"], "quantity", id="quantity"),
    pytest.param([*ACT, *ON_DATE, "--quantity", "1e300"], "quantity", id="quantity-huge-float"),
    pytest.param([*ACT, "--date", "31/12/1989"], "date", id="date-before-1990"),
    pytest.param([*ACT, "--date", "0001-01-01"], "date", id="date-year-one"),
    pytest.param(
        ["pair", "add", "--agency", "TD", "--village", "GL-0002", "--since", "2101-01-01"],
        "started_on",
        id="date-after-2100",
    ),
    pytest.param([*VISIT, "--resolved-on", "2101-01-01"], "resolved_on", id="resolved-on"),
    pytest.param(
        ["village", "stats", "--village", "GL-0001", "--year", "1989", "--households", "5"],
        "--year",
        id="stats-year",
    ),
]


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    seed_basic(cli)
    return cli


def refused(cli: Cli, args: list[str], name: str, *words: str) -> str:
    """Run a command that must be refused: exit 1, one line naming `name`, nothing written."""
    before = dump(cli.url)
    result = cli(*args, code=1)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    # named as the user typed it: the option given for the field `name`
    named = lines[0].removeprefix("error: ").split(": ", 1)[0]
    assert named == name or (named.startswith("--") and named in args), result.stderr
    for word in words:
        assert word in lines[0], result.stderr
    assert "unexpected" not in result.stderr
    assert dump(cli.url) == before
    return lines[0]


# -- commands ----------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "field"), BOUNDS)
def test_a_command_refuses_values_out_of_bounds(seeded: Cli, args: list[str], field: str) -> None:
    refused(seeded, args, field)


@pytest.mark.parametrize(("char", "named"), CODE_CHARACTERS)
def test_a_command_refuses_a_code_that_could_look_like_another(
    seeded: Cli, char: str, named: str
) -> None:
    refused(seeded, [*NEW_AGENCY, f"SO-N{char}N"], "code", named)
    refused(seeded, [*ACT, *ON_DATE, "--ref", f"HD{char}01"], "ref", named)
    refused(seeded, ["village", "edit", "GL-0001", "--code", f"GL{char}0001"], "code", named)


@pytest.mark.parametrize(("option", "value", "field", "named"), TEXT_CHARACTERS)
def test_a_command_refuses_control_and_bidi_characters_in_text(
    seeded: Cli, option: str, value: str, field: str, named: str
) -> None:
    args = [*ACT, *ON_DATE, option, value]
    if option == "--title":
        args = [*ACT[:-2], *ON_DATE, "--title", value]
    refused(seeded, args, field, named)


def test_the_limits_are_the_last_values_kept(seeded: Cli) -> None:
    last = [*ACT, "--date", "2100-12-31", "--households-benefited", "10000000"]
    refused(seeded, [*last, "--value", "1.000.000.000.000.001"], "value_vnd")
    refused(seeded, [*last, "--quantity", "1000000000.5"], "quantity")
    seeded(*last, "--value", "1.000.000.000.000.000", "--quantity", "1e9")
    [activity] = seeded.json("activity", "list")
    assert (activity["value_vnd"], activity["quantity"]) == (10**15, 10**9)
    assert activity["households_benefited"] == 10**7 and activity["date"] == "2100-12-31"
    refused(seeded, [*STATS, "--households", "10000001"], "households")
    seeded(*STATS, "--households", "10000000", "--income-per-head", "1000000000000000")


def test_long_text_keeps_the_line_breaks_that_one_line_text_refuses(seeded: Cli) -> None:
    note = "Dòng một\n\tdòng hai\r\nba"
    refused(seeded, [*NEW_VILLAGE[:-1], note], "name", "U+000A")
    seeded(*NEW_VILLAGE, "--note", note)
    assert seeded.json("village", "show", "GL-0009")["note"] == note


def test_vietnamese_letters_are_latin(seeded: Cli) -> None:
    refused(seeded, [*NEW_AGENCY, "SỞ-Đ\u0422 2"], "code", "U+0422")
    seeded(*NEW_AGENCY, "SỞ-ĐT 2")  # and the plain space is a character of codes
    assert seeded.json("agency", "show", "SỞ-ĐT 2")["code"] == "SỞ-ĐT 2"


# -- imports -----------------------------------------------------------------------------

ACT_HEAD = "agency_code,village_code,date,kind,title"
IMPORTS = [
    # (file name, content, where the problem is reported)
    pytest.param(
        "activities.csv",
        f"{ACT_HEAD},value_vnd\nSO-NN,GL-0001,2024-05-01,gifts,Quà,9223372036854775807\n",
        "activities.csv:2:value_vnd:",
        id="money",
    ),
    pytest.param(
        "activities.csv",
        f"{ACT_HEAD},quantity\nSO-NN,GL-0001,2024-05-01,gifts,Quà,1000000001\n",
        "activities.csv:2:quantity:",
        id="quantity",
    ),
    pytest.param(
        "activities.csv",
        f"{ACT_HEAD},households_benefited\nSO-NN,GL-0001,2024-05-01,gifts,Quà,10000001\n",
        "activities.csv:2:households_benefited:",
        id="households-benefited",
    ),
    pytest.param(
        "activities.csv",
        f"{ACT_HEAD}\nSO-NN,GL-0001,2024-05-01,gifts,Quà\nSO-NN,GL-0001,01/01/1900,gifts,Quà\n",
        "activities.csv:3:date: 1900-01-01 is not a date from 1990-01-01",
        id="date",
    ),
    pytest.param(
        "villages.csv",
        "Mã thôn,Tên thôn,Số hộ\nGL-0009,Làng mới,10.000.001\n",
        "villages.csv:2:Số hộ:",
        id="households-vietnamese-header",
    ),
    pytest.param(
        "visits.csv",
        "agency_code,village_code,date,people_met\nSO-NN,GL-0001,2024-06-01,10000001\n",
        "visits.csv:2:people_met:",
        id="people-met",
    ),
    pytest.param(
        "village_stats.csv",
        "village_code,year,households\nGL-0001,1989,5\n",
        "village_stats.csv:2:year:",
        id="year",
    ),
    pytest.param(
        "village_stats.csv",
        "village_code,year,income_per_head\nGL-0001,2024,10000000000000001\n",
        "village_stats.csv:2:income_per_head:",
        id="income",
    ),
    pytest.param(
        "pairings.csv",
        "agency_code,village_code,started_on\nTD,GL-0002,2101-01-01\n",
        "pairings.csv:2:started_on:",
        id="started-on",
    ),
    pytest.param(
        "agencies.csv",
        "code,name\nSO-NN,Sở\nSO-\u0422C,Sở Tài chính\n",
        "agencies.csv:3:code: mixes letters of two scripts",
        id="cyrillic-code",
    ),
    pytest.param(
        "agencies.csv",
        "code,name\nSO\u200bNN,Sở\n",
        "agencies.csv:2:code:",
        id="zero-width-code",
    ),
    pytest.param(
        "activities.csv",
        f"ref,{ACT_HEAD}\nHD\u202e01,SO-NN,GL-0001,2024-05-01,gifts,Quà\n",
        "activities.csv:2:ref:",
        id="bidi-ref",
    ),
    pytest.param(
        "villages.csv",
        "code,name\nGL-0009,Làng\x00mới\n",
        "villages.csv:2:name:",
        id="nul-in-text",
    ),
    pytest.param(
        "activities.csv",
        f'{ACT_HEAD}\nSO-NN,GL-0001,2024-05-01,gifts,"Quà\nTết"\n',
        "activities.csv:2:title:",
        id="line-break-in-title",
    ),
    pytest.param(
        "activities.json",
        json.dumps(
            [
                {
                    "agency_code": "SO-NN",
                    "village_code": "GL-0001",
                    "date": "2024-05-01",
                    "kind": "gifts",
                    "title": "Quà",
                    "value_vnd": 10**20,
                }
            ]
        ),
        "activities.json:1:value_vnd:",
        id="json-big-integer",
    ),
    pytest.param(
        "activities.jsonl",
        '{"agency_code": "SO-NN", "village_code": "GL-0001", "date": "2024-05-01",'
        ' "kind": "gifts", "title": "Quà", "quantity": NaN}\n',
        "activities.jsonl:1:quantity:",
        id="jsonl-nan",
    ),
    pytest.param(
        "villages.json",
        json.dumps([{"code": "GL-0009", "name": "Làng", "population": 2**64}]),
        "villages.json:1:population:",
        id="json-beyond-64-bits",
    ),
]


@pytest.mark.parametrize(("name", "content", "where"), IMPORTS)
def test_an_import_refuses_the_same_values(
    seeded: Cli, tmp_path: Path, name: str, content: str, where: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    before = dump(seeded.url)
    result = seeded("import", str(path), code=1)
    assert where in result.stderr, result.stderr
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    assert dump(seeded.url) == before


@pytest.mark.parametrize(("char", "named"), CODE_CHARACTERS)
def test_an_import_refuses_every_code_a_command_refuses(
    seeded: Cli, tmp_path: Path, char: str, named: str
) -> None:
    path = tmp_path / "agencies.csv"
    path.write_text(f"Mã cơ quan,Tên cơ quan\nSO-N{char}N,Sở\n", encoding="utf-8", newline="")
    before = dump(seeded.url)
    result = seeded("import", str(path), code=1)
    assert "agencies.csv:2:Mã cơ quan: " in result.stderr and named in result.stderr
    assert dump(seeded.url) == before


MAPPING_HEAD = (
    "old_province_code,old_province,old_district_code,old_district,old_commune_code,"
    "old_commune,new_commune_codes,new_communes,confidence\n"
)
MAPPING_ROW = "62,Tỉnh Kon Tum,610,Thành phố Kon Tum,{code},{name},23287,Phường Kon Tum,high\n"


@pytest.mark.parametrize(
    ("code", "name", "where"),
    [
        pytest.param("23287", "Phường Quang\x00Trung", "old_commune", id="nul-in-name"),
        pytest.param("23287", "Phường \u202eQuang Trung", "old_commune", id="bidi-in-name"),
        pytest.param("2328\u200b7", "Phường Quang Trung", "old_commune_code", id="invisible"),
    ],
)
def test_the_admin_mapping_import_refuses_them_too(
    seeded: Cli, tmp_path: Path, code: str, name: str, where: str
) -> None:
    path = tmp_path / "kon-tum.csv"
    good = MAPPING_ROW.format(code="23288", name="Phường Quyết Thắng")
    path.write_text(MAPPING_HEAD + good + MAPPING_ROW.format(code=code, name=name), "utf-8")
    before = dump(seeded.url)
    line = refused(seeded, ["admin", "import", str(path)], f"{path}:3:{where}", "U+")
    assert "unexpected" not in line
    assert dump(seeded.url) == before


@pytest.mark.parametrize(
    "args",
    [
        ["activity", "show", "99999999999999999999"],
        ["agency", "show", "99999999999999999999"],
        ["village", "edit", "2" * 30, "--name", "x"],
        ["pair", "show", "99999999999999999999"],
        ["household", "end", "4294967296"],
        ["inspection", "show", "99999999999999999999"],
        ["locality", "show", "99999999999999999999"],
        ["agency", "show", "²"],
    ],
    ids=lambda args: "-".join(args[:2]),
)
def test_an_id_beyond_any_record_is_not_found(seeded: Cli, args: list[str]) -> None:
    result = seeded(*args, code=1)
    assert result.stderr.startswith("error: no "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# -- the rule itself ---------------------------------------------------------------------

LOOK_ALIKES = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\u00a0\u200e\u202e\u2066\u061c\x00\x01"
CODE_ALPHABET = st.one_of(
    st.sampled_from(list("SONGL-0123 ĐỞơ" + LOOK_ALIKES + "\u0422\u03a4\u0301\u2010\uff11")),
    st.characters(),
)


def _script(ch: str) -> str:
    # letters Python's database gives no name (Tangut ideographs …) are one script "?", as
    # text.script counts them
    return unicodedata.name(ch, "?").split()[0]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=CODE_ALPHABET, max_size=12))
@example("\u0370A")  # a Greek letter before a Latin one
@example("A\u0422")  # a Cyrillic letter after a Latin one
def test_property_an_accepted_code_is_nfc_visible_and_of_one_script(raw: str) -> None:
    try:
        code = parse_field(AGENCIES, "code", raw)
    except InvalidValue:
        return
    if code is None:
        return
    assert unicodedata.is_normalized("NFC", code)
    for ch in code:
        category = unicodedata.category(ch)
        assert category[0] not in "CM", (code, ch)  # controls, format, unassigned, marks
        assert category[0] != "Z" or ch == " ", (code, ch)
        assert ch.isascii() or category[0] == "L", (code, ch)  # no look-alike digit or dash
    assert len({_script(ch) for ch in code if ch.isalpha()}) <= 1, code


BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(list("ab \t\n\r" + BIDI)), st.characters())))
def test_property_accepted_text_has_no_control_or_bidi_characters(raw: str) -> None:
    for kind, key, breaks in ((AGENCIES, "name", ""), (VISITS, "situation", "\t\n\r")):
        assert kind.field(key).multiline is bool(breaks)
        try:
            value = parse_field(kind, key, raw)
        except InvalidValue:
            continue
        for ch in value or "":
            assert ch not in BIDI, repr(value)
            assert ch in breaks or unicodedata.category(ch) not in ("Cc", "Cs", "Zl", "Zp")


# -- options that are not fields -----------------------------------------------------------

OPTIONS = [
    pytest.param(["report", "annual", "--year", "0"], "--year", id="report-year-0"),
    pytest.param(["report", "annual", "--year", "24"], "--year", id="report-year-24"),
    pytest.param(["report", "agency", "SO-NN", "--year", "2101"], "--year", id="agency-report"),
    pytest.param(["report", "review", "--from", "0", "--to", "2024"], "--from", id="review-from"),
    pytest.param(["report", "review", "--from", "2024", "--to", "9999"], "--to", id="review-to"),
    pytest.param(["lock", "0"], "YEAR", id="lock-0"),
    pytest.param(["unlock", "1989", "--reason", "x"], "YEAR", id="unlock"),
    pytest.param(["activity", "list", "--year", "24"], "--year", id="activity-list"),
    pytest.param(["visit", "list", "--year", "0"], "--year", id="visit-list"),
    pytest.param(["inspection", "list", "--year", "0"], "--year", id="inspection-list"),
    pytest.param(["pair", "list", "--year", "0"], "--year", id="pair-list"),
    pytest.param(["household", "list", "--year", "0"], "--year", id="household-list"),
    pytest.param(["locality", "list", "--year", "0"], "--year", id="locality-list"),
    pytest.param(["locality", "contributions", "--year", "0"], "--year", id="contributions"),
    pytest.param(["export", "activities", "--year", "0"], "--year", id="export-year"),
    pytest.param(["village", "stats", "--village", "GL-0001", "--year", "0"], "--year", id="st"),
    pytest.param(
        ["pair", "end", "--agency", "SO-NN", "--village", "GL-0001", "--on", "0001-01-01"],
        "--on",
        id="pair-end-on",
    ),
    pytest.param(
        ["pair", "show", "--agency", "SO-NN", "--village", "GL-0001", "--since", "1/1/1900"],
        "--started-on",
        id="pair-started-on",
    ),
    pytest.param(["activity", "list", "--from", "0001-01-01"], "--from", id="activity-from"),
    pytest.param(["activity", "list", "--to", "3000-01-01"], "--to", id="activity-to"),
    pytest.param(["history", "--since", "0001-01-01"], "--since", id="history-since"),
    pytest.param(["pair", "list", "--as-of", "1000-01-01"], "--as-of", id="pair-as-of"),
    pytest.param(
        ["report", "annual", "--year", "2024", "--as-of", "2200-01-01"], "--as-of", id="as-of"
    ),
    pytest.param(
        ["village", "move", "GL-0001", "--to", "Ia Me", "--on", "0001-01-01"], "--on", id="move"
    ),
    pytest.param(
        ["agency", "merge", "TD", "--into", "SO-NN", "--on", "0001-01-01"], "--on", id="merge"
    ),
    pytest.param(["household", "end", "1", "--on", "0001-01-01"], "--on", id="household-end"),
    pytest.param(["locality", "end", "1", "--on", "0001-01-01"], "--on", id="locality-end"),
    pytest.param(["admin", "list", "--as-of", "0001-01-01"], "--as-of", id="admin-as-of"),
]


@pytest.mark.parametrize(("args", "option"), OPTIONS)
def test_options_that_are_not_fields_are_checked_too(
    seeded: Cli, args: list[str], option: str
) -> None:
    line = refused(seeded, args, option)
    assert "1990" in line and "2100" in line


# -- db check ------------------------------------------------------------------------------


def _plant(url: str, *statements: str) -> None:
    """Write around the parsers, as an older version or a hand edit might have."""
    engine = create_engine(target_to_url(url))
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def test_db_check_finds_stored_values_out_of_bounds_and_bad_codes(seeded: Cli) -> None:
    seeded(*ACT, *ON_DATE, "--value", "5.000.000")
    seeded("db", "check")
    _plant(
        seeded.url,
        "UPDATE activities SET value_vnd = 9223372036854775807, quantity = 1e12",
        "UPDATE villages SET households = 20000000, poor_households = 1 WHERE code = 'GL-0001'",
        "INSERT INTO activities (pairing_id, date, kind, title, value_vnd)"
        " VALUES (1, '1900-01-01', 'gifts', 'Cũ', 1)",
        "INSERT INTO agencies (code, name, name_key, kind)"
        " VALUES ('SO-\u0422C', 'Sở Tài chính', 'so tai chinh', 'other')",
        "INSERT INTO agencies (code, name, name_key, kind)"
        " VALUES ('SO\u200bNN', 'Sở NN', 'so nn', 'other')",
        "UPDATE agencies SET note = 'a\u202eb' WHERE code = 'TD'",
        "UPDATE villages SET name = 'Làng\tƠ', name_key = 'lang\to' WHERE code = 'GL-0001'",
    )
    result = seeded("db", "check", "--format", "json", code=1)
    problems = json.loads(result.stdout)
    found = {(p["check"], p["table"], re.split("[ :]", p["detail"])[0]) for p in problems}
    assert {
        ("out_of_bounds", "activities", "value_vnd"),
        ("out_of_bounds", "activities", "quantity"),
        ("out_of_bounds", "activities", "date"),
        ("out_of_bounds", "villages", "households"),
        ("bad_characters", "agencies", "code"),
        ("bad_characters", "agencies", "note"),
        ("bad_characters", "villages", "name"),
    } <= found
    codes = [
        p["detail"]
        for p in problems
        if (p["check"], p["table"]) == ("bad_characters", "agencies")
        and p["detail"].startswith("code")
    ]
    assert len(codes) == 2, codes
    assert any("U+0422" in d for d in codes) and any("U+200B" in d for d in codes)
