"""Readers: each yields (row number as the user sees it, list of cell values)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from ketnghia.errors import KetnghiaError


def read_csv(
    path: Path | str, encoding: str | None = None
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Header and rows of a CSV file (UTF-8, with or without BOM); '-' reads stdin."""
    if str(path) == "-":
        handle = io.TextIOWrapper(sys.stdin.buffer, encoding=encoding or "utf-8-sig", newline="")
    else:
        if not Path(path).exists():
            raise KetnghiaError("file_not_found", path=str(path))
        handle = open(path, encoding=encoding or "utf-8-sig", newline="")  # noqa: SIM115
    reader = csv.reader(handle)
    header = next(reader, [])

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, row in enumerate(reader, start=2):
                if any(cell.strip() for cell in row):
                    yield number, row
        finally:
            handle.close()

    return header, rows()
