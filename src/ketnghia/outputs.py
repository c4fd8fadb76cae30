"""Writing a file safely: the one way every command writes a file the user named.

- Never over a database: a target that is an SQLite file (it starts with SQLite's header), or
  the -wal, -shm or -journal file of one, is refused and left as it is.
- All or nothing: a regular file is written to a temporary file in the same folder and renamed
  into place (os.replace) only when complete, so a failure half-way (a full disk, no permission,
  Ctrl-C, an error in the writer) leaves the old file as it was, and no partial, temporary or
  empty file behind.
- A target that exists and is not a regular file (/dev/stdout, a pipe, a device) is written
  directly: renaming over it would replace the device with a file.
- A failure is one error that names the file (a device that is full raises an OSError with no
  file name).
- `-` is standard output, for text and for binary files alike.

Text shown on a terminal goes through `printable`: no escape sequence or control character
stored in a name reaches the terminal.

Light on purpose (standard library only): `ketnghia --help` imports the commands that use it.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ketnghia.errors import KetnghiaError

SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_SPOOL_IN_MEMORY = 32 * 1024 * 1024


STDOUT = "-"  # the --output that means standard output

# Escape sequences (CSI "ESC [ … final", OSC "ESC ] … BEL" or "… ESC \\", any other "ESC X",
# the one-byte CSI), then every other control character but tab and line feed, line and
# paragraph separators, and the bidirectional controls that reorder what is shown.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -~]?|\x9b[0-?]*[ -/]*[@-~]?"
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` without what a terminal would act on instead of showing: escape sequences
    (colours, cursor moves, a window title), bell, backspace, carriage return and the other
    control characters, bidirectional controls. Line feeds and tabs stay."""
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def is_stdout(path: Path | str | None) -> bool:
    """No --output, or `--output -`: standard output."""
    return path is None or str(path) == STDOUT


def is_sqlite_file(path: Path) -> bool:
    """A regular file that starts with SQLite's header (a pipe is never read to find out)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def sqlite_side_of(path: Path) -> Path | None:
    """The database whose -wal, -shm or -journal file `path` names, if there is one."""
    for suffix in SQLITE_SIDE_FILES:
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            main = path.with_name(path.name[: -len(suffix)])
            if is_sqlite_file(main):
                return main
    return None


def real_path(path: Path) -> Path:
    """The file a path writes to: user folder expanded, symbolic links followed."""
    return Path(os.path.realpath(Path(path).expanduser()))


def refuse_database(path: Path) -> None:
    """An error when `path` is a database or one of its side files."""
    given = Path(path).expanduser()
    for candidate in (given, real_path(given)):
        if is_sqlite_file(candidate) or sqlite_side_of(candidate) is not None:
            raise KetnghiaError("output_is_database", path=str(path))


def _destination(path: Path) -> tuple[Path, bool]:
    """Where to write, and whether to write there directly: a target that exists and is not
    a regular file (a device, a pipe, /dev/stdout, a folder) is opened as it is; a regular
    one is replaced where it really is (through a symbolic link)."""
    refuse_database(path)
    given = Path(path).expanduser()
    try:
        if not stat.S_ISREG(os.stat(given).st_mode):
            return given, True
    except OSError:
        pass
    return real_path(given), False


def _file_error(shown: Path, exc: OSError, *ours: Path | None) -> KetnghiaError:
    """One line naming the file as the user gave it (not our temporary or resolved path)."""
    named = exc.filename
    if named is None or str(named) in {str(p) for p in ours if p is not None}:
        named = shown
    return KetnghiaError("file_error", path=str(named), detail=exc.strerror or str(exc))


def _new_temp(folder: Path, name: str, mode: int) -> Path:
    """A new empty file beside the target, hidden, that no one else has opened."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | _BINARY
    for _ in range(100):
        temp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            os.close(os.open(temp, flags, mode))
            return temp
        except FileExistsError:
            continue
        except OSError as exc:  # named after the file asked for, not our temporary name
            raise OSError(exc.errno, exc.strerror) from None
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(folder))


def _remove(path: Path, side_files: bool = False) -> None:
    names = [path.name] + ([path.name + s for s in SQLITE_SIDE_FILES] if side_files else [])
    for name in names:
        try:
            os.remove(path.with_name(name))
        except OSError:
            pass


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | _BINARY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def temp_path(path: Path, *, exclusive: bool = False, private: bool = False) -> Iterator[Path]:
    """A temporary file for a library that saves to a path (SQLite's backup, …); it becomes
    `path` when the block ends without an error, and is removed otherwise.

    `exclusive`: never replace an existing file. `private`: readable by its owner only (a
    database copy); otherwise a replaced file keeps its permissions.
    """
    shown = Path(path)
    real, direct = _destination(shown)
    temp: Path | None = None
    try:
        if direct:  # a device or a pipe: the bytes are copied into it at the end
            folder = Path(tempfile.gettempdir())
        else:
            folder = real.parent
        temp = _new_temp(folder, real.name, 0o600 if private else 0o666)
        if not direct and not private and real.exists():
            os.chmod(temp, stat.S_IMODE(os.stat(real).st_mode))
        yield temp
        if direct:
            with open(temp, "rb") as source, open(real, "wb") as target:
                shutil.copyfileobj(source, target)
        else:
            _fsync(temp)
            if exclusive and os.path.lexists(real):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(shown))
            os.replace(temp, real)
            temp = None
    except OSError as exc:
        raise _file_error(shown, exc, temp, real) from None
    finally:
        if temp is not None:
            _remove(temp, side_files=True)


@contextmanager
def _handle(path: Path, mode: str, **text: Any) -> Iterator[IO[Any]]:
    shown = Path(path)
    real, direct = _destination(shown)
    try:
        if direct:
            with open(real, mode, **text) as handle:
                yield handle
            return
        with temp_path(shown) as temp, open(temp, mode, **text) as handle:
            yield handle
            handle.flush()
    except OSError as exc:
        raise _file_error(shown, exc, real) from None


@contextmanager
def text_output(
    path: Path | None, *, bom: bool = False, newline: str | None = ""
) -> Iterator[IO[str]]:
    """A text handle on `path` (UTF-8, with a BOM for Excel when asked), or stdout for None
    and `-`."""
    if is_stdout(path):
        yield sys.stdout
        return
    assert path is not None
    encoding = "utf-8-sig" if bom else "utf-8"
    with _handle(path, "w", encoding=encoding, newline=newline) as handle:
        yield handle


@contextmanager
def binary_output(path: Path) -> Iterator[IO[bytes]]:
    """A binary handle on `path`; `-` is standard output."""
    if is_stdout(path):
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with _handle(path, "wb") as handle:
        yield handle


def write_with(target: Path | IO[bytes], write: Callable[[IO[bytes]], object]) -> None:
    """Let a library that writes to a file object (openpyxl's save …) write `target` safely;
    a handle given instead of a path is written as it is.

    The library writes into a spooled buffer first and the bytes are copied to the file
    after: a library left half-way by an error (its zip never closed) then never touches a
    file we have closed, and a full disk is met by our own write, reported as one line."""
    if not isinstance(target, (str, os.PathLike)):  # a handle
        write(target)
        return
    if not is_stdout(target):
        refuse_database(target)
    # not closed on an error: the library's half-made zip still refers to it
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)  # noqa: SIM115
    try:
        write(spool)
    except OSError as exc:
        raise _file_error(Path(target), exc) from None
    spool.seek(0)
    with spool, binary_output(target) as handle:
        shutil.copyfileobj(spool, handle)
