"""Load files of records into the database, all or nothing.

This first loader goes through the services record by record, so that every rule is
enforced in one place; it reports every problem as FILE:ROW:COLUMN before anything is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session

from ketnghia.errors import InvalidValue, KetnghiaError
from ketnghia.importing.headers import guess_kind, map_headers
from ketnghia.importing.readers import read_csv
from ketnghia.schema import DEPENDENCY_ORDER, Kind, kind_from_name


@dataclass
class Problem:
    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.reason}"


class ImportFailed(KetnghiaError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("import_problems", count=len(problems))


@dataclass
class KindSummary:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


@dataclass
class Summary:
    kinds: dict[str, KindSummary] = field(default_factory=dict)

    def of(self, kind: str) -> KindSummary:
        return self.kinds.setdefault(kind, KindSummary())


@dataclass
class Source:
    path: Path | str
    kind: Kind
    header: list[str]
    rows: Any


def open_source(path: Path | str, kind_name: str | None = None) -> Source:
    header, rows = read_csv(path)
    kind = kind_from_name(kind_name) if kind_name else None
    if kind is None and str(path) != "-":
        kind = kind_from_name(Path(path).stem)
    if kind is None:
        kind = guess_kind(header)
    if kind is None:
        raise KetnghiaError("unknown_kind_file", path=str(path))
    return Source(path, kind, header, rows)


def import_files(session: Session, paths: Iterable[Path | str], kind: str | None = None) -> Summary:
    """Import every file into `session`'s transaction; raise ImportFailed listing problems."""
    sources = [open_source(p, kind) for p in paths]
    sources.sort(key=lambda s: DEPENDENCY_ORDER.index(s.kind.name))
    summary = Summary()
    problems: list[Problem] = []
    for source in sources:
        _load(session, source, summary, problems)
    if problems:
        raise ImportFailed(problems)
    return summary


def _load(session: Session, source: Source, summary: Summary, problems: list[Problem]) -> None:
    from ketnghia.services import registry

    name = Path(source.path).name if str(source.path) != "-" else "-"
    mapping, _unknown = map_headers(source.kind, source.header)
    columns = {key: source.header[pos] for pos, key in mapping.items()}
    missing = [f.key for f in source.kind.input_fields if f.required and f.key not in columns]
    if missing:
        for key in missing:
            problems.append(Problem(name, 1, key, _t("missing_column", column=key)))
        return
    adder = registry.ADDERS[source.kind.name]
    counts = summary.of(source.kind.name)
    for number, cells in source.rows:
        values = {key: cells[pos] if pos < len(cells) else None for pos, key in mapping.items()}
        try:
            with session.begin_nested():
                adder(session, values)
            counts.inserted += 1
        except InvalidValue as exc:
            problems.append(
                Problem(name, number, columns.get(exc.field, exc.field), exc.reason_text())
            )
        except KetnghiaError as exc:
            problems.append(Problem(name, number, "", exc.render()))


def _t(key: str, **params: Any) -> str:
    from ketnghia.i18n import t

    return t(key, **params)
