"""Errors a user can act on.

Services raise these; the CLI prints them as one line in the chosen language and exits 1.
A message is a catalogue key plus parameters, so the same error reads well in vi and en.
"""

from __future__ import annotations

from typing import Any


class KetnghiaError(Exception):
    """Base of every error caused by the user's input or data (exit code 1)."""

    def __init__(self, message_key: str, /, **params: Any) -> None:
        self.key = message_key
        self.params = params
        super().__init__(message_key)

    def render(self, lang: str | None = None) -> str:
        from ketnghia.i18n import t

        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render()


class NotFound(KetnghiaError):
    """A named record does not exist."""


class Ambiguous(KetnghiaError):
    """A name matches several records."""


class InvalidValue(KetnghiaError):
    """A field value cannot be parsed or breaks a rule about that one value."""

    def __init__(self, field: str, reason: str, **params: Any) -> None:
        self.field = field
        self.reason = reason
        super().__init__("invalid_value", field=field, reason=reason, **params)

    def named(self, field: str) -> InvalidValue:
        """The same problem, of the field as the user named it (an option, a column)."""
        params = {k: v for k, v in self.params.items() if k not in ("field", "reason")}
        return InvalidValue(field, self.reason, **params)

    def reason_text(self, lang: str | None = None) -> str:
        from ketnghia.i18n import t

        return t(self.reason, lang, **self.params)

    def render(self, lang: str | None = None) -> str:
        from ketnghia.i18n import t

        return t("invalid_value", lang, field=self.field, reason=self.reason_text(lang))


class RuleViolation(KetnghiaError):
    """A record would break a rule of the programme (overlap, outside pairing, ...)."""


class Referenced(KetnghiaError):
    """A record cannot be removed while others point at it."""


class DatabaseProblem(KetnghiaError):
    """The database cannot be opened, is busy, or has an unknown schema."""


# Warnings: what a user should know about a write that went through (exit 0). A service adds
# them to its session's info; the command prints them on stderr once the write is committed.
WARNINGS = "ketnghia_warnings"


def warn(info: dict[Any, Any], *messages: str) -> None:
    """Add rendered warnings to a session's `info`."""
    info.setdefault(WARNINGS, []).extend(messages)


def warnings_of(info: dict[Any, Any]) -> list[str]:
    return list(info.get(WARNINGS, ()))
