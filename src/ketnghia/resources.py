"""Files shipped with ketnghia, found through importlib.resources: the sample province
(ketnghia/sample_data inside an installed package, data/sample in a source checkout) and the
administrative units and the communes' boundaries (ketnghia/admin_units, or data/admin-units),
the font the map is drawn with (ketnghia/fonts, or data/fonts)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ketnghia.errors import KetnghiaError

# A source checkout keeps the shipped files in data/, which the wheel puts into the package.
_SOURCE_DATA = Path(__file__).resolve().parents[2] / "data"
ADMIN_UNITS_FILE = "gia-lai-binh-dinh-2025-mapping.csv"
COMMUNES_GEOJSON = "gia-lai-2025-communes.geojson"


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


def _shipped_file(packaged: str, source: str, name: str) -> Path:
    candidates = [folder / name for folder in _shipped(packaged, source)]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise KetnghiaError("shipped_file_missing", paths=", ".join(str(c) for c in candidates))


def communes_geojson() -> Path:
    """The boundaries of today's communes and wards of Gia Lai (since 1-7-2025), keyed by the
    codes of the shipped mapping (MIT, © Thang Le Quoc; see the README beside it)."""
    return _shipped_file("admin_units", "admin-units", COMMUNES_GEOJSON)


def font_file(bold: bool = False) -> Path:
    """DejaVu Sans cut down to Latin and Vietnamese (Bitstream Vera License, beside it)."""
    return _shipped_file("fonts", "fonts", "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


def report_template() -> Path:
    """The default Word template of the annual report (built by tools/make_docx_template.py)."""
    return Path(str(resources.files("ketnghia") / "word_templates" / "bao-cao-nam.docx"))
