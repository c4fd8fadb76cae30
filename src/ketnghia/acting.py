"""Who is acting and through which command, for the audit trail: set by the command line
(--actor, the command's path) and read by ketnghia.audit. Light on purpose: no database."""

from __future__ import annotations

import getpass

from ketnghia.settings import resolve_text

_current: dict[str, str | None] = {"actor": None, "command": None}


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some Windows services and containers
        return "unknown"


def set_actor(name: str | None) -> None:
    """--actor, else KETNGHIA_ACTOR, else the config file, else the user name."""
    _current["actor"] = resolve_text("actor", name, strict=False) or default_actor()


def set_command(path: str | None) -> None:
    """The command being run, as typed: "ketnghia pair edit"."""
    _current["command"] = path


def actor() -> str:
    return _current["actor"] or resolve_text("actor", strict=False) or default_actor()


def command() -> str:
    return _current["command"] or "ketnghia"
