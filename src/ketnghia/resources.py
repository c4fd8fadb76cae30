"""Files shipped with ketnghia, found through importlib.resources: the sample province
(ketnghia/sample_data inside an installed package, data/sample in a source checkout) and the
administrative units (ketnghia/admin_units, or data/admin-units)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ketnghia.errors import KetnghiaError

# A source checkout keeps the shipped files in data/, which the wheel puts into the package.
_SOURCE_DATA = Path(__file__).resolve().parents[2] / "data"
ADMIN_UNITS_FILE = "gia-lai-binh-dinh-2025-mapping.csv"


def _shipped(packaged: str, source: str) -> list[Path]:
    """Where a shipped folder may be: in the installed package, else in the source tree."""
    inside = resources.files("ketnghia") / packaged
    return [Path(str(inside)), _SOURCE_DATA / source]


def sample_dir() -> Path:
    candidates = _shipped("sample_data", "sample")
    for candidate in candidates:
        if candidate.is_dir() and any(candidate.glob("*.xlsx")):
            return candidate
    raise KetnghiaError("sample_missing", paths=", ".join(str(c) for c in candidates))


def sample_files() -> list[Path]:
    """The workbook and the CSV files of the sample province (the importer orders them)."""
    folder = sample_dir()
    return sorted([*folder.glob("*.xlsx"), *folder.glob("*.csv")])


def admin_units_file() -> Path:
    """The shipped old→new mapping of Gia Lai and Bình Định's communes (1-7-2025)."""
    candidates = [folder / ADMIN_UNITS_FILE for folder in _shipped("admin_units", "admin-units")]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise KetnghiaError("sample_missing", paths=", ".join(str(c) for c in candidates))
