"""Who is acting and through which command, for the audit trail: set by the command line
(--actor, the command's path) and read by ketnghia.audit. Light on purpose: no database."""

from __future__ import annotations

import getpass
import os

_current: dict[str, str | None] = {"actor": None, "command": None}


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some Windows services and containers
        return "unknown"


def set_actor(name: str | None) -> None:
    """--actor, else KETNGHIA_ACTOR, else the user name."""
    _current["actor"] = name or os.environ.get("KETNGHIA_ACTOR") or default_actor()


def set_command(path: str | None) -> None:
    """The command being run, as typed: "ketnghia pair edit"."""
    _current["command"] = path


def actor() -> str:
    return _current["actor"] or os.environ.get("KETNGHIA_ACTOR") or default_actor()


def command() -> str:
    return _current["command"] or "ketnghia"
