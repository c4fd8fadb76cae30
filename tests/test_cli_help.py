"""Every command keeps its help, its options and its arguments: the command tree is compared
with a snapshot (tests/data/cli-help.json), so that moving commands between modules or
registering them another way changes nothing a user sees. After a deliberate change to the
command line, write the snapshot again:

    KETNGHIA_WRITE_HELP=1 uv run pytest tests/test_cli_help.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import typer

from ketnghia.cli.app import app

SNAPSHOT = Path(__file__).parent / "data" / "cli-help.json"
PARAM_ATTRIBUTES = (
    "name", "opts", "secondary_opts", "required", "default", "nargs", "multiple", "metavar",
    "help", "is_flag", "hidden", "show_default", "count", "envvar", "rich_help_panel",
)  # fmt: skip


def _param(param: Any) -> dict[str, Any]:
    described = {
        "kind": type(param).__name__,
        "has_callback": param.callback is not None,
        "type": _type_label(param),
    }
    for attr in PARAM_ATTRIBUTES:
        described[attr] = _plain(getattr(param, attr, None))
    return described


def _plain(value: Any) -> Any:
    if type(value).__name__ == "DefaultPlaceholder":  # Typer's "not given": its value
        value = value.value
    return value if isinstance(value, (str, int, list, type(None))) else repr(value)


def _type_label(param: Any) -> str:
    """The value type, as Typer describes it (its own descriptor, or Click's type)."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None:
        return repr(descriptor.annotation)
    return str(getattr(param.type, "name", param.type))


def command_tree() -> dict[str, Any]:
    """Each command's path → its help texts and its parameters, in order."""
    found: dict[str, Any] = {}

    def walk(command: Any, path: list[str]) -> None:
        found[" ".join(path) or "ketnghia"] = {
            "help": command.help,
            "short_help": command.short_help,
            "epilog": command.epilog,
            "hidden": command.hidden,
            "no_args_is_help": command.no_args_is_help,
            "params": [_param(p) for p in command.params],
            "rich_help_panel": _plain(getattr(command, "rich_help_panel", None)),
            "commands": list(getattr(command, "commands", {})),  # in the order help lists them
        }
        subcommands = getattr(command, "commands", {})
        for name in sorted(subcommands):
            walk(subcommands[name], [*path, name])

    walk(typer.main.get_command(app), [])
    return found


def test_every_command_keeps_its_help_and_options() -> None:
    tree = json.loads(json.dumps(command_tree()))
    if os.environ.get("KETNGHIA_WRITE_HELP"):
        lines = [
            f"{json.dumps(path)}: {json.dumps(tree[path], ensure_ascii=False, sort_keys=True)}"
            for path in sorted(tree)
        ]
        SNAPSHOT.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert sorted(tree) == sorted(expected), "commands added or removed"
    for path, described in expected.items():
        assert tree[path] == described, path


def test_no_arguments_shows_the_help_and_succeeds() -> None:
    """`ketnghia` alone prints the help, exit 0 (not Click's usage error, exit 2)."""
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout and "agency" in result.stdout
    with_options = CliRunner().invoke(app, ["--lang", "en"])
    assert with_options.exit_code == 0 and "Usage:" in with_options.stdout
