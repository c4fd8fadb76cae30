"""Errors name what the user types: a command's error names the option as it is typed (`--since`,
not `started_on`), and a value that is none of the choices lists them by their labels in the
user's language and suggests the closest."""

from __future__ import annotations

import importlib
import json

import pytest
import typer

from ketnghia.cli.app import app
from ketnghia.schema import ACTIVITY_KINDS, CHOICE_ALIASES, CHOICES, Field
from ketnghia.values import parse_choice
from tests.bad_input import Before, refused
from tests.conftest import Cli, dump, seed_basic

ADD_GROUPS = (
    "agency",
    "village",
    "pair",
    "activity",
    "household",
    "visit",
    "inspection",
    "locality",
)
SAMPLE = {
    "code": "X-1",
    "text": "Một",
    "agency": "SO-NN",
    "village": "GL-0001",
    "commune": "Ia Krêl",
    "date": "2024-05-01",
    "int": "1",
    "year": "2024",
    "money": "1000",
    "number": "1",
}


def _sample(f: Field) -> str:
    if f.type == "choice":
        return next(iter(CHOICES[f.choices or ""]))
    return SAMPLE[f.type]


def _options_of(group: str) -> dict[str, list[str]]:
    """The add command's options for each field (from the command as Click sees it)."""
    command = typer.main.get_command(app).commands[group].commands["add"]  # type: ignore[attr-defined]
    return {
        p.name[len("field__") :]: [*p.opts, *p.secondary_opts]
        for p in command.params
        if p.name and p.name.startswith("field__")
    }


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_missing_field_is_named_by_its_option_in_every_add_command(cli: Cli, lang: str) -> None:
    required_word = {"vi": "không được để trống", "en": "is required"}[lang]
    checked = 0
    for group in ADD_GROUPS:
        kind = importlib.import_module(f"ketnghia.cli.{group}").COMMANDS.kind
        options = _options_of(group)
        required = [f for f in kind.input_fields if f.required]
        assert required, group
        for missing in required:
            given = [
                item
                for f in required
                if f is not missing
                for item in (options[f.key][0], _sample(f))
            ]
            err = cli(group, "add", *given, code=1, lang=lang).stderr.strip()
            names = options[missing.key]
            said = err.split(": ", 2)[1]
            assert said in names, (group, missing.key, err)
            assert said == min(names, key=len)
            assert err.endswith(required_word), err
            if "--" + missing.key.replace("_", "-") not in names:
                assert missing.key not in err, err
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize("group", ADD_GROUPS)
def test_every_missing_field_is_named_at_once(cli: Cli, group: str) -> None:
    """An add given none of its required fields names them all in one line, in the order of
    the fields: one round trip, not one per option."""
    kind = importlib.import_module(f"ketnghia.cli.{group}").COMMANDS.kind
    options = _options_of(group)
    expected = ", ".join(min(options[f.key], key=len) for f in kind.input_fields if f.required)
    before = Before(cli.url)
    result = cli(group, "add", code=None, lang="vi")
    refused(result, before)
    assert result.stderr.strip() == f"lỗi: {expected}: không được để trống"


def test_pair_add_without_since_names_since_and_a_typed_name_is_kept(cli: Cli) -> None:
    seed_basic(cli)
    before = dump(cli.url)
    err = cli("pair", "add", "--agency", "SO-NN", "--village", "GL-0002", code=1).stderr
    assert err.strip() == "error: --since: is required"
    err = cli(
        "pair", "add", "--agency", "SO-NN", "--village", "GL-0002", "--started-on", " ",
        code=1, lang="vi",
    ).stderr  # fmt: skip
    assert err.strip() == "lỗi: --started-on: không được để trống"
    err = cli(
        "activity", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-05-01",
        "--kind", "construction", "--title", "Giếng", "--value=-5",
        code=1,
    ).stderr  # fmt: skip
    assert err.startswith("error: --value: ")
    assert dump(cli.url) == before


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_bad_choice_lists_the_labels_and_suggests_the_closest(cli: Cli, lang: str) -> None:
    seed_basic(cli)
    before = dump(cli.url)
    position = 0 if lang == "vi" else 1
    base = ["activity", "add", "--agency", "SO-NN", "--village", "GL-0001"]
    base += ["--date", "2024-05-01", "--title", "Giếng"]
    err = cli(*base, "--kind", "cong trinhh", code=1, lang=lang).stderr.strip()
    labels = ", ".join(pair[position] for pair in ACTIVITY_KINDS.values())
    choose = {"vi": "chọn", "en": "choose"}[lang]
    assert "--kind: 'cong trinhh'" in err
    assert f"{choose}: {labels}" in err
    assert err.endswith(f"{ACTIVITY_KINDS['construction'][position]}?"), err
    assert "production, gifts" not in err  # the codes are not the list
    # a code misspelt is a near miss too; a value far from all has no suggestion
    err = cli(*base, "--kind", "contruction", code=1, lang=lang).stderr.strip()
    assert err.endswith(f"{ACTIVITY_KINDS['construction'][position]}?"), err
    err = cli(*base, "--kind", "zzz", code=1, lang=lang).stderr.strip()
    assert err.endswith(labels), err
    assert dump(cli.url) == before


def test_an_import_names_the_column_as_written_and_lists_labels(cli: Cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed_basic(cli)
    before = dump(cli.url)
    path = tmp_path / "activities.csv"
    path.write_text(
        "Mã cơ quan,Mã thôn,Ngày,Loại hoạt động,Nội dung\n"
        "SO-NN,GL-0001,2024-05-01,cong trinhh,Giếng\n",
        encoding="utf-8",
    )
    err = cli("import", str(path), code=1, lang="vi").stderr
    assert ":2:Loại hoạt động: 'cong trinhh' không có trong danh sách; chọn: Công trình" in err
    assert "có phải: Công trình?" in err
    assert dump(cli.url) == before


def test_an_edit_option_of_its_own_is_named_as_typed(cli: Cli) -> None:
    """`pair edit --new-started-on` gives the pairing's start: its errors name that option."""
    seed_basic(cli)
    before = Before(cli.url)
    result = cli("pair", "edit", "1", "--new-started-on", "1980-01-01", code=None)
    refused(result, before, names=["--new-started-on"])


def test_the_words_officers_use_for_a_choice_are_taken_and_suggested(cli: Cli) -> None:
    """ "xây dựng" (typed "xay dung") is a work built: taken as Công trình in a command and in a
    file; a slip of it is told the label it comes closest to."""
    seed_basic(cli)
    base = ("activity", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-05-01")
    cli(*base, "--kind", "xay dung", "--title", "Nhà văn hóa", "--source", "Ngân sách")
    rows = json.loads(cli("activity", "list", "--format", "json").stdout)
    assert [(r["kind"], r["source"]) for r in rows] == [("construction", "state")]
    err = cli(*base, "--kind", "xay dug", "--title", "x", code=1, lang="vi").stderr.strip()
    assert err.endswith("có phải: Công trình?"), err
    # an alias names one choice of its own family, never another's label or code
    for family, aliases in CHOICE_ALIASES.items():
        for code, names in aliases.items():
            assert code in CHOICES[family]
            for name in names:
                assert parse_choice(name, CHOICES[family]) == code


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "lỗi: --on: ngày kết thúc 01/01/2024 trước ngày bắt đầu 01/03/2024"),
        ("en", "error: --on:"),
    ],
)
def test_an_end_before_the_start_names_on_and_writes_dates_as_the_language_does(
    cli: Cli, lang: str, expected: str
) -> None:
    seed_basic(cli)
    before = Before(cli.url)
    result = cli(
        "pair", "end", "--agency", "SO-NN", "--village", "GL-0001", "--on", "2024-01-01",
        code=None, lang=lang,
    )  # fmt: skip
    refused(result, before)
    assert result.stderr.startswith(expected), result.stderr
    if lang == "en":
        assert "2024-01-01" in result.stderr and "2024-03-01" in result.stderr
