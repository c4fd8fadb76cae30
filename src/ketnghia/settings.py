"""Settings: the one rule that resolves every setting, and the config file that holds them.

A setting is taken from the command-line option, else its environment variable
(KETNGHIA_ + the key in capitals: KETNGHIA_DB, KETNGHIA_LANG, KETNGHIA_ISSUER …), else the
config file, else the default the caller knows (None here). The config file is TOML, flat
`key = "value"` or `key = ["a", "b"]`, in the user config folder, or where KETNGHIA_CONFIG
points. A file that does not parse, an unknown key or a bad value is one error naming the file
and the line.

Light on purpose (standard library and tomllib/tomli only): the root command reads it.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from ketnghia.errors import KetnghiaError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_ENV = "KETNGHIA_CONFIG"
TEXT_KEYS = ("db", "lang", "actor", "issuer", "issuer_parent", "issuer_short", "place", "signer")
LIST_KEYS = ("signer_title", "recipients")
KEYS = TEXT_KEYS + LIST_KEYS
# A list in an environment variable: its items separated by ";" (KETNGHIA_RECIPIENTS="A;B").
ENV_LIST_SEPARATOR = ";"

Value = str | list[str]


def env_name(key: str) -> str:
    return "KETNGHIA_" + key.upper()


def config_path() -> Path:
    """KETNGHIA_CONFIG, else config.toml in the user config folder."""
    given = os.environ.get(CONFIG_ENV)
    if given:
        return Path(given).expanduser()
    import platformdirs

    return platformdirs.user_config_path("ketnghia", appauthor=False) / "config.toml"


def check(key: str, value: Any) -> Value:
    """`value` as stored for `key` (text checked like any text a user types, lang vi or en);
    a ValueProblem when it cannot be, for the caller to say where the value came from."""
    from ketnghia.values import ValueProblem, parse_text

    if key in LIST_KEYS:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueProblem("config_not_text_list")
        cleaned = [parse_text(i) for i in items]
        return [i for i in cleaned if i]
    if not isinstance(value, str):
        raise ValueProblem("config_not_text")
    text = parse_text(value)
    if not text:
        raise ValueProblem("required")
    if key == "lang":
        text = text.lower()
        if text not in ("vi", "en"):
            raise ValueProblem("config_lang")
    return text


def _line_of(text: str, key: str) -> int:
    """The line where `key` is set (1 when it cannot be found)."""
    name = rf"[\"']?{re.escape(key)}[\"']?"
    pattern = re.compile(rf"^\s*({name}\s*[=.]|\[+\s*{name}\s*[\].])")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return 1


def read(path: Path | None = None) -> dict[str, Value]:
    """The settings in the config file (empty when there is none), each checked."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise KetnghiaError("file_error", path=str(path), detail=exc.strerror) from None
    # only with a file to check: every command's start reads this (its help too)
    from ketnghia.i18n import t
    from ketnghia.values import ValueProblem

    try:
        text = raw.decode("utf-8-sig")  # Notepad may add a BOM
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise KetnghiaError(
            "config_bad_file", path=str(path), line=line, detail=exc.reason
        ) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"line (\d+)", message)
        detail = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        line = int(found.group(1)) if found else text.count("\n") + 1
        raise KetnghiaError("config_bad_file", path=str(path), line=line, detail=detail) from None
    settings: dict[str, Value] = {}
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in KEYS:
            raise KetnghiaError(
                "config_unknown_key_in_file",
                path=str(path),
                line=line,
                key=key,
                keys=", ".join(KEYS),
            )
        try:
            settings[key] = check(key, value)
        except ValueProblem as problem:
            reason = t(problem.reason, **problem.params)
            raise KetnghiaError(
                "config_bad_value", path=str(path), line=line, key=key, reason=reason
            ) from None
    return settings


# What an environment variable that turns something on or off holds to turn it on.
_ON = ("1", "true", "yes", "on")


def env_flag(key: str) -> bool:
    """A switch set in the environment only (KETNGHIA_NO_INPUT=1): on for 1, true, yes, on."""
    return os.environ.get(env_name(key), "").strip().lower() in _ON


def _from_env(key: str) -> Value | None:
    value = os.environ.get(env_name(key))
    if not value:
        return None
    if key in LIST_KEYS:
        return [item.strip() for item in value.split(ENV_LIST_SEPARATOR) if item.strip()]
    return value


def resolve(key: str, given: Value | None = None, *, strict: bool = True) -> Value | None:
    """The setting `key`: the option `given`, else its environment variable, else the config
    file, else None (the caller's default). A config file that cannot be read is an error even
    when it is not needed; `strict=False` passes over it (for the commands that repair it)."""
    if key not in KEYS:
        raise KeyError(key)
    try:
        settings = read()  # a broken file is said even when an option overrides it
    except KetnghiaError:
        if strict:
            raise
        settings = {}
    if given is not None and len(given) > 0:
        return list(given) if isinstance(given, tuple) else given
    from_env = _from_env(key)
    if from_env is not None:
        return from_env
    value = settings.get(key)
    if key == "db" and isinstance(value, str) and "://" not in value:
        # a relative path in the file is relative to the file's folder, not to where one is
        path = Path(value).expanduser()
        if not path.is_absolute():
            value = str(config_path().parent / path)
    return value


def resolve_text(key: str, given: str | None = None, *, strict: bool = True) -> str | None:
    value = resolve(key, given, strict=strict)
    assert value is None or isinstance(value, str)
    return value


def default_database_path() -> Path:
    """The database used when no --db, KETNGHIA_DB or `config set db` names one."""
    import platformdirs

    return platformdirs.user_data_path("ketnghia", appauthor=False) / "ketnghia.db"


def database_url(
    target: str | os.PathLike[str] | None, default: Path | None = None, *, strict: bool = True
) -> str:
    """The database to use, as a URL: --db `target` (a path or an SQLAlchemy URL), else
    KETNGHIA_DB, else the config file, else `default` (the file in the user data folder)."""
    given = None if target is None else str(target)
    chosen = resolve_text("db", given, strict=strict) or default or default_database_path()
    text = str(chosen)
    if "://" in text:
        if text.startswith("postgresql://") or text.startswith("postgres://"):
            # the plain form would pick psycopg2; ketnghia speaks psycopg 3
            text = "postgresql+psycopg://" + text.split("://", 1)[1]
        return text
    return "sqlite:///" + Path(text).expanduser().resolve().as_posix()


def resolve_list(key: str, given: list[str] | None = None) -> list[str] | None:
    value = resolve(key, given)
    assert value is None or isinstance(value, list)
    return value


def _quoted(text: str) -> str:
    out = ['"']
    for char in text:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def dumps(settings: dict[str, Value]) -> str:
    """The flat TOML of `settings`, in the order of KEYS."""
    lines = ["# ketnghia settings (ketnghia config set KEY VALUE)"]
    for key in KEYS:
        if key not in settings:
            continue
        value = settings[key]
        if isinstance(value, list):
            lines.append(f"{key} = [{', '.join(_quoted(v) for v in value)}]")
        else:
            lines.append(f"{key} = {_quoted(value)}")
    return "\n".join(lines) + "\n"


def write(settings: dict[str, Value], path: Path | None = None) -> Path:
    """Write `settings` to the config file, all or nothing (its folder made when missing)."""
    from ketnghia.outputs import text_output

    path = path or config_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KetnghiaError("file_error", path=str(path.parent), detail=exc.strerror) from None
    with text_output(path, newline="\n") as handle:
        handle.write(dumps(settings))
    return path


def set_value(key: str, values: list[str]) -> Path:
    """`ketnghia config set KEY VALUE…`: check the value as the file would be, then write."""
    from ketnghia.i18n import t
    from ketnghia.values import ValueProblem

    if key not in KEYS:
        raise KetnghiaError("config_unknown_key", key=key, keys=", ".join(KEYS))
    if key in TEXT_KEYS and len(values) != 1:
        raise KetnghiaError("config_one_value", key=key)
    try:
        value = check(key, values if key in LIST_KEYS else values[0])
    except ValueProblem as problem:
        reason = t(problem.reason, **problem.params)
        raise KetnghiaError("invalid_value", field=key, reason=reason) from None
    if key == "db" and isinstance(value, str) and "://" not in value:
        value = str(Path(value).expanduser().absolute())  # the same file from any folder
    path = config_path()
    settings = read(path)
    settings[key] = value
    return write(settings, path)


def unset_value(key: str) -> bool:
    """`ketnghia config unset KEY`: False when the file did not set it (nothing written)."""
    if key not in KEYS:
        raise KetnghiaError("config_unknown_key", key=key, keys=", ".join(KEYS))
    path = config_path()
    settings = read(path)
    if key not in settings:
        return False
    del settings[key]
    write(settings, path)
    return True
