"""Files shipped with ketnghia: the sample province (data/sample in the source tree, or
ketnghia/sample_data inside an installed wheel)."""

from __future__ import annotations

from pathlib import Path

from ketnghia.errors import KetnghiaError

_PACKAGE = Path(__file__).resolve().parent


def sample_dir() -> Path:
    candidates = [_PACKAGE / "sample_data", _PACKAGE.parents[1] / "data" / "sample"]
    for candidate in candidates:
        if candidate.is_dir() and any(candidate.glob("*.xlsx")):
            return candidate
    raise KetnghiaError("sample_missing", paths=", ".join(str(c) for c in candidates))


def sample_files() -> list[Path]:
    """The workbook and the CSV files of the sample province (the importer orders them)."""
    folder = sample_dir()
    return sorted([*folder.glob("*.xlsx"), *folder.glob("*.csv")])
