"""The settings file (ketnghia config): option > environment > config file > default for the
database, the language, the actor and the Word report's letterhead; set, show, unset and path;
a broken file or a bad value refused in one line that names the file and the line."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from ketnghia.cli.app import app
from ketnghia.cli.report import _letterhead
from ketnghia.db import default_sqlite_path, is_default_target, target_to_url
from ketnghia.i18n import detect_lang
from ketnghia.settings import tomllib
from tests.conftest import Cli, demo_province, seed

BAN = "Ban Tuyên giáo và Dân vận"
SETTING_ENVS = ["KETNGHIA_DB", "KETNGHIA_LANG", "KETNGHIA_ACTOR", "KETNGHIA_ISSUER"]
SETTING_ENVS += ["KETNGHIA_ISSUER_PARENT", "KETNGHIA_ISSUER_SHORT", "KETNGHIA_PLACE"]
SETTING_ENVS += ["KETNGHIA_SIGNER", "KETNGHIA_SIGNER_TITLE", "KETNGHIA_RECIPIENTS"]


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A settings file of this test's own (not there yet), and no setting in the environment."""
    path = tmp_path / "cau-hinh" / "config.toml"
    monkeypatch.setenv("KETNGHIA_CONFIG", str(path))
    for name in SETTING_ENVS:
        monkeypatch.delenv(name, raising=False)
    return path


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def ok(*args: str):  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result


def refused_in_one_line(result, *expected: str) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, (result.stdout, result.stderr, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


# precedence


def test_db_option_beats_env_beats_file_beats_default(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def url(name: str) -> str:
        return "sqlite:///" + (tmp_path / name).resolve().as_posix()

    assert target_to_url(None) == "sqlite:///" + default_sqlite_path().resolve().as_posix()
    assert is_default_target(None)
    ok("config", "set", "db", str(tmp_path / "file.db"))
    assert target_to_url(None) == url("file.db")
    assert not is_default_target(None)
    monkeypatch.setenv("KETNGHIA_DB", str(tmp_path / "env.db"))
    assert target_to_url(None) == url("env.db")
    assert target_to_url(str(tmp_path / "option.db")) == url("option.db")


def test_a_relative_db_in_the_file_is_beside_the_file(config: Path) -> None:
    config.parent.mkdir()
    config.write_text('db = "so-ket-nghia.db"\n', encoding="utf-8")
    expected = (config.parent / "so-ket-nghia.db").resolve()
    assert target_to_url(None) == "sqlite:///" + expected.as_posix()


def test_commands_use_the_database_the_file_names(config: Path, sqlite_path: Path) -> None:
    ok("config", "set", "db", str(sqlite_path))
    ok("--lang", "en", "agency", "add", "--code", "TG", "--name", BAN)
    listed = json.loads(ok("--db", str(sqlite_path), "agency", "list", "-f", "json").stdout)
    assert [a["name"] for a in listed] == [BAN]


def test_lang_option_beats_env_beats_file_beats_default(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(name, "en_US.UTF-8")
    assert detect_lang(None) == "en"
    ok("config", "set", "lang", "vi")
    assert detect_lang(None) == "vi"
    # what a user sees: the file's language, without --lang
    assert run("config", "unset", "no_such_key").stderr.startswith("lỗi:")
    monkeypatch.setenv("KETNGHIA_LANG", "en")
    assert detect_lang(None) == "en"
    assert detect_lang("vi") == "vi"


def test_actor_from_the_file(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ketnghia import acting

    ok("config", "set", "actor", "Nguyễn Văn Bình")
    acting.set_actor(None)
    assert acting.actor() == "Nguyễn Văn Bình"
    monkeypatch.setenv("KETNGHIA_ACTOR", "Trần Thị Hoa")
    acting.set_actor(None)
    assert acting.actor() == "Trần Thị Hoa"
    acting.set_actor("Lê Văn Tám")
    assert acting.actor() == "Lê Văn Tám"


def _head(**given: object):  # type: ignore[no-untyped-def]
    options: dict[str, object] = dict.fromkeys(
        ["issuer", "issuer_parent", "issuer_short", "place", "made_on", "signer"]
    )
    options.update(signer_title=None, recipients=None)
    options.update(given)
    return _letterhead(**options)


def test_letterhead_option_beats_env_beats_file_beats_default(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = _head()
    assert default.issuer and default.signer == ""
    ok("config", "set", "issuer", BAN)
    ok("config", "set", "signer", "Nguyễn Văn Bình")
    ok("config", "set", "recipients", "Thường trực Tỉnh ủy", "Lưu VT")
    from_file = _head()
    assert (from_file.issuer, from_file.signer) == (BAN, "Nguyễn Văn Bình")
    assert list(from_file.recipients) == ["Thường trực Tỉnh ủy", "Lưu VT"]
    assert from_file.place == default.place  # a setting the file leaves out keeps its default
    monkeypatch.setenv("KETNGHIA_ISSUER", "Ban Dân vận")
    monkeypatch.setenv("KETNGHIA_RECIPIENTS", "Như trên; Lưu")
    from_env = _head()
    assert (from_env.issuer, from_env.signer) == ("Ban Dân vận", "Nguyễn Văn Bình")
    assert list(from_env.recipients) == ["Như trên", "Lưu"]
    from_option = _head(issuer="Ban Tổ chức", recipients=["Ban Thường vụ"])
    assert from_option.issuer == "Ban Tổ chức"
    assert list(from_option.recipients) == ["Ban Thường vụ"]


def test_the_word_report_takes_its_letterhead_from_the_file(
    config: Path, cli: Cli, tmp_path: Path
) -> None:
    seed(cli, demo_province)
    ok("config", "set", "issuer", BAN)
    ok("config", "set", "issuer_parent", "Tỉnh ủy Gia Lai")
    ok("config", "set", "place", "Pleiku")
    ok("config", "set", "signer", "Nguyễn Văn Bình")
    ok("config", "set", "signer_title", "K/T Trưởng ban", "Phó Trưởng ban")
    out = tmp_path / "bao-cao.docx"
    cli("report", "annual", "--year", "2024", "--format", "docx", "--output", str(out),
        "--date", "2026-11-26", lang="vi")  # fmt: skip
    doc = docx.Document(str(out))
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs][:2] == ["TỈNH ỦY GIA LAI", BAN.upper()]
    assert right.paragraphs[-1].text.startswith("Pleiku, ngày 26 tháng 11 năm 2026")
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature[:2] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
    assert signature[-1] == "Nguyễn Văn Bình"


# the commands


def test_set_show_unset_path_round_trip(config: Path) -> None:
    assert ok("config", "path").stdout.strip() == str(config)
    assert json.loads(ok("config", "show", "--format", "json").stdout) == {}
    ok("config", "set", "issuer_parent", BAN)
    ok("config", "set", "lang", "VI")
    ok("config", "set", "recipients", "Như trên", "Lưu: VT, Ban Tuyên giáo")
    ok("config", "set", "signer", 'Nguyễn "Bình" \\ Gia Lai')
    shown = json.loads(ok("config", "show", "-f", "json").stdout)
    assert shown == {
        "lang": "vi",
        "issuer_parent": BAN,
        "signer": 'Nguyễn "Bình" \\ Gia Lai',
        "recipients": ["Như trên", "Lưu: VT, Ban Tuyên giáo"],
    }
    assert tomllib.loads(config.read_text(encoding="utf-8")) == shown  # plain TOML
    table = ok("config", "show").stdout
    flat = "".join(table.split())  # the table wraps a long path and long values
    assert all("".join(v.split()) in flat for v in (BAN, "Lưu: VT, Ban Tuyên giáo", config.name))
    ok("config", "set", "issuer_parent", "Tỉnh ủy Gia Lai")  # set again: replaced
    assert json.loads(ok("config", "show", "-f", "json").stdout)["issuer_parent"] == (
        "Tỉnh ủy Gia Lai"
    )
    ok("config", "unset", "issuer_parent")
    before = config.read_bytes()
    result = ok("config", "unset", "issuer_parent")  # not set: said, nothing written
    assert "chưa được đặt" in result.stderr and config.read_bytes() == before
    assert "issuer_parent" not in json.loads(ok("config", "show", "-f", "json").stdout)


def test_bad_keys_and_values_are_refused_and_nothing_written(config: Path) -> None:
    ok("config", "set", "lang", "en")
    before = config.read_bytes()
    refused_in_one_line(run("config", "set", "lang", "xx"), "lang", "vi or en")
    refused_in_one_line(run("config", "set", "colour", "red"), "colour", "issuer_parent")
    refused_in_one_line(run("config", "unset", "colour"), "colour")
    refused_in_one_line(run("config", "set", "issuer", "A", "B"), "issuer", "one value")
    refused_in_one_line(run("config", "set", "signer", "Bình\x07"), "signer")
    assert config.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ('lang = "vi"\nissuer = "Ban\n', 2, "cannot be read"),
        ('lang = "vi"\n\ncolour = "red"\n', 3, "colour"),
        ('issuer = "Ban"\nlang = "xx"\n', 2, "vi or en"),
        ('issuer = "Ban"\nrecipients = [1, 2]\n', 2, "recipients"),
        ("lang = 'vi'\n[report]\nissuer = 'Ban'\n", 2, "report"),
    ],
)
def test_a_bad_file_is_one_line_naming_the_file_and_line(
    config: Path, sqlite_path: Path, text: str, line: int, expected: str
) -> None:
    config.parent.mkdir()
    config.write_text(text, encoding="utf-8")
    for args in (["--db", str(sqlite_path), "agency", "list"], ["config", "show"]):
        message = refused_in_one_line(run("--lang", "en", *args), expected)
        assert message.startswith(f"error: {config}, line {line}:"), message
    refused_in_one_line(run("--lang", "en", "config", "set", "place", "Pleiku"), str(config))
    assert config.read_text(encoding="utf-8") == text  # a broken file is never rewritten
    assert ok("config", "path").stdout.strip() == str(config)  # where to repair it
