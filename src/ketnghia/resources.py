"""Files shipped with ketnghia: the sample province (data/sample in the source tree, or
ketnghia/sample_data inside an installed wheel)."""

from __future__ import annotations

from pathlib import Path

from ketnghia.errors import KetnghiaError

_PACKAGE = Path(__file__).resolve().parent


def sample_dir() -> Path:
    candidates = [_PACKAGE / "sample_data", _PACKAGE.parents[1] / "data" / "sample"]
    for candidate in candidates:
        if (candidate / "agencies.csv").exists():
            return candidate
    raise KetnghiaError("sample_missing", paths=", ".join(str(c) for c in candidates))


def sample_files() -> list[Path]:
    return sorted(sample_dir().glob("*.csv"))
