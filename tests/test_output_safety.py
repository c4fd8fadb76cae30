"""Output never turns a name into something else: a formula in a spreadsheet, markup or HTML in
a Markdown document, an escape sequence or rich markup on a terminal; and output always gets
out: to a console that cannot show Vietnamese, to standard output with `--output -`, in the
format the file's suffix names, and quietly into a pipe that was closed."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ketnghia.formula_guard import GUARDED
from tests.conftest import ROOT, Cli, demo_province, seed, seed_basic
from tests.invoking import ENV

ESCAPES = ("\x1b", "\x07", "\x08", "\x9b", "\r")
LOUD = "\x1b[31mĐỏ\x1b[0m\x07\x08 [bold]Đậm[/bold] :smile: \x1b]0;title\x07"
SHOWN = "Đỏ [bold]Đậm[/bold] :smile:"


@pytest.fixture
def basic(sqlite_path: Path) -> Cli:
    return seed(Cli(str(sqlite_path)), seed_basic)


def _plant(url: str, *statements: str, **params: Any) -> None:
    """Values no command accepts (control characters), as an older version or another
    program may have stored them."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url if "://" in url else f"sqlite:///{url}", poolclass=NullPool)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement), params)
    engine.dispose()


# -- the terminal ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["agency", "list"],
        ["agency", "show", "SO-NN"],
        ["pair", "list"],
        ["report", "annual", "--year", "2024"],
        ["report", "agency", "SO-NN", "--year", "2024"],
        ["report", "review", "--from", "2024", "--to", "2024"],
        ["history"],
    ],
)
def test_tables_show_names_as_they_are_and_never_act_on_them(cli: Cli, args: list[str]) -> None:
    seed(cli, seed_basic)
    cli("--actor", LOUD, "activity", "add", "--agency", "SO-NN", "--village", "GL-0001",
        "--date", "2024-05-01", "--kind", "construction", "--title", "Giếng",
        "--value", "1000")  # fmt: skip
    _plant(cli.url, "UPDATE agencies SET name = :name WHERE code = 'SO-NN'", name=LOUD)
    out = cli(*args).stdout
    assert not [ch for ch in ESCAPES if ch in out], repr(out)
    assert SHOWN in out, out  # markup and emoji codes print as they are


def test_db_check_shows_a_stored_escape_sequence_without_running_it(basic: Cli) -> None:
    _plant(basic.url, "UPDATE agencies SET name = :name WHERE code = 'TD'", name=LOUD)
    result = basic("db", "check", code=1)
    assert not [ch for ch in ESCAPES if ch in result.stdout], repr(result.stdout)
    assert SHOWN in result.stdout


def test_an_error_line_never_carries_an_escape_sequence(basic: Cli, tmp_path: Path) -> None:
    for result in (
        basic("import", "\x1b[2Jdanh-sach\x07.csv", code=1),
        Cli(str(tmp_path / "\x1b]0;title\x07khong-co" / "k.db"))("agency", "list", code=1),
    ):
        assert not [ch for ch in ESCAPES if ch in result.stderr], repr(result.stderr)
        assert "danh-sach" in result.stderr or "khong-co" in result.stderr


def test_import_messages_show_a_files_text_without_running_it(basic: Cli, tmp_path: Path) -> None:
    warned = tmp_path / "agencies.csv"  # a column of its own: a warning that names it
    warned.write_text("code,name,kind,\x1b[2JGhi chú\x07\nSO-YT,Sở Y tế,department,x\n", "utf-8")
    wrong = tmp_path / "co-quan-\x1b]0;title\x07.csv"  # a row that is wrong: its problem
    wrong.write_text("code,name,kind\nSO-X,,department\n", "utf-8")
    for data, named in ((warned, "Ghi chú"), (wrong, "co-quan-")):
        result = basic("import", str(data), "--kind", "agencies", "--dry-run", code=None)
        assert named in result.stderr, result.stderr
        assert not [ch for ch in ESCAPES if ch in result.stderr], repr(result.stderr)


# -- Markdown ----------------------------------------------------------------------------------

NAME_MD = "<script>alert(1)</script> *Sở* [x](http://e.vn) | _y_ `z` #"


@pytest.mark.parametrize(
    "args",
    [
        ["report", "annual", "--year", "2024"],
        ["report", "agency", "SO-NN", "--year", "2024"],
        ["report", "review", "--from", "2024", "--to", "2024"],
    ],
)
def test_markdown_shows_html_and_markdown_in_names_as_text(basic: Cli, args: list[str]) -> None:
    basic("agency", "edit", "SO-NN", "--name", NAME_MD)
    basic("village", "edit", "GL-0001", "--name", "<img src=x onerror=alert(1)>")
    basic("activity", "add", "--agency", "SO-NN", "--village", "GL-0001", "--date", "2024-05-01",
          "--kind", "construction", "--title", "Giếng", "--value", "1000")  # fmt: skip
    md = basic(*args, "--format", "md").stdout
    assert "<script>" not in md and "<img" not in md, md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert r"\*Sở\* \[x\](http://e.vn) \| \_y\_ \`z\` \#" in md


# -- CSV ---------------------------------------------------------------------------------------


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.mark.parametrize(
    "args",
    [
        ["agency", "list", "--format", "csv"],
        ["pair", "list", "--format", "csv"],
        ["history", "--format", "csv"],
        ["db", "check", "--format", "csv"],
        ["report", "annual", "--year", "2024", "--format", "csv"],
        ["export", "agencies"],
        ["export", "pairings"],
    ],
)
def test_every_csv_keeps_formulas_as_text(basic: Cli, args: list[str]) -> None:
    formula = '=HYPERLINK("http://e.vn","x")'
    basic("--actor", "+cmd|' /C calc'!A0", "agency", "edit", "SO-NN", "--name", formula)
    # a stored name that db check reports as it is (its search key no longer matches it)
    _plant(basic.url, "UPDATE agencies SET name = :name WHERE code = 'TD'", name="@SUM(1+1)")
    result = basic(*args, code=None)
    assert result.exit_code in (0, 1), result.stderr  # db check finds the planted name
    rows = _cells(result.stdout)
    assert len(rows) > 1
    risky = [c for row in rows for c in row if c[:1] in GUARDED and not c[1:2].isdigit()]
    assert not risky, risky
    assert any(c.startswith("'=HYPERLINK") or c.startswith("'@SUM") for r in rows for c in r) or (
        args[0] == "history"
    )


def test_history_csv_writes_json_values(basic: Cli) -> None:
    basic("agency", "edit", "SO-NN", "--phone", "0269 3822 111")
    rows = _cells(basic("history", "--format", "csv").stdout)
    header, body = rows[0], rows[1:]
    before, after = header.index("before"), header.index("after")
    edit = next(r for r in body if r[header.index("action")] == "update")
    assert json.loads(edit[before])["phone"] is None
    assert json.loads(edit[after])["phone"] == "0269 3822 111"
    for row in body:
        for column in (before, after):
            if row[column]:
                json.loads(row[column])  # JSON, never a Python repr ({'a': None})


# -- a console that cannot show Vietnamese -----------------------------------------------------


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "ketnghia", *args],
        capture_output=True,
        env={**ENV, **env},
        cwd=ROOT,
        timeout=120,
    )


@pytest.mark.slow  # a real process on a console of that encoding
@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_console_that_is_not_utf8_never_crashes(basic: Cli, encoding: str) -> None:
    for args in (["agency", "list"], ["agency", "list", "--format", "json"]):
        result = _run("--db", basic.url, *args, PYTHONIOENCODING=encoding)
        assert result.returncode == 0, result.stderr.decode(encoding, "replace")
        assert result.stderr == b""
        assert b"?" in result.stdout  # what the console cannot show is replaced
    result = _run("--db", basic.url, "--lang", "vi", "agency", "show", "NOPE",
                  PYTHONIOENCODING=encoding)  # fmt: skip
    assert result.returncode == 1
    # one line, in the console's encoding or in UTF-8 (Click's choice for ASCII)
    assert len(result.stderr.decode("utf-8", "replace").splitlines()) == 1
    assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr


# -- --output - and the file's suffix ----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["agency", "list"],
        ["agency", "list", "--format", "csv"],
        ["agency", "show", "SO-NN", "--format", "json"],
        ["history", "--format", "json"],
        ["db", "info"],
        ["db", "check"],
        ["report", "annual", "--year", "2024", "--format", "md"],
        ["report", "annual", "--year", "2024", "--format", "csv"],
        ["export", "agencies"],
        ["export", "villages", "--format", "json"],
    ],
)
def test_output_dash_is_standard_output(
    basic: Cli, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    to_file = basic(*args, "--output", "out.txt")
    to_dash = basic(*args, "--output", "-")
    assert not (here / "-").exists()
    assert "wrote" not in to_dash.stderr
    assert to_dash.stdout.strip() or args[:2] == ["db", "check"]  # no problems: nothing
    shown = (here / "out.txt").read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    if args[0] not in ("report", "export") and "--format" not in args:
        return  # a table: printed for the terminal, its width differs from the file's
    assert to_dash.stdout.replace("\r\n", "\n") == shown, to_file.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["report", "annual", "--year", "2024", "--format", "xlsx"],
        ["export", "all", "--format", "xlsx"],
        ["agency", "list", "--format", "xlsx"],
        ["template"],
    ],
)
def test_output_dash_writes_a_workbook_to_a_pipe(
    basic: Cli, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = basic(*args, "--output", "-")
    assert result.stdout_bytes[:2] == b"PK", result.stdout_bytes[:40]
    assert list(here.iterdir()) == []
    import openpyxl

    openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))


def test_a_listing_takes_its_format_from_the_file_suffix(basic: Cli, tmp_path: Path) -> None:
    import openpyxl

    basic("agency", "list", "--output", tmp_path / "co-quan.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "co-quan.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["id", "code", "name"]
    assert sorted(r[1] for r in rows[1:]) == ["SO-NN", "TD"]
    basic("agency", "list", "--output", tmp_path / "co-quan.json")
    codes = [a["code"] for a in json.loads((tmp_path / "co-quan.json").read_text("utf-8"))]
    assert sorted(codes) == ["SO-NN", "TD"]
    basic("agency", "list", "--output", tmp_path / "co-quan.CSV")
    assert (tmp_path / "co-quan.CSV").read_bytes().startswith(b"\xef\xbb\xbfid,code,name")
    basic("agency", "list", "--output", tmp_path / "co-quan.txt")
    assert "SO-NN" in (tmp_path / "co-quan.txt").read_text("utf-8")
    basic("agency", "list", "--format", "json", "--output", tmp_path / "given.xlsx")
    json.loads((tmp_path / "given.xlsx").read_text("utf-8"))  # --format wins
    basic("history", "--output", tmp_path / "lich-su.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "lich-su.xlsx").active
    header, *body = [[c.value for c in row] for row in sheet.iter_rows()]
    json.loads(body[0][header.index("after")])


def test_a_workbook_is_never_printed_on_a_terminal(basic: Cli) -> None:
    from tests.bad_input import Before, refused

    before = Before(basic.url)
    refused(basic("agency", "list", "--format", "xlsx", code=None), before, ["--output"])
    before = Before(basic.url)
    refused(
        basic("village", "stats", "--village", "GL-0001", "--year", "2024", "--households",
              "120", "--format", "xlsx", code=None),
        before,
        ["--output"],
    )  # fmt: skip


# -- a closed pipe -----------------------------------------------------------------------------


@pytest.mark.slow  # a real process writing into a real pipe
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_a_closed_pipe_ends_the_listing_quietly(sqlite_path: Path, fmt: str) -> None:
    cli = seed(Cli(str(sqlite_path)), demo_province)  # a history of thousands of entries
    proc = subprocess.Popen(
        [sys.executable, "-m", "ketnghia", "--db", cli.url, "history", "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) in (0, 141), err
    assert err == b"", err
