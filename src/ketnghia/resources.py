"""Files shipped with ketnghia: the sample province (data/sample in the source tree, or
ketnghia/sample_data inside an installed wheel) and the administrative units (data/admin-units,
or ketnghia/admin_units)."""

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


ADMIN_UNITS_FILE = "gia-lai-binh-dinh-2025-mapping.csv"


def admin_units_file() -> Path:
    """The shipped old→new mapping of Gia Lai and Bình Định's communes (1-7-2025)."""
    candidates = [
        _PACKAGE / "admin_units" / ADMIN_UNITS_FILE,
        _PACKAGE.parents[1] / "data" / "admin-units" / ADMIN_UNITS_FILE,
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise KetnghiaError("sample_missing", paths=", ".join(str(c) for c in candidates))
