"""The command line speaks the user's language, and takes the root's options anywhere.

Under vi every command's help, the usage line, the section titles and Click's own errors are
Vietnamese; no help shows a type marker such as `<bool>`; `--db`, `--lang`, `--actor` and
`--debug` work after the command as before it (unless the command has an option of that
name); and `ketnghia --help` does not load the database layer."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from ketnghia.cli.app import app, hoist_root_options
from tests.invoking import build_command_tree_once

MARKER = re.compile(r"<[a-z\[\]|]+>")
WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _paths() -> list[list[str]]:
    found: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        found.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


def _declared_helps(path: list[str]) -> list[str]:
    """The English help of a command and of its options, as the code declares them."""
    command: Any = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    return [h for h in [command.help, *(p.help for p in command.params)] if h]


def _sentences(text: str) -> list[str]:
    """The English phrases of 4 words or more in a help text."""
    pieces = re.split(r"[.;:()?!,]\s|\(|\)|\s-\s", " ".join(text.split()))
    return [
        p.strip()
        for p in pieces
        if len([w for w in p.split() if WORDS.fullmatch(w.strip(",.`'"))]) >= 4
        and not re.search(r"[^\x00-\x7f]", p)
    ]


def _help(runner: CliRunner, path: list[str], lang: str) -> str:
    # the root's --lang before the command: `template` has a --lang of its own
    result = runner.invoke(app, ["--lang", lang, *path, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, (path, result.output)
    return result.stdout


def test_every_help_speaks_vietnamese_under_vi_and_shows_no_type_markers() -> None:
    build_command_tree_once()
    runner = CliRunner()
    english_left: dict[str, list[str]] = {}
    for path in _paths():
        en, vi = _help(runner, path, "en"), _help(runner, path, "vi")
        assert not MARKER.search(en) and not MARKER.search(vi), (path, MARKER.findall(en + vi))
        assert en.startswith("Usage: ") and vi.startswith("Cách dùng: ")
        assert "Tùy chọn:" in vi and "Options:" not in vi
        flat = " ".join(vi.split())
        left = [s for h in _declared_helps(path) for s in _sentences(h) if s in flat]
        if left:
            english_left[" ".join(["ketnghia", *path])] = left
    assert not english_left, json.dumps(english_left, ensure_ascii=False, indent=1)


def test_a_group_lists_its_commands_under_a_vietnamese_title() -> None:
    vi = _help(CliRunner(), ["agency"], "vi")
    assert "Lệnh:" in vi and "Commands:" not in vi
    assert "LỆNH [THAM SỐ]..." in vi


def test_a_group_lists_each_command_by_its_whole_first_sentence() -> None:
    """Click would cut a summary at the column's width with "..."; the listing wraps it."""
    runner = CliRunner()
    for path in _paths():
        command: Any = typer.main.get_command(app)
        for name in path:
            command = command.commands[name]
        if not getattr(command, "commands", None):
            continue
        for lang in ("vi", "en"):
            listing = _help(runner, path, lang).split("\n\n")[-1]
            assert "..." not in listing.replace("[THAM SỐ]...", "").replace("[ARGS]...", ""), (
                path,
                listing,
            )
    flat = " ".join(_help(runner, [], "vi").split())
    assert "lock Khóa một năm: không bản ghi nào có ngày trong năm đó được thay đổi" in flat


def test_metavars_say_what_is_typed() -> None:
    """A date option shows NGÀY/DATE, a folder THƯ MỤC/FOLDER, never the TEXT of any string."""
    runner = CliRunner()
    for path, option, vi, en in [
        (["collect", "status"], "--due", "NGÀY", "DATE"),
        (["collect", "forms"], "--output", "THƯ MỤC", "FOLDER"),
        (["import"], "--errors", "TỆP.xlsx|TỆP.csv|THƯ MỤC", "FILE.xlsx|FILE.csv|DIR"),
    ]:
        assert f"{option} {vi}" in _help(runner, path, "vi"), (path, option)
        assert f"{option} {en}" in _help(runner, path, "en"), (path, option)


def test_a_choice_option_lists_its_choices_by_label_in_the_language() -> None:
    from ketnghia.schema import ACTIVITY_KINDS

    runner = CliRunner()
    vi = " ".join(_help(runner, ["activity", "add"], "vi").split())
    en = " ".join(_help(runner, ["activity", "add"], "en").split())
    assert (
        "--kind LỰA CHỌN Loại hoạt động: " + ", ".join(v for v, _ in ACTIVITY_KINDS.values()) in vi
    )
    assert (
        "--kind CHOICE Kind (Loại hoạt động): " + ", ".join(e for _, e in ACTIVITY_KINDS.values())
        in en
    )
    assert "CHỮ" not in vi.split("--kind")[1].split("--title")[0]


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (
            ["pair", "add", "--decison", "x"],
            "Lỗi: Không có tùy chọn --decison. Có phải ý bạn là --decision-ref",
            "Error: No such option: --decison",
        ),
        (["report", "annual"], "Lỗi: Thiếu tùy chọn '--year'.", "Error: Missing option '--year'."),
        (["agency", "show"], "Lỗi: Thiếu tham số 'MÃ'.", "Error: Missing argument 'KEY'."),
        (
            ["agency", "list", "--format", "bad"],
            "'bad' không phải một trong 'table', 'json', 'csv', 'xlsx'",
            "'bad' is not one of 'table', 'json', 'csv', 'xlsx'",
        ),
        (["agenci"], "Không có lệnh 'agenci'. Có phải ý bạn là 'agency'?", "No such command"),
        (
            ["report", "annual", "--year", "abc"],
            "Lỗi: Giá trị không hợp lệ cho '--year': phải là một số nguyên.",
            "Invalid value for '--year'",
        ),
        (
            ["activity", "add", "--kind", "Công", "trình"],
            "Lỗi: Thừa tham số: trình (một giá trị có dấu cách phải đặt trong ngoặc kép",
            "extra argument",
        ),
    ],
)
def test_clicks_own_errors_speak_the_users_language(
    args: list[str], vi: str, en: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    said_vi = runner.invoke(app, [*args, "--lang", "vi"])
    assert said_vi.exit_code == 2
    assert vi in said_vi.stderr, said_vi.stderr
    assert said_vi.stderr.startswith("Cách dùng: ketnghia")
    command = " ".join(["ketnghia", *[a for a in args if a != "agenci"][:2]])
    command = command if args[0] != "agenci" else "ketnghia"
    assert f"Thử '{command} --help' để xem trợ giúp." in said_vi.stderr
    said_en = runner.invoke(app, [*args, "--lang", "en"])
    assert said_en.exit_code == 2 and en in said_en.stderr, said_en.stderr
    monkeypatch.setenv("KETNGHIA_LANG", "vi")  # the environment chooses it too
    assert vi in runner.invoke(app, args).stderr


def _in(db: Path, *args: str, lang: str = "en") -> Any:
    return CliRunner().invoke(app, ["--db", str(db), "--lang", lang, *args])


def test_db_after_the_command(sqlite_path: Path) -> None:
    added = CliRunner().invoke(
        app,
        ["agency", "add", "--code", "SO-NN", "--name", "Sở Nông nghiệp", "--db", str(sqlite_path)],
    )
    assert added.exit_code == 0, added.output
    listed = json.loads(_in(sqlite_path, "agency", "list", "--format", "json").stdout)
    assert [row["code"] for row in listed] == ["SO-NN"]
    after = CliRunner().invoke(app, ["agency", "list", "--format", "json", f"--db={sqlite_path}"])
    assert [row["code"] for row in json.loads(after.stdout)] == ["SO-NN"]


def test_lang_after_the_command(sqlite_path: Path) -> None:
    missing = CliRunner().invoke(
        app, ["--db", str(sqlite_path), "agency", "show", "NOPE", "--lang", "vi"]
    )
    english = CliRunner().invoke(
        app, ["--db", str(sqlite_path), "agency", "show", "NOPE", "--lang", "en"]
    )
    assert missing.exit_code == english.exit_code == 1
    assert missing.stderr.startswith("lỗi:") and english.stderr.startswith("error:")


def test_actor_after_the_command_and_history_keeps_its_own(sqlite_path: Path) -> None:
    runner = CliRunner()
    for code, actor in (("A-1", "chi.lan"), ("A-2", "anh.tuan")):
        args = ["agency", "add", "--code", code, "--name", f"Cơ quan {code}", "--actor", actor]
        assert runner.invoke(app, ["--db", str(sqlite_path), *args]).exit_code == 0
    rows = json.loads(_in(sqlite_path, "history", "--format", "json").stdout)
    assert sorted(r["actor"] for r in rows) == ["anh.tuan", "chi.lan"]
    # `history --actor` is history's own filter, not the root's option
    mine = json.loads(_in(sqlite_path, "history", "--actor", "chi.lan", "--format", "json").stdout)
    assert [r["actor"] for r in mine] == ["chi.lan"]


def test_debug_after_the_command_shows_the_error_itself(sqlite_path: Path) -> None:
    plain = _in(sqlite_path, "agency", "show", "NOPE")
    debug = _in(sqlite_path, "agency", "show", "NOPE", "--debug")
    assert plain.exit_code == 1 and isinstance(plain.exception, SystemExit)
    assert debug.exit_code == 1 and not isinstance(debug.exception, SystemExit)


def test_what_is_moved_and_what_stays() -> None:
    root = typer.main.get_command(app)
    # a value that looks like an option stays the value of the command's option
    assert hoist_root_options(root, ["agency", "add", "--note", "--lang", "--lang", "vi"]) == [
        "--lang", "vi", "agency", "add", "--note", "--lang",
    ]  # fmt: skip
    # after `--` nothing is an option
    assert hoist_root_options(root, ["import", "--", "--db", "x"]) == ["import", "--", "--db", "x"]
    # a command's own option of the same name is its own
    assert hoist_root_options(root, ["template", "--lang", "vi", "--debug"]) == [
        "--debug", "template", "--lang", "vi",
    ]  # fmt: skip
    assert hoist_root_options(root, ["report", "annual", "--year", "2024", "--db", "x.db"]) == [
        "--db", "x.db", "report", "annual", "--year", "2024",
    ]  # fmt: skip


# What a help must not import: the database layer, the workbook reader, and pydantic (Typer's
# coercion of an option that was not given would build a pydantic adapter for it).
HEAVY = ("sqlalchemy", "sqlmodel", "ketnghia.models", "openpyxl", "pydantic")

WALK_HELPS = """
import contextlib, io, json, sys
import typer.main
from ketnghia.cli.app import app
heavy = json.loads(sys.argv[1])
root = typer.main.get_command(app)
for path in json.loads(sys.argv[2]):
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        try:
            root.main(["--lang", "vi", *path, "--help"], prog_name="ketnghia")
        except SystemExit as done:
            assert done.code in (0, None), (path, done.code)
    loaded = [m for m in heavy if m in sys.modules]
    print(json.dumps([" ".join(path), shown.getvalue().split("\\n")[0], loaded]))
    if loaded:
        break
"""


def test_help_does_not_load_the_database_layer() -> None:
    """Every group's and command's help, run one after the other in one process: none
    imports what only a command at work needs (the first that does is named)."""
    paths = _paths()
    result = subprocess.run(
        [sys.executable, "-c", WALK_HELPS, json.dumps(HEAVY), json.dumps(paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    checked = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(name, loaded) for name, _, loaded in checked if loaded] == []
    assert [name for name, _, _ in checked] == [" ".join(path) for path in paths]
    for name, usage, _ in checked:
        assert usage.startswith(f"Cách dùng: {' '.join(['ketnghia', name]).strip()}"), usage


RUN_ONE = """
import sys
from ketnghia.cli import app as root
sys.argv = ["ketnghia", *sys.argv[2:]]
try:
    if sys.argv_mode == "whole":
        root.app(prog_name="ketnghia")
    else:
        root.main()
except SystemExit:
    pass
print(sorted(m for m in sys.modules if m.startswith("ketnghia.cli.")), file=sys.stderr)
"""


def _run_one(mode: str, *args: str) -> tuple[str, list[str]]:
    code = RUN_ONE.replace("sys.argv_mode", repr(mode))
    result = subprocess.run(
        [sys.executable, "-c", code, mode, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    *said, loaded = result.stderr.strip().splitlines()
    return result.stdout + "\n".join(said), json.loads(loaded.replace("'", '"'))


@pytest.mark.parametrize(
    "args", [[], ["--help"], ["-h", "--lang", "vi"], ["--db", "x.db", "--lang", "vi", "--help"]]
)
def test_the_roots_help_says_what_the_whole_tree_says(args: list[str]) -> None:
    """The root's help lists the groups and commands by their summaries, built without their
    options: it says exactly what the whole tree would have said."""
    from ketnghia.cli.app import _root_help, _summary_tree

    assert _root_help(args)  # the summaries' path is the one taken
    assert not _root_help([*args, "agency"]) and not _root_help(["agency", "--help"])
    stubs = _summary_tree().commands
    assert not any(stub.params for stub in stubs.values())  # no option of any command built
    alone, _ = _run_one("alone", *args)
    whole, _ = _run_one("whole", *args)
    assert alone == whole
    assert "collect" in alone and "import" in alone


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "vi", "pair", "show", "--help"],
        ["report", "annual", "--help", "--lang", "vi"],
        ["--db", "x.db", "import", "--help"],
        ["agency", "lisst"],
    ],
)
def test_a_command_builds_only_its_own_group(args: list[str]) -> None:
    """What the command line names is built and imported alone, and says what the whole tree
    would have said."""
    alone, loaded = _run_one("alone", *args)
    whole, _ = _run_one("whole", *args)
    assert alone == whole
    groups = {m.rsplit(".", 1)[1] for m in loaded} - {"app", "helptext", "helptexts_vi", "state"}
    assert len(groups - {"options", "output", "records", "prompts"}) == 1, groups


@pytest.mark.parametrize(
    "args",
    [
        ["template", "--output", "{dir}/mau.xlsx"],
        ["collect", "forms", "--year", "2024", "--output", "{dir}/f"],
    ],
)
def test_a_documents_own_lang_is_vi_or_en(tmp_path: Path, args: list[str]) -> None:
    """`--lang fr` on a template or the collection forms is refused in one line naming the
    option, and nothing is written (before, it quietly gave Vietnamese)."""
    from tests.bad_input import Before, refused
    from tests.conftest import Cli

    cli = Cli(f"sqlite:///{tmp_path / 'k.db'}")
    cli("agency", "list")
    before = Before(cli.url)
    result = cli(*[a.format(dir=tmp_path) for a in args], "--lang", "fr", code=None, lang="vi")
    refused(result, before, names=["--lang"])
    assert "chỉ nhận vi hoặc en" in result.stderr
    assert not (tmp_path / "mau.xlsx").exists() and not (tmp_path / "f").exists()
